// The local cloud's stand-in for CloudWatch's own publishing: AWS/Kinesis and AWS/Lambda metrics put into moto CloudWatch.
import { createSdkKinesisReader, type KinesisMappingHandle, type KinesisStreamReader } from '../event-source-mapping';
import type { KinesisBackend } from '../emulators';
import type { ResolvedResource } from '../types';
import { IteratorAgeSampler } from './iterator-age-sampler';
import { KinesisIngestTail, type TailedStream } from './kinesis-ingest-tail';
import { MetricBuckets, type MetricKey } from './metric-buckets';
import { createLocalKinesisClient, createPutMetricDataSink, type MetricSink } from './put-metric-data-sink';

export type { MetricSink } from './put-metric-data-sink';

export interface CloudWatchPublisherLog {
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
}

export interface CloudWatchPublisherOptions {
  /** The template's resources: its AWS::Kinesis::Stream resources are the streams measured. */
  resources: readonly ResolvedResource[];
  /** The SDK environment reaching moto (AWS_ENDPOINT_URL…) and the Kinesis emulator. */
  sdkEnv: Record<string, string>;
  region: string;
  /**
   * moto's Kinesis already puts the stream-level IncomingRecords and IncomingBytes into moto's CloudWatch on every
   * put (as AWS does), so with that backend only the shard-level metrics are added here; kinesis-local publishes none.
   */
  kinesisBackend: KinesisBackend;
  /** The running event-source mappings (their per-shard stats give Lambda's IteratorAge). */
  mappings: readonly Pick<KinesisMappingHandle, 'stats'>[];
  /** How often accumulated datapoints are published; AWS publishes these metrics every minute. */
  periodSeconds?: number;
  /** How often the streams are read and the mappings looked at (AWS ESM polls about once per second). */
  observeIntervalMs?: number;
  log: CloudWatchPublisherLog;
  /** Tests: an in-memory Kinesis, a recording sink, a fixed clock. */
  kinesis?: KinesisStreamReader;
  sink?: MetricSink;
  now?: () => number;
}

export interface CloudWatchPublisher {
  /** Stops observing and publishing; what was observed but not yet published is published first. */
  stop(): Promise<void>;
  /** Reads the streams up to now and publishes everything accumulated (tests and demos that cannot wait a minute). */
  publishNow(): Promise<void>;
}

/** What a stream's DesiredShardLevelMetrics (enhanced monitoring) turns on, as EnableEnhancedMonitoring would. */
export function shardLevelMetricsOf(stream: ResolvedResource): Set<string> {
  const desired = stream.properties.DesiredShardLevelMetrics;
  const names = Array.isArray(desired) ? desired.filter((name): name is string => typeof name === 'string') : [];
  return new Set(names.includes('ALL') ? ['IncomingRecords', 'IncomingBytes'] : names);
}

/**
 * CloudWatch itself is moto's; what moto lacks is the services publishing their own metrics. This does it from
 * what the local cloud observes:
 * - AWS/Kinesis IncomingRecords and IncomingBytes per stream (dimension StreamName) unless the Kinesis backend
 *   publishes them itself, and per shard (StreamName, ShardId) only for the metrics the stream's
 *   DesiredShardLevelMetrics enables, as on AWS.
 * - AWS/Lambda IteratorAge per consumer function (dimension FunctionName), from the event-source mappings.
 * Datapoints carry the minute they describe (a record's arrival time), not the minute they were published.
 */
