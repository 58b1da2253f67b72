// Unit tests: the ingest Lambda end to end with a mocked Kinesis (202, 400 with paths, 413, bad JSON, 503).
import { KinesisClient, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { clickEvent, lambdaContext, uuid } from '../../shared/fixtures/clickstream';

type Handler = (event: APIGatewayProxyEvent, context: ReturnType<typeof lambdaContext>) => Promise<APIGatewayProxyResult>;

const kinesis = mockClient(KinesisClient);
let handler: Handler;

beforeAll(async () => {
  Object.assign(process.env, {
    STREAM_NAME: 'clickstream-dev',
    POWERTOOLS_SERVICE_NAME: 'clickstream',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    AWS_REGION: 'eu-west-1',
  });
  ({ handler } = await import('../../../../functions/clickstream/ingest'));
});

beforeEach(() => {
  kinesis.reset();
  // Backoff delays become 0 ms: deterministic and fast.
  jest.spyOn(Math, 'random').mockReturnValue(0);
});
afterEach(() => jest.restoreAllMocks());

const post = (body: unknown): Promise<APIGatewayProxyResult> =>
  handler(
    {
      resource: '/clickstream/events',
      path: '/clickstream/events',
      httpMethod: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
      isBase64Encoded: false,
    } as unknown as APIGatewayProxyEvent,
    lambdaContext('clickstream-ingest'),
  );
const events = (n: number) => Array.from({ length: n }, (_, i) => clickEvent({ eventId: uuid(i + 1), sessionId: `s${i % 3}` }));
const succeedAll = () =>
  kinesis.on(PutRecordsCommand).callsFake((input: { Records: unknown[] }) => ({
    FailedRecordCount: 0,
    Records: input.Records.map((_, i) => ({ SequenceNumber: String(i), ShardId: 'shardId-000000000000' })),
  }));

describe('POST /clickstream/events', () => {
  it('answers 202 and publishes every event with its sessionId as partition key', async () => {
    succeedAll();
    const response = await post({ events: events(3) });

    expect(response.statusCode).toBe(202);
    expect(response.headers).toEqual({ 'Content-Type': 'application/json' });
    expect(JSON.parse(response.body)).toEqual({ accepted: 3, failed: 0 });
    const input = kinesis.commandCalls(PutRecordsCommand)[0]?.args[0].input;
    expect(input?.StreamName).toBe('clickstream-dev');
    expect(input?.Records?.map((r) => r.PartitionKey)).toEqual(['s0', 's1', 's2']);
    const record = JSON.parse(Buffer.from(input?.Records?.[0]?.Data ?? []).toString()) as Record<string, unknown>;
    expect(record).toMatchObject({ eventId: uuid(1), sessionId: 's0' });
    expect(record.receivedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('answers 400 with field paths and writes nothing when any event is invalid', async () => {
    const batch = events(5);
    batch[3] = { ...batch[3]!, page: { url: 'not a url', path: '/' } };
    const response = await post({ events: batch });

    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body)).toEqual({
      message: 'Request validation failed',
      errorCount: 1,
      errors: [{ path: 'events[3].page.url', message: expect.any(String) as unknown }],
    });
    expect(kinesis.commandCalls(PutRecordsCommand)).toHaveLength(0);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const response = await post('{"events": [');
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body)).toEqual({ message: 'Request body is not valid JSON' });
  });

  it('answers 413 for a body over 1 MiB', async () => {
    const response = await post(`{"events":[],"pad":"${'x'.repeat(1_048_576)}"}`);
    expect(response.statusCode).toBe(413);
    expect(JSON.parse(response.body)).toMatchObject({ message: expect.stringContaining('1048576 bytes') as unknown });
    expect(kinesis.commandCalls(PutRecordsCommand)).toHaveLength(0);
  });

  it('answers 503 with Retry-After and the failed event ids when records keep failing', async () => {
    kinesis.on(PutRecordsCommand).callsFake((input: { Records: Array<{ PartitionKey: string }> }) => ({
      FailedRecordCount: 1,
      Records: input.Records.map((r) =>
        r.PartitionKey === 's1'
          ? { ErrorCode: 'ProvisionedThroughputExceededException', ErrorMessage: 'Rate exceeded' }
          : { SequenceNumber: '1', ShardId: 'shardId-000000000000' },
      ),
    }));
    const response = await post({ events: events(3) });

    expect(response.statusCode).toBe(503);
    expect(response.headers).toMatchObject({ 'Retry-After': '1' });
    expect(JSON.parse(response.body)).toEqual({
      message: expect.any(String) as unknown,
      accepted: 2,
      failed: 1,
      failedEventIds: [uuid(2)],
    });
    // First call with all three, then only the failing one until attempts run out.
    expect(kinesis.commandCalls(PutRecordsCommand).map((c) => c.args[0].input.Records?.length)).toEqual([3, 1, 1, 1, 1]);
  });
});
