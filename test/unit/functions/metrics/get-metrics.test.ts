// Unit tests: GET /metrics/{metric} end to end with a mocked DynamoDB (200 newest first, 404 listing metrics, 400, 500).
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { lambdaContext } from '../../shared/fixtures/clickstream';

type Handler = (event: APIGatewayProxyEvent, context: ReturnType<typeof lambdaContext>) => Promise<APIGatewayProxyResult>;

const dynamo = mockClient(DynamoDBDocumentClient);
let handler: Handler;

beforeAll(async () => {
  Object.assign(process.env, {
    METRICS_TABLE_NAME: 'metrics',
    POWERTOOLS_SERVICE_NAME: 'metrics-get',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    AWS_REGION: 'eu-west-1',
  });
  ({ handler } = await import('../../../../functions/metrics/get-metrics'));
});

beforeEach(() => dynamo.reset());

const get = (metric: string, query: Record<string, string> | null = null): Promise<APIGatewayProxyResult> =>
  handler(
    {
      resource: '/metrics/{metric}',
      path: `/metrics/${metric}`,
      httpMethod: 'GET',
      headers: {},
      pathParameters: { metric },
      queryStringParameters: query,
      body: null,
      isBase64Encoded: false,
    } as unknown as APIGatewayProxyEvent,
    lambdaContext('metrics-get'),
  );

const deviceWindow = {
  pk: 'device_readings#fridge-1',
  sk: '2026-11-26T11:05:00.000Z',
  metric: 'device_readings',
  dimension: 'fridge-1',
  window_start: '2026-11-26T11:05:00.000Z',
  window_end: '2026-11-26T11:10:00.000Z',
  expires_at: 1_796_000_000,
  readings: 10,
  temperature_avg: 4.2,
  temperature_min: 3.9,
  temperature_max: 4.6,
};

describe('GET /metrics/{metric}', () => {
  it("answers 200 with the dimension's windows, newest first", async () => {
    dynamo.on(QueryCommand).resolves({ Items: [deviceWindow] });

    const response = await get('device_readings', { dimension: 'fridge-1', from: '2026-11-26T11:00:00Z', to: '2026-11-26T12:00:00Z', limit: '20' });

    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject({ 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    expect(JSON.parse(response.body)).toEqual({
      metric: 'device_readings',
      items: [
        {
          dimension: 'fridge-1',
          windowStart: '2026-11-26T11:05:00.000Z',
          windowEnd: '2026-11-26T11:10:00.000Z',
          values: { readings: 10, temperature_avg: 4.2, temperature_min: 3.9, temperature_max: 4.6 },
        },
      ],
    });
    expect(dynamo.commandCalls(QueryCommand)[0]?.args[0].input).toMatchObject({
      TableName: 'metrics',
      ExpressionAttributeValues: { ':pk': 'device_readings#fridge-1', ':from': '2026-11-26T11:00:00.000Z', ':to': '2026-11-26T12:00:00.000Z' },
      ScanIndexForward: false,
      Limit: 20,
    });
  });

  it('answers 200 with an empty list when no window lies in the range', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [] });
    const response = await get('active_sessions');
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ metric: 'active_sessions', items: [] });
    expect(dynamo.commandCalls(QueryCommand)[0]?.args[0].input).toMatchObject({ IndexName: 'byMetric' });
  });

  it('answers 404 listing the known metrics for an unknown one, without reading', async () => {
    const response = await get('pageviews');
    expect(response.statusCode).toBe(404);
    const body = JSON.parse(response.body) as { message: string; knownMetrics: { name: string }[] };
    expect(body.message).toBe('Unknown metric "pageviews"');
    expect(body.knownMetrics.map((metric) => metric.name)).toContain('page_views');
    expect(dynamo.calls()).toHaveLength(0);
  });

  it('answers 400 with every invalid field, without reading', async () => {
    const response = await get('top_pages', { dimension: '9', limit: '1000' });
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body)).toEqual({
      message: 'Invalid metrics query',
      errors: [
        { path: 'limit', message: 'At most 500' },
        { path: 'dimension', message: 'A rank from "1" to "5"' },
      ],
    });
    expect(dynamo.calls()).toHaveLength(0);
  });

  it('answers 500 without details when the table cannot be read', async () => {
    dynamo.on(QueryCommand).rejects(new Error('ResourceNotFoundException'));
    const response = await get('page_views');
    expect(response.statusCode).toBe(500);
    expect(JSON.parse(response.body)).toEqual({ message: 'Internal error' });
  });
});
