// IoT telemetry and fraud scoring end to end on the local cloud: out-of-order and duplicate readings, alerts and their
// de-duplication, stale devices, replayed transactions, poison records, GET endpoints and the archives.
import { randomUUID } from 'node:crypto';
import { PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { createDynamoDbDocumentClient, createKinesisClient, createSqsClient, keepAliveHttpHandler } from '../../shared/aws/clients';
import { coffeeTransaction as transaction, coldStorageReading as reading, minutesAgo } from './fixtures';
import { kinesisBatch } from './kinesis-batch';
import { useLocalCloud } from './local-cloud-fixture';

const cloud = useLocalCloud();

async function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${cloud().apiUrl}/${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-api-key': cloud().apiKeys[0]?.value ?? '' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

async function dynamoItem(logicalId: string, key: Record<string, string>): Promise<Record<string, unknown> | undefined> {
  const { Item } = await createDynamoDbDocumentClient().send(new GetCommand({ TableName: cloud().physicalId(logicalId), Key: key, ConsistentRead: true }));
  return Item;
}

type AlertView = { rule: string; alertId: string; reasons: string[] };

describe('IoT telemetry', () => {
  test('device state survives out-of-order and duplicate readings; a threshold breach raises one alert', async () => {
    const deviceId = `fridge-${randomUUID().slice(0, 8)}`;
    const latest = reading(deviceId, 3, minutesAgo(1), 4.2);
    const breach = reading(deviceId, 2, minutesAgo(2), 9.5);
    expect((await call('POST', 'iot/telemetry', { readings: [reading(deviceId, 1, minutesAgo(3), 4.0), breach, latest] })).status).toBe(202);
    await cloud().drainStreams();

    // A late reading (older than the latest) and a resend of the breach arrive afterwards.
    const late = reading(deviceId, 0, minutesAgo(4), 4.1);
    expect((await call('POST', 'iot/telemetry', { readings: [late] })).status).toBe(202);
    expect((await call('POST', 'iot/telemetry', { readings: [{ ...breach, readingId: randomUUID() }] })).status).toBe(202);
    await cloud().drainStreams();

    const { status, json } = await call('GET', `iot/devices/${deviceId}`);
    expect(status).toBe(200);
    const device = json.device as { latestReading: { sequence: number; readingId: string }; counters: { lateReadings: number } };
    expect(device.latestReading).toMatchObject({ sequence: 3, readingId: latest.readingId });
    expect(device.counters.lateReadings).toBeGreaterThanOrEqual(1);
    const temperatureAlerts = (json.openAlerts as AlertView[]).filter((alert) => alert.rule === 'above-max' && alert.alertId.includes('temperature'));
    expect(temperatureAlerts).toHaveLength(1);
    expect(temperatureAlerts[0]?.reasons.join(' ')).toContain('9.5');

    expect((await call('GET', 'iot/devices/never-reported')).status).toBe(404);
  });

  test('a device that misses its heartbeat gets a stale alert from the scheduled check', async () => {
    const deviceId = `silent-${randomUUID().slice(0, 8)}`;
    expect((await call('POST', 'iot/telemetry', { readings: [reading(deviceId, 1, minutesAgo(30), 4.0)] })).status).toBe(202);
    await cloud().drainStreams();

    const rule = cloud().schedules.rules.find((candidate) => candidate.targetArns.some((arn) => arn.endsWith('iotDetectStale')));
    expect(rule).toBeDefined();
    await cloud().schedules.fire(rule!.logicalId);

    const { json } = await call('GET', `iot/devices/${deviceId}`);
    expect((json.openAlerts as AlertView[]).map((alert) => alert.rule)).toContain('stale');
  });

  test('a poison reading goes to the IoT dead-letter queue', async () => {
    const deviceId = `poison-${randomUUID().slice(0, 8)}`;
    await createKinesisClient().send(
      new PutRecordsCommand({ StreamName: cloud().physicalId('IotTelemetryStream'), Records: [{ PartitionKey: deviceId, Data: Buffer.from('not json at all') }] }),
    );
    await cloud().drainStreams();
    const { Messages = [] } = await createSqsClient().send(
      new ReceiveMessageCommand({ QueueUrl: cloud().physicalId('IotDeadLetterQueue'), MaxNumberOfMessages: 10 }),
    );
    const letters = Messages.map((message) => JSON.parse(message.Body ?? '{}') as { reason?: string; source?: { partitionKey?: string } });
    expect(letters.filter((letter) => letter.source?.partitionKey === deviceId).map((letter) => letter.reason)).toEqual(['invalid-json']);
  });
});

describe('fraud scoring', () => {
  test('a burst of card-testing transactions is scored with reasons, alerted once, and archived', async () => {
    const cardId = `card_${randomUUID().slice(0, 12)}`;
    const history = Array.from({ length: 4 }, (_, index) => transaction(cardId, minutesAgo(60 - index * 10)));
    const testing = [1.0, 1.5, 0.99].map((amount, index) => transaction(cardId, minutesAgo(5 - index), { amount, channel: 'online', merchantId: 'm-web-9' }));
    const large = transaction(cardId, minutesAgo(1), { amount: 950, channel: 'online', merchantId: 'm-electronics-3', mcc: '5732' });
    expect((await call('POST', 'payments/transactions', { transactions: [...history, ...testing, large] })).status).toBe(202);
    await cloud().drainStreams();

    const { status, json } = await call('GET', `payments/cards/${cardId}/alerts`);
    expect(status).toBe(200);
    const alerts = json.alerts as (AlertView & { score: number; details: Record<string, unknown> })[];
    const onLarge = alerts.filter((alert) => alert.alertId.endsWith(large.transactionId));
    expect(onLarge).toHaveLength(1);
    expect(onLarge[0]?.score).toBeGreaterThanOrEqual(40);
    expect(onLarge[0]?.reasons.length).toBeGreaterThan(0);

    await cloud().firehose.flush();
    const bucket = cloud().physicalId('DataLakeBucket');
    const listed = await new S3Client({ forcePathStyle: true, requestHandler: keepAliveHttpHandler() }).send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: `payments/decisions/event_date=${large.occurredAt.slice(0, 10)}/` }),
    );
    expect(listed.KeyCount ?? 0).toBeGreaterThan(0);
  });

  test('a replayed batch changes neither the card profile nor the alerts', async () => {
    const cardId = `card_${randomUUID().slice(0, 12)}`;
    const transactions = Array.from({ length: 6 }, (_, index) => transaction(cardId, minutesAgo(6 - index)));
    const batch = kinesisBatch(cloud(), {
      streamLogicalId: 'PaymentsStream',
      shardId: 'shardId-000000000042',
      partitionKey: cardId,
      firstSequence: 49590338271490256608559692538361571095921575989136591000n,
      payloads: transactions.map((tx) => ({ ...tx, receivedAt: tx.occurredAt })),
    });
    const score = `${cloud().stackName}-paymentsScore`;
    expect(await cloud().functions.invoke(score, batch)).toMatchObject({ kind: 'ok', payload: { batchItemFailures: [] } });
    const profile = await dynamoItem('CardProfilesTable', { cardId });
    const alerts = (await call('GET', `payments/cards/${cardId}/alerts`)).json.alerts;
    expect(profile).toBeDefined();
    expect((alerts as unknown[]).length).toBeGreaterThan(0); // six transactions in six minutes trip the velocity rule

    expect(await cloud().functions.invoke(score, batch)).toMatchObject({ kind: 'ok', payload: { batchItemFailures: [] } });
    expect(await dynamoItem('CardProfilesTable', { cardId })).toEqual(profile);
    expect((await call('GET', `payments/cards/${cardId}/alerts`)).json.alerts).toEqual(alerts);
  });

  test('a card number instead of a token is rejected at the edge and nothing is written', async () => {
    const before = cloud().mappings.reduce((sum, mapping) => sum + mapping.stats().totals.recordsRead, 0);
    const { status, json } = await call('POST', 'payments/transactions', { transactions: [transaction('4111111111111111', minutesAgo(1))] });
    expect(status).toBe(400);
    expect(JSON.stringify(json.errors)).toContain('cardId');
    await cloud().drainStreams();
    expect(cloud().mappings.reduce((sum, mapping) => sum + mapping.stats().totals.recordsRead, 0)).toBe(before);
  });
});
