// Delivery at run time: buffering by size and interval, object keys and bodies, dynamic partitions, error routing, retries.
import { gunzipSync } from 'node:zlib';
import { ManualClock, SequentialRandom } from '../../../../../scripts/local/firehose/clock';
import { defaultDeliveryRetry, DeliveryStream, type DeliveryRetryPolicy } from '../../../../../scripts/local/firehose/delivery-stream';
import type { FirehoseLogger } from '../../../../../scripts/local/firehose/logger';
import { InMemoryObjectSink, type StoredObject } from '../../../../../scripts/local/firehose/object-sink';
import { parseDeliveryStreamConfig } from '../../../../../scripts/local/firehose/stream-config';

/** 2026-07-13T14:05:32.500Z */
const start = Date.UTC(2026, 6, 13, 14, 5, 32, 500);
const uuid = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const roleArn = 'arn:aws:iam::123456789012:role/firehose';

function plainStream(destination: Record<string, unknown> = {}): Record<string, unknown> {
  return { DeliveryStreamName: 'plain', ExtendedS3DestinationConfiguration: { BucketARN: 'arn:aws:s3:::lake', RoleARN: roleArn, ...destination } };
}

const newlineProcessing = { Enabled: true, Processors: [{ Type: 'AppendDelimiterToRecord', Parameters: [{ ParameterName: 'Delimiter', ParameterValue: '\\n' }] }] };

function clickstreamArchive(): Record<string, unknown> {
  return {
    DeliveryStreamName: 'clicks',
    ExtendedS3DestinationConfiguration: {
      BucketARN: 'arn:aws:s3:::lake',
      RoleARN: roleArn,
      Prefix: 'clickstream/events/event_date=!{partitionKeyFromQuery:event_date}/event_hour=!{partitionKeyFromQuery:event_hour}/',
      ErrorOutputPrefix: 'clickstream/errors/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/',
      BufferingHints: { SizeInMBs: 64, IntervalInSeconds: 60 },
      CompressionFormat: 'GZIP',
      DynamicPartitioningConfiguration: { Enabled: true },
      ProcessingConfiguration: {
        Enabled: true,
        Processors: [
          {
            Type: 'MetadataExtraction',
            Parameters: [
              { ParameterName: 'MetadataExtractionQuery', ParameterValue: '{event_date:.occurredAt[0:10],event_hour:.occurredAt[11:13]}' },
              { ParameterName: 'JsonParsingEngine', ParameterValue: 'JQ-1.6' },
            ],
          },
          ...newlineProcessing.Processors,
        ],
      },
    },
  };
}

interface Harness {
  clock: ManualClock;
  sink: InMemoryObjectSink;
  stream: DeliveryStream;
  logs: Array<{ level: string; message: string }>;
  put(...records: string[]): void;
}

function harness(properties: Record<string, unknown>, retry: DeliveryRetryPolicy = defaultDeliveryRetry): Harness {
  const clock = new ManualClock(start);
  const sink = new InMemoryObjectSink();
  const logs: Harness['logs'] = [];
  const logger: FirehoseLogger = {
    info: (message) => logs.push({ level: 'info', message }),
    warn: (message) => logs.push({ level: 'warn', message }),
    error: (message) => logs.push({ level: 'error', message }),
  };
  const stream = new DeliveryStream(parseDeliveryStreamConfig(properties), { sink, clock, random: new SequentialRandom(), logger, retry });
  return { clock, sink, stream, logs, put: (...records) => stream.accept(records.map((record) => Buffer.from(record))) };
}

