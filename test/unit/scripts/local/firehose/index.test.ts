// The emulator's lifecycle: start-up validation of every stream, flush by stream, totals, and a stop that loses nothing.
import { gunzipSync } from 'node:zlib';
import { FirehoseClient, PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import type { ResolvedResource } from '../../../../../scripts/local/types';
import {
  InMemoryObjectSink,
  ManualClock,
  SequentialRandom,
  silentLogger,
  startFirehoseEmulator,
  type FirehoseEmulator,
  type FirehoseLogger,
} from '../../../../../scripts/local/firehose';

const start = Date.UTC(2026, 6, 13, 14, 5, 32);
const roleArn = 'arn:aws:iam::123456789012:role/firehose';

function stream(name: string, destination: Record<string, unknown> = {}): Record<string, unknown> {
  return { DeliveryStreamName: name, ExtendedS3DestinationConfiguration: { BucketARN: 'arn:aws:s3:::lake', RoleARN: roleArn, ...destination } };
}

function clickstreamResource(): ResolvedResource {
  return {
    logicalId: 'ClickstreamArchiveStream',
    type: 'AWS::KinesisFirehose::DeliveryStream',
    physicalId: 'streaming-dev-clickstream-archive',
    attributes: { Arn: 'arn:aws:firehose:us-east-1:123456789012:deliverystream/streaming-dev-clickstream-archive' },
    properties: stream('streaming-dev-clickstream-archive', {
      Prefix: 'clickstream/events/event_date=!{partitionKeyFromQuery:event_date}/event_hour=!{partitionKeyFromQuery:event_hour}/',
      ErrorOutputPrefix: 'clickstream/errors/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/',
      BufferingHints: { SizeInMBs: 64, IntervalInSeconds: 60 },
      CompressionFormat: 'GZIP',
      DynamicPartitioningConfiguration: { Enabled: true, RetryOptions: { DurationInSeconds: 300 } },
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
          { Type: 'AppendDelimiterToRecord', Parameters: [{ ParameterName: 'Delimiter', ParameterValue: '\\n' }] },
        ],
      },
    }),
  };
}

describe('startFirehoseEmulator', () => {
  let emulator: FirehoseEmulator | undefined;
  let client: FirehoseClient | undefined;
  const sink = new InMemoryObjectSink();

  afterEach(async () => {
    client?.destroy();
    await emulator?.stop();
    emulator = undefined;
    client = undefined;
    sink.objects.length = 0;
  });

  async function startWith(deliveryStreams: Parameters<typeof startFirehoseEmulator>[0]['deliveryStreams'], clock = new ManualClock(start)): Promise<FirehoseEmulator> {
    emulator = await startFirehoseEmulator({ deliveryStreams, objectSink: sink, clock, random: new SequentialRandom(), logger: silentLogger });
    client = new FirehoseClient({ endpoint: emulator.url, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
    return emulator;
  }

  const putBatch = (name: string, records: string[]): Promise<unknown> =>
    (client as FirehoseClient).send(new PutRecordBatchCommand({ DeliveryStreamName: name, Records: records.map((record) => ({ Data: Buffer.from(record) })) }));

  it('refuses to start when any stream is invalid, listing the problems of every stream', async () => {
    const invalid = startFirehoseEmulator({
      deliveryStreams: [stream('ok'), stream('zipped', { CompressionFormat: 'ZIP' }), stream('ok'), stream('lambda', { ProcessingConfiguration: { Enabled: true, Processors: [{ Type: 'Lambda' }] } })],
      objectSink: sink,
      logger: silentLogger,
    });
    await expect(invalid).rejects.toThrow(/zipped is invalid:\n {2}- CompressionFormat ZIP is not implemented[\s\S]*ok is defined twice[\s\S]*lambda is invalid:\n {2}- .*the Lambda processor is not implemented/);
  });

  it("delivers the project's clickstream stream, given as a resolved template resource", async () => {
    await startWith([clickstreamResource()]);
    await putBatch('streaming-dev-clickstream-archive', [JSON.stringify({ occurredAt: '2026-07-13T13:59:00Z' }), 'garbage']);
    await emulator?.flush();
    expect(sink.keys().sort()).toEqual([
      'clickstream/errors/partitioning-failed/2026/07/13/streaming-dev-clickstream-archive-1-2026-07-13-14-05-32-00000000-0000-4000-8000-000000000002.gz',
      'clickstream/events/event_date=2026-07-13/event_hour=13/streaming-dev-clickstream-archive-1-2026-07-13-14-05-32-00000000-0000-4000-8000-000000000001.gz',
    ]);
    const delivered = sink.objects.find((object) => object.key.includes('/events/'));
    expect(gunzipSync(delivered?.body ?? new Uint8Array()).toString()).toBe('{"occurredAt":"2026-07-13T13:59:00Z"}\n');
    expect(emulator?.stats().totals).toMatchObject({ recordsIn: 2, partitioningFailures: 1, objectsWritten: 2, recordsDelivered: 2 });
  });

  it('logs, at start-up, prefix keys the query never produces', async () => {
    const warnings: string[] = [];
    const logger: FirehoseLogger = { ...silentLogger, warn: (message) => warnings.push(message) };
    const resource = clickstreamResource();
    const destination = resource.properties.ExtendedS3DestinationConfiguration as Record<string, unknown>;
    destination.Prefix = 'events/!{partitionKeyFromQuery:tenant}/';
    emulator = await startFirehoseEmulator({ deliveryStreams: [resource], objectSink: sink, clock: new ManualClock(start), logger });
    expect(warnings).toEqual([expect.stringContaining('has no key "tenant"')]);
  });

  it('flushes one stream by name, and refuses an unknown name', async () => {
    await startWith([stream('a'), stream('b')]);
    await putBatch('a', ['1']);
    await putBatch('b', ['2']);
    await emulator?.flush('a');
    expect(sink.keys()).toEqual([expect.stringContaining('/a-1-')]);
    expect(emulator?.stats()).toMatchObject({
      totals: { recordsIn: 2, recordsBuffered: 1, objectsWritten: 1 },
      streams: { a: { recordsBuffered: 0 }, b: { recordsBuffered: 1 } },
    });
    await expect(emulator?.flush('c')).rejects.toThrow('no Firehose delivery stream named c (known: a, b)');
  });

  it('stop delivers every buffered record, then closes the server; a second stop is a no-op', async () => {
    const running = await startWith([stream('a'), stream('b')]);
    await putBatch('a', ['1', '2']);
    await putBatch('b', ['3']);
    client?.destroy();
    await Promise.all([running.stop(), running.stop()]);
    expect(sink.objects.map((object) => Buffer.from(object.body).toString()).sort()).toEqual(['12', '3']);
    expect(running.stats().totals.recordsBuffered).toBe(0);
    await expect(fetch(running.url, { method: 'POST' })).rejects.toThrow();
    await running.stop();
  });

  it('serves on the requested host and exposes the endpoint for SDK environments', async () => {
    const running = await startWith([stream('a')]);
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(running.environment).toEqual({ AWS_ENDPOINT_URL_FIREHOSE: running.url });
    expect(running.deliveryStreamNames()).toEqual(['a']);
  });
});
