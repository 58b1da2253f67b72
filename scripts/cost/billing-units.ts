// How each AWS service turns usage into billable units (rounding rules, shard math, tiers); pure functions.
import type { PriceTier } from './prices';

export const KiB = 1024;
export const MiB = 1024 * KiB;
export const GiB = 1024 * MiB;
/** AWS bills "GB" of data as 2^30 bytes in the units below; TB as 2^40. */
export const TiB = 1024 * GiB;
/** AWS prices a month as 730 hours. */
export const HOURS_PER_MONTH = 730;
export const SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600;

/** Kinesis on-demand meters each record rounded up to the next 1 KiB. */
export const kinesisBilledBytes = (recordBytes: number): number => Math.max(1, Math.ceil(recordBytes / KiB)) * KiB;

/** Provisioned mode: one PUT payload unit per started 25 KB of a record. */
export const putPayloadUnits = (recordBytes: number): number => Math.max(1, Math.ceil(recordBytes / (25 * KiB)));

/** A shard takes 1 MiB/s or 1,000 records/s of writes, whichever runs out first. */
export function provisionedShards(recordsPerSecond: number, bytesPerSecond: number): number {
  if (recordsPerSecond <= 0) return 1;
  return Math.max(1, Math.ceil(bytesPerSecond / MiB), Math.ceil(recordsPerSecond / 1000));
}

/** Firehose meters each record rounded up to the next 5 KiB. */
export const firehoseBilledBytes = (recordBytes: number): number => Math.max(1, Math.ceil(recordBytes / (5 * KiB))) * 5 * KiB;

/** One write request unit per started 1 KB of the item. */
export const dynamoDbWriteUnits = (itemBytes: number): number => Math.max(1, Math.ceil(itemBytes / KiB));

/** One read request unit per started 4 KB for a strongly consistent read; half that when eventually consistent. */
export const dynamoDbReadUnits = (itemBytes: number, stronglyConsistent: boolean): number =>
  Math.max(1, Math.ceil(itemBytes / (4 * KiB))) * (stronglyConsistent ? 1 : 0.5);

/** Athena bills at least 10 MB per query. */
export const athenaBilledBytes = (scannedBytes: number): number => Math.max(10 * 1000 * 1000, scannedBytes);

/** Lambda: GB-seconds of one invocation (duration billed per millisecond). */
export const lambdaGbSeconds = (durationMs: number, memoryMb: number): number => (Math.ceil(durationMs) / 1000) * (memoryMb / 1024);

/** Cost of `quantity` units under volume tiers: each tier's price applies to the units that fall in it. */
export function tieredCost(tiers: readonly PriceTier[], quantity: number): number {
  let cost = 0;
  let floor = 0;
  for (const tier of tiers) {
    const ceiling = tier.upTo ?? Number.POSITIVE_INFINITY;
    const inTier = Math.max(0, Math.min(quantity, ceiling) - floor);
    cost += inTier * tier.usd;
    floor = ceiling;
    if (quantity <= ceiling) break;
  }
  return cost;
}

/**
 * Lambda invocations per second of one stream consumer: full batches when traffic is high; otherwise each shard
 * with records is invoked about once per batching window (records permitting).
 */
export function consumerInvocationsPerSecond(options: {
  recordsPerSecond: number;
  batchSize: number;
  batchWindowSeconds: number;
  shards: number;
}): number {
  const { recordsPerSecond, batchSize, batchWindowSeconds, shards } = options;
  if (recordsPerSecond <= 0) return 0;
  const byWindow = Math.min(recordsPerSecond, shards / Math.max(batchWindowSeconds, 1e-3));
  return Math.max(recordsPerSecond / batchSize, byWindow);
}
