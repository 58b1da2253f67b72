// Unit tests: the bounded device Scan (eventually consistent pages up to the bound, items checked, version dropped).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { createDynamoDbDeviceScan } from '../../../../shared/aws/dynamodb-device-list';

const dynamo = mockClient(DynamoDBDocumentClient);
const scan = createDynamoDbDeviceScan(DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' })), { tableName: 'devices' });

const item = (deviceId: string) => ({
  deviceId,
  deviceType: 'cold-storage',
  latestReading: { readingId: 'r', sequence: 1, occurredAt: '2026-11-26T10:00:00.000Z', receivedAt: '2026-11-26T10:00:01.000Z', metrics: {} },
  lastSeenAt: '2026-11-26T10:00:00.000Z',
  firstSeenAt: '2026-11-26T10:00:00.000Z',
  lastMetricValues: {},
  counters: { readings: 1, lateReadings: 0 },
  lastSequenceByShard: {},
  version: 4,
});

beforeEach(() => dynamo.reset());

it('scans page after page with the remaining bound, and stops at the bound', async () => {
  dynamo
    .on(ScanCommand)
    .resolvesOnce({ Items: [item('a')], LastEvaluatedKey: { deviceId: 'a' } })
    .resolvesOnce({ Items: [item('b')], LastEvaluatedKey: { deviceId: 'b' } });

  const states = await scan.scanDevices(2);

  expect(states.map((state) => state.deviceId)).toEqual(['a', 'b']);
  expect(states[0]).not.toHaveProperty('version');
  expect(dynamo.commandCalls(ScanCommand).map((call) => call.args[0].input)).toEqual([
    { TableName: 'devices', Limit: 2, ExclusiveStartKey: undefined },
    { TableName: 'devices', Limit: 1, ExclusiveStartKey: { deviceId: 'a' } },
  ]);
});

it('rejects an item that is not a device state', async () => {
  dynamo.on(ScanCommand).resolves({ Items: [{ deviceId: 'x' }] });
  await expect(scan.scanDevices(10)).rejects.toThrow();
});
