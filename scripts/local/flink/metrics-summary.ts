// npm start's live summary line for the Flink job: is it running, how many window rows it wrote, the latest page_views window.
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LocalFlink } from './index';

export interface MetricsTableSummary {
  /** page_views rows so far (one per page and closed minute). Counting one metric keeps this cheap on a long run. */
  pageViewRows: number;
  /** The newest closed page_views window: its start, total views and number of pages. */
  latestPageViews?: { windowStart: string; views: number; pages: number };
}

const BY_METRIC = 'byMetric';

export async function summarizeMetricsTable(documents: DynamoDBDocumentClient, tableName: string): Promise<MetricsTableSummary> {
  let pageViewRows = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: BY_METRIC,
        KeyConditionExpression: '#metric = :metric',
        ExpressionAttributeNames: { '#metric': 'metric' },
        ExpressionAttributeValues: { ':metric': 'page_views' },
        Select: 'COUNT',
        ExclusiveStartKey: startKey,
      }),
    );
    pageViewRows += page.Count ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  if (pageViewRows === 0) return { pageViewRows };
  return { pageViewRows, latestPageViews: await latestPageViews(documents, tableName) };
}

/** Two reads of the byMetric index: the newest window start, then every page of that window. */
async function latestPageViews(documents: DynamoDBDocumentClient, tableName: string): Promise<MetricsTableSummary['latestPageViews']> {
  const byMetric = { TableName: tableName, IndexName: BY_METRIC };
  const newest = await documents.send(
    new QueryCommand({
      ...byMetric,
      KeyConditionExpression: '#metric = :metric',
      ExpressionAttributeNames: { '#metric': 'metric' },
      ExpressionAttributeValues: { ':metric': 'page_views' },
      ScanIndexForward: false,
      Limit: 1,
    }),
  );
  const windowStart: unknown = newest.Items?.[0]?.sk;
  if (typeof windowStart !== 'string') return undefined;
  const window = await documents.send(
    new QueryCommand({
      ...byMetric,
      KeyConditionExpression: '#metric = :metric AND #sk = :sk',
      ExpressionAttributeNames: { '#metric': 'metric', '#sk': 'sk' },
      ExpressionAttributeValues: { ':metric': 'page_views', ':sk': windowStart },
    }),
  );
  const items = window.Items ?? [];
  return { windowStart, views: items.reduce((sum, item) => sum + Number(item.views ?? 0), 0), pages: items.length };
}

/** e.g. `flink      running · page_views: 124 rows, latest 10:05 UTC: 87 views on 12 pages` */
export function formatFlinkLine(flink: LocalFlink | 'starting', summary: MetricsTableSummary | undefined): string {
  if (flink === 'starting') return 'flink      starting (window metrics follow once the job runs)';
  if (flink.status === 'off') return `flink      off (${flink.reason ?? 'unknown reason'})`;
  if (!flink.isAlive()) return `flink      the job stopped: see ${flink.logFile ?? '.local/logs/flink.log'}`;
  if (summary === undefined || summary.pageViewRows === 0) return 'flink      running · no window closed yet (a minute closes 5 s of event time after its end)';
  const latest = summary.latestPageViews;
  const newest = latest ? `, latest ${latest.windowStart.slice(11, 16)} UTC: ${latest.views} views on ${latest.pages} pages` : '';
  return `flink      running · page_views: ${summary.pageViewRows} rows${newest}`;
}
