// Unit tests: the CloudWatch stand-in over an in-memory Kinesis and a recording sink (what it publishes, under which dimensions).
import { startCloudWatchPublisher, shardLevelMetricsOf, type CloudWatchPublisher, type MetricSink } from '../../../../../scripts/local/cloudwatch';
import type { BucketedDatum } from '../../../../../scripts/local/cloudwatch/metric-buckets';
import type { MappingStats } from '../../../../../scripts/local/event-source-mapping';
import { InMemoryKinesis } from '../../../../../scripts/local/event-source-mapping/in-memory-kinesis';
import type { ResolvedResource } from '../../../../../scripts/local/types';

const MINUTE = Date.UTC(2026, 10, 26, 10, 0);
const clock = { now: () => MINUTE + 30_000, sleep: () => Promise.resolve() };

function streamResource(name: string, arn: string, properties: Record<string, unknown> = {}): ResolvedResource {
  return { logicalId: name, type: 'AWS::Kinesis::Stream', properties, physicalId: name, attributes: { Arn: arn } };
}

function recordingSink(): MetricSink & { data: BucketedDatum[] } {
  const data: BucketedDatum[] = [];
  return {
    data,
    put: (_namespace, batch) => {
      data.push(...batch);
      return Promise.resolve();
    },
  };
}

const silentLog = { info: () => undefined, warn: () => undefined };

function mappingStats(functionName: string, shards: Array<{ shardId: string; invocations: number; iteratorAgeMs?: number }>): MappingStats {
  const counters = { recordsRead: 0, recordsDelivered: 0, recordsDiscarded: 0, failedInvocations: 0, retries: 0, bisections: 0, onFailureRecordsSent: 0, onFailureSendErrors: 0 };
  return {
    streamArn: 'arn:aws:kinesis:us-east-1:123456789012:stream/clicks',
    functionName,
    state: 'Enabled',
    shards: shards.map((shard) => ({ ...counters, ...shard, status: 'running', pendingRecords: 0 })),
    totals: { ...counters, invocations: 0, pendingRecords: 0 },
  };
}

type PublisherOptions = Parameters<typeof startCloudWatchPublisher>[0];

/** The publisher over the test's in-memory Kinesis and sink, observing once a minute; `options` says what differs. */
function startPublisher(options: Pick<PublisherOptions, 'resources' | 'kinesis' | 'sink'> & Partial<PublisherOptions>): CloudWatchPublisher {
  return startCloudWatchPublisher({ sdkEnv: {}, region: 'us-east-1', mappings: [], kinesisBackend: 'kinesis-local', log: silentLog, observeIntervalMs: 60_000, ...options });
}

let publisher: CloudWatchPublisher | undefined;
afterEach(async () => {
  await publisher?.stop();
  publisher = undefined;
});

const total = (data: readonly BucketedDatum[], metricName: string, dimensions: Record<string, string>): number =>
  data
    .filter((datum) => datum.metricName === metricName && JSON.stringify(datum.dimensions) === JSON.stringify(dimensions))
    .reduce((sum, datum) => sum + ('value' in datum ? datum.value : 0), 0);

