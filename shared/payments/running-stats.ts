// Welford's online mean and variance: one pass, constant memory, numerically stable (no sum of squares to cancel).

export interface RunningStats {
  count: number;
  mean: number;
  /** Sum of squared deviations from the mean. */
  m2: number;
}

export const EMPTY_RUNNING_STATS: RunningStats = { count: 0, mean: 0, m2: 0 };

export function addObservation(stats: RunningStats, value: number): RunningStats {
  const count = stats.count + 1;
  const delta = value - stats.mean;
  const mean = stats.mean + delta / count;
  return { count, mean, m2: stats.m2 + delta * (value - mean) };
}

/** Sample variance (n − 1); 0 until there are two observations. */
export const sampleVariance = (stats: RunningStats): number => (stats.count < 2 ? 0 : stats.m2 / (stats.count - 1));

export const sampleStandardDeviation = (stats: RunningStats): number => Math.sqrt(sampleVariance(stats));