const text = (object: StoredObject | undefined): string => Buffer.from(object?.body ?? []).toString('utf8');
const gunzipped = (object: StoredObject | undefined): string => gunzipSync(object?.body ?? new Uint8Array()).toString('utf8');
/** Lets promise chains (a failed put, the retry it schedules) run before the test moves the clock. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('DeliveryStream', () => {
  describe('buffering', () => {
    it('delivers when IntervalInSeconds has passed since the first record of the buffer, not before', async () => {
      const { clock, sink, stream, put } = harness(plainStream());
      put('a');
      clock.advanceBy(100_000);
      put('b');
      clock.advanceBy(199_999);
      await stream.idle();
      expect(sink.objects).toHaveLength(0);
      expect(stream.stats()).toMatchObject({ recordsIn: 2, bytesIn: 2, recordsBuffered: 2, bytesBuffered: 2 });

      clock.advanceBy(1);
      await stream.idle();
      expect(sink.objects).toHaveLength(1);
      expect(text(sink.objects[0])).toBe('ab');
      expect(stream.stats()).toMatchObject({ recordsBuffered: 0, objectsWritten: 1, recordsDelivered: 2 });
    });

    it('delivers as soon as the buffer reaches SizeInMBs, and the next record starts a new buffer and interval', async () => {
      const { clock, sink, stream, put } = harness(plainStream({ BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 } }));
      const chunk = 'x'.repeat(400 * 1024);
      put(chunk, chunk);
      await stream.idle();
      expect(sink.objects).toHaveLength(0);

      put(chunk, 'tail');
      await stream.idle();
      expect(sink.objects.map((object) => object.body.byteLength)).toEqual([3 * chunk.length]);

      clock.advanceBy(60_000);
      await stream.idle();
      expect(sink.objects.map((object) => text(object))).toEqual([chunk.repeat(3), 'tail']);
      expect(clock.pendingTimers()).toBe(0);
    });

    it('with zero buffering, delivers each call as soon as it returns', async () => {
      const { clock, sink, stream, put } = harness(plainStream({ BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 } }));
      put('a', 'b');
      put('c');
      clock.advanceBy(0);
      await stream.idle();
      expect(sink.objects.map((object) => text(object))).toEqual(['abc']);
    });

    it('flush delivers at once and cancels the interval timer', async () => {
      const { clock, sink, stream, put } = harness(plainStream());
      put('a');
      await stream.flush();
      expect(sink.keys()).toHaveLength(1);
      expect(clock.pendingTimers()).toBe(0);
    });
  });

  describe('objects', () => {
    it('names objects <prefix><stream>-<version>-<yyyy-MM-dd-HH-mm-ss>-<uuid>, with yyyy/MM/dd/HH/ when Prefix is empty', async () => {
      const { sink, stream, put } = harness(plainStream());
      put('a');
      await stream.flush();
      expect(sink.objects[0]).toMatchObject({
        bucket: 'lake',
        key: `2026/07/13/14/plain-1-2026-07-13-14-05-32-${uuid(1)}`,
        contentType: 'application/octet-stream',
      });
    });

    it('concatenates records as they are when no delimiter processor is configured', async () => {
      const { sink, stream, put } = harness(plainStream());
      put('{"a":1}', '{"a":2}');
      await stream.flush();
      expect(text(sink.objects[0])).toBe('{"a":1}{"a":2}');
    });

    it('gzips the object, names it .gz and appends a newline to every record', async () => {
      const { sink, stream, put } = harness(plainStream({ Prefix: 'raw/', CompressionFormat: 'GZIP', ProcessingConfiguration: newlineProcessing }));
      put('{"a":1}', '{"a":2}');
      await stream.flush();
      const [object] = sink.objects;
      expect(object?.key).toBe(`raw/2026/07/13/14/plain-1-2026-07-13-14-05-32-${uuid(1)}.gz`);
      expect(object?.contentEncoding).toBe('gzip');
      expect(gunzipped(object)).toBe('{"a":1}\n{"a":2}\n');
      expect(stream.stats().bytesWritten).toBe(object?.body.byteLength);
    });

    it("evaluates timestamps at the oldest record's arrival, for the prefix and the name alike", async () => {
      const { clock, sink, stream, put } = harness(plainStream({ Prefix: 't=!{timestamp:HH-mm}/', ErrorOutputPrefix: 'e/!{firehose:error-output-type}/' }));
      clock.advanceBy(Date.UTC(2026, 6, 13, 14, 59, 30) - start);
      put('first');
      clock.advanceBy(45_000);
      put('second, after the hour');
      await stream.flush();
      expect(sink.keys()).toEqual([`t=14-59/plain-1-2026-07-13-14-59-30-${uuid(1)}`]);
    });

    it('draws a fresh 11-character random string per object', async () => {
      const { sink, stream, put } = harness(plainStream({ Prefix: 'r=!{firehose:random-string}/', ErrorOutputPrefix: 'e/!{firehose:error-output-type}/' }));
      put('a');
      await stream.flush();
      put('b');
      await stream.flush();
      expect(sink.keys()).toEqual([`r=abcdefghijk/plain-1-2026-07-13-14-05-32-${uuid(1)}`, `r=lmnopqrstuv/plain-1-2026-07-13-14-05-32-${uuid(2)}`]);
    });
  });

  describe('dynamic partitioning', () => {
    const click = (occurredAt: string, id: number): string => JSON.stringify({ id, occurredAt });

    it('keeps one buffer per evaluated prefix and names objects by arrival time, not event time', async () => {
      const { sink, stream, put } = harness(clickstreamArchive());
      put(click('2026-07-12T23:59:59Z', 1), click('2026-07-13T14:00:00Z', 2), click('2026-07-12T23:00:01Z', 3));
      expect(stream.stats().recordsBuffered).toBe(3);
      await stream.flush();
      const objects = new Map(sink.objects.map((object) => [object.key, gunzipped(object)]));
      expect(objects).toEqual(
        new Map([
          [`clickstream/events/event_date=2026-07-12/event_hour=23/clicks-1-2026-07-13-14-05-32-${uuid(1)}.gz`, `${click('2026-07-12T23:59:59Z', 1)}\n${click('2026-07-12T23:00:01Z', 3)}\n`],
          [`clickstream/events/event_date=2026-07-13/event_hour=14/clicks-1-2026-07-13-14-05-32-${uuid(2)}.gz`, `${click('2026-07-13T14:00:00Z', 2)}\n`],
        ]),
      );
    });

    it('flushes each partition on its own interval', async () => {
      const { clock, sink, stream, put } = harness(clickstreamArchive());
      put(click('2026-07-13T10:00:00Z', 1));
      clock.advanceBy(30_000);
      put(click('2026-07-13T11:00:00Z', 2));
      clock.advanceBy(30_000);
      await stream.idle();
      expect(sink.keys()).toEqual([expect.stringContaining('event_hour=10/')]);
      clock.advanceBy(30_000);
      await stream.idle();
      expect(sink.keys()).toEqual([expect.stringContaining('event_hour=10/'), expect.stringContaining('event_hour=11/')]);
    });

    it("routes records it cannot partition to ErrorOutputPrefix as partitioning-failed, with AWS's error document", async () => {
      const { sink, stream, put } = harness(clickstreamArchive());
      put('not json', '{"occurredAt":null}', '{"occurredAt":5}', click('2026-07-13T14:00:00Z', 1), '{"a":1}{"a":2}');
      await stream.flush();
      expect(stream.stats().partitioningFailures).toBe(4);
      const errorObject = sink.objects.find((object) => object.key.startsWith('clickstream/errors/'));
      expect(errorObject?.key).toBe(`clickstream/errors/partitioning-failed/2026/07/13/clicks-1-2026-07-13-14-05-32-${uuid(1)}.gz`);
      const documents = gunzipped(errorObject).trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(documents.map((document) => Object.keys(document))).toEqual(
        Array(4).fill(['attemptsMade', 'arrivalTimestamp', 'errorCode', 'errorMessage', 'attemptEndingTimestamp', 'rawData']),
      );
      expect(documents[0]).toEqual({
        attemptsMade: 1,
        arrivalTimestamp: start,
        errorCode: 'DynamicPartitioning.MetadataExtractionFailed',
        errorMessage: 'Non JSON record provided',
        attemptEndingTimestamp: start,
        rawData: Buffer.from('not json').toString('base64'),
      });
      expect(documents.map((document) => document.errorMessage)).toEqual([
        'Non JSON record provided',
        'Partition key "event_date" evaluated to null',
        'jq error: Cannot index number with object',
        'Non JSON record provided',
      ]);
      expect(documents.map((document) => Buffer.from(document.rawData as string, 'base64').toString())).toEqual([
        'not json',
        '{"occurredAt":null}',
        '{"occurredAt":5}',
        '{"a":1}{"a":2}',
      ]);
    });
  });

  describe('S3 failures', () => {
    it('retries with exponential backoff until the object is written', async () => {
      const { clock, sink, stream, put, logs } = harness(plainStream());
      sink.failNext(2);
      put('a');
      const flushing = stream.flush();
      await settle();
      clock.advanceBy(999);
      await settle();
      expect(sink.objects).toHaveLength(0);
      clock.advanceBy(1);
      await settle();
      clock.advanceBy(2_000);
      await flushing;
      expect(sink.keys()).toHaveLength(1);
      expect(stream.stats()).toMatchObject({ deliveryRetries: 2, objectsWritten: 1, objectsFailed: 0 });
      expect(logs.filter((log) => log.level === 'warn').map((log) => log.message)).toEqual([
        'S3 delivery failed; retrying in 1000 ms',
        'S3 delivery failed; retrying in 2000 ms',
      ]);
    });

    it('gives up after the last attempt and says so loudly, counting the lost records', async () => {
      const { clock, sink, stream, put, logs } = harness(plainStream(), { maxAttempts: 2, initialDelayMs: 10, maxDelayMs: 10 });
      sink.failNext(2);
      put('a', 'b');
      const flushing = stream.flush();
      await settle();
      clock.advanceBy(10);
      await flushing;
      expect(stream.stats()).toMatchObject({ objectsWritten: 0, objectsFailed: 1, recordsFailed: 2 });
      expect(logs.at(-1)).toEqual({ level: 'error', message: 'S3 delivery failed 2 times; giving up, these records are lost' });
    });

    it('drain stops waiting for backoff timers, so shutdown never hangs on them', async () => {
      const { sink, stream, put } = harness(plainStream());
      sink.failNext(3);
      put('a');
      const flushing = stream.flush();
      await settle();
      await stream.drain();
      await flushing;
      expect(sink.keys()).toHaveLength(1);
      expect(stream.stats().deliveryRetries).toBe(3);
    });
  });
});
