// Unit tests: the dashboard's three GET handlers end to end with mocked AWS clients (200 shapes, 400 before any read, 500).
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { KinesisClient, ListShardsCommand } from '@aws-sdk/client-kinesis';
import { DynamoDBDocumentClient, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { lambdaContext } from '../../shared/fixtures/clickstream';

type Handler = (event: APIGatewayProxyEvent, context: ReturnType<typeof lambdaContext>) => Promise<APIGatewayProxyResult>;

const dynamo = mockClient(DynamoDBDocumentClient);
const cloudWatch = mockClient(CloudWatchClient);
const kinesis = mockClient(KinesisClient);
const handlers: Record<'streams' | 'devices' | 'alerts', Handler> = {} as Record<'streams' | 'devices' | 'alerts', Handler>;

beforeAll(async () => {
  Object.assign(process.env, {
    DEVICES_TABLE_NAME: 'devices',
    ALERTS_TABLE_NAME: 'alerts',
    CLICKSTREAM_STREAM_NAME: 'app-clickstream',
    CLICKSTREAM_CONSUMER_FUNCTION_NAME: 'app-clickstreamConsume',
    IOT_STREAM_NAME: 'app-iot',
    IOT_CONSUMER_FUNCTION_NAME: 'app-iotConsume',
    PAYMENTS_STREAM_NAME: 'app-payments',
    PAYMENTS_CONSUMER_FUNCTION_NAME: 'app-paymentsScore',
    POWERTOOLS_SERVICE_NAME: 'dashboard',
    POWERTOOLS_METRICS_NAMESPACE: 'test',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    AWS_REGION: 'eu-west-1',
  });
  handlers.streams = (await import('../../../../functions/dashboard/get-streams')).handler;
  handlers.devices = (await import('../../../../functions/dashboard/list-devices')).handler;
  handlers.alerts = (await import('../../../../functions/dashboard/list-alerts')).handler;
});
beforeEach(() => {
  dynamo.reset();
  cloudWatch.reset();
  kinesis.reset();
});

const get = (name: keyof typeof handlers, query: Record<string, string> | null): Promise<APIGatewayProxyResult> =>
  handlers[name](
    { httpMethod: 'GET', queryStringParameters: query, headers: {}, body: null, isBase64Encoded: false } as unknown as APIGatewayProxyEvent,
    lambdaContext(`dashboard-${name}`),
  );

const alert = {
  entityId: 'card#tok_1',
  alertId: 'txn-1',
  rule: 'velocity',
  severity: 'high',
  reasons: ['8 transactions in 5 minutes (limit 5)'],
  occurredAt: '2026-11-26T10:00:00.000Z',
  detectedAt: '2026-11-26T10:00:01.000Z',
  status: 'open',
  details: {},
  expiresAt: 1_796_212_800,
};

describe('GET /alerts', () => {
  it("answers 200 with the domain's newest alerts, not caching", async () => {
    dynamo.on(QueryCommand).resolves({ Items: [{ ...alert, domain: 'payments' }] });

    const response = await get('alerts', { domain: 'payments', limit: '10' });

    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject({ 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    expect(JSON.parse(response.body)).toEqual({ domain: 'payments', alerts: [alert] });
    expect(dynamo.commandCalls(QueryCommand)[0]?.args[0].input).toMatchObject({ TableName: 'alerts', IndexName: 'byDomain', Limit: 10 });
  });

  it('answers 400 without reading for a missing domain', async () => {
    const response = await get('alerts', null);
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({ message: 'Invalid alerts query', errors: [{ path: 'domain' }] });
    expect(dynamo.calls()).toHaveLength(0);
  });

  it('answers 500 without details when the table fails', async () => {
    dynamo.on(QueryCommand).rejects(new Error('boom'));
    const response = await get('alerts', { domain: 'iot' });
    expect([response.statusCode, JSON.parse(response.body)]).toEqual([500, { message: 'Internal error' }]);
  });
});

describe('GET /iot/devices', () => {
  it('answers 200 with device views', async () => {
    dynamo.on(ScanCommand).resolves({
      Items: [
        {
          deviceId: 'fridge-1',
          deviceType: 'cold-storage',
          latestReading: { readingId: 'r', sequence: 1, occurredAt: '2026-11-26T10:00:00.000Z', receivedAt: '2026-11-26T10:00:01.000Z', metrics: {} },
          lastSeenAt: '2026-11-26T10:00:00.000Z',
          firstSeenAt: '2026-11-26T10:00:00.000Z',
          lastMetricValues: {},
          counters: { readings: 1, lateReadings: 0 },
          lastSequenceByShard: {},
          version: 1,
        },
      ],
    });

    const response = await get('devices', null);

    expect(response.statusCode).toBe(200);
    expect((JSON.parse(response.body) as { devices: Array<{ deviceId: string }> }).devices.map((device) => device.deviceId)).toEqual(['fridge-1']);
  });
});

describe('GET /dashboard/streams', () => {
  it('answers 200 with every configured stream, its consumer and its shards', async () => {
    kinesis.on(ListShardsCommand).resolves({ Shards: [{ ShardId: 'shardId-000000000000', HashKeyRange: undefined, SequenceNumberRange: { StartingSequenceNumber: '1' } }] });
    cloudWatch.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });

    const response = await get('streams', { minutes: '30' });

    expect(response.statusCode).toBe(200);
    const body = JSON.parse(response.body) as { periodSeconds: number; streams: Array<{ domain: string; consumer: { functionName: string }; shards: unknown[] }> };
    expect(body.periodSeconds).toBe(60);
    expect(body.streams.map((stream) => [stream.domain, stream.consumer.functionName, stream.shards.length])).toEqual([
      ['clickstream', 'app-clickstreamConsume', 1],
      ['iot', 'app-iotConsume', 1],
      ['payments', 'app-paymentsScore', 1],
    ]);
    expect(cloudWatch.commandCalls(GetMetricDataCommand)).toHaveLength(1);
  });
});
