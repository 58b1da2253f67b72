// MetricsStore on DynamoDB: the table the Flink job upserts window results into (pk metric#dimension, sk window start).
import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { metricPartitionKey } from '../metrics/metric-catalogue';
import type { MetricWindow } from '../metrics/metric-window';
import type { MetricsQuery } from '../metrics/metrics-query';
import type { MetricsStore } from '../metrics/metrics-store';

export interface DynamoDbMetricsStoreOptions {
  tableName: string;
  /** The global secondary index keyed (metric, sk), for every dimension of a metric by time. */
  byMetricIndexName?: string;
}

/** Attributes every row carries; everything else on a row is a metric-specific value. */
const KEY_ATTRIBUTES = new Set(['pk', 'sk', 'metric', 'dimension', 'window_start', 'window_end', 'expires_at']);

/**
 * Pattern rows (MATCH_RECOGNIZE) are keyed by the match's last event; if one lacks window bounds, the sort key
 * stands in for both, so every item still has a time.
 */
const metricItemSchema = z
  .object({
    sk: z.string(),
    dimension: z.string(),
    window_start: z.string().optional(),
    window_end: z.string().optional(),
  })
  .catchall(z.unknown());

/** The contract allows plain S and N attributes only; anything else means a writer broke it, which is worth a 500. */
function metricValue(name: string, value: unknown): number | string {
  if (typeof value === 'number' || typeof value === 'string') return value;
  throw new Error(`Metric row attribute "${name}" is neither a number nor a string`);
}

function toMetricWindow(item: Record<string, unknown>): MetricWindow {
  const row = metricItemSchema.parse(item);
  const values: Record<string, number | string> = {};
  for (const [name, value] of Object.entries(row)) {
    // The Flink DynamoDB sink writes a SQL NULL (e.g. a metric a device did not report) as a NULL attribute: absent.
    if (!KEY_ATTRIBUTES.has(name) && value !== null) values[name] = metricValue(name, value);
  }
  return { dimension: row.dimension, windowStart: row.window_start ?? row.sk, windowEnd: row.window_end ?? row.sk, values };
}

/**
 * One Query per page, newest first (descending sort key), paging on until `limit` rows are read or the range is
 * exhausted. `Limit` asks for only what is still missing, so no read capacity goes to rows that would be cut.
 */
export function createDynamoDbMetricsStore(client: DynamoDBDocumentClient, options: DynamoDbMetricsStoreOptions): MetricsStore {
  const { tableName } = options;
  const indexName = options.byMetricIndexName ?? 'byMetric';

  function queryInput(query: MetricsQuery): QueryCommandInput {
    const range = { ':from': query.from, ':to': query.to };
    const byDimension = query.dimension !== undefined;
    return {
      TableName: tableName,
      ...(byDimension ? {} : { IndexName: indexName }),
      KeyConditionExpression: `${byDimension ? '#pk = :pk' : '#metric = :metric'} AND #sk BETWEEN :from AND :to`,
      ExpressionAttributeNames: byDimension ? { '#pk': 'pk', '#sk': 'sk' } : { '#metric': 'metric', '#sk': 'sk' },
      ExpressionAttributeValues: byDimension
        ? { ':pk': metricPartitionKey(query.metric, query.dimension ?? ''), ...range }
        : { ':metric': query.metric, ...range },
      ScanIndexForward: false,
    };
  }

  return {
    async listWindows(query) {
      const windows: MetricWindow[] = [];
      const input = queryInput(query);
      let startKey: Record<string, unknown> | undefined;
      do {
        const response = await client.send(
          new QueryCommand({ ...input, Limit: query.limit - windows.length, ExclusiveStartKey: startKey }),
        );
        windows.push(...(response.Items ?? []).map(toMetricWindow));
        startKey = response.LastEvaluatedKey;
      } while (startKey !== undefined && windows.length < query.limit);
      return windows.slice(0, query.limit);
    },
  };
}
