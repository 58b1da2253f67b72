// The backend-independent contract of a running stack, checked only through its public surface (API + SDK endpoints):
// the same tests run on the embedded local cloud (npm test), on LocalStack (npm run test:localstack) and on AWS.
import { randomUUID } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { GetDataEndpointCommand, KinesisVideoClient } from '@aws-sdk/client-kinesis-video';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { createDynamoDbDocumentClient, keepAliveHttpHandler } from '../../shared/aws/clients';
import type { ClickEvent } from '../../shared/events/clickstream';
import type { Reading } from '../../shared/events/iot';
import type { Transaction } from '../../shared/events/payments';
import { runCameraSession } from '../../scripts/camera/camera-run';
import type { StackBackend, StackUnderTest } from '../../scripts/stack/deployed-stack';
import { eventually } from './eventually';

export interface ContractHooks {
  /** Makes buffered archive deliveries visible now (the embedded cloud's Firehose); elsewhere the tests wait them out. */
  flushArchives?: () => Promise<void>;
  /** Upper bound for an asynchronous effect to show (consumer, archive). */
  settleTimeoutMs: number;
}

/** Services a backend lacks, so their checks are skipped there, with this reason printed. Only these are ever skipped. */
export const missingOn: Readonly<Record<StackBackend, Readonly<Record<string, string>>>> = {
  aws: {},
  embedded: {},
  localstack: {
    'firehose-delivery': "LocalStack's Firehose ignores GZIP, buffering and dynamic partitioning (one raw object per call)",
    video: 'LocalStack has no Kinesis Video Streams or Rekognition in any tier',
  },
};

/** Registers `name` as a test, or as a skipped one with the backend's reason printed when it lacks `service`. */
export function testUnlessMissing(stack: () => StackUnderTest, backend: StackBackend, service: string, name: string, body: () => Promise<void>, timeoutMs: number): void {
  const reason = missingOn[backend][service];
  if (reason) {
    test.skip(`${name} [skipped on ${backend}: ${reason}]`, () => undefined);
    // Printed at collection time so a skip is never silent, whatever reporter runs.
    console.warn(`skipped on ${backend}: "${name}": ${reason}`);
    return;
  }
  test(name, async () => {
    if (stack().backend !== backend) throw new Error(`contract registered for ${backend} but running on ${stack().backend}`);
    await body();
  }, timeoutMs);
}

