// Unit tests: the scheduled stale-device Lambda with a mocked DynamoDB and the schedule's fixed time.
import { DynamoDBDocumentClient, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { ScheduledEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import type { Alert } from '../../../../shared/alerts/alert';
import type { StaleDeviceScanSummary } from '../../../../shared/iot/stale-device-scan';
import { lambdaContext } from '../../shared/fixtures/clickstream';

type Handler = (event: Partial<ScheduledEvent>, context: ReturnType<typeof lambdaContext>) => Promise<StaleDeviceScanSummary>;

const dynamo = mockClient(DynamoDBDocumentClient);
let handler: Handler;

beforeAll(async () => {
  Object.assign(process.env, {
    DEVICES_TABLE_NAME: 'iot-devices',
    ALERTS_TABLE_NAME: 'alerts',
    ALERT_TTL_DAYS: '30',
    POWERTOOLS_SERVICE_NAME: 'iot',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    AWS_REGION: 'eu-west-1',
  });
  ({ handler } = await import('../../../../functions/iot/detect-stale'));
});
beforeEach(() => {
  dynamo.reset();
  dynamo.on(ScanCommand).resolves({
    Items: [
      // Shipped rules: cold storage may be silent 10 minutes, pumps 5.
      { deviceId: 'fridge-1', deviceType: 'cold-storage', lastSeenAt: '2026-11-02T10:00:00.000Z' },
      { deviceId: 'fridge-2', deviceType: 'cold-storage', lastSeenAt: '2026-11-02T10:12:00.000Z' },
      { deviceId: 'pump-1', deviceType: 'pump', lastSeenAt: '2026-11-02T10:12:00.000Z' },
    ],
  });
  dynamo.on(PutCommand).resolves({});
});

const scheduled = (time: string): Partial<ScheduledEvent> => ({ 'detail-type': 'Scheduled Event', source: 'aws.events', time, detail: {} });

describe('detect-stale handler', () => {
  it('raises a stale alert for each device silent past its heartbeat rule at the scheduled time', async () => {
    const summary = await handler(scheduled('2026-11-02T10:20:00Z'), lambdaContext('iot-detect-stale'));

    expect(summary).toEqual({ devicesScanned: 3, staleDevices: 2, alertsRaised: 2 });
    const items = dynamo.commandCalls(PutCommand).map((call) => call.args[0].input);
    expect(items.map(({ TableName, Item, ConditionExpression }) => [TableName, (Item as Alert).entityId, (Item as Alert).alertId, ConditionExpression])).toEqual([
      ['alerts', 'device#fridge-1', '2026-11-02T10:00:00.000Z#stale#heartbeat', 'attribute_not_exists(alertId)'],
      ['alerts', 'device#pump-1', '2026-11-02T10:00:00.000Z#stale#heartbeat', 'attribute_not_exists(alertId)'],
    ]);
    expect((items[0]?.Item as Alert).detectedAt).toBe('2026-11-02T10:20:00.000Z');
  });

  it('counts alerts of a silence already reported as not raised again', async () => {
    dynamo.on(PutCommand).rejects(Object.assign(new Error('exists'), { name: 'ConditionalCheckFailedException' }));
    const summary = await handler(scheduled('2026-11-02T10:20:00Z'), lambdaContext('iot-detect-stale'));
    expect(summary).toEqual({ devicesScanned: 3, staleDevices: 2, alertsRaised: 0 });
  });

  it('throws when an alert cannot be written, so the invocation is retried', async () => {
    dynamo.on(PutCommand).rejects(Object.assign(new Error('slow down'), { name: 'ProvisionedThroughputExceededException' }));
    await expect(handler(scheduled('2026-11-02T10:20:00Z'), lambdaContext('iot-detect-stale'))).rejects.toThrow('slow down');
  });
});
