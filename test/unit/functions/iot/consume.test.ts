// Unit tests: the IoT consume Lambda end to end with mocked DynamoDB (devices + alerts), Firehose and SQS.
import { FirehoseClient, PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, PutCommand, type PutCommandInput } from '@aws-sdk/lib-dynamodb';
import type { KinesisStreamBatchResponse, KinesisStreamEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import type { IotRecord } from '../../../../shared/events/iot';
import { kinesisEvent, kinesisRecord, lambdaContext } from '../../shared/fixtures/clickstream';
import { at, iotRecord, uuid } from '../../shared/iot/fixtures';

type Handler = (event: KinesisStreamEvent, context: ReturnType<typeof lambdaContext>) => Promise<KinesisStreamBatchResponse>;

const ENV = {
  DEVICES_TABLE_NAME: 'iot-devices',
  ALERTS_TABLE_NAME: 'alerts',
  DELIVERY_STREAM_NAME: 'iot-archive',
  DEAD_LETTER_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/iot-dlq',
  ALERT_TTL_DAYS: '30',
  POWERTOOLS_SERVICE_NAME: 'iot',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  AWS_REGION: 'eu-west-1',
};

const dynamo = mockClient(DynamoDBDocumentClient);
const firehose = mockClient(FirehoseClient);
const sqs = mockClient(SQSClient);
/** The two tables as the mocked DocumentClient sees them, with DynamoDB's conditional-write semantics. */
const devices = new Map<string, Record<string, unknown>>();
const alerts = new Map<string, Record<string, unknown>>();
let handler: Handler;

beforeAll(async () => {
  Object.assign(process.env, ENV);
  ({ handler } = await import('../../../../functions/iot/consume'));
});

const conditionFailed = () =>
  Promise.reject(Object.assign(new Error('The conditional request failed'), { name: 'ConditionalCheckFailedException', $fault: 'client' }));

function putDevice({ Item, ConditionExpression, ExpressionAttributeValues }: PutCommandInput) {
  const item = Item as { deviceId: string };
  const stored = devices.get(item.deviceId);
  const expected = ExpressionAttributeValues?.[':expected'] as number | undefined;
  const holds = ConditionExpression === 'attribute_not_exists(#key)' ? stored === undefined : stored?.version === expected;
  if (!holds) return conditionFailed();
  devices.set(item.deviceId, Item as Record<string, unknown>);
  return Promise.resolve({});
}

function emulateTables(throttledAlertEntities: string[] = []) {
  dynamo.on(BatchGetCommand).callsFake((input: { RequestItems: Record<string, { Keys: Array<{ deviceId: string }> }> }) => ({
    Responses: {
      [ENV.DEVICES_TABLE_NAME]: (input.RequestItems[ENV.DEVICES_TABLE_NAME]?.Keys ?? []).flatMap(({ deviceId }) => devices.get(deviceId) ?? []),
    },
  }));
  dynamo.on(GetCommand).callsFake((input: { Key: { deviceId: string } }) => ({ Item: devices.get(input.Key.deviceId) }));
  dynamo.on(PutCommand).callsFake((input: PutCommandInput) => {
    if (input.TableName === ENV.DEVICES_TABLE_NAME) return putDevice(input);
    const alert = input.Item as { entityId: string; alertId: string };
    if (throttledAlertEntities.includes(alert.entityId)) {
      return Promise.reject(Object.assign(new Error('slow down'), { name: 'ProvisionedThroughputExceededException', $fault: 'client' }));
    }
    const key = `${alert.entityId}|${alert.alertId}`;
    if (alerts.has(key)) return conditionFailed();
    alerts.set(key, input.Item as Record<string, unknown>);
    return Promise.resolve({});
  });
}

beforeEach(() => {
  devices.clear();
  alerts.clear();
  dynamo.reset();
  firehose.reset();
  sqs.reset();
  jest.spyOn(Math, 'random').mockReturnValue(0);
  emulateTables();
  firehose.on(PutRecordBatchCommand).callsFake((input: { Records: unknown[] }) => ({
    FailedPutCount: 0,
    RequestResponses: input.Records.map((_, i) => ({ RecordId: `r${i}` })),
  }));
  sqs.on(SendMessageBatchCommand).callsFake((input: { Entries: Array<{ Id: string }> }) => ({
    Successful: input.Entries.map((e) => ({ Id: e.Id, MessageId: `m${e.Id}`, MD5OfMessageBody: '' })),
    Failed: [],
  }));
});
afterEach(() => jest.restoreAllMocks());

/**
 * Stream record `streamSequence` carrying reading `n` of a device (measured n minutes after T0).
 * Relies on the shipped rules only for clear-cut values: a cold room at 15 °C is above any sensible maximum.
 */
function readingRecord(streamSequence: number, n: number, overrides: Partial<IotRecord> = {}) {
  const payload = iotRecord({ readingId: uuid(n), sequence: n, occurredAt: at(n * 60), receivedAt: at(n * 60 + 1), ...overrides });
  return kinesisRecord(String(streamSequence), payload, { partitionKey: payload.deviceId });
}
const failedIds = (response: KinesisStreamBatchResponse) => response.batchItemFailures.map((f) => f.itemIdentifier);
const archived = () =>
  firehose
    .commandCalls(PutRecordBatchCommand)
    .flatMap((c) => c.args[0].input.Records?.map((r) => JSON.parse(Buffer.from(r.Data ?? []).toString()) as IotRecord) ?? []);
const putsTo = (table: string) => dynamo.commandCalls(PutCommand).filter((call) => call.args[0].input.TableName === table);

describe('IoT consume handler', () => {
  it('stores device state, raises alerts and archives every reading', async () => {
    const response = await handler(
      kinesisEvent([readingRecord(1, 1), readingRecord(2, 1, { deviceId: 'fridge-2' }), readingRecord(3, 2, { metrics: { temperature: 15 } })]),
      lambdaContext('iot-consume'),
    );

    expect(response).toEqual({ batchItemFailures: [] });
    expect(devices.get('fridge-1')).toMatchObject({ version: 1, latestReading: { sequence: 2 }, counters: { readings: 2 } });
    expect(devices.get('fridge-2')).toMatchObject({ version: 1 });
    expect([...alerts.values()]).toContainEqual(
      expect.objectContaining({
        entityId: 'device#fridge-1',
        alertId: '2026-11-02T10:00:00.000Z#above-max#temperature',
        status: 'open',
      }),
    );
    expect(firehose.commandCalls(PutRecordBatchCommand)[0]?.args[0].input.DeliveryStreamName).toBe('iot-archive');
    expect(archived().map((record) => record.readingId)).toEqual([uuid(1), uuid(1), uuid(2)]);
  });

  it('dead-letters a poison record without failing the batch', async () => {
    const poison = kinesisRecord('2', '{"readingId": ', { partitionKey: 'fridge-1' });
    const invalid = kinesisRecord('3', { ...iotRecord(), metrics: {} }, { partitionKey: 'fridge-1' });
    const response = await handler(kinesisEvent([readingRecord(1, 1), poison, invalid, readingRecord(4, 2)]), lambdaContext('iot-consume'));

    expect(failedIds(response)).toEqual([]);
    const letters = sqs
      .commandCalls(SendMessageBatchCommand)
      .flatMap((call) => call.args[0].input.Entries?.map((entry) => JSON.parse(entry.MessageBody ?? '') as object) ?? []);
    expect(letters).toEqual([
      expect.objectContaining({ reason: 'invalid-json', source: expect.objectContaining({ sequenceNumber: '2' }) as object }),
      expect.objectContaining({ reason: 'schema-validation', errors: [expect.objectContaining({ path: 'metrics' })] }),
    ]);
    expect(devices.get('fridge-1')).toMatchObject({ counters: { readings: 2 } });
  });

  it('keeps the newest reading when readings arrive out of order, and still alerts on a late anomaly', async () => {
    const response = await handler(
      kinesisEvent([readingRecord(1, 5), readingRecord(2, 3, { metrics: { temperature: 15 } }), readingRecord(3, 4)]),
      lambdaContext('iot-consume'),
    );

    expect(response).toEqual({ batchItemFailures: [] });
    expect(devices.get('fridge-1')).toMatchObject({
      latestReading: { sequence: 5, occurredAt: at(300) },
      lastSeenAt: at(300),
      firstSeenAt: at(180),
      counters: { readings: 3, lateReadings: 2 },
    });
    expect([...alerts.values()].map((alert) => alert.rule)).toEqual(['above-max']); // no rate of change for late readings
  });

  it('changes nothing when a batch is redelivered', async () => {
    const batch = kinesisEvent([readingRecord(1, 1), readingRecord(2, 2, { metrics: { temperature: 15 } })]);
    await handler(batch, lambdaContext('iot-consume'));
    const stored = structuredClone({ devices: Object.fromEntries(devices), alerts: Object.fromEntries(alerts) });
    dynamo.resetHistory();

    const response = await handler(batch, lambdaContext('iot-consume'));

    expect(response).toEqual({ batchItemFailures: [] });
    expect(dynamo.commandCalls(PutCommand)).toHaveLength(0);
    expect({ devices: Object.fromEntries(devices), alerts: Object.fromEntries(alerts) }).toEqual(stored);
  });

  it('fails the records of a device whose alert could not be written, stores nothing for it, and recovers on retry', async () => {
    dynamo.reset();
    emulateTables(['device#fridge-1']);
    const batch = kinesisEvent([
      readingRecord(1, 1, { metrics: { temperature: 15 } }),
      readingRecord(2, 1, { deviceId: 'fridge-2' }),
      readingRecord(3, 2),
    ]);

    expect(failedIds(await handler(batch, lambdaContext('iot-consume')))).toEqual(['1', '3']);
    expect(devices.has('fridge-1')).toBe(false);
    expect(putsTo(ENV.DEVICES_TABLE_NAME).map((call) => (call.args[0].input.Item as { deviceId: string }).deviceId)).toEqual(['fridge-2']);
    expect(archived().map((record) => record.deviceId)).toEqual(['fridge-2']);

    dynamo.reset();
    emulateTables();
    expect(failedIds(await handler(batch, lambdaContext('iot-consume')))).toEqual([]);
    expect(devices.get('fridge-1')).toMatchObject({ counters: { readings: 2 } });
    expect([...alerts.keys()]).toEqual([
      'device#fridge-1|2026-11-02T10:00:00.000Z#above-max#temperature',
      'device#fridge-1|2026-11-02T10:00:00.000Z#rate-of-change#temperature', // 15 → 4 °C in a minute
    ]);
  });

  it('fails fast at load time when its configuration is missing', () => {
    const saved = process.env.ALERT_TTL_DAYS;
    delete process.env.ALERT_TTL_DAYS;
    try {
      jest.isolateModules(() => {
        expect(() => jest.requireActual<object>('../../../../functions/iot/consume')).toThrow(
          'Invalid configuration: ALERT_TTL_DAYS is not set',
        );
      });
    } finally {
      process.env.ALERT_TTL_DAYS = saved;
    }
  });
});
