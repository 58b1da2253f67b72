// Unit tests: the DynamoDB AlertStore (conditional put with the domain attribute, duplicates, errors, Query shapes, paging).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import type { Alert } from '../../../../shared/alerts/alert';
import { createDynamoDbAlertStore } from '../../../../shared/aws/dynamodb-alert-store';

const TABLE = 'alerts';
const dynamo = mockClient(DynamoDBDocumentClient);
const store = createDynamoDbAlertStore(DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' })), { tableName: TABLE });

const alert = (alertId: string, overrides: Partial<Alert> = {}): Alert => ({
  entityId: 'device#fridge-1',
  alertId,
  rule: 'above-max',
  severity: 'high',
  reasons: ['temperature 9.1 °C above max 8 °C'],
  occurredAt: '2026-11-02T10:02:00.000Z',
  detectedAt: '2026-11-02T10:02:01.000Z',
  status: 'open',
  details: { metric: 'temperature', value: 9.1, unit: '°C', max: 8, note: null },
  expiresAt: 1_796_212_800,
  ...overrides,
});

const awsError = (name: string, fault: 'client' | 'server' = 'client') =>
  Object.assign(new Error(name), { name, $fault: fault, $metadata: {} });

beforeEach(() => dynamo.reset());

describe('DynamoDB alert store: raise', () => {
  it('puts each alert on condition that its key is new, and returns the ones written', async () => {
    dynamo.on(PutCommand).resolves({});
    const alerts = [alert('a1'), alert('a2')];

    await expect(store.raise(alerts)).resolves.toEqual(alerts);

    expect(dynamo.commandCalls(PutCommand).map((call) => call.args[0].input)).toEqual([
      { TableName: TABLE, Item: { ...alerts[0], domain: 'iot' }, ConditionExpression: 'attribute_not_exists(alertId)' },
      { TableName: TABLE, Item: { ...alerts[1], domain: 'iot' }, ConditionExpression: 'attribute_not_exists(alertId)' },
    ]);
  });

  it.each([
    ['card#tok_1', 'payments'],
    ['camera#cam-1', 'video'],
  ])('stores %s under the domain %s, for the byDomain index', async (entityId, domain) => {
    dynamo.on(PutCommand).resolves({});
    await store.raise([alert('a1', { entityId })]);
    expect(dynamo.commandCalls(PutCommand)[0]?.args[0].input.Item).toEqual({ ...alert('a1', { entityId }), domain });
  });

  it('writes an alert of an unknown namespace without a domain (it stays out of the sparse index)', async () => {
    dynamo.on(PutCommand).resolves({});
    await store.raise([alert('a1', { entityId: 'robot#r2' })]);
    expect(dynamo.commandCalls(PutCommand)[0]?.args[0].input.Item).not.toHaveProperty('domain');
  });

  it('treats a failed condition as "already raised": not an error, not returned as new', async () => {
    dynamo.on(PutCommand).resolves({});
    dynamo.on(PutCommand, { Item: { ...alert('a1'), domain: 'iot' } }).rejects(awsError('ConditionalCheckFailedException'));

    await expect(store.raise([alert('a1'), alert('a2')])).resolves.toEqual([alert('a2')]);
  });

  it('attempts every alert, then throws the first real error so the caller retries', async () => {
    dynamo.on(PutCommand).resolves({});
    dynamo.on(PutCommand, { Item: { ...alert('a1'), domain: 'iot' } }).rejects(awsError('ProvisionedThroughputExceededException'));

    await expect(store.raise([alert('a1'), alert('a2')])).rejects.toMatchObject({ name: 'ProvisionedThroughputExceededException' });
    expect(dynamo.commandCalls(PutCommand)).toHaveLength(2);
  });

  it('makes no call for no alerts', async () => {
    await expect(store.raise([])).resolves.toEqual([]);
    expect(dynamo.calls()).toHaveLength(0);
  });
});

describe('DynamoDB alert store: listByEntity', () => {
  it('queries the entity newest first, with Limit when there is no filter', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [alert('a2'), alert('a1')] });

    await expect(store.listByEntity('device#fridge-1', { limit: 2 })).resolves.toEqual([alert('a2'), alert('a1')]);

    expect(dynamo.commandCalls(QueryCommand)[0]?.args[0].input).toEqual({
      TableName: TABLE,
      KeyConditionExpression: '#entityId = :entityId',
      ExpressionAttributeNames: { '#entityId': 'entityId' },
      ExpressionAttributeValues: { ':entityId': 'device#fridge-1' },
      ScanIndexForward: false,
      Limit: 2,
      ExclusiveStartKey: undefined,
    });
  });

  it('filters by status (a reserved word) and pages on until the limit is reached', async () => {
    const page2Key = { entityId: 'device#fridge-1', alertId: 'a3' };
    dynamo
      .on(QueryCommand)
      .resolvesOnce({ Items: [alert('a5')], LastEvaluatedKey: page2Key })
      .resolvesOnce({ Items: [alert('a3'), alert('a2')], LastEvaluatedKey: { entityId: 'device#fridge-1', alertId: 'a2' } });

    const listed = await store.listByEntity('device#fridge-1', { status: 'open', limit: 2 });

    expect(listed.map((a) => a.alertId)).toEqual(['a5', 'a3']);
    const calls = dynamo.commandCalls(QueryCommand).map((call) => call.args[0].input);
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatchObject({
      FilterExpression: '#status = :status',
      ExpressionAttributeNames: { '#entityId': 'entityId', '#status': 'status' },
      ExpressionAttributeValues: { ':entityId': 'device#fridge-1', ':status': 'open' },
      ScanIndexForward: false,
      Limit: undefined,
    });
    expect(calls[1]?.ExclusiveStartKey).toEqual(page2Key);
  });

  it('reads every page when no limit is given', async () => {
    dynamo
      .on(QueryCommand)
      .resolvesOnce({ Items: [alert('a2')], LastEvaluatedKey: { entityId: 'device#fridge-1', alertId: 'a2' } })
      .resolvesOnce({ Items: [alert('a1', { score: 80 })] });
    expect((await store.listByEntity('device#fridge-1')).map((a) => a.alertId)).toEqual(['a2', 'a1']);
  });

  it('rejects an item that is not an alert instead of passing it on', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [{ entityId: 'device#fridge-1', alertId: 'a1' }] });
    await expect(store.listByEntity('device#fridge-1')).rejects.toThrow();
  });
});

