// GET /dashboard/streams?minutes=N: the range shown, and the period that keeps a chart at most a few hundred points.
import { z } from 'zod';
import { boundedIntegerParameter, parseQuery, type QueryParameters, type QueryParse } from './query-parameters';
import type { MetricRange } from './stream-metrics-ports';

export const DEFAULT_MINUTES = 15;
/** A day: 1-minute Kinesis and Lambda metrics are kept for 15 days, but a live dashboard looks at the recent past. */
export const MAX_MINUTES = 24 * 60;
/** AWS/Kinesis and AWS/Lambda publish 1-minute data; longer ranges are read at coarser standard periods. */
const PERIODS_SECONDS = [60, 300, 900, 3600] as const;
const LONGEST_PERIOD_SECONDS = 3600;
const MAX_POINTS_PER_SERIES = 180;

export interface StreamsQuery {
  minutes: number;
}

const schema = z.strictObject({ minutes: boundedIntegerParameter(MAX_MINUTES).default(DEFAULT_MINUTES) });

export const parseStreamsQuery = (parameters: QueryParameters): QueryParse<StreamsQuery> => parseQuery(schema, parameters);

export function periodFor(minutes: number): number {
  return PERIODS_SECONDS.find((period) => (minutes * 60) / period <= MAX_POINTS_PER_SERIES) ?? LONGEST_PERIOD_SECONDS;
}

/**
 * The last `minutes` up to now, widened to whole periods: the end is the end of the period in progress, so the
 * newest (partial) minute is part of the answer.
 */
export function metricRange(minutes: number, now: Date): MetricRange {
  const periodSeconds = periodFor(minutes);
  const periodMs = periodSeconds * 1000;
  const end = Math.ceil((now.getTime() + 1) / periodMs) * periodMs;
  const start = Math.floor((now.getTime() - minutes * 60_000) / periodMs) * periodMs;
  return { start: new Date(start), end: new Date(end), periodSeconds };
}
