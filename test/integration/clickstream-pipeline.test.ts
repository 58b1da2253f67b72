// End to end on the local cloud: API → Kinesis → consumer → DynamoDB sessions + Firehose → S3, poison records, redelivery.
import { gunzipSync } from 'node:zlib';
import { randomUUID } from 'node:crypto';
import { PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { ReceiveMessageCommand, DeleteMessageCommand } from '@aws-sdk/client-sqs';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { createDynamoDbDocumentClient, createKinesisClient, createSqsClient, keepAliveHttpHandler } from '../../shared/aws/clients';
import type { ClickEvent } from '../../shared/events/clickstream';
import type { LocalCloud } from '../../scripts/local/cloud';
import type { KinesisBackend } from '../../scripts/local/emulators';
import { kinesisBatch } from './kinesis-batch';
import { useLocalCloud } from './local-cloud-fixture';

let cloud: () => LocalCloud;

let sequence = 0;
function clickEvent(sessionId: string, overrides: Partial<ClickEvent> = {}): ClickEvent {
  sequence += 1;
  return {
    schemaVersion: 1,
    eventId: randomUUID(),
    eventType: 'page_view',
    occurredAt: new Date(Date.UTC(2026, 10, 26, 9, 0, sequence)).toISOString(),
    sessionId,
    anonymousId: `anon-${sessionId}`,
    page: { url: `https://shop.example.com/products/${sequence}`, path: `/products/${sequence}` },
    device: { type: 'mobile' },
    ...overrides,
  };
}

async function postEvents(body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${cloud().apiUrl}/clickstream/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': cloud().apiKeys[0]?.value ?? '', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

const documents = () => createDynamoDbDocumentClient();
async function session(sessionId: string): Promise<Record<string, unknown> | undefined> {
  const { Item } = await documents().send(new GetCommand({ TableName: cloud().physicalId('SessionsTable'), Key: { sessionId }, ConsistentRead: true }));
  return Item;
}

function s3(): S3Client {
  return new S3Client({ forcePathStyle: true, requestHandler: keepAliveHttpHandler() });
}

async function archivedLines(prefix: string): Promise<{ keys: string[]; lines: Record<string, unknown>[] }> {
  const bucket = cloud().physicalId('DataLakeBucket');
  const listed = await s3().send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
  const keys = (listed.Contents ?? []).map((object) => object.Key ?? '');
  const lines: Record<string, unknown>[] = [];
  for (const key of keys) {
    const object = await s3().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const text = gunzipSync(await object.Body!.transformToByteArray()).toString('utf8');
    for (const line of text.split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
  }
  return { keys, lines };
}

async function drainDeadLetters(): Promise<Record<string, unknown>[]> {
  const sqs = createSqsClient();
  const queueUrl = cloud().physicalId('ClickstreamDeadLetterQueue');
  const letters: Record<string, unknown>[] = [];
  for (;;) {
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
    if (Messages.length === 0) return letters;
    for (const message of Messages) {
      letters.push(JSON.parse(message.Body ?? '{}') as Record<string, unknown>);
      await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
    }
  }
}

// Both Kinesis backends: moto (the default, fast) and kinesis-local (AWS-shaped 56-digit sequence numbers).
describe.each<KinesisBackend>(['moto', 'kinesis-local'])('clickstream pipeline on the local cloud (Kinesis: %s)', (backend) => {
  cloud = useLocalCloud({ kinesisBackend: backend });

  test('posted events become session aggregates and GZIP JSON objects under their event-time partition', async () => {
    const sessionId = `s-happy-${randomUUID()}`;
    const events = [
      clickEvent(sessionId, { occurredAt: '2026-11-26T09:15:00.000Z', page: { url: 'https://shop.example.com/', path: '/' } }),
      clickEvent(sessionId, { occurredAt: '2026-11-26T09:16:00.000Z', eventType: 'product_view', page: { url: 'https://shop.example.com/p/7', path: '/p/7' } }),
      clickEvent(sessionId, { occurredAt: '2026-11-26T09:17:00.000Z', eventType: 'add_to_cart', page: { url: 'https://shop.example.com/p/7', path: '/p/7' } }),
      // Out of order: happened before the first one, arrives last.
      clickEvent(sessionId, { occurredAt: '2026-11-26T09:14:00.000Z', page: { url: 'https://shop.example.com/landing', path: '/landing' } }),
    ];

    const { status, json } = await postEvents({ events });
    expect(status).toBe(202);
    expect(json).toEqual({ accepted: 4, failed: 0 });

    await cloud().drainStreams();
    const stored = await session(sessionId);
    expect(stored).toMatchObject({
      sessionId,
      eventCount: 4,
      pageViews: 2,
      firstSeenAt: '2026-11-26T09:14:00.000Z',
      lastSeenAt: '2026-11-26T09:17:00.000Z',
      entryPage: '/landing',
      funnel: { viewedProduct: true, addedToCart: true, startedCheckout: false, purchased: false },
    });

    await cloud().firehose.flush();
    const { keys, lines } = await archivedLines('clickstream/events/event_date=2026-11-26/event_hour=09/');
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(key).toMatch(/^clickstream\/events\/event_date=2026-11-26\/event_hour=09\/streaming-reference-local-clickstream-archive-\d+-\d{4}(-\d{2}){5}-[0-9a-f-]{36}\.gz$/);
    const archivedIds = lines.filter((line) => line.sessionId === sessionId).map((line) => line.eventId);
    expect(archivedIds.sort()).toEqual(events.map((event) => event.eventId).sort());
  });

  test('a poison record goes to the DLQ with its reason while the rest of its batch commits', async () => {
    await drainDeadLetters();
    const sessionId = `s-poison-${randomUUID()}`;
    const good = clickEvent(sessionId);
    const kinesis = createKinesisClient();
    const result = await kinesis.send(
      new PutRecordsCommand({
        StreamName: cloud().physicalId('ClickstreamStream'),
        Records: [
          { PartitionKey: sessionId, Data: Buffer.from(JSON.stringify({ ...good, receivedAt: new Date().toISOString() })) },
          { PartitionKey: sessionId, Data: Buffer.from('{not json') },
          { PartitionKey: sessionId, Data: Buffer.from(JSON.stringify({ ...clickEvent(sessionId), receivedAt: new Date().toISOString(), eventType: 'teleport' })) },
        ],
      }),
    );
    expect(result.FailedRecordCount).toBe(0);

    await cloud().drainStreams();
    expect(await session(sessionId)).toMatchObject({ sessionId, eventCount: 1 });
    const letters = (await drainDeadLetters()).filter((letter) => (letter.source as { partitionKey?: string } | undefined)?.partitionKey === sessionId);
    expect(letters.map((letter) => letter.reason).sort()).toEqual(['invalid-json', 'schema-validation']);
    const schemaLetter = letters.find((letter) => letter.reason === 'schema-validation');
    expect(schemaLetter?.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'eventType' })]));
  });

  test('a redelivered batch leaves the session exactly as the first delivery did', async () => {
    const sessionId = `s-redelivery-${randomUUID()}`;
    const events = [clickEvent(sessionId), clickEvent(sessionId, { eventType: 'purchase', properties: { revenue: 42.5 } })];
    const batch = kinesisBatch(cloud(), {
      streamLogicalId: 'ClickstreamStream',
      shardId: 'shardId-000000000099',
      partitionKey: sessionId,
      firstSequence: 49590338271490256608559692538361571095921575989136588890n,
      payloads: events.map((event) => ({ ...event, receivedAt: event.occurredAt })),
    });
    const consumer = cloud().functions;
    const functionName = `${cloud().stackName}-clickstreamConsume`;

    const first = await consumer.invoke(functionName, batch);
    expect(first).toMatchObject({ kind: 'ok', payload: { batchItemFailures: [] } });
    const afterFirst = await session(sessionId);
    expect(afterFirst).toMatchObject({ eventCount: 2, revenue: 42.5, funnel: { purchased: true } });

    const second = await consumer.invoke(functionName, batch);
    expect(second).toMatchObject({ kind: 'ok', payload: { batchItemFailures: [] } });
    expect(await session(sessionId)).toEqual(afterFirst);
  });

  test('invalid input is answered with field-level errors and writes nothing', async () => {
    const sessionId = `s-invalid-${randomUUID()}`;
    const before = cloud().mappings[0]!.stats().totals.recordsRead;
    const valid = clickEvent(sessionId);
    const invalid = { ...clickEvent(sessionId), page: { url: 'not a url', path: 'no-slash' } };

    const { status, json } = await postEvents({ events: [valid, invalid] });
    expect(status).toBe(400);
    const paths = (json as { errors: { path: string }[] }).errors.map((error) => error.path);
    expect(paths).toEqual(expect.arrayContaining(['events[1].page.url', 'events[1].page.path']));

    expect((await postEvents('{"events": [')).status).toBe(400);
    expect((await postEvents({ events: [valid] }, { 'x-api-key': 'wrong-key' })).status).toBe(403);
    expect((await postEvents({ events: [{ ...valid, properties: { blob: 'x'.repeat(1_100_000) } }] })).status).toBe(413);

    await cloud().drainStreams();
    expect(cloud().mappings[0]!.stats().totals.recordsRead).toBe(before);
    expect(await session(sessionId)).toBeUndefined();
  });
});
