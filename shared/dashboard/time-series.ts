// CloudWatch datapoints as chart points: per-second rates from period sums, and plain values for gauges like iterator age.
import type { MetricDatapoint } from './stream-metrics-ports';

/** `t`: the period's start in Unix epoch seconds (uPlot's x unit); `v`: the value. */
export interface Point {
  t: number;
  v: number;
}

const epochSeconds = (date: Date): number => Math.floor(date.getTime() / 1000);

/**
 * Sum per period → per second. The period still in progress is divided by the seconds it has run so far, not by
 * its full length, so the newest point does not dip just because the minute is not over yet.
 */
export function toRatePoints(datapoints: readonly MetricDatapoint[], periodSeconds: number, now: Date): Point[] {
  const nowSeconds = now.getTime() / 1000;
  return ascending(datapoints).map(({ timestamp, value }) => {
    const t = epochSeconds(timestamp);
    const elapsed = Math.min(periodSeconds, Math.max(1, nowSeconds - t));
    return { t, v: value / elapsed };
  });
}

export function toValuePoints(datapoints: readonly MetricDatapoint[]): Point[] {
  return ascending(datapoints).map(({ timestamp, value }) => ({ t: epochSeconds(timestamp), v: value }));
}

const ascending = (datapoints: readonly MetricDatapoint[]): MetricDatapoint[] =>
  [...datapoints].sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
