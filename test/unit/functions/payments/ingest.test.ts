// Unit tests: the payments ingest Lambda with a mocked Kinesis (202 partitioned by card, 400 for a PAN or invalid amount).
import { KinesisClient, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { lambdaContext } from '../../shared/fixtures/clickstream';
import { transaction, uuid } from '../../shared/payments/payment-fixtures';

type Handler = (event: APIGatewayProxyEvent, context: ReturnType<typeof lambdaContext>) => Promise<APIGatewayProxyResult>;

const kinesis = mockClient(KinesisClient);
let handler: Handler;

beforeAll(async () => {
  Object.assign(process.env, {
    STREAM_NAME: 'payments-dev',
    POWERTOOLS_SERVICE_NAME: 'payments',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    AWS_REGION: 'eu-west-1',
  });
  ({ handler } = await import('../../../../functions/payments/ingest'));
});

beforeEach(() => {
  kinesis.reset();
  kinesis.on(PutRecordsCommand).callsFake((input: { Records: unknown[] }) => ({
    FailedRecordCount: 0,
    Records: input.Records.map((_, i) => ({ SequenceNumber: String(i), ShardId: 'shardId-000000000000' })),
  }));
});

const post = (body: unknown): Promise<APIGatewayProxyResult> =>
  handler(
    {
      resource: '/payments/transactions',
      path: '/payments/transactions',
      httpMethod: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body),
      isBase64Encoded: false,
    } as unknown as APIGatewayProxyEvent,
    lambdaContext('payments-ingest'),
  );

describe('POST /payments/transactions', () => {
  it('answers 202 and publishes each transaction with its cardId as partition key and receivedAt added', async () => {
    const transactions = [
      transaction({ transactionId: uuid(1), cardId: 'card-a' }),
      transaction({ transactionId: uuid(2), cardId: 'card-b' }),
    ];
    const response = await post({ transactions });

    expect(response.statusCode).toBe(202);
    expect(JSON.parse(response.body)).toEqual({ accepted: 2, failed: 0 });
    const input = kinesis.commandCalls(PutRecordsCommand)[0]?.args[0].input;
    expect(input?.StreamName).toBe('payments-dev');
    expect(input?.Records?.map((record) => record.PartitionKey)).toEqual(['card-a', 'card-b']);
    const published = JSON.parse(Buffer.from(input?.Records?.[0]?.Data ?? []).toString()) as Record<string, unknown>;
    expect(published).toMatchObject(transactions[0]!);
    expect(published.receivedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('answers 400 naming the field when a card number is sent instead of a token, and publishes nothing', async () => {
    const response = await post({ transactions: [transaction(), transaction({ transactionId: uuid(2), cardId: '4111111111111111' })] });

    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body)).toEqual({
      message: 'Request validation failed',
      errorCount: 1,
      errors: [
        { path: 'transactions[1].cardId', message: 'cardId looks like a card number (PAN); send the card token instead, never the PAN' },
      ],
    });
    expect(kinesis.commandCalls(PutRecordsCommand)).toHaveLength(0);
  });

  it('answers 400 for an amount with more than two decimals', async () => {
    const response = await post({ transactions: [transaction({ amount: 9.999 })] });
    expect(JSON.parse(response.body)).toMatchObject({ errors: [{ path: 'transactions[0].amount' }] });
  });
});