describe('DynamoDB alert store: listByDomain', () => {
  it('queries the byDomain index newest first with the limit, and drops the index attribute', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [{ ...alert('a2'), domain: 'iot' }] });

    await expect(store.listByDomain('iot', { limit: 5 })).resolves.toEqual([alert('a2')]);

    expect(dynamo.commandCalls(QueryCommand)[0]?.args[0].input).toEqual({
      TableName: TABLE,
      IndexName: 'byDomain',
      KeyConditionExpression: '#domain = :domain',
      ExpressionAttributeNames: { '#domain': 'domain' },
      ExpressionAttributeValues: { ':domain': 'iot' },
      ScanIndexForward: false,
      Limit: 5,
      ExclusiveStartKey: undefined,
    });
  });

  it('pages on with the remaining limit until it has enough or the index has no more', async () => {
    const lastKey = { domain: 'payments', detectedAt: '2026-11-02T10:02:01.000Z', entityId: 'card#tok_1', alertId: 'a3' };
    dynamo
      .on(QueryCommand)
      .resolvesOnce({ Items: [alert('a4', { entityId: 'card#tok_1' })], LastEvaluatedKey: lastKey })
      .resolvesOnce({ Items: [alert('a3', { entityId: 'card#tok_1' })] });

    const listed = await store.listByDomain('payments', { limit: 3 });

    expect(listed.map((a) => a.alertId)).toEqual(['a4', 'a3']);
    const calls = dynamo.commandCalls(QueryCommand).map((call) => call.args[0].input);
    expect(calls.map((input) => [input.Limit, input.ExclusiveStartKey])).toEqual([
      [3, undefined],
      [2, lastKey],
    ]);
  });
});