export function describeStackContract(backend: StackBackend, stack: () => StackUnderTest, hooks: ContractHooks): void {
  const timeout = hooks.settleTimeoutMs + 30_000;
  const minutesAgo = (minutes: number): string => new Date(Date.now() - minutes * 60_000).toISOString();

  async function call(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown, apiKey: string | null = stack().apiKey) {
    const response = await fetch(`${stack().apiUrl}/${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(apiKey === null ? {} : { 'x-api-key': apiKey }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, json: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
  }

  async function sessionItem(sessionId: string): Promise<Record<string, unknown> | undefined> {
    const { Item } = await createDynamoDbDocumentClient().send(
      new GetCommand({ TableName: stack().physicalId('SessionsTable'), Key: { sessionId }, ConsistentRead: true }),
    );
    return Item;
  }

  function clickEvent(sessionId: string, second: number, path: string): ClickEvent {
    return {
      schemaVersion: 1,
      eventId: randomUUID(),
      eventType: 'page_view',
      occurredAt: new Date(Date.now() - 60_000 + second * 1000).toISOString(),
      sessionId,
      anonymousId: `anon-${sessionId}`,
      page: { url: `https://shop.example.com${path}`, path },
      device: { type: 'desktop' },
    };
  }

  const settle = <T>(probe: () => Promise<T>, accept: (value: T) => boolean, what: string) =>
    eventually(probe, accept, { timeoutMs: hooks.settleTimeoutMs, what });

  describe(`stack contract on ${backend}`, () => {
    test('the producer APIs refuse calls without an API key', async () => {
      const { status } = await call('POST', 'clickstream/events', { events: [] }, null);
      expect(status).toBe(403);
    });

    test('invalid input is answered with field-level errors and nothing of it is written', async () => {
      const sessionId = `contract-invalid-${randomUUID()}`;
      const { status, json } = await call('POST', 'clickstream/events', {
        events: [clickEvent(sessionId, 1, '/ok'), { ...clickEvent(sessionId, 2, '/bad'), eventType: 'teleport' }],
      });
      expect(status).toBe(400);
      expect(JSON.stringify(json)).toContain('eventType');
      // A later valid session becoming visible proves the consumer ran past where the rejected events would be.
      const probe = `contract-probe-${randomUUID()}`;
      expect((await call('POST', 'clickstream/events', { events: [clickEvent(probe, 1, '/probe')] })).status).toBe(202);
      await settle(() => sessionItem(probe), (item) => item !== undefined, 'probe session');
      expect(await sessionItem(sessionId)).toBeUndefined();
    }, timeout);

    test('click events become a session in DynamoDB', async () => {
      const sessionId = `contract-${randomUUID()}`;
      const events = [clickEvent(sessionId, 1, '/'), clickEvent(sessionId, 2, '/pricing'), clickEvent(sessionId, 3, '/signup')];
      expect((await call('POST', 'clickstream/events', { events })).status).toBe(202);
      const item = await settle(() => sessionItem(sessionId), (found) => found?.eventCount === 3, 'session with 3 events');
      expect(item).toMatchObject({ sessionId, eventCount: 3, pageViews: 3 });
    }, timeout);

    test('IoT readings update the device state, out of order, and a breach raises an alert', async () => {
      const deviceId = `contract-${randomUUID().slice(0, 8)}`;
      const reading = (sequence: number, minutes: number, temperature: number): Reading => ({
        schemaVersion: 1, readingId: randomUUID(), deviceId, deviceType: 'cold-storage', sequence,
        occurredAt: minutesAgo(minutes), metrics: { temperature, humidity: 60, battery: 90 },
      });
      const latest = reading(3, 1, 4.2);
      expect((await call('POST', 'iot/telemetry', { readings: [latest, reading(2, 2, 9.5), reading(1, 3, 4.0)] })).status).toBe(202);
      const { json } = await settle(() => call('GET', `iot/devices/${deviceId}`), (answer) => answer.status === 200 && (answer.json.openAlerts as unknown[]).length > 0, 'device with an alert');
      expect(json.device).toMatchObject({ latestReading: { sequence: 3, readingId: latest.readingId } });
      expect((json.openAlerts as { rule: string }[]).map((alert) => alert.rule)).toContain('above-max');
    }, timeout);

    test('a card-testing burst is scored and alerted with reasons', async () => {
      const cardId = `card_${randomUUID().slice(0, 12)}`;
      const base: Omit<Transaction, 'transactionId' | 'occurredAt' | 'amount'> = {
        schemaVersion: 1, cardId, merchantId: 'm-web-9', mcc: '5814', currency: 'EUR', country: 'DE',
        location: { lat: 52.52, lon: 13.405 }, channel: 'online',
      };
      const transactions: Transaction[] = [1.0, 1.5, 0.99, 950].map((amount, index) => ({
        ...base, amount, transactionId: randomUUID(), occurredAt: minutesAgo(5 - index),
        ...(amount > 100 ? { merchantId: 'm-electronics-3', mcc: '5732' } : {}),
      }));
      expect((await call('POST', 'payments/transactions', { transactions })).status).toBe(202);
      const { json } = await settle(() => call('GET', `payments/cards/${cardId}/alerts`), (answer) => (answer.json.alerts as unknown[] | undefined)?.length !== 0 && answer.status === 200, 'card alerts');
      const alerts = json.alerts as { reasons: string[] }[];
      expect(alerts[0]?.reasons.length).toBeGreaterThan(0);
    }, timeout);

    testUnlessMissing(stack, backend, 'firehose-delivery', 'accepted events are archived as GZIP JSON lines under event-time partitions', async () => {
      const sessionId = `contract-archive-${randomUUID()}`;
      const event = clickEvent(sessionId, 1, '/archive');
      expect((await call('POST', 'clickstream/events', { events: [event] })).status).toBe(202);
      await settle(() => sessionItem(sessionId), (item) => item !== undefined, 'archived session');
      const prefix = `clickstream/events/event_date=${event.occurredAt.slice(0, 10)}/event_hour=${event.occurredAt.slice(11, 13)}/`;
      const found = await settle(async () => {
        await hooks.flushArchives?.();
        return archivedEventIds(stack().physicalId('DataLakeBucket'), prefix);
      }, (ids) => ids.has(event.eventId), `event ${event.eventId} under ${prefix}`);
      expect(found.has(event.eventId)).toBe(true);
    }, timeout);

    testUnlessMissing(stack, backend, 'video', 'a camera clip becomes a detection with a viewable frame, and deleting the camera removes it', async () => {
      const cameraId = `contract-${randomUUID().slice(0, 8)}`;
      // Region and KVS endpoint from the SDK's own settings: the embedded cloud's env, or the AWS profile.
      const kinesisVideo = new KinesisVideoClient({ requestHandler: keepAliveHttpHandler() });
      try {
        await runCameraSession(
          {
            // The check is about the pipeline, not recognition quality: real Rekognition may name the synthetic
            // car scene by any of these, the local fake names it Car, Vehicle, Transportation and Outdoors.
            registration: { cameraId, labelsOfInterest: ['Car', 'Vehicle', 'Transportation', 'Outdoors', 'Art', 'Graphics', 'Drawing'], minConfidence: 50, knownFaces: false },
            scenes: ['car'],
            seconds: 2,
            fps: 2,
            region: await kinesisVideo.config.region(),
            api: { apiUrl: stack().apiUrl, apiKey: stack().apiKey },
          },
          {
            now: () => Date.now(),
            sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
            credentials: defaultProvider(),
            getPutMediaEndpoint: async (streamName) =>
              (await kinesisVideo.send(new GetDataEndpointCommand({ StreamName: streamName, APIName: 'PUT_MEDIA' }))).DataEndpoint ?? '',
            log: () => undefined,
          },
        );
        const { json } = await settle(
          () => call('GET', `cameras/${cameraId}/detections?limit=5`),
          (answer) => answer.status === 200 && (answer.json.items as unknown[]).length > 0,
          `a detection of camera ${cameraId}`,
        );
        const [detection] = json.items as { labels: { name: string }[]; frameUrl: string }[];
        expect(detection?.labels.length).toBeGreaterThan(0);
        // The presigned URL works without AWS credentials and serves the analysed PNG.
        const frame = await fetch(detection?.frameUrl ?? '');
        expect(frame.status).toBe(200);
        expect(Buffer.from(await frame.arrayBuffer()).subarray(1, 4).toString('latin1')).toBe('PNG');
      } finally {
        kinesisVideo.destroy();
      }
      // Not in a finally: a failed check above leaves the camera for inspection (cameras are cheap while idle).
      expect((await call('DELETE', `cameras/${cameraId}`)).status).toBe(204);
      expect((await call('GET', `cameras/${cameraId}/detections`)).status).toBe(404);
    }, timeout);
  });
}

async function archivedEventIds(bucket: string, prefix: string): Promise<Set<string>> {
  const s3 = new S3Client({ forcePathStyle: true, requestHandler: keepAliveHttpHandler() });
  try {
    const ids = new Set<string>();
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
    for (const object of listed.Contents ?? []) {
      const body = await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: object.Key }))).Body!.transformToByteArray();
      for (const line of gunzipSync(body).toString('utf8').split('\n').filter(Boolean)) {
        const record = JSON.parse(line) as { eventId?: string };
        if (record.eventId) ids.add(record.eventId);
      }
    }
    return ids;
  } finally {
    s3.destroy();
  }
}
