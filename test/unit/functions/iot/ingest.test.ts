// Unit tests: the IoT ingest Lambda end to end with a mocked Kinesis (202 partitioned by device, 400 with paths).
import { KinesisClient, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { lambdaContext } from '../../shared/fixtures/clickstream';
import { reading, uuid } from '../../shared/iot/fixtures';

type Handler = (event: APIGatewayProxyEvent, context: ReturnType<typeof lambdaContext>) => Promise<APIGatewayProxyResult>;

const kinesis = mockClient(KinesisClient);
let handler: Handler;

beforeAll(async () => {
  Object.assign(process.env, {
    STREAM_NAME: 'iot-telemetry-dev',
    POWERTOOLS_SERVICE_NAME: 'iot',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    AWS_REGION: 'eu-west-1',
  });
  ({ handler } = await import('../../../../functions/iot/ingest'));
});

beforeEach(() => {
  kinesis.reset();
  jest.spyOn(Math, 'random').mockReturnValue(0);
  kinesis.on(PutRecordsCommand).callsFake((input: { Records: unknown[] }) => ({
    FailedRecordCount: 0,
    Records: input.Records.map((_, i) => ({ SequenceNumber: String(i), ShardId: 'shardId-000000000000' })),
  }));
});
afterEach(() => jest.restoreAllMocks());

const post = (body: unknown): Promise<APIGatewayProxyResult> =>
  handler(
    {
      resource: '/iot/telemetry',
      path: '/iot/telemetry',
      httpMethod: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      isBase64Encoded: false,
    } as unknown as APIGatewayProxyEvent,
    lambdaContext('iot-ingest'),
  );

describe('POST /iot/telemetry', () => {
  it('answers 202 and publishes each reading with its deviceId as partition key and the time of receipt', async () => {
    const readings = [reading({ readingId: uuid(1) }), reading({ readingId: uuid(2), deviceId: 'pump-7', deviceType: 'pump', metrics: { vibration: 2.5 } })];
    const response = await post({ readings });

    expect(response.statusCode).toBe(202);
    expect(JSON.parse(response.body)).toEqual({ accepted: 2, failed: 0 });
    const sent = kinesis.commandCalls(PutRecordsCommand)[0]?.args[0].input;
    expect(sent?.StreamName).toBe('iot-telemetry-dev');
    expect(sent?.Records?.map((record) => record.PartitionKey)).toEqual(['fridge-1', 'pump-7']);
    const payload = JSON.parse(Buffer.from(sent?.Records?.[1]?.Data ?? []).toString()) as Record<string, unknown>;
    expect(payload).toEqual({ ...readings[1], receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) as string });
  });

  it('answers 400 with field paths and publishes nothing when any reading is invalid', async () => {
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    const response = await post({
      readings: [reading({ readingId: uuid(1) }), reading({ readingId: uuid(2), sequence: 2, occurredAt: tomorrow, metrics: { humidity: 140 } })],
    });

    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body)).toEqual({
      message: 'Request validation failed',
      errorCount: 2,
      errors: [
        { path: 'readings[1].metrics.humidity', message: expect.any(String) as string },
        { path: 'readings[1].occurredAt', message: 'More than 5 minutes in the future; check the device clock' },
      ],
    });
    expect(kinesis.commandCalls(PutRecordsCommand)).toHaveLength(0);
  });
});
