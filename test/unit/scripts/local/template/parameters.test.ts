// Parameter values: overrides over defaults, lists, and the errors CloudFormation itself would raise.
import { resolveParameters } from '../../../../../scripts/local/template/parameters';

const declarations = {
  Mode: { Type: 'String', Default: 'ON_DEMAND', AllowedValues: ['ON_DEMAND', 'PROVISIONED'] },
  Shards: { Type: 'Number', Default: 1 },
  Subnets: { Type: 'CommaDelimitedList', Default: 'a, b' },
  Required: { Type: 'String' },
};

describe('resolveParameters', () => {
  it('takes overrides over defaults; numbers become strings, lists become string lists', () => {
    expect(resolveParameters(declarations, { Required: 'x', Shards: '4' })).toEqual({ Mode: 'ON_DEMAND', Shards: '4', Subnets: ['a', 'b'], Required: 'x' });
  });

  it.each([
    [{}, 'Parameters.Required: no value given and no Default'],
    [{ Required: 'x', Mode: 'FAST' }, 'Parameters.Mode: FAST is not one of ON_DEMAND, PROVISIONED'],
    [{ Required: 'x', Shards: 'four' }, 'Parameters.Shards: four is not a number'],
    [{ Required: 'x', Unknown: '1' }, 'Parameters: Unknown is given a value but the template does not declare it'],
  ])('rejects %j', (overrides, message) => {
    expect(() => resolveParameters(declarations, overrides)).toThrow(message);
  });

  it('asks for an override instead of reading SSM Parameter Store', () => {
    expect(() => resolveParameters({ Ami: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/ami' } })).toThrow('pass the value as an override locally');
  });
});
