// GET /metrics/{metric} (API Gateway REST, Lambda proxy): validate the metric and the query string → read → 200 JSON, 404 or 400.
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { StructuredLogger } from '../lambda/powertools';
import { METRIC_CATALOGUE, METRIC_NAMES } from './metric-catalogue';
import type { MetricWindows } from './metric-window';
import { parseMetricsQuery } from './metrics-query';
import type { MetricsStore } from './metrics-store';

export interface MetricsReadHandlerOptions {
  store: MetricsStore;
  logger: StructuredLogger;
  /** The default range ends now; tests pin it. */
  clock?: () => Date;
  /** The path parameter holding the metric name, as named in the route (`/metrics/{metric}`). */
  pathParameter?: string;
}

export type MetricsReadHandler = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;

/** The latest windows change every minute, so no cache between the client and the table may keep an answer. */
const json = (statusCode: number, body: unknown): APIGatewayProxyResult => ({
  statusCode,
  headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
  body: JSON.stringify(body),
});

const knownMetrics = METRIC_NAMES.map((name) => ({ name, description: METRIC_CATALOGUE[name].description }));

/**
 * Same shape as shared/lambda/http-read's handler (400 before any read, 500 without details), plus the query
 * string: the metric is a closed set, so an unknown one is a 404 that tells the caller which names exist.
 */
export function createMetricsReadHandler(options: MetricsReadHandlerOptions): MetricsReadHandler {
  const { store, logger } = options;
  const clock = options.clock ?? (() => new Date());
  const pathParameter = options.pathParameter ?? 'metric';

  return async (event) => {
    const metric = event.pathParameters?.[pathParameter];
    const parsed = parseMetricsQuery(metric, event.queryStringParameters, clock());
    if (!parsed.ok && parsed.reason === 'unknown-metric') {
      return json(404, { message: `Unknown metric "${parsed.metric}"`, knownMetrics });
    }
    if (!parsed.ok) return json(400, { message: 'Invalid metrics query', errors: parsed.errors });
    try {
      const body: MetricWindows = { metric: parsed.query.metric, items: await store.listWindows(parsed.query) };
      return json(200, body);
    } catch (error) {
      logger.error('Reading metrics failed', error instanceof Error ? error : String(error));
      return json(500, { message: 'Internal error' });
    }
  };
}
