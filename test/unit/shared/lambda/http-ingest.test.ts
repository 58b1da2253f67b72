// Unit tests: the reusable HTTP ingest handler (content type, body limit, base64, unexpected errors).
import { KinesisClient, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { z } from 'zod';
import { createIngestHandler } from '../../../../shared/lambda/http-ingest';
import { instantRetryPolicy, recordingLogger } from '../fixtures/clickstream';

const kinesis = mockClient(KinesisClient);
const schema = z.strictObject({ items: z.array(z.strictObject({ id: z.string(), key: z.string() })).min(1) });

const handler = createIngestHandler({
  requestSchema: schema,
  toRecords: (request, receivedAt) => request.items.map((item) => ({ id: item.id, partitionKey: item.key, payload: { ...item, receivedAt } })),
  streamName: 'telemetry',
  kinesis: new KinesisClient({ region: 'eu-west-1' }),
  logger: recordingLogger(),
  maxBodyBytes: 100,
  now: () => new Date('2026-11-02T10:00:00.000Z'),
  retryPolicy: instantRetryPolicy(2),
});

const request = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }, isBase64Encoded = false) =>
  ({ body, headers, isBase64Encoded }) as unknown as APIGatewayProxyEvent;

beforeEach(() => {
  kinesis.reset();
  kinesis.on(PutRecordsCommand).resolves({ FailedRecordCount: 0, Records: [{ SequenceNumber: '1', ShardId: 's' }] });
});

describe('createIngestHandler', () => {
  it('publishes the records the domain maps the request to', async () => {
    const response = await handler(request('{"items":[{"id":"i1","key":"k1"}]}', { 'Content-Type': 'application/json; charset=utf-8' }));
    expect(response.statusCode).toBe(202);
    const sent = kinesis.commandCalls(PutRecordsCommand)[0]?.args[0].input.Records?.[0];
    expect(sent?.PartitionKey).toBe('k1');
    expect(JSON.parse(Buffer.from(sent?.Data ?? []).toString())).toEqual({ id: 'i1', key: 'k1', receivedAt: '2026-11-02T10:00:00.000Z' });
  });

  it('counts accepted records and rejected requests as metrics', async () => {
    const recorded: Array<[string, string, number]> = [];
    const measured = createIngestHandler({
      requestSchema: schema,
      toRecords: (request) => request.items.map((item) => ({ id: item.id, partitionKey: item.key, payload: item })),
      streamName: 'telemetry',
      kinesis: new KinesisClient({ region: 'eu-west-1' }),
      logger: recordingLogger(),
      metrics: { addMetric: (name, unit, value) => recorded.push([name, unit, value]) },
    });
    expect((await measured(request('{"items":[{"id":"i1","key":"k1"}]}'))).statusCode).toBe(202);
    expect((await measured(request('{"items":[]}'))).statusCode).toBe(400);
    expect(recorded).toEqual([
      ['RecordsAccepted', 'Count', 1],
      ['RecordsFailed', 'Count', 0],
      ['RequestsRejected', 'Count', 1],
    ]);
  });

  it('accepts a base64-encoded body', async () => {
    const body = Buffer.from('{"items":[{"id":"i1","key":"k1"}]}').toString('base64');
    expect((await handler(request(body, undefined, true))).statusCode).toBe(202);
  });

  it('answers 415 for a body that is not declared as JSON', async () => {
    const response = await handler(request('{}', { 'content-type': 'text/plain' }));
    expect(response.statusCode).toBe(415);
    expect((await handler(request('{}', {}))).statusCode).toBe(415);
  });

  it('accepts a body of exactly the byte limit and answers 413 one byte above', async () => {
    const exact = `{"items":[{"id":"i1","key":"${'k'.repeat(100 - 32)}"}]}`;
    expect(Buffer.byteLength(exact)).toBe(100);
    expect((await handler(request(exact))).statusCode).toBe(202);
    const over = await handler(request(exact.replace('kk', 'kkk')));
    expect(over.statusCode).toBe(413);
    expect(JSON.parse(over.body)).toEqual({ message: 'Request body is 101 bytes; the limit is 100 bytes' });
  });

  it('answers 500 with a JSON body when something unexpected throws', async () => {
    kinesis.reset();
    kinesis.on(PutRecordsCommand).resolves({ FailedRecordCount: 0, Records: [] });
    const broken = createIngestHandler({
      requestSchema: schema,
      toRecords: () => {
        throw new Error('bug');
      },
      streamName: 'telemetry',
      kinesis: new KinesisClient({ region: 'eu-west-1' }),
      logger: recordingLogger(),
    });
    const response = await broken(request('{"items":[{"id":"i1","key":"k1"}]}'));
    expect(response).toEqual({ statusCode: 500, headers: { 'Content-Type': 'application/json' }, body: '{"message":"Internal error"}' });
  });
});
