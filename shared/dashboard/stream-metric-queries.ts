// Which CloudWatch metrics the streams panel reads: what AWS publishes per stream, per shard and per consumer function.
import type { DashboardStream, MetricQuery, StreamShard } from './stream-metrics-ports';

/** The queries of one stream, by role, so the answer can be put back together. */
export interface StreamQueryIds {
  incomingRecords: string;
  incomingBytes: string;
  iteratorAge: string;
  shards: Array<{ shard: StreamShard; incomingRecords: string }>;
}

export interface StreamsQueryPlan {
  queries: MetricQuery[];
  ids: StreamQueryIds[];
}

/**
 * - AWS/Kinesis IncomingRecords and IncomingBytes (dimension StreamName): basic stream-level metrics, always on.
 * - AWS/Kinesis IncomingRecords with StreamName + ShardId: only for streams with enhanced (shard-level)
 *   monitoring, which the template enables for IncomingRecords alone (each shard-level metric is billed).
 * - AWS/Lambda IteratorAge (dimension FunctionName): the age of the newest record of each batch the event-source
 *   mapping delivered; its Maximum is the consumer's lag.
 * Ids are positional (`s0_records`, `s0_shard3`): stream names and shard ids may hold characters ids may not.
 */
export function planStreamQueries(streams: readonly DashboardStream[], shardsByStream: ReadonlyArray<readonly StreamShard[]>): StreamsQueryPlan {
  const queries: MetricQuery[] = [];
  const ids = streams.map((stream, index): StreamQueryIds => {
    const prefix = `s${index}`;
    const kinesis = (id: string, metricName: string, dimensions: Record<string, string>): string => {
      queries.push({ id, namespace: 'AWS/Kinesis', metricName, dimensions, stat: 'Sum' });
      return id;
    };
    const streamDimension = { StreamName: stream.streamName };
    const incomingRecords = kinesis(`${prefix}_records`, 'IncomingRecords', streamDimension);
    const incomingBytes = kinesis(`${prefix}_bytes`, 'IncomingBytes', streamDimension);
    const iteratorAge = `${prefix}_age`;
    queries.push({
      id: iteratorAge,
      namespace: 'AWS/Lambda',
      metricName: 'IteratorAge',
      dimensions: { FunctionName: stream.consumerFunctionName },
      stat: 'Maximum',
    });
    const shards = (shardsByStream[index] ?? []).map((shard, shardIndex) => ({
      shard,
      incomingRecords: kinesis(`${prefix}_shard${shardIndex}`, 'IncomingRecords', { ...streamDimension, ShardId: shard.shardId }),
    }));
    return { incomingRecords, incomingBytes, iteratorAge, shards };
  });
  return { queries, ids };
}