describe('CloudWatch stand-in', () => {
  it('publishes IncomingRecords and IncomingBytes per stream, and per shard where enhanced monitoring asks for them', async () => {
    const kinesis = new InMemoryKinesis(clock, { accountId: '123456789012' });
    const clicks = kinesis.createStream('clicks', 2);
    const payments = kinesis.createStream('payments', 1);
    for (let index = 0; index < 10; index += 1) {
      kinesis.putRecord(clicks, { partitionKey: `user-${index}`, data: 'abcd', arrival: new Date(MINUTE + index * 1000) });
    }
    kinesis.putRecord(payments, { partitionKey: 'card-1', data: 'xy', arrival: new Date(MINUTE + 61_000) });
    const sink = recordingSink();
    publisher = startPublisher({
      resources: [streamResource('clicks', clicks, { DesiredShardLevelMetrics: ['IncomingRecords'] }), streamResource('payments', payments)],
      kinesis,
      sink,
    });

    await publisher.publishNow();

    expect(total(sink.data, 'IncomingRecords', { StreamName: 'clicks' })).toBe(10);
    // 4 data bytes plus the partition key ("user-0" … "user-9": 6 bytes each).
    expect(total(sink.data, 'IncomingBytes', { StreamName: 'clicks' })).toBe(100);
    const perShard = ['shardId-000000000000', 'shardId-000000000001'].map((ShardId) =>
      total(sink.data, 'IncomingRecords', { StreamName: 'clicks', ShardId }),
    );
    expect(perShard[0]! + perShard[1]!).toBe(10);
    expect(sink.data.some((datum) => datum.metricName === 'IncomingBytes' && 'ShardId' in datum.dimensions)).toBe(false);
    expect(sink.data.some((datum) => datum.dimensions.StreamName === 'payments' && 'ShardId' in datum.dimensions)).toBe(false);
    // Each record counts in the minute it arrived.
    expect(sink.data.filter((datum) => datum.dimensions.StreamName === 'payments').map((datum) => datum.timestamp.getTime())).toEqual([
      MINUTE + 60_000,
      MINUTE + 60_000,
    ]);
  });

  it('counts each record once across publishes, and only records that arrived since', async () => {
    const kinesis = new InMemoryKinesis(clock);
    const clicks = kinesis.createStream('clicks', 1);
    kinesis.putRecord(clicks, { partitionKey: 'a', data: 'x', arrival: new Date(MINUTE) });
    const sink = recordingSink();
    publisher = startPublisher({
      resources: [streamResource('clicks', clicks)],
      kinesis,
      sink,
    });

    await publisher.publishNow();
    kinesis.putRecord(clicks, { partitionKey: 'b', data: 'x', arrival: new Date(MINUTE + 1000) });
    await publisher.publishNow();
    await publisher.publishNow();

    expect(sink.data.filter((datum) => datum.metricName === 'IncomingRecords').map((datum) => ('value' in datum ? datum.value : NaN))).toEqual([1, 1]);
  });

  it("publishes Lambda's IteratorAge per consumer function only for shards invoked since the last look", async () => {
    const kinesis = new InMemoryKinesis(clock);
    let stats = [mappingStats('arn:aws:lambda:us-east-1:123456789012:function:clicks-consume', [
      { shardId: 'shardId-000000000000', invocations: 2, iteratorAgeMs: 1200 },
      { shardId: 'shardId-000000000001', invocations: 1, iteratorAgeMs: 300 },
    ])];
    const sink = recordingSink();
    publisher = startPublisher({
      resources: [],
      mappings: [{ stats: () => stats[0]! }],
      kinesis,
      sink,
      now: clock.now,
    });

    await publisher.publishNow();
    stats = [mappingStats('arn:aws:lambda:us-east-1:123456789012:function:clicks-consume', [
      { shardId: 'shardId-000000000000', invocations: 2, iteratorAgeMs: 1200 },
      { shardId: 'shardId-000000000001', invocations: 1, iteratorAgeMs: 300 },
    ])];
    await publisher.publishNow();

    expect(sink.data).toEqual([
      {
        namespace: 'AWS/Lambda',
        metricName: 'IteratorAge',
        dimensions: { FunctionName: 'clicks-consume' },
        unit: 'Milliseconds',
        timestamp: new Date(MINUTE),
        statistics: { sampleCount: 2, sum: 1500, minimum: 300, maximum: 1200 },
      },
    ]);
  });
});

it("leaves the stream-level metrics to moto's Kinesis, which publishes them itself", async () => {
  const kinesis = new InMemoryKinesis(clock);
  const clicks = kinesis.createStream('clicks', 1);
  kinesis.putRecord(clicks, { partitionKey: 'a', data: 'x', arrival: new Date(MINUTE) });
  const sink = recordingSink();
  publisher = startPublisher({
    resources: [streamResource('clicks', clicks, { DesiredShardLevelMetrics: ['IncomingRecords'] })],
    kinesisBackend: 'moto',
    kinesis,
    sink,
  });

  await publisher.publishNow();

  expect(sink.data.map((datum) => [datum.metricName, datum.dimensions])).toEqual([
    ['IncomingRecords', { StreamName: 'clicks', ShardId: 'shardId-000000000000' }],
  ]);
});

describe('shardLevelMetricsOf', () => {
  it.each([
    [undefined, []],
    [['IncomingRecords'], ['IncomingRecords']],
    [['ALL'], ['IncomingRecords', 'IncomingBytes']],
  ])('reads DesiredShardLevelMetrics %j', (desired, expected) => {
    const resource = streamResource('s', 'arn', desired === undefined ? {} : { DesiredShardLevelMetrics: desired });
    expect([...shardLevelMetricsOf(resource)]).toEqual(expected);
  });
});
