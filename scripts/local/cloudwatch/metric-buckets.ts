// Datapoints accumulated per metric and minute until the next PutMetricData: sums for counters, statistic sets for samples.

/** AWS/Kinesis and AWS/Lambda publish standard-resolution (1-minute) datapoints. */
export const STANDARD_RESOLUTION_MS = 60_000;

export type MetricUnit = 'Count' | 'Bytes' | 'Milliseconds';

export interface MetricKey {
  namespace: string;
  metricName: string;
  dimensions: Readonly<Record<string, string>>;
  unit: MetricUnit;
}

export interface StatisticSet {
  sampleCount: number;
  sum: number;
  minimum: number;
  maximum: number;
}

/** One datapoint to publish: a summed counter (`value`) or a set of samples (`statistics`). */
export type BucketedDatum = MetricKey & { timestamp: Date } & ({ value: number } | { statistics: StatisticSet });

interface Bucket {
  key: MetricKey;
  timestampMs: number;
  sum?: number;
  statistics?: StatisticSet;
}

/**
 * Publishing the same minute again in a later flush is fine: CloudWatch aggregates every datapoint that falls in a
 * period, so two partial sums add up and two statistic sets merge, exactly as if they had been sent at once.
 */
export class MetricBuckets {
  private buckets = new Map<string, Bucket>();

  constructor(private readonly resolutionMs = STANDARD_RESOLUTION_MS) {}

  /** Counts `amount` (records, bytes) in the minute containing `atMs`. */
  add(key: MetricKey, atMs: number, amount: number): void {
    const bucket = this.bucket(key, atMs);
    bucket.sum = (bucket.sum ?? 0) + amount;
  }

  /** Records one observation (an iterator age) in the minute containing `atMs`. */
  sample(key: MetricKey, atMs: number, value: number): void {
    const bucket = this.bucket(key, atMs);
    const statistics = bucket.statistics;
    bucket.statistics = statistics
      ? {
          sampleCount: statistics.sampleCount + 1,
          sum: statistics.sum + value,
          minimum: Math.min(statistics.minimum, value),
          maximum: Math.max(statistics.maximum, value),
        }
      : { sampleCount: 1, sum: value, minimum: value, maximum: value };
  }

  get size(): number {
    return this.buckets.size;
  }

  /** Everything accumulated so far, oldest minute first; the buckets start empty again. */
  drain(): BucketedDatum[] {
    const drained = [...this.buckets.values()].sort((a, b) => a.timestampMs - b.timestampMs);
    this.buckets = new Map();
    return drained.flatMap(({ key, timestampMs, sum, statistics }): BucketedDatum[] => {
      const timestamp = new Date(timestampMs);
      if (statistics) return [{ ...key, timestamp, statistics }];
      return sum === undefined ? [] : [{ ...key, timestamp, value: sum }];
    });
  }

  private bucket(key: MetricKey, atMs: number): Bucket {
    const timestampMs = Math.floor(atMs / this.resolutionMs) * this.resolutionMs;
    const id = JSON.stringify([key.namespace, key.metricName, Object.entries(key.dimensions).sort(), key.unit, timestampMs]);
    let bucket = this.buckets.get(id);
    if (!bucket) {
      bucket = { key, timestampMs };
      this.buckets.set(id, bucket);
    }
    return bucket;
  }
}
