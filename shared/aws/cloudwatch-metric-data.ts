// MetricDataReader on CloudWatch GetMetricData: many metrics, one range, in as few calls as the API allows.
import { GetMetricDataCommand, type CloudWatchClient, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { chunkByCount } from '../batching/chunk';
import type { MetricDataReader, MetricDatapoint, MetricQuery } from '../dashboard/stream-metrics-ports';

/** GetMetricData takes at most 500 queries per request. */
export const GET_METRIC_DATA_MAX_QUERIES = 500;

const toMetricDataQuery = (query: MetricQuery, periodSeconds: number): MetricDataQuery => ({
  Id: query.id,
  MetricStat: {
    Metric: {
      Namespace: query.namespace,
      MetricName: query.metricName,
      Dimensions: Object.entries(query.dimensions).map(([Name, Value]) => ({ Name, Value })),
    },
    Period: periodSeconds,
    Stat: query.stat,
  },
  ReturnData: true,
});

/**
 * A response may hold part of the datapoints (StatusCode PartialData, over 100,800 of them) and a NextToken; each
 * page's values are appended to their query's series. Every query id is in the answer, empty when it has no data.
 */
export function createCloudWatchMetricDataReader(client: CloudWatchClient): MetricDataReader {
  return {
    async getMetricData(queries, range) {
      const series = new Map<string, MetricDatapoint[]>(queries.map((query) => [query.id, []]));
      for (const chunk of chunkByCount(queries, GET_METRIC_DATA_MAX_QUERIES)) {
        let nextToken: string | undefined;
        do {
          const response = await client.send(
            new GetMetricDataCommand({
              MetricDataQueries: chunk.map((query) => toMetricDataQuery(query, range.periodSeconds)),
              StartTime: range.start,
              EndTime: range.end,
              ScanBy: 'TimestampAscending',
              NextToken: nextToken,
            }),
          );
          for (const result of response.MetricDataResults ?? []) {
            const points = result.Id === undefined ? undefined : series.get(result.Id);
            const timestamps = result.Timestamps ?? [];
            const values = result.Values ?? [];
            points?.push(...timestamps.map((timestamp, index) => ({ timestamp, value: values[index] ?? 0 })));
          }
          nextToken = response.NextToken;
        } while (nextToken !== undefined);
      }
      return series;
    },
  };
}
