// Unit tests: the scoring Lambda end to end with mocked DynamoDB, Firehose and SQS (alerts, decisions, poison records, replays).
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { FirehoseClient, PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { BatchGetCommand, DynamoDBDocumentClient, PutCommand, type PutCommandInput } from '@aws-sdk/lib-dynamodb';
import type { KinesisStreamBatchResponse, KinesisStreamEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import type { FraudDecisionRecord } from '../../../../shared/events/payments';
import { kinesisEvent, kinesisRecord, lambdaContext } from '../../shared/fixtures/clickstream';
import { at, transactionRecord, uuid } from '../../shared/payments/payment-fixtures';

type Handler = (event: KinesisStreamEvent, context: ReturnType<typeof lambdaContext>) => Promise<KinesisStreamBatchResponse>;

const ENV = {
  CARD_PROFILES_TABLE_NAME: 'payments-card-profiles',
  ALERTS_TABLE_NAME: 'alerts',
  DELIVERY_STREAM_NAME: 'payments-decisions',
  DEAD_LETTER_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/payments-dlq',
  ALERT_TTL_DAYS: '90',
  POWERTOOLS_SERVICE_NAME: 'payments',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  AWS_REGION: 'eu-west-1',
};

const dynamo = mockClient(DynamoDBDocumentClient);
const firehose = mockClient(FirehoseClient);
const sqs = mockClient(SQSClient);
/** Both tables as the mocked DocumentClient sees them, keyed by the item's primary key. */
const profiles = new Map<string, Record<string, unknown>>();
const alerts = new Map<string, Record<string, unknown>>();
let handler: Handler;

beforeAll(async () => {
  Object.assign(process.env, ENV);
  ({ handler } = await import('../../../../functions/payments/score'));
});

const conditionFailed = () => new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });

/** Evaluates the two kinds of condition the stores use: create-only, and version match. */
function conditionalPut(table: Map<string, Record<string, unknown>>, key: string, input: PutCommandInput) {
  const existing = table.get(key);
  const expected = input.ExpressionAttributeValues?.[':expected'] as number | undefined;
  const createOnly = input.ConditionExpression?.startsWith('attribute_not_exists') ?? false;
  if ((createOnly && existing !== undefined) || (expected !== undefined && existing?.version !== expected)) {
    return Promise.reject(conditionFailed());
  }
  table.set(key, input.Item as Record<string, unknown>);
  return Promise.resolve({});
}

function emulateTables() {
  dynamo.on(BatchGetCommand).callsFake((input: { RequestItems: Record<string, { Keys: Array<{ cardId: string }> }> }) => ({
    Responses: {
      [ENV.CARD_PROFILES_TABLE_NAME]: (input.RequestItems[ENV.CARD_PROFILES_TABLE_NAME]?.Keys ?? []).flatMap(({ cardId }) => {
        const item = profiles.get(cardId);
        return item === undefined ? [] : [structuredClone(item)];
      }),
    },
  }));
  dynamo.on(PutCommand).callsFake((input: PutCommandInput) => {
    const item = input.Item as Record<string, string>;
    return input.TableName === ENV.ALERTS_TABLE_NAME
      ? conditionalPut(alerts, `${item.entityId}|${item.alertId}`, input)
      : conditionalPut(profiles, String(item.cardId), input);
  });
}

beforeEach(() => {
  profiles.clear();
  alerts.clear();
  dynamo.reset();
  firehose.reset();
  sqs.reset();
  emulateTables();
  firehose.on(PutRecordBatchCommand).callsFake((input: { Records: unknown[] }) => ({
    FailedPutCount: 0,
    RequestResponses: input.Records.map((_, i) => ({ RecordId: `r${i}` })),
  }));
  sqs.on(SendMessageBatchCommand).callsFake((input: { Entries: Array<{ Id: string }> }) => ({
    Successful: input.Entries.map((entry) => ({ Id: entry.Id, MessageId: `m${entry.Id}`, MD5OfMessageBody: '' })),
    Failed: [],
  }));
});

/** Transaction `seq` of `cardId`, `seq` minutes after the base time; small amounts unless overridden. */
const tx = (seq: number, cardId: string, amount = 1) =>
  kinesisRecord(String(seq), transactionRecord({ transactionId: uuid(seq), cardId, amount, occurredAt: at(seq) }), { partitionKey: cardId });
const failedIds = (response: KinesisStreamBatchResponse) => response.batchItemFailures.map((failure) => failure.itemIdentifier);
const archived = () =>
  firehose
    .commandCalls(PutRecordBatchCommand)
    .flatMap((call) => call.args[0].input.Records?.map((r) => JSON.parse(Buffer.from(r.Data ?? []).toString()) as FraudDecisionRecord) ?? []);
/** Card testing: three 1.00 EUR probes, then 450.00 EUR within minutes (small-then-large → review). */
const cardTesting = () => [tx(1, 'card-a'), tx(2, 'card-a'), tx(3, 'card-a'), tx(4, 'card-a', 450)];

