// Unit tests: GET /payments/cards/{id}/alerts with a mocked DynamoDB (newest first, empty list, PAN-like ids refused).
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import type { Alert } from '../../../../shared/alerts/alert';
import { lambdaContext } from '../../shared/fixtures/clickstream';
import { at, uuid } from '../../shared/payments/payment-fixtures';

type Handler = (event: APIGatewayProxyEvent, context: ReturnType<typeof lambdaContext>) => Promise<APIGatewayProxyResult>;

const dynamo = mockClient(DynamoDBDocumentClient);
let handler: Handler;

beforeAll(async () => {
  Object.assign(process.env, {
    ALERTS_TABLE_NAME: 'alerts',
    POWERTOOLS_SERVICE_NAME: 'payments',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    AWS_REGION: 'eu-west-1',
  });
  ({ handler } = await import('../../../../functions/payments/get-card-alerts'));
});

beforeEach(() => dynamo.reset());

const get = (id: string | undefined): Promise<APIGatewayProxyResult> =>
  handler(
    {
      resource: '/payments/cards/{id}/alerts',
      path: `/payments/cards/${id}/alerts`,
      httpMethod: 'GET',
      headers: {},
      pathParameters: id === undefined ? null : { id },
      body: null,
      isBase64Encoded: false,
    } as unknown as APIGatewayProxyEvent,
    lambdaContext('payments-get-card-alerts'),
  );

const alert = (minutes: number): Alert => ({
  entityId: 'card#card-a',
  alertId: `${at(minutes)}#${uuid(minutes)}`,
  rule: 'fraud-score',
  severity: 'medium',
  reasons: ['5 transactions within 10 minutes (threshold 5)'],
  score: 40,
  occurredAt: at(minutes),
  detectedAt: at(minutes + 0.05),
  status: 'open',
  details: { transactionId: uuid(minutes), decision: 'review' },
  expiresAt: 1_800_000_000,
});

describe('GET /payments/cards/{id}/alerts', () => {
  it("answers 200 with the card's alerts, newest first, read in descending sort-key order", async () => {
    dynamo.on(QueryCommand).resolves({ Items: [alert(9), alert(3)] });

    const response = await get('card-a');

    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ cardId: 'card-a', alerts: [alert(9), alert(3)] });
    expect(dynamo.commandCalls(QueryCommand)[0]?.args[0].input).toMatchObject({
      TableName: 'alerts',
      ExpressionAttributeValues: { ':entityId': 'card#card-a' },
      ScanIndexForward: false,
      Limit: 50,
    });
  });

  it('answers 200 with an empty list for a card without alerts (unknown cards look the same)', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [] });
    const response = await get('card-unknown');
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ cardId: 'card-unknown', alerts: [] });
  });

  it('answers 400 without reading when the id looks like a card number', async () => {
    const response = await get('4111111111111111');
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({ message: 'Invalid card id', errors: [{ path: 'id' }] });
    expect(dynamo.commandCalls(QueryCommand)).toHaveLength(0);
  });

  it('answers 500 when the table cannot be read', async () => {
    dynamo.on(QueryCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    expect((await get('card-a')).statusCode).toBe(500);
  });
});
