// Intrinsic functions, one by one, against a hand-made scope (parameters, two resources, one condition).
import { conditionTable } from '../../../../../scripts/local/template/conditions';
import { evaluateCondition, noValue, resolveValue, TemplateError, type IntrinsicScope } from '../../../../../scripts/local/template/intrinsics';

const pseudo = {
  region: 'eu-west-1',
  accountId: '123456789012',
  stackName: 'demo-local',
  stackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/demo-local/0000',
  partition: 'aws',
  urlSuffix: 'amazonaws.com',
};

const resources: Record<string, { physicalId: string; attributes: Record<string, string> }> = {
  Stream: { physicalId: 'demo-stream', attributes: { Arn: 'arn:aws:kinesis:eu-west-1:123456789012:stream/demo-stream' } },
  Queue: { physicalId: 'http://127.0.0.1:5000/123456789012/demo-dlq', attributes: { Arn: 'arn:aws:sqs:eu-west-1:123456789012:demo-dlq', QueueName: 'demo-dlq' } },
};

function scope(conditions: Record<string, unknown> = { IsProd: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] } }): IntrinsicScope {
  const base = (condition: IntrinsicScope['condition']): IntrinsicScope => ({
    pseudo,
    parameters: { Stage: 'local', ShardCount: '2', Zones: ['a', 'b'], Attribute: 'QueueName' },
    mappings: { Sizes: { local: { Memory: 256 } } },
    condition,
    isResource: (id) => id in resources,
    ref: (id) => resources[id]!.physicalId,
    getAtt: (id, attribute, path) => {
      const value = resources[id]!.attributes[attribute];
      if (value === undefined) throw new TemplateError(`${path}: ${id} has no attribute ${attribute}`);
      return value;
    },
  });
  return base(conditionTable(conditions, base));
}

const resolve = (value: unknown, within = scope()) => resolveValue(value, within, 'Resources.Test.Properties');

describe('Ref', () => {
  it.each([
    ['AWS::Region', 'eu-west-1'],
    ['AWS::AccountId', '123456789012'],
    ['AWS::StackName', 'demo-local'],
    ['AWS::StackId', pseudo.stackId],
    ['AWS::Partition', 'aws'],
    ['AWS::URLSuffix', 'amazonaws.com'],
  ])('resolves the pseudo parameter %s', (name, expected) => {
    expect(resolve({ Ref: name })).toBe(expected);
  });

  it('resolves parameters (lists stay lists) and resources (their physical id)', () => {
    expect(resolve({ a: { Ref: 'ShardCount' }, b: { Ref: 'Zones' }, c: { Ref: 'Queue' } })).toEqual({
      a: '2',
      b: ['a', 'b'],
      c: 'http://127.0.0.1:5000/123456789012/demo-dlq',
    });
  });

  it('removes a property or list element whose value is AWS::NoValue', () => {
    expect(resolve({ kept: 1, dropped: { Ref: 'AWS::NoValue' }, list: [1, { Ref: 'AWS::NoValue' }, 3] })).toEqual({ kept: 1, list: [1, 3] });
    expect(resolve({ Ref: 'AWS::NoValue' })).toBe(noValue);
  });

  it('names the path when the target does not exist', () => {
    expect(() => resolve({ x: [{ Ref: 'Missing' }] })).toThrow('Resources.Test.Properties.x[0].Ref: Missing is neither a parameter nor a resource');
  });
});

describe('Fn::GetAtt', () => {
  it('accepts the list form, the dotted string form and a Ref as the attribute name', () => {
    expect(resolve({ 'Fn::GetAtt': ['Stream', 'Arn'] })).toBe(resources.Stream!.attributes.Arn);
    expect(resolve({ 'Fn::GetAtt': 'Queue.QueueName' })).toBe('demo-dlq');
    expect(resolve({ 'Fn::GetAtt': ['Queue', { Ref: 'Attribute' }] })).toBe('demo-dlq');
  });

  it('rejects unknown resources and attributes with the path', () => {
    expect(() => resolve({ 'Fn::GetAtt': ['Nope', 'Arn'] })).toThrow('Resources.Test.Properties.Fn::GetAtt: Nope is not a resource');
    expect(() => resolve({ a: { 'Fn::GetAtt': ['Stream', 'Nope'] } })).toThrow('Properties.a.Fn::GetAtt: Stream has no attribute Nope');
    expect(() => resolve({ 'Fn::GetAtt': 'NoDot' })).toThrow('expected ["LogicalId", "Attribute"]');
  });
});

describe('Fn::Sub', () => {
  it('substitutes pseudo parameters, parameters, resource Refs and Resource.Attribute', () => {
    const text = '${AWS::StackName}-${Stage}/${Stream}/${Queue.Arn}@${AWS::Region}';
    expect(resolve({ 'Fn::Sub': text })).toBe(`demo-local-local/demo-stream/${resources.Queue!.attributes.Arn}@eu-west-1`);
  });

  it('keeps ${!Literal} as the literal ${Literal}', () => {
    expect(resolve({ 'Fn::Sub': 's3://${Stream}/event_date=${!event_date}/hour=${!event_hour}/' })).toBe(
      's3://demo-stream/event_date=${event_date}/hour=${event_hour}/',
    );
  });

  it('takes variables from the map form, which may hold intrinsics and shadow other names', () => {
    const value = { 'Fn::Sub': ['${Prefix}-${Stage}-${Arn}', { Prefix: 'p', Stage: 'shadowed', Arn: { 'Fn::GetAtt': ['Stream', 'Arn'] } }] };
    expect(resolve(value)).toBe(`p-shadowed-${resources.Stream!.attributes.Arn}`);
  });

  it('reports an unknown name and a malformed argument', () => {
    expect(() => resolve({ 'Fn::Sub': '${Unknown}' })).toThrow('Unknown is neither a parameter nor a resource');
    expect(() => resolve({ 'Fn::Sub': '${Unknown.Arn}' })).toThrow('Unknown is not a resource');
    expect(() => resolve({ 'Fn::Sub': ['a', 'b'] })).toThrow('expected "text" or ["text", {variables}]');
  });
});