describe('payments score handler', () => {
  it('raises an alert for a review-worthy transaction, archives every decision and stores the profile', async () => {
    const response = await handler(kinesisEvent(cardTesting()), lambdaContext('payments-score'));

    expect(response).toEqual({ batchItemFailures: [] });
    expect([...alerts.values()]).toEqual([
      expect.objectContaining({
        entityId: 'card#card-a',
        alertId: `${at(4)}#${uuid(4)}`,
        rule: 'fraud-score',
        score: 60,
        status: 'open',
        reasons: ['3 amounts of at most 2.00 EUR in the 30 minutes before 450.00 EUR (threshold 3)'],
      }),
    ]);
    expect(firehose.commandCalls(PutRecordBatchCommand)[0]?.args[0].input.DeliveryStreamName).toBe(ENV.DELIVERY_STREAM_NAME);
    expect(archived().map(({ transactionId, decision, score }) => ({ transactionId, decision, score }))).toEqual([
      { transactionId: uuid(1), decision: 'approve', score: 0 },
      { transactionId: uuid(2), decision: 'approve', score: 0 },
      { transactionId: uuid(3), decision: 'approve', score: 0 },
      { transactionId: uuid(4), decision: 'review', score: 60 },
    ]);
    expect(archived()[3]?.decidedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(profiles.get('card-a')).toMatchObject({ cardId: 'card-a', version: 1, transactionCount: 4 });
  });

  it('dead-letters a poison record, acknowledges it, and scores the rest', async () => {
    const poison = kinesisRecord('2', { ...transactionRecord({ cardId: 'card-a' }), cardId: '4111111111111111' }, { partitionKey: 'card-a' });
    const response = await handler(kinesisEvent([tx(1, 'card-a'), poison, tx(3, 'card-a')]), lambdaContext('payments-score'));

    expect(failedIds(response)).toEqual([]);
    const sent = sqs.commandCalls(SendMessageBatchCommand)[0]?.args[0].input;
    expect(sent?.QueueUrl).toBe(ENV.DEAD_LETTER_QUEUE_URL);
    expect(JSON.parse(sent?.Entries?.[0]?.MessageBody ?? '')).toMatchObject({
      reason: 'schema-validation',
      errors: [{ path: 'cardId' }],
      source: { sequenceNumber: '2', partitionKey: 'card-a' },
      function: 'payments-score',
    });
    expect(archived().map((decision) => decision.transactionId)).toEqual([uuid(1), uuid(3)]);
    expect(profiles.get('card-a')).toMatchObject({ transactionCount: 2 });
  });

  it('leaves profiles, alerts and the archive untouched when a batch is replayed', async () => {
    const batch = kinesisEvent([...cardTesting(), tx(5, 'card-b')]);
    await handler(batch, lambdaContext('payments-score'));
    const stored = structuredClone({ profiles: Object.fromEntries(profiles), alerts: Object.fromEntries(alerts) });
    dynamo.resetHistory();
    firehose.resetHistory();

    const response = await handler(batch, lambdaContext('payments-score'));

    expect(response).toEqual({ batchItemFailures: [] });
    expect({ profiles: Object.fromEntries(profiles), alerts: Object.fromEntries(alerts) }).toEqual(stored);
    expect(dynamo.commandCalls(PutCommand)).toHaveLength(0);
    expect(firehose.commandCalls(PutRecordBatchCommand)).toHaveLength(0);
  });

  it('reports the records of a card whose profile write failed; their redelivery does not duplicate the alert', async () => {
    dynamo.on(PutCommand, { TableName: ENV.CARD_PROFILES_TABLE_NAME }).rejectsOnce(
      Object.assign(new Error('denied'), { name: 'AccessDeniedException', $fault: 'client' }),
    );
    const first = await handler(kinesisEvent([...cardTesting(), tx(5, 'card-b')]), lambdaContext('payments-score'));
    expect(failedIds(first)).toEqual(['1', '2', '3', '4']);
    expect(profiles.has('card-a')).toBe(false);
    expect(alerts.size).toBe(1);

    dynamo.reset();
    emulateTables();
    const retry = await handler(kinesisEvent([...cardTesting(), tx(5, 'card-b')]), lambdaContext('payments-score'));

    expect(retry).toEqual({ batchItemFailures: [] });
    expect(alerts.size).toBe(1);
    expect(profiles.get('card-a')).toMatchObject({ transactionCount: 4, version: 1 });
    expect(profiles.get('card-b')).toMatchObject({ transactionCount: 1, version: 1 });
  });

  it('fails fast at load time when its configuration is missing', () => {
    const saved = process.env.CARD_PROFILES_TABLE_NAME;
    delete process.env.CARD_PROFILES_TABLE_NAME;
    try {
      jest.isolateModules(() => {
        expect(() => jest.requireActual<object>('../../../../functions/payments/score')).toThrow(
          'Invalid configuration: CARD_PROFILES_TABLE_NAME is not set',
        );
      });
    } finally {
      process.env.CARD_PROFILES_TABLE_NAME = saved;
    }
  });
});