export function startCloudWatchPublisher(options: CloudWatchPublisherOptions): CloudWatchPublisher {
  const now = options.now ?? Date.now;
  const periodMs = (options.periodSeconds ?? 60) * 1000;
  const observeIntervalMs = options.observeIntervalMs ?? 1000;
  const { log } = options;
  const sink = options.sink ?? createPutMetricDataSink(options.sdkEnv, options.region);
  const buckets = new MetricBuckets();
  const sampler = new IteratorAgeSampler();
  const streams = options.resources.filter((resource) => resource.type === 'AWS::Kinesis::Stream');
  const shardMetricsByArn = new Map(streams.map((stream) => [stream.attributes.Arn ?? '', shardLevelMetricsOf(stream)]));
  const publishStreamLevel = options.kinesisBackend !== 'moto';
  const tailed: TailedStream[] = streams.map((stream) => ({ streamName: stream.physicalId, streamArn: stream.attributes.Arn ?? '' }));

  const tail = new KinesisIngestTail(
    options.kinesis ?? createSdkKinesisReader(createLocalKinesisClient(options.sdkEnv, options.region)),
    tailed,
    (stream, shardId, records) => {
      const shardMetrics = shardMetricsByArn.get(stream.streamArn) ?? new Set<string>();
      for (const record of records) {
        const at = record.approximateArrivalTimestamp.getTime();
        // Data blob plus partition key: the size a shard's 1 MiB/s write limit counts.
        const bytes = record.data.byteLength + Buffer.byteLength(record.partitionKey, 'utf8');
        const streamDimension = { StreamName: stream.streamName };
        const shardDimensions = { StreamName: stream.streamName, ShardId: shardId };
        if (publishStreamLevel) {
          buckets.add(kinesisKey('IncomingRecords', streamDimension), at, 1);
          buckets.add(kinesisKey('IncomingBytes', streamDimension), at, bytes);
        }
        if (shardMetrics.has('IncomingRecords')) buckets.add(kinesisKey('IncomingRecords', shardDimensions), at, 1);
        if (shardMetrics.has('IncomingBytes')) buckets.add(kinesisKey('IncomingBytes', shardDimensions), at, bytes);
      }
    },
    log,
  );

  const observe = async (): Promise<void> => {
    await tail.pass();
    const at = now();
    for (const { functionName, ageMs } of sampler.sample(options.mappings.map((mapping) => mapping.stats()))) {
      buckets.sample({ namespace: 'AWS/Lambda', metricName: 'IteratorAge', dimensions: { FunctionName: functionName }, unit: 'Milliseconds' }, at, ageMs);
    }
  };

  const publish = async (): Promise<void> => {
    const data = buckets.drain();
    for (const namespace of new Set(data.map((datum) => datum.namespace))) {
      try {
        await sink.put(namespace, data.filter((datum) => datum.namespace === namespace));
      } catch (error) {
        log.warn('CloudWatch stand-in: PutMetricData failed; those datapoints are dropped', { namespace, error: String(error) });
      }
    }
  };

  // One observe/publish at a time: the timer and publishNow() queue behind each other instead of racing.
  let queue: Promise<void> = Promise.resolve();
  const serially = (work: () => Promise<void>): Promise<void> => {
    queue = queue.then(work, work);
    return queue;
  };

  let stopped = false;
  let lastPublishMs = now();
  let timer: NodeJS.Timeout | undefined;
  const tick = (): void => {
    timer = setTimeout(() => {
      void serially(async () => {
        await observe();
        if (now() - lastPublishMs >= periodMs) {
          lastPublishMs = now();
          await publish();
        }
      }).finally(() => {
        if (!stopped) tick();
      });
    }, observeIntervalMs);
  };
  tick();
  log.info('CloudWatch stand-in publishing AWS/Kinesis and AWS/Lambda metrics', {
    streams: tailed.map((stream) => stream.streamName),
    periodSeconds: periodMs / 1000,
  });

  return {
    publishNow: () =>
      serially(async () => {
        await observe();
        lastPublishMs = now();
        await publish();
      }),
    stop: async () => {
      if (stopped) return queue;
      stopped = true;
      clearTimeout(timer);
      return serially(publish);
    },
  };
}

const kinesisKey = (metricName: string, dimensions: Record<string, string>): MetricKey => ({
  namespace: 'AWS/Kinesis',
  metricName,
  dimensions,
  unit: metricName === 'IncomingBytes' ? 'Bytes' : 'Count',
});