describe('list functions', () => {
  it('joins resolved items, including lists produced by other functions', () => {
    expect(resolve({ 'Fn::Join': [':', ['arn', { Ref: 'AWS::Partition' }, 'sqs', 3]] })).toBe('arn:aws:sqs:3');
    expect(resolve({ 'Fn::Join': ['-', { 'Fn::Split': [',', 'a,b,c'] }] })).toBe('a-b-c');
  });

  it('selects by number or numeric string, and rejects an index out of range', () => {
    expect(resolve({ 'Fn::Select': [1, ['x', 'y']] })).toBe('y');
    expect(resolve({ 'Fn::Select': ['0', { Ref: 'Zones' }] })).toBe('a');
    expect(() => resolve({ 'Fn::Select': [2, ['x', 'y']] })).toThrow('index 2 is outside the list of 2');
  });

  it('splits a resolved string', () => {
    expect(resolve({ 'Fn::Split': ['/', { 'Fn::Sub': '${Stream}/x' }] })).toEqual(['demo-stream', 'x']);
  });

  it('answers Fn::GetAZs with three zones of the region (current region for "")', () => {
    expect(resolve({ 'Fn::GetAZs': '' })).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
    expect(resolve({ 'Fn::Select': [0, { 'Fn::GetAZs': { Ref: 'AWS::Region' } }] })).toBe('eu-west-1a');
  });

  it('encodes Fn::Base64 and looks up Fn::FindInMap', () => {
    expect(resolve({ 'Fn::Base64': { 'Fn::Sub': '${Stage}' } })).toBe(Buffer.from('local').toString('base64'));
    expect(resolve({ 'Fn::FindInMap': ['Sizes', { Ref: 'Stage' }, 'Memory'] })).toBe(256);
    expect(() => resolve({ 'Fn::FindInMap': ['Sizes', 'prod', 'Memory'] })).toThrow('no mapping entry Sizes → prod → Memory');
  });
});

describe('Fn::If and conditions', () => {
  it('picks the branch of the named condition; NoValue in the branch removes the property', () => {
    const properties = {
      Mode: { 'Fn::If': ['IsProd', 'PROVISIONED', 'ON_DEMAND'] },
      ShardCount: { 'Fn::If': ['IsProd', { Ref: 'ShardCount' }, { Ref: 'AWS::NoValue' }] },
    };
    expect(resolve(properties)).toEqual({ Mode: 'ON_DEMAND' });
  });

  it('does not evaluate the branch it does not take', () => {
    expect(resolve({ 'Fn::If': ['IsProd', { Ref: 'Missing' }, 'fine'] })).toBe('fine');
  });

  it('evaluates Equals (as strings), Not, And, Or and Condition references', () => {
    const within = scope({
      IsLocal: { 'Fn::Equals': ['local', { Ref: 'Stage' }] },
      TwoShards: { 'Fn::Equals': [{ Ref: 'ShardCount' }, 2] },
      NotLocal: { 'Fn::Not': [{ Condition: 'IsLocal' }] },
      Both: { 'Fn::And': [{ Condition: 'IsLocal' }, { Condition: 'TwoShards' }] },
      Either: { 'Fn::Or': [{ Condition: 'NotLocal' }, { 'Fn::Equals': ['a', 'b'] }] },
    });
    const check = (name: string) => evaluateCondition({ Condition: name }, within, 'test');
    expect([check('IsLocal'), check('TwoShards'), check('NotLocal'), check('Both'), check('Either')]).toEqual([true, true, false, true, false]);
  });

  it('reports unknown conditions, cycles and malformed condition functions', () => {
    expect(() => resolve({ 'Fn::If': ['Nope', 1, 2] })).toThrow('no condition named Nope');
    const cyclic = scope({ A: { 'Fn::Not': [{ Condition: 'B' }] }, B: { 'Fn::Not': [{ Condition: 'A' }] } });
    expect(() => resolve({ 'Fn::If': ['A', 1, 2] }, cyclic)).toThrow('conditions refer to each other in a cycle (A → B → A)');
    expect(() => evaluateCondition({ 'Fn::And': [true] }, scope(), 'Conditions.X')).toThrow('Conditions.X.Fn::And: expected a list of 2 to 10 arguments');
  });
});

describe('unsupported intrinsics', () => {
  it('names the function and the path', () => {
    expect(() => resolve({ Subnets: [{ 'Fn::Cidr': ['10.0.0.0/16', 2, 8] }] })).toThrow(
      'Resources.Test.Properties.Subnets[0]: unsupported intrinsic function Fn::Cidr',
    );
  });

  it('explains why Fn::ImportValue cannot work locally', () => {
    expect(() => resolve({ Vpc: { 'Fn::ImportValue': 'shared-vpc' } })).toThrow(/Properties\.Vpc: Fn::ImportValue reads another stack's exports/);
  });

  it('leaves objects with several keys (like IAM statements with a Condition) alone', () => {
    const statement = { Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } };
    expect(resolve(statement)).toEqual(statement);
  });
});
