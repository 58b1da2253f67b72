// What GET /metrics/{metric} returns: one metric's windows, newest first, with the values the Flink job computed.
import type { MetricName } from './metric-catalogue';

/** One result row of a window (or, for a pattern metric, one match). */
export interface MetricWindow {
  dimension: string;
  /** ISO-8601 UTC with milliseconds; string order is time order. */
  windowStart: string;
  windowEnd: string;
  /** Metric-specific: counts, sums and averages as numbers; names and times (top page, first_at) as strings. */
  values: Record<string, number | string>;
}

export interface MetricWindows {
  metric: MetricName;
  items: MetricWindow[];
}
