// GET /metrics/{metric} query parameters: validated at the edge into the one query shape the store understands.
import { z } from 'zod';
import { isoUtcTimestamp } from '../events/fields';
import { METRIC_CATALOGUE, isMetricName, type MetricName } from './metric-catalogue';

export interface MetricsQuery {
  metric: MetricName;
  /** Absent: every dimension of the metric (the byMetric index). */
  dimension?: string;
  /** Bounds on the window start (the table's sort key), inclusive, ISO-8601 UTC with milliseconds. */
  from: string;
  to: string;
  limit: number;
}

/** Without bounds, the last hour: what a dashboard shows first. */
export const DEFAULT_RANGE_MS = 60 * 60_000;
export const DEFAULT_LIMIT = 100;
/** One response stays well under API Gateway's and Lambda's 6 MB payload limits. */
export const MAX_LIMIT = 500;

export interface FieldError {
  path: string;
  message: string;
}

export type MetricsQueryParse =
  | { ok: true; query: MetricsQuery }
  | { ok: false; reason: 'unknown-metric'; metric: string }
  | { ok: false; reason: 'invalid'; errors: FieldError[] };

const limitParameter = z
  .string()
  .regex(/^\d+$/, `Use a whole number from 1 to ${MAX_LIMIT}`)
  .transform(Number)
  .pipe(z.number().int().min(1, `Use a whole number from 1 to ${MAX_LIMIT}`).max(MAX_LIMIT, `At most ${MAX_LIMIT}`));

/** Strict: a misspelt parameter (`?dimensions=`) is a 400, not a silently wider answer. */
const parametersSchema = z.strictObject({
  dimension: z.string().optional(),
  from: isoUtcTimestamp.optional(),
  to: isoUtcTimestamp.optional(),
  limit: limitParameter.optional(),
});

const issuesToErrors = (issues: readonly z.core.$ZodIssue[], prefix?: string): FieldError[] =>
  issues.map((issue) => ({
    path: issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : [prefix, ...issue.path].filter((part) => part !== undefined).join('.'),
    message: issue.message,
  }));

/**
 * `from` defaults to an hour before `to`, and `to` to `now`, so either bound alone still names a bounded range.
 * The metric is checked first: an unknown one is a 404 that lists the known metrics, whatever the parameters say.
 */
export function parseMetricsQuery(
  metric: string | undefined,
  parameters: Readonly<Record<string, string | undefined>> | null,
  now: Date,
): MetricsQueryParse {
  if (metric === undefined || !isMetricName(metric)) return { ok: false, reason: 'unknown-metric', metric: metric ?? '' };
  const parsed = parametersSchema.safeParse(parameters ?? {});
  const dimension = parameters?.dimension;
  const errors = [...(parsed.success ? [] : issuesToErrors(parsed.error.issues)), ...dimensionErrors(metric, dimension)];
  if (!parsed.success || errors.length > 0) return { ok: false, reason: 'invalid', errors };

  const { limit = DEFAULT_LIMIT } = parsed.data;
  const to = parsed.data.to ?? now.toISOString();
  const from = parsed.data.from ?? new Date(Date.parse(to) - DEFAULT_RANGE_MS).toISOString();
  if (from > to) return { ok: false, reason: 'invalid', errors: [{ path: 'from', message: `Must not be after "to" (${to})` }] };
  return { ok: true, query: { metric, ...(dimension === undefined ? {} : { dimension }), from, to, limit } };
}

function dimensionErrors(metric: MetricName, dimension: string | undefined): FieldError[] {
  if (dimension === undefined) return [];
  const checked = METRIC_CATALOGUE[metric].dimension.safeParse(dimension);
  return checked.success ? [] : issuesToErrors(checked.error.issues, 'dimension');
}
