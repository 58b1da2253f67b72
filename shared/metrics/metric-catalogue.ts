// The window metrics the Flink job writes (names fixed by its SQL), what each row's dimension is, and their table keys.
import { z } from 'zod';
import { opaqueId } from '../events/fields';
import { cardToken } from '../events/payments';

export interface MetricDefinition {
  /** For people reading GET /metrics answers and the 404 that lists the known metrics. */
  description: string;
  /** The values the metric's dimension can take; anything else cannot be in the table, so it is a 400 without a read. */
  dimension: z.ZodType<string>;
}

/** A page path as the clickstream contract accepts it. */
const pagePath = z.string().min(1).max(1024).startsWith('/', 'A page path starts with "/"');

export const METRIC_CATALOGUE = {
  page_views: {
    description: 'Page views per page path, 1-minute tumbling windows (dimension: the page path)',
    dimension: pagePath,
  },
  active_sessions: {
    description: 'Distinct sessions, 5-minute tumbling windows (dimension: "all")',
    dimension: z.literal('all', { error: 'The only dimension of active_sessions is "all"' }),
  },
  top_pages: {
    description: 'The 5 most viewed pages per 1-minute tumbling window (dimension: the rank, "1" to "5")',
    dimension: z.enum(['1', '2', '3', '4', '5'], { error: 'A rank from "1" to "5"' }),
  },
  device_readings: {
    description: 'Readings and avg/min/max per metric per device, 5-minute windows sliding every minute (dimension: device id)',
    dimension: opaqueId,
  },
  card_activity: {
    description: 'Transactions and amount per card, 10-minute windows sliding every minute (dimension: card token)',
    dimension: cardToken,
  },
  small_then_large: {
    description: 'Several small charges followed by a large one on a card, per match (dimension: card token)',
    dimension: cardToken,
  },
} as const satisfies Record<string, MetricDefinition>;

export type MetricName = keyof typeof METRIC_CATALOGUE;

export const METRIC_NAMES = Object.keys(METRIC_CATALOGUE) as MetricName[];

export const isMetricName = (name: string): name is MetricName => Object.hasOwn(METRIC_CATALOGUE, name);

/** The table's partition key: one partition per metric and dimension, so a dimension's windows are one Query. */
export const metricPartitionKey = (metric: MetricName, dimension: string): string => `${metric}#${dimension}`;
