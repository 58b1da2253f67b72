// The dashboard's read APIs on the local cloud: stream metrics from the CloudWatch stand-in, the device list, alerts by domain.
import { randomUUID } from 'node:crypto';
import { DescribeTableCommand, DynamoDBClient, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { keepAliveHttpHandler } from '../../shared/aws/clients';
import type { LocalCloud } from '../../scripts/local/cloud';
import { startCloudWatchPublisher, type CloudWatchPublisher } from '../../scripts/local/cloudwatch';
import type { ResolvedResource } from '../../scripts/local/types';
import { coffeeTransaction, coldStorageReading, minutesAgo } from './fixtures';
import { useLocalCloud } from './local-cloud-fixture';

const cloud = useLocalCloud();

type Point = { t: number; v: number };
interface StreamPanel {
  domain: string;
  streamName: string;
  incomingRecords: Point[];
  incomingBytes: Point[];
  consumer: { functionName: string; iteratorAgeMs: Point[] };
  shards: Array<{ shardId: string; incomingRecords: Point[] }>;
}

/** The dashboard's routes, their functions' logical ids and handler modules. */
const ROUTES = {
  'dashboard/streams': { functionId: 'DashboardStreamsLambdaFunction', module: '../../functions/dashboard/get-streams' },
  'iot/devices': { functionId: 'DashboardDevicesLambdaFunction', module: '../../functions/dashboard/list-devices' },
  alerts: { functionId: 'DashboardAlertsLambdaFunction', module: '../../functions/dashboard/list-alerts' },
} as const;
type Route = keyof typeof ROUTES;

const routesDeployed = (): boolean => cloud().resources.some((resource) => resource.logicalId === ROUTES.alerts.functionId);

/**
 * Through the REST API once serverless.yml has the dashboard functions; until then the same handlers in this
 * process, configured as the fragment configures them, against the local cloud's tables, Kinesis and CloudWatch.
 */
async function read(route: Route, query: Record<string, string>): Promise<{ status: number; json: Record<string, unknown> }> {
  if (routesDeployed()) {
    const response = await fetch(`${cloud().apiUrl}/${route}?${new URLSearchParams(query).toString()}`, {
      headers: { 'x-api-key': cloud().apiKeys[0]?.value ?? '' },
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  }
  const { handler } = (await import(ROUTES[route].module)) as {
    handler: (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;
  };
  const event = { resource: `/${route}`, path: `/${route}`, httpMethod: 'GET', queryStringParameters: query, headers: {} };
  const context = { functionName: route, awsRequestId: randomUUID(), getRemainingTimeInMillis: () => 10_000 };
  const response = await handler(event as unknown as APIGatewayProxyEvent, context as unknown as Context);
  return { status: response.statusCode, json: JSON.parse(response.body) as Record<string, unknown> };
}

function configureHandlersInProcess(localCloud: LocalCloud): void {
  Object.assign(process.env, {
    POWERTOOLS_SERVICE_NAME: 'dashboard',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    POWERTOOLS_METRICS_NAMESPACE: 'streaming-reference',
    DEVICES_TABLE_NAME: localCloud.physicalId('DevicesTable'),
    ALERTS_TABLE_NAME: localCloud.physicalId('AlertsTable'),
    CLICKSTREAM_STREAM_NAME: localCloud.physicalId('ClickstreamStream'),
    CLICKSTREAM_CONSUMER_FUNCTION_NAME: localCloud.physicalId('ClickstreamConsumeLambdaFunction'),
    IOT_STREAM_NAME: localCloud.physicalId('IotTelemetryStream'),
    IOT_CONSUMER_FUNCTION_NAME: localCloud.physicalId('IotConsumeLambdaFunction'),
    PAYMENTS_STREAM_NAME: localCloud.physicalId('PaymentsStream'),
    PAYMENTS_CONSUMER_FUNCTION_NAME: localCloud.physicalId('PaymentsScoreLambdaFunction'),
  });
}

/** Until serverless.yml carries the fragment: the byDomain index, added to the running table before any alert. */
async function ensureAlertsByDomainIndex(localCloud: LocalCloud): Promise<void> {
  const dynamo = new DynamoDBClient({ requestHandler: keepAliveHttpHandler() });
  const TableName = localCloud.physicalId('AlertsTable');
  const { Table } = await dynamo.send(new DescribeTableCommand({ TableName }));
  if (Table?.GlobalSecondaryIndexes?.some((index) => index.IndexName === 'byDomain')) return;
  await dynamo.send(
    new UpdateTableCommand({
      TableName,
      AttributeDefinitions: [
        { AttributeName: 'domain', AttributeType: 'S' },
        { AttributeName: 'detectedAt', AttributeType: 'S' },
      ],
      GlobalSecondaryIndexUpdates: [
        {
          Create: {
            IndexName: 'byDomain',
            KeySchema: [
              { AttributeName: 'domain', KeyType: 'HASH' },
              { AttributeName: 'detectedAt', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        },
      ],
    }),
  );
}

/** Until serverless.yml carries the fragment: the streams as the fragment declares them, with shard-level IncomingRecords. */
const withShardLevelMetrics = (resource: ResolvedResource): ResolvedResource =>
  resource.type === 'AWS::Kinesis::Stream' && resource.properties.DesiredShardLevelMetrics === undefined
    ? { ...resource, properties: { ...resource.properties, DesiredShardLevelMetrics: ['IncomingRecords'] } }
    : resource;

type CloudWithPublisher = LocalCloud & { cloudWatch?: CloudWatchPublisher };
let ownPublisher: CloudWatchPublisher | undefined;
const publisher = (): CloudWatchPublisher => (cloud() as CloudWithPublisher).cloudWatch ?? ownPublisher!;

beforeAll(async () => {
  const localCloud = cloud();
  if (!routesDeployed()) {
    configureHandlersInProcess(localCloud);
    await ensureAlertsByDomainIndex(localCloud);
  }
  if ((localCloud as CloudWithPublisher).cloudWatch === undefined) {
    ownPublisher = startCloudWatchPublisher({
      resources: localCloud.resources.map(withShardLevelMetrics),
      sdkEnv: localCloud.sdkEnv,
      region: localCloud.region,
      mappings: localCloud.mappings,
      kinesisBackend: localCloud.kinesisBackend,
      // Published on demand below; the timer would only add datapoints for the same minutes.
      periodSeconds: 3600,
      log: localCloud.log,
    });
  }
});
afterAll(async () => {
  await ownPublisher?.stop();
});

async function post(path: string, body: unknown): Promise<number> {
  const response = await fetch(`${cloud().apiUrl}/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': cloud().apiKeys[0]?.value ?? '' },
    body: JSON.stringify(body),
  });
  return response.status;
}

const deviceId = `fridge-${randomUUID().slice(0, 8)}`;
const cardId = `card_${randomUUID().slice(0, 12)}`;

beforeAll(async () => {
  const clicks = Array.from({ length: 20 }, (_, index) => ({
    schemaVersion: 1,
    eventId: randomUUID(),
    eventType: 'page_view',
    occurredAt: minutesAgo(1),
    sessionId: `s-${index % 4}-${randomUUID().slice(0, 8)}`,
    anonymousId: `anon-${index % 4}`,
    page: { url: `https://shop.example.com/products/${index}`, path: `/products/${index}` },
    device: { type: 'mobile' },
  }));
  // 9.5 °C is above the cold-storage maximum: one IoT alert.
  const readings = [coldStorageReading(deviceId, 1, minutesAgo(2), 4.0), coldStorageReading(deviceId, 2, minutesAgo(1), 9.5)];
  // Six transactions in six minutes trip the velocity rule: payments alerts with reasons.
  const transactions = Array.from({ length: 6 }, (_, index) => coffeeTransaction(cardId, minutesAgo(6 - index)));
  expect(await post('clickstream/events', { events: clicks })).toBe(202);
  expect(await post('iot/telemetry', { readings })).toBe(202);
  expect(await post('payments/transactions', { transactions })).toBe(202);
  await cloud().drainStreams();
  await publisher().publishNow();
}, 120_000);

describe('GET /dashboard/streams', () => {
  test('each stream has its ingest rate, bytes, consumer lag and per-shard ingest that adds up to the stream', async () => {
    const { status, json } = await read('dashboard/streams', { minutes: '15' });

    expect(status).toBe(200);
    expect(json.periodSeconds).toBe(60);
    const streams = json.streams as StreamPanel[];
    expect(streams.map((stream) => stream.domain)).toEqual(['clickstream', 'iot', 'payments']);
    for (const stream of streams) {
      expect({ stream: stream.streamName, records: stream.incomingRecords.length > 0 }).toEqual({ stream: stream.streamName, records: true });
      expect(stream.incomingBytes.length).toBeGreaterThan(0);
      expect(stream.consumer.iteratorAgeMs.length).toBeGreaterThan(0);
      expect(stream.shards.length).toBeGreaterThan(0);

      const shardTotal = new Map<number, number>();
      for (const shard of stream.shards) for (const { t, v } of shard.incomingRecords) shardTotal.set(t, (shardTotal.get(t) ?? 0) + v);
      for (const { t, v } of stream.incomingRecords) expect(shardTotal.get(t)).toBeCloseTo(v, 6);
    }
  });

  test('rejects a range it cannot show', async () => {
    const { status, json } = await read('dashboard/streams', { minutes: '0' });
    expect(status).toBe(400);
    expect(json.errors).toEqual([expect.objectContaining({ path: 'minutes' })]);
  });
});

describe('GET /iot/devices', () => {
  test('lists the device that just reported, with its latest reading', async () => {
    const { status, json } = await read('iot/devices', { limit: '200' });

    expect(status).toBe(200);
    const device = (json.devices as Array<{ deviceId: string; latestReading: { sequence: number } }>).find((candidate) => candidate.deviceId === deviceId);
    expect(device?.latestReading.sequence).toBe(2);
    expect(device).not.toHaveProperty('lastSequenceByShard');
  });
});

describe('GET /alerts', () => {
  test('lists the newest payments alerts across cards, with their reasons', async () => {
    const { status, json } = await read('alerts', { domain: 'payments', limit: '50' });

    expect(status).toBe(200);
    expect(json.domain).toBe('payments');
    const alerts = json.alerts as Array<{ entityId: string; reasons: string[]; detectedAt: string }>;
    const forCard = alerts.filter((alert) => alert.entityId === `card#${cardId}`);
    expect(forCard.length).toBeGreaterThan(0);
    expect(forCard.every((alert) => alert.reasons.length > 0)).toBe(true);
    const detected = alerts.map((alert) => alert.detectedAt);
    expect(detected).toEqual([...detected].sort().reverse());
  });

  test("keeps each domain's alerts apart", async () => {
    const { json } = await read('alerts', { domain: 'iot' });
    const entities = (json.alerts as Array<{ entityId: string }>).map((alert) => alert.entityId);
    expect(entities).toContain(`device#${deviceId}`);
    expect(entities.every((entityId) => entityId.startsWith('device#'))).toBe(true);
  });

  test('asks for a domain', async () => {
    expect((await read('alerts', {})).status).toBe(400);
  });
});
