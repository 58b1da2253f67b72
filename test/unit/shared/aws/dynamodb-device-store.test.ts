// Unit tests: the DynamoDB DeviceStore (consistent batched reads with UnprocessedKeys, versioned writes, paged scan).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { createDynamoDbDeviceStore } from '../../../../shared/aws/dynamodb-device-store';
import { applyReadings } from '../../../../shared/iot/device-readings';
import type { DeviceState } from '../../../../shared/iot/device-state';
import { instantRetryPolicy } from '../fixtures/clickstream';
import { EVALUATION, sequenced, testRules } from '../iot/fixtures';

const TABLE = 'devices';
const dynamo = mockClient(DynamoDBDocumentClient);
const store = createDynamoDbDeviceStore(DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' })), {
  tableName: TABLE,
  retryPolicy: instantRetryPolicy(3),
});

const stateOf = (deviceId: string): DeviceState =>
  applyReadings(undefined, [sequenced(1, { deviceId })], testRules, EVALUATION).next as DeviceState;
const item = (deviceId: string, version = 1) => ({ ...stateOf(deviceId), version });

beforeEach(() => dynamo.reset());

describe('DynamoDB device store', () => {
  it('reads many devices consistently in one BatchGetItem, and reports missing ones as absent', async () => {
    dynamo.on(BatchGetCommand).resolves({ Responses: { [TABLE]: [item('fridge-1', 4)] } });

    const reads = await store.readMany(['fridge-1', 'fridge-2']);

    expect(reads).toEqual(
      new Map([
        ['fridge-1', { ok: true, device: { state: stateOf('fridge-1'), version: 4 } }],
        ['fridge-2', { ok: true, device: undefined }],
      ]),
    );
    expect(dynamo.commandCalls(BatchGetCommand)[0]?.args[0].input).toEqual({
      RequestItems: { [TABLE]: { Keys: [{ deviceId: 'fridge-1' }, { deviceId: 'fridge-2' }], ConsistentRead: true } },
    });
  });

  it('reads unprocessed keys again, and reports a device still unprocessed after the retries', async () => {
    dynamo
      .on(BatchGetCommand)
      .resolvesOnce({ Responses: { [TABLE]: [item('fridge-1')] }, UnprocessedKeys: { [TABLE]: { Keys: [{ deviceId: 'fridge-2' }] } } })
      .resolves({ Responses: { [TABLE]: [] }, UnprocessedKeys: { [TABLE]: { Keys: [{ deviceId: 'fridge-2' }] } } });

    const reads = await store.readMany(['fridge-1', 'fridge-2']);

    expect(reads.get('fridge-1')).toMatchObject({ ok: true, device: { version: 1 } });
    expect(reads.get('fridge-2')).toEqual({ ok: false, errorCode: 'UnprocessedKeys', errorMessage: undefined });
    expect(dynamo.commandCalls(BatchGetCommand).map((call) => call.args[0].input.RequestItems?.[TABLE]?.Keys)).toEqual([
      [{ deviceId: 'fridge-1' }, { deviceId: 'fridge-2' }],
      [{ deviceId: 'fridge-2' }],
      [{ deviceId: 'fridge-2' }],
    ]);
  });

  it('fails only the device whose stored item is not valid state', async () => {
    dynamo.on(BatchGetCommand).resolves({ Responses: { [TABLE]: [item('fridge-1'), { deviceId: 'fridge-2', version: 1 }] } });
    const reads = await store.readMany(['fridge-1', 'fridge-2']);
    expect(reads.get('fridge-1')?.ok).toBe(true);
    expect(reads.get('fridge-2')).toMatchObject({ ok: false, errorCode: 'InvalidStoredDevice' });
  });

  it('reads one device consistently', async () => {
    dynamo.on(GetCommand).resolves({ Item: item('fridge-1', 2) });
    await expect(store.read('fridge-1')).resolves.toEqual({ state: stateOf('fridge-1'), version: 2 });
    expect(dynamo.commandCalls(GetCommand)[0]?.args[0].input).toEqual({ TableName: TABLE, Key: { deviceId: 'fridge-1' }, ConsistentRead: true });

    dynamo.on(GetCommand).resolves({});
    await expect(store.read('fridge-9')).resolves.toBeUndefined();
  });

  it('creates a device only if it does not exist, and updates it only at the version it was read at', async () => {
    dynamo.on(PutCommand).resolves({});
    await expect(store.writeIfVersion(stateOf('fridge-1'), undefined)).resolves.toBe('written');
    await expect(store.writeIfVersion(stateOf('fridge-1'), 3)).resolves.toBe('written');

    const [create, update] = dynamo.commandCalls(PutCommand).map((call) => call.args[0].input);
    expect(create).toEqual({
      TableName: TABLE,
      Item: item('fridge-1', 1),
      ConditionExpression: 'attribute_not_exists(#key)',
      ExpressionAttributeNames: { '#key': 'deviceId' },
    });
    expect(update).toEqual({
      TableName: TABLE,
      Item: item('fridge-1', 4),
      ConditionExpression: '#version = :expected',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':expected': 3 },
    });
  });

  it('answers "conflict" for a failed condition and throws anything else', async () => {
    dynamo.on(PutCommand).rejects(Object.assign(new Error('no'), { name: 'ConditionalCheckFailedException' }));
    await expect(store.writeIfVersion(stateOf('fridge-1'), 1)).resolves.toBe('conflict');

    dynamo.reset();
    dynamo.on(PutCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    await expect(store.writeIfVersion(stateOf('fridge-1'), 1)).rejects.toThrow('denied');
  });

  it('scans the heartbeat fields page by page', async () => {
    const heartbeat = (deviceId: string) => ({ deviceId, deviceType: 'cold-storage', lastSeenAt: '2026-11-02T10:00:00.000Z' });
    dynamo
      .on(ScanCommand)
      .resolvesOnce({ Items: [heartbeat('fridge-1')], LastEvaluatedKey: { deviceId: 'fridge-1' } })
      .resolvesOnce({ Items: [heartbeat('fridge-2')] });

    const pages: unknown[] = [];
    for await (const page of store.scanHeartbeats()) pages.push(page);

    expect(pages).toEqual([[heartbeat('fridge-1')], [heartbeat('fridge-2')]]);
    const calls = dynamo.commandCalls(ScanCommand).map((call) => call.args[0].input);
    expect(calls[0]).toEqual({
      TableName: TABLE,
      ProjectionExpression: '#deviceId, #deviceType, #lastSeenAt',
      ExpressionAttributeNames: { '#deviceId': 'deviceId', '#deviceType': 'deviceType', '#lastSeenAt': 'lastSeenAt' },
      ExclusiveStartKey: undefined,
    });
    expect(calls[1]?.ExclusiveStartKey).toEqual({ deviceId: 'fridge-1' });
  });
});
