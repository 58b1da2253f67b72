// The per-shard view's teaching point: a shard taking more than twice the mean load points at a skewed partition key.
import type { Point } from '../api-types';

/** "More than 2× the mean" is the rule of thumb the workshop teaches for a hot shard. */
export const HOT_SHARD_FACTOR = 2;

export interface ShardLoad {
  shardId: string;
  /** Mean records per second over the periods any shard reported (a silent period counts as 0). */
  recordsPerSecond: number;
  /** Share of the stream's records, 0..1. */
  share: number;
  hot: boolean;
}

export function shardLoads(shards: ReadonlyArray<{ shardId: string; incomingRecords: readonly Point[] }>): ShardLoad[] {
  const periods = new Set(shards.flatMap((shard) => shard.incomingRecords.map((point) => point.t))).size;
  const means = shards.map((shard) => (periods === 0 ? 0 : shard.incomingRecords.reduce((sum, point) => sum + point.v, 0) / periods));
  const total = means.reduce((sum, mean) => sum + mean, 0);
  const meanLoad = shards.length === 0 ? 0 : total / shards.length;
  return shards.map((shard, index) => {
    const recordsPerSecond = means[index] ?? 0;
    return {
      shardId: shard.shardId,
      recordsPerSecond,
      share: total === 0 ? 0 : recordsPerSecond / total,
      hot: shards.length > 1 && meanLoad > 0 && recordsPerSecond > HOT_SHARD_FACTOR * meanLoad,
    };
  });
}

/** "shardId-000000000003" → "shard 3": the full id is in the tooltip, the short one fits a legend. */
export function shortShardName(shardId: string): string {
  const match = /(\d+)$/.exec(shardId);
  return match?.[1] === undefined ? shardId : `shard ${Number(match[1])}`;
}
