// Flink window results (GET /metrics/{metric} items, newest first) shaped for charts and tables.
import type { MetricWindow, Point } from '../api-types';
import { epochSeconds } from './series';

export const numericValue = (window: MetricWindow, name: string): number | undefined => {
  const value = window.values[name];
  if (typeof value === 'number') return value;
  // DECIMAL columns (amounts) may arrive as strings; counts never do.
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
};

/** One point per window start: the value summed over the metric's dimensions (page views of every page per minute). */
export function totalPerWindow(items: readonly MetricWindow[], valueName: string): Point[] {
  const totals = new Map<number, number>();
  for (const item of items) {
    const value = numericValue(item, valueName);
    if (value === undefined) continue;
    const t = epochSeconds(item.windowStart);
    totals.set(t, (totals.get(t) ?? 0) + value);
  }
  return [...totals].map(([t, v]) => ({ t, v })).sort((a, b) => a.t - b.t);
}

/** Result rows per window start: how much each window produced, whatever the metric's values are. */
export function rowsPerWindow(items: readonly MetricWindow[]): Point[] {
  const rows = new Map<number, number>();
  for (const item of items) {
    const t = epochSeconds(item.windowStart);
    rows.set(t, (rows.get(t) ?? 0) + 1);
  }
  return [...rows].map(([t, v]) => ({ t, v })).sort((a, b) => a.t - b.t);
}

/** The rows of the newest window (by start; ISO strings order as time). */
export function latestWindow(items: readonly MetricWindow[]): MetricWindow[] {
  const newest = items.reduce<string | undefined>((max, item) => (max === undefined || item.windowStart > max ? item.windowStart : max), undefined);
  return newest === undefined ? [] : items.filter((item) => item.windowStart === newest);
}

export interface TopPage {
  rank: number;
  page: string;
  views: number;
}

export function topPagesOfLatestWindow(items: readonly MetricWindow[]): TopPage[] {
  return latestWindow(items)
    .map((item) => ({
      rank: numericValue(item, 'rank') ?? Number(item.dimension),
      page: typeof item.values.page === 'string' ? item.values.page : '(unknown page)',
      views: numericValue(item, 'views') ?? 0,
    }))
    .sort((a, b) => a.rank - b.rank);
}

/** avg, min and max of one reading metric ("temperature") per window of one device, oldest first. */
export function deviceMetricSeries(items: readonly MetricWindow[], metric: string): { avg: Point[]; min: Point[]; max: Point[] } {
  const pick = (suffix: string): Point[] =>
    items
      .flatMap((item) => {
        const v = numericValue(item, `${metric}_${suffix}`);
        return v === undefined ? [] : [{ t: epochSeconds(item.windowStart), v }];
      })
      .sort((a, b) => a.t - b.t);
  return { avg: pick('avg'), min: pick('min'), max: pick('max') };
}

/** Reading metrics a device_readings row carries ("temperature" from temperature_avg), in a stable order. */
export function readingMetricsOf(items: readonly MetricWindow[]): string[] {
  const names = new Set<string>();
  for (const item of items) for (const key of Object.keys(item.values)) if (key.endsWith('_avg')) names.add(key.slice(0, -4));
  return [...names].sort();
}

export interface DimensionTotal {
  dimension: string;
  total: number;
}

/** The dimensions with the largest value in the newest window (the busiest cards right now). */
export function topDimensionsOfLatestWindow(items: readonly MetricWindow[], valueName: string, count: number): DimensionTotal[] {
  return latestWindow(items)
    .map((item) => ({ dimension: item.dimension, total: numericValue(item, valueName) ?? 0 }))
    .sort((a, b) => b.total - a.total || a.dimension.localeCompare(b.dimension))
    .slice(0, count);
}

export interface WindowSummary {
  windows: number;
  rows: number;
  latestStart?: string;
  latestEnd?: string;
}

export function summarizeWindows(items: readonly MetricWindow[]): WindowSummary {
  const latest = latestWindow(items)[0];
  return {
    windows: new Set(items.map((item) => item.windowStart)).size,
    rows: items.length,
    ...(latest === undefined ? {} : { latestStart: latest.windowStart, latestEnd: latest.windowEnd }),
  };
}
