// Summaries of repeated measurements: median and spread for throughput runs, nearest-rank percentiles for latencies.
export { summarizeLatencies, type LatencySummary } from '../simulate/latency-stats';

export interface SampleSummary {
  runs: number;
  median: number;
  min: number;
  max: number;
  /** (max − min) / median, in percent: how much the runs disagree. */
  spreadPercent: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? Number.NaN) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export function summarizeSamples(values: readonly number[]): SampleSummary {
  const middle = median(values);
  const min = values.length > 0 ? Math.min(...values) : Number.NaN;
  const max = values.length > 0 ? Math.max(...values) : Number.NaN;
  return { runs: values.length, median: middle, min, max, spreadPercent: middle > 0 ? ((max - min) / middle) * 100 : 0 };
}
