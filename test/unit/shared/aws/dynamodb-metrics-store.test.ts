// Unit tests: the DynamoDB MetricsStore (Query by partition or by the byMetric index, newest first, paging, row mapping).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { createDynamoDbMetricsStore } from '../../../../shared/aws/dynamodb-metrics-store';
import type { MetricsQuery } from '../../../../shared/metrics/metrics-query';

const TABLE = 'metrics';
const dynamo = mockClient(DynamoDBDocumentClient);
const store = createDynamoDbMetricsStore(DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' })), { tableName: TABLE });

const RANGE = { from: '2026-11-26T11:00:00.000Z', to: '2026-11-26T12:00:00.000Z' };

const pageViews = (minute: number, path = '/home', views = 3) => {
  const start = `2026-11-26T11:${String(minute).padStart(2, '0')}:00.000Z`;
  const end = `2026-11-26T11:${String(minute + 1).padStart(2, '0')}:00.000Z`;
  return { pk: `page_views#${path}`, sk: start, metric: 'page_views', dimension: path, window_start: start, window_end: end, expires_at: 1_796_000_000, views };
};

beforeEach(() => dynamo.reset());

describe('DynamoDB metrics store', () => {
  it("queries one dimension's partition newest first, within the window-start range", async () => {
    dynamo.on(QueryCommand).resolves({ Items: [pageViews(5), pageViews(4)] });
    const query: MetricsQuery = { metric: 'page_views', dimension: '/home', ...RANGE, limit: 10 };

    const windows = await store.listWindows(query);

    expect(windows).toEqual([
      { dimension: '/home', windowStart: '2026-11-26T11:05:00.000Z', windowEnd: '2026-11-26T11:06:00.000Z', values: { views: 3 } },
      { dimension: '/home', windowStart: '2026-11-26T11:04:00.000Z', windowEnd: '2026-11-26T11:05:00.000Z', values: { views: 3 } },
    ]);
    expect(dynamo.commandCalls(QueryCommand)[0]?.args[0].input).toEqual({
      TableName: TABLE,
      KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
      ExpressionAttributeNames: { '#pk': 'pk', '#sk': 'sk' },
      ExpressionAttributeValues: { ':pk': 'page_views#/home', ':from': RANGE.from, ':to': RANGE.to },
      ScanIndexForward: false,
      Limit: 10,
      ExclusiveStartKey: undefined,
    });
  });

  it('queries the byMetric index for every dimension of the metric', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [pageViews(5, '/cart'), pageViews(5, '/home')] });

    const windows = await store.listWindows({ metric: 'page_views', ...RANGE, limit: 2 });

    expect(windows.map((window) => window.dimension)).toEqual(['/cart', '/home']);
    expect(dynamo.commandCalls(QueryCommand)[0]?.args[0].input).toMatchObject({
      TableName: TABLE,
      IndexName: 'byMetric',
      KeyConditionExpression: '#metric = :metric AND #sk BETWEEN :from AND :to',
      ExpressionAttributeNames: { '#metric': 'metric', '#sk': 'sk' },
      ExpressionAttributeValues: { ':metric': 'page_views', ':from': RANGE.from, ':to': RANGE.to },
      ScanIndexForward: false,
    });
  });

  it('pages on, asking only for what is still missing, until the limit is reached', async () => {
    dynamo
      .on(QueryCommand)
      .resolvesOnce({ Items: [pageViews(9)], LastEvaluatedKey: { pk: 'page_views#/home', sk: 'a' } })
      .resolvesOnce({ Items: [pageViews(8), pageViews(7)], LastEvaluatedKey: { pk: 'page_views#/home', sk: 'b' } });

    const windows = await store.listWindows({ metric: 'page_views', dimension: '/home', ...RANGE, limit: 3 });

    expect(windows).toHaveLength(3);
    const calls = dynamo.commandCalls(QueryCommand).map((call) => call.args[0].input);
    expect(calls.map((input) => [input.Limit, input.ExclusiveStartKey])).toEqual([
      [3, undefined],
      [2, { pk: 'page_views#/home', sk: 'a' }],
    ]);
  });

  it('stops when the range is exhausted before the limit', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [pageViews(1)] });
    await expect(store.listWindows({ metric: 'page_views', ...RANGE, limit: 50 })).resolves.toHaveLength(1);
    expect(dynamo.commandCalls(QueryCommand)).toHaveLength(1);
  });

  it('keeps string values (top page, match times) and falls back to the sort key for rows without window bounds', async () => {
    const match = {
      pk: 'small_then_large#card-a',
      sk: '2026-11-26T11:07:12.000Z',
      metric: 'small_then_large',
      dimension: 'card-a',
      expires_at: 1_796_000_000,
      small_count: 3,
      small_total: 4.5,
      large_amount: 950,
      first_at: '2026-11-26T11:02:00.000Z',
      last_at: '2026-11-26T11:07:12.000Z',
    };
    dynamo.on(QueryCommand).resolves({ Items: [match] });

    const [window] = await store.listWindows({ metric: 'small_then_large', dimension: 'card-a', ...RANGE, limit: 1 });

    expect(window).toEqual({
      dimension: 'card-a',
      windowStart: '2026-11-26T11:07:12.000Z',
      windowEnd: '2026-11-26T11:07:12.000Z',
      values: { small_count: 3, small_total: 4.5, large_amount: 950, first_at: '2026-11-26T11:02:00.000Z', last_at: '2026-11-26T11:07:12.000Z' },
    });
  });

  it('leaves out the NULL attributes Flink writes for SQL NULLs (a metric a device did not report)', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [{ ...pageViews(1), humidity_max: null }] });
    const [window] = await store.listWindows({ metric: 'page_views', ...RANGE, limit: 1 });
    expect(window?.values).not.toHaveProperty('humidity_max');
    expect(window?.values).toHaveProperty('views');
  });

  it('rejects a row that breaks the contract instead of passing it on', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [{ ...pageViews(1), views: [1, 2] }] });
    await expect(store.listWindows({ metric: 'page_views', ...RANGE, limit: 1 })).rejects.toThrow('"views" is neither a number nor a string');
    dynamo.on(QueryCommand).resolves({ Items: [{ sk: 'x' }] });
    await expect(store.listWindows({ metric: 'page_views', ...RANGE, limit: 1 })).rejects.toThrow();
  });
});
