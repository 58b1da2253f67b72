// Lambda function specs: Lambda's defaults, string environment values, and the errors for what cannot run locally.
import { lambdaFunctionSpecs } from '../../../../../scripts/local/template/functions';
import type { ResolvedResource } from '../../../../../scripts/local/types';

const lambda = (properties: Record<string, unknown>): ResolvedResource => ({
  logicalId: 'Fn',
  type: 'AWS::Lambda::Function',
  properties: { Handler: 'functions/x.handler', Role: 'arn:aws:iam::123456789012:role/r', ...properties },
  physicalId: 'stack-fn',
  attributes: { Arn: 'arn:aws:lambda:us-east-1:123456789012:function:stack-fn' },
});

describe('lambdaFunctionSpecs', () => {
  it("applies Lambda's defaults (3 s, 128 MB) and turns numbers and booleans into strings", () => {
    const [spec] = lambdaFunctionSpecs([lambda({ Environment: { Variables: { A: 'a', B: 2, C: true } } })]);
    expect(spec).toMatchObject({ functionName: 'stack-fn', timeoutSeconds: 3, memorySizeMb: 128, environment: { A: 'a', B: '2', C: 'true' } });
  });

  it('ignores resources of other types', () => {
    expect(lambdaFunctionSpecs([{ ...lambda({}), type: 'AWS::SQS::Queue' }])).toEqual([]);
  });

  it.each([
    [{ Environment: { Variables: { A: { nested: 1 } } } }, 'Resources.Fn.Properties.Environment.Variables.A: Lambda environment values are strings'],
    [{ Handler: undefined, PackageType: 'Image' }, 'Resources.Fn.Properties.Handler: expected a string (image functions are not run locally)'],
    [{ Timeout: 0 }, 'Resources.Fn.Properties.Timeout: expected a positive number'],
  ])('rejects %j', (properties, message) => {
    expect(() => lambdaFunctionSpecs([lambda(properties)])).toThrow(message);
  });
});
