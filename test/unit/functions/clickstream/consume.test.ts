// Unit tests: the consume Lambda end to end with mocked DynamoDB, Firehose and SQS (DLQ, partial failures, redelivery).
import { FirehoseClient, PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { BatchGetCommand, DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { KinesisStreamBatchResponse, KinesisStreamEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { clickRecord, kinesisEvent, kinesisRecord, lambdaContext, uuid } from '../../shared/fixtures/clickstream';

type Handler = (event: KinesisStreamEvent, context: ReturnType<typeof lambdaContext>) => Promise<KinesisStreamBatchResponse>;

const ENV = {
  SESSIONS_TABLE_NAME: 'clickstream-sessions',
  DELIVERY_STREAM_NAME: 'clickstream-archive',
  DEAD_LETTER_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/clickstream-dlq',
  SESSION_TTL_DAYS: '30',
  POWERTOOLS_SERVICE_NAME: 'clickstream',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  AWS_REGION: 'eu-west-1',
};

const dynamo = mockClient(DynamoDBDocumentClient);
const firehose = mockClient(FirehoseClient);
const sqs = mockClient(SQSClient);
/** The sessions table, as the mocked DocumentClient sees it. */
const table = new Map<string, Record<string, unknown>>();
let handler: Handler;

beforeAll(async () => {
  Object.assign(process.env, ENV);
  ({ handler } = await import('../../../../functions/clickstream/consume'));
});

function emulateTable(failingSessions: string[] = []) {
  dynamo.on(BatchGetCommand).callsFake((input: { RequestItems: Record<string, { Keys: Array<{ sessionId: string }> }> }) => ({
    Responses: {
      [ENV.SESSIONS_TABLE_NAME]: (input.RequestItems[ENV.SESSIONS_TABLE_NAME]?.Keys ?? []).flatMap(({ sessionId }) => {
        const item = table.get(sessionId);
        return item === undefined ? [] : [item];
      }),
    },
  }));
  dynamo.on(PutCommand).callsFake((input: { Item: { sessionId: string } }) => {
    if (failingSessions.includes(input.Item.sessionId)) {
      return Promise.reject(Object.assign(new Error('denied'), { name: 'AccessDeniedException', $fault: 'client' }));
    }
    table.set(input.Item.sessionId, input.Item);
    return Promise.resolve({});
  });
}

beforeEach(() => {
  table.clear();
  dynamo.reset();
  firehose.reset();
  sqs.reset();
  jest.spyOn(Math, 'random').mockReturnValue(0);
  emulateTable();
  firehose.on(PutRecordBatchCommand).callsFake((input: { Records: unknown[] }) => ({
    FailedPutCount: 0,
    RequestResponses: input.Records.map((_, i) => ({ RecordId: `r${i}` })),
  }));
  sqs.on(SendMessageBatchCommand).callsFake((input: { Entries: Array<{ Id: string }> }) => ({
    Successful: input.Entries.map((e) => ({ Id: e.Id, MessageId: `m${e.Id}`, MD5OfMessageBody: '' })),
    Failed: [],
  }));
});
afterEach(() => jest.restoreAllMocks());

const click = (seq: number, sessionId: string) =>
  kinesisRecord(String(seq), clickRecord({ eventId: uuid(seq), sessionId }), { partitionKey: sessionId });
const failedIds = (response: KinesisStreamBatchResponse) => response.batchItemFailures.map((f) => f.itemIdentifier);
const archived = () =>
  firehose.commandCalls(PutRecordBatchCommand).flatMap((c) => c.args[0].input.Records?.map((r) => Buffer.from(r.Data ?? []).toString()) ?? []);

describe('clickstream consume handler', () => {
  it('stores sessions, archives events as JSON without a trailing newline, and reports no failures', async () => {
    const response = await handler(kinesisEvent([click(1, 'a'), click(2, 'b'), click(3, 'a')]), lambdaContext());

    expect(response).toEqual({ batchItemFailures: [] });
    expect(table.get('a')).toMatchObject({ sessionId: 'a', eventCount: 2, version: 1 });
    expect(dynamo.commandCalls(PutCommand)).toHaveLength(2);
    expect(firehose.commandCalls(PutRecordBatchCommand)[0]?.args[0].input.DeliveryStreamName).toBe('clickstream-archive');
    const lines = archived();
    expect(lines).toHaveLength(3);
    expect(lines.every((line) => !line.endsWith('\n'))).toBe(true);
    expect(JSON.parse(lines[0]!)).toEqual(clickRecord({ eventId: uuid(1), sessionId: 'a' }));
  });

  it('dead-letters a poison record and does not report it as a batch item failure', async () => {
    const poison = kinesisRecord('2', '{"eventId": 1', { partitionKey: 'a' });
    const response = await handler(kinesisEvent([click(1, 'a'), poison, click(3, 'a')]), lambdaContext());

    expect(failedIds(response)).toEqual([]);
    const sent = sqs.commandCalls(SendMessageBatchCommand)[0]?.args[0].input;
    expect(sent?.QueueUrl).toBe(ENV.DEAD_LETTER_QUEUE_URL);
    expect(JSON.parse(sent?.Entries?.[0]?.MessageBody ?? '')).toMatchObject({
      reason: 'invalid-json',
      source: { sequenceNumber: '2', partitionKey: 'a', shardId: 'shardId-000000000000' },
      data: poison.kinesis.data,
      function: 'clickstream-consume',
    });
    expect(table.get('a')).toMatchObject({ eventCount: 2 });
  });

  it('dead-letters a record that breaks the contract, with the field errors', async () => {
    const invalid = kinesisRecord('1', { ...clickRecord(), eventType: 'hover' });
    expect(failedIds(await handler(kinesisEvent([invalid]), lambdaContext()))).toEqual([]);
    expect(JSON.parse(sqs.commandCalls(SendMessageBatchCommand)[0]?.args[0].input.Entries?.[0]?.MessageBody ?? '')).toMatchObject({
      reason: 'schema-validation',
      errors: [{ path: 'eventType' }],
    });
  });

  it('reports every record of a session whose write failed, and nothing of the other sessions', async () => {
    dynamo.reset();
    emulateTable(['a']);
    const response = await handler(kinesisEvent([click(1, 'a'), click(2, 'b'), click(3, 'a')]), lambdaContext());

    expect(failedIds(response)).toEqual(['1', '3']);
    expect(table.has('b')).toBe(true);
    expect(archived().map((line) => (JSON.parse(line) as { sessionId: string }).sessionId)).toEqual(['b']);
  });

  it('reports records whose archive write kept failing', async () => {
    firehose.reset();
    firehose.on(PutRecordBatchCommand).callsFake((input: { Records: unknown[] }) => ({
      FailedPutCount: 1,
      RequestResponses: input.Records.map((_, i) => (i === 0 ? { ErrorCode: 'ServiceUnavailableException' } : { RecordId: 'r' })),
    }));
    const response = await handler(kinesisEvent([click(1, 'a'), click(2, 'b')]), lambdaContext());
    expect(failedIds(response)).toEqual(['1']);
  });

  it('does not write sessions again when the same batch is redelivered', async () => {
    const batch = kinesisEvent([click(1, 'a'), click(2, 'b'), click(3, 'a')]);
    await handler(batch, lambdaContext());
    const stored = structuredClone(Object.fromEntries(table));
    dynamo.resetHistory();

    const response = await handler(batch, lambdaContext());

    expect(response).toEqual({ batchItemFailures: [] });
    expect(dynamo.commandCalls(PutCommand)).toHaveLength(0);
    expect(Object.fromEntries(table)).toEqual(stored);
  });

  it('fails fast at load time when its configuration is missing', () => {
    const saved = process.env.SESSION_TTL_DAYS;
    delete process.env.SESSION_TTL_DAYS;
    try {
      jest.isolateModules(() => {
        expect(() => jest.requireActual<object>('../../../../functions/clickstream/consume')).toThrow(
          'Invalid configuration: SESSION_TTL_DAYS is not set',
        );
      });
    } finally {
      process.env.SESSION_TTL_DAYS = saved;
    }
  });
});
