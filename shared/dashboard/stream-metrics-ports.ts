// Ports and plain shapes for the per-stream panel: which streams to show, their shards, and CloudWatch's time series.

export const STREAM_DOMAINS = ['clickstream', 'iot', 'payments'] as const;
export type StreamDomain = (typeof STREAM_DOMAINS)[number];

/** One Kinesis stream on the dashboard and the Lambda function its event-source mapping feeds. */
export interface DashboardStream {
  domain: StreamDomain;
  streamName: string;
  consumerFunctionName: string;
}

export interface StreamShard {
  shardId: string;
  /** Closed by a reshard: it takes no new records but may have some in the range shown. */
  closed: boolean;
}

export interface ShardLister {
  /** Every shard the stream still retains, open and closed. */
  listShards(streamName: string): Promise<StreamShard[]>;
}

export type MetricStatistic = 'Sum' | 'Maximum';

/** One CloudWatch metric to read (a MetricStat query without the SDK's types). */
export interface MetricQuery {
  /** GetMetricData's query id: unique per request, `^[a-z][a-zA-Z0-9_]*$`. */
  id: string;
  namespace: 'AWS/Kinesis' | 'AWS/Lambda';
  metricName: string;
  dimensions: Readonly<Record<string, string>>;
  stat: MetricStatistic;
}

export interface MetricRange {
  /** Both aligned to the period, as CloudWatch answers fastest and buckets predictably. */
  start: Date;
  end: Date;
  periodSeconds: number;
}

export interface MetricDatapoint {
  /** Start of the period the value aggregates. */
  timestamp: Date;
  value: number;
}

export interface MetricDataReader {
  /** Series by query id, ascending by time; a query without data maps to an empty array. */
  getMetricData(queries: readonly MetricQuery[], range: MetricRange): Promise<Map<string, MetricDatapoint[]>>;
}
