// The in-process AWS stand-ins: conditional writes, shard mapping, stream capture.
import { conditionHolds, createFakeAws, shardForKey } from '../../../../scripts/bench/fake-aws';
import type { SdkCall } from '../../../../scripts/bench/sdk-calls';

const call = (service: string, operation: string, body: unknown): SdkCall => ({ service, operation, body, entries: 1, requestBytes: 0 });

describe('conditionHolds', () => {
  const item = { id: { S: 'a' }, version: { N: '3' } };

  it('evaluates attribute_not_exists on the stored item', () => {
    expect(conditionHolds(undefined, { ConditionExpression: 'attribute_not_exists(#key)', ExpressionAttributeNames: { '#key': 'id' } })).toBe(true);
    expect(conditionHolds(item, { ConditionExpression: 'attribute_not_exists(id)' })).toBe(false);
  });

  it('compares an optimistic version', () => {
    const condition = { ConditionExpression: '#version = :expected', ExpressionAttributeNames: { '#version': 'version' } };
    expect(conditionHolds(item, { ...condition, ExpressionAttributeValues: { ':expected': { N: '3' } } })).toBe(true);
    expect(conditionHolds(item, { ...condition, ExpressionAttributeValues: { ':expected': { N: '2' } } })).toBe(false);
  });

  it('refuses conditions it does not understand instead of guessing', () => {
    expect(() => conditionHolds(item, { ConditionExpression: 'size(id) > :n' })).toThrow(/unsupported/);
  });
});

describe('shardForKey', () => {
  it('maps every key onto one of the shards, the same key always onto the same one', () => {
    const shards = new Set(Array.from({ length: 200 }, (_, index) => shardForKey(`key-${index}`, 4)));
    expect([...shards].sort()).toEqual([0, 1, 2, 3]);
    expect(shardForKey('key-1', 4)).toBe(shardForKey('key-1', 4));
  });
});

describe('createFakeAws', () => {
  it('rejects a second create-if-absent put with ConditionalCheckFailedException', () => {
    const aws = createFakeAws({ keySchemas: { t: ['id'] } });
    const put = { TableName: 't', Item: { id: { S: 'a' } }, ConditionExpression: 'attribute_not_exists(id)' };
    expect(aws.transport(call('DynamoDB', 'PutItem', put)).status).toBe(200);
    expect(aws.transport(call('DynamoDB', 'PutItem', put))).toMatchObject({ status: 400, body: { __type: expect.stringMatching(/#ConditionalCheckFailedException$/) as string } });
    expect(aws.itemCount('t')).toBe(1);
  });

  it('returns stored items from BatchGetItem and keeps put records per stream until taken', () => {
    const aws = createFakeAws({ keySchemas: { t: ['id'] } });
    aws.transport(call('DynamoDB', 'PutItem', { TableName: 't', Item: { id: { S: 'a' }, n: { N: '1' } } }));
    const read = aws.transport(call('DynamoDB', 'BatchGetItem', { RequestItems: { t: { Keys: [{ id: { S: 'a' } }, { id: { S: 'b' } }] } } }));
    expect(read.body).toEqual({ Responses: { t: [{ id: { S: 'a' }, n: { N: '1' } }] }, UnprocessedKeys: {} });

    aws.transport(call('Kinesis', 'PutRecords', { StreamName: 's', Records: [{ PartitionKey: 'k', Data: 'YQ==' }] }));
    expect(aws.takeKinesisRecords('s')).toEqual([expect.objectContaining({ partitionKey: 'k', data: 'YQ==' })]);
    expect(aws.takeKinesisRecords('s')).toEqual([]);
  });
});
