// Chart data: API points (epoch seconds, value) into uPlot's aligned columns, one shared x axis per chart.
import type { Point } from '../api-types';

/** [x, y1, y2, ...]: x ascending; a series without a point at some x has null there (drawn as a gap). */
export type AlignedColumns = [number[], ...Array<Array<number | null>>];

export function alignSeries(series: ReadonlyArray<readonly Point[]>): AlignedColumns {
  const xs = [...new Set(series.flatMap((points) => points.map((point) => point.t)))].sort((a, b) => a - b);
  const columns = series.map((points) => {
    const byT = new Map(points.map((point) => [point.t, point.v]));
    return xs.map((x) => byT.get(x) ?? null);
  });
  return [xs, ...columns];
}

export const hasData = (series: ReadonlyArray<readonly Point[]>): boolean => series.some((points) => points.length > 0);

export function latestValue(points: readonly Point[]): number | undefined {
  let latest: Point | undefined;
  for (const point of points) if (latest === undefined || point.t > latest.t) latest = point;
  return latest?.v;
}

export function maxValue(points: readonly Point[]): number | undefined {
  return points.length === 0 ? undefined : Math.max(...points.map((point) => point.v));
}

/** ISO-8601 → epoch seconds (uPlot's time unit). */
export const epochSeconds = (iso: string): number => Date.parse(iso) / 1000;
