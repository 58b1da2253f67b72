// What GET /dashboard/streams answers: per stream, ingest rates (whole stream and per shard) and the consumer's lag.
import { metricRange, type StreamsQuery } from './stream-metrics-query';
import { planStreamQueries } from './stream-metric-queries';
import type { DashboardStream, MetricDataReader, ShardLister, StreamDomain } from './stream-metrics-ports';
import { toRatePoints, toValuePoints, type Point } from './time-series';

export interface StreamMetricsView {
  generatedAt: string;
  periodSeconds: number;
  streams: StreamPanel[];
}

export interface StreamPanel {
  domain: StreamDomain;
  streamName: string;
  /** Records per second. */
  incomingRecords: Point[];
  /** Bytes per second. */
  incomingBytes: Point[];
  consumer: { functionName: string; iteratorAgeMs: Point[] };
  /** Records per second per shard: one hot shard among cold ones is a partition-key problem. */
  shards: Array<{ shardId: string; incomingRecords: Point[] }>;
}

export interface StreamMetricsReaderDependencies {
  streams: readonly DashboardStream[];
  shards: ShardLister;
  metrics: MetricDataReader;
  clock?: () => Date;
}

/**
 * Shards come from ListShards (not from whatever CloudWatch has), so an idle open shard is still shown, flat;
 * a closed shard is shown only while it has data in the range, i.e. right after a reshard.
 */
export function createStreamMetricsReader(dependencies: StreamMetricsReaderDependencies): (query: StreamsQuery) => Promise<StreamMetricsView> {
  const { streams, shards, metrics } = dependencies;
  const clock = dependencies.clock ?? (() => new Date());
  return async ({ minutes }) => {
    const now = clock();
    const range = metricRange(minutes, now);
    const shardsByStream = await Promise.all(streams.map((stream) => shards.listShards(stream.streamName)));
    const plan = planStreamQueries(streams, shardsByStream);
    const data = await metrics.getMetricData(plan.queries, range);
    const series = (id: string) => data.get(id) ?? [];
    const rate = (id: string) => toRatePoints(series(id), range.periodSeconds, now);

    const panels = streams.map((stream, index): StreamPanel => {
      const ids = plan.ids[index]!;
      return {
        domain: stream.domain,
        streamName: stream.streamName,
        incomingRecords: rate(ids.incomingRecords),
        incomingBytes: rate(ids.incomingBytes),
        consumer: { functionName: stream.consumerFunctionName, iteratorAgeMs: toValuePoints(series(ids.iteratorAge)) },
        shards: ids.shards
          .map(({ shard, incomingRecords }) => ({ shard, incomingRecords: rate(incomingRecords) }))
          .filter(({ shard, incomingRecords }) => !shard.closed || incomingRecords.length > 0)
          .map(({ shard, incomingRecords }) => ({ shardId: shard.shardId, incomingRecords }))
          .sort((a, b) => a.shardId.localeCompare(b.shardId)),
      };
    });
    return { generatedAt: now.toISOString(), periodSeconds: range.periodSeconds, streams: panels };
  };
}
