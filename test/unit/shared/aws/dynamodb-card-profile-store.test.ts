// Unit tests: the DynamoDB card-profile store (consistent batched reads, versioned conditional writes, writes against a known version) and the scoring step on it.
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { createDynamoDbDocumentClient } from '../../../../shared/aws/clients';
import { createDynamoDbCardProfileStore } from '../../../../shared/aws/dynamodb-card-profile-store';
import { DEFAULT_FRAUD_CONFIG } from '../../../../shared/payments/fraud-config';
import { updateProfile, type CardProfile } from '../../../../shared/payments/card-profile';
import { applyCardTransactions } from '../../../../shared/payments/card-transactions';
import { createCardScoringBatchStep } from '../../../../shared/payments/scoring-batch';
import { instantRetryPolicy } from '../fixtures/clickstream';
import { memoryAlertStore, memoryArchive } from '../payments/in-memory-stores';
import { profileAfter, streamRecord, transaction } from '../payments/payment-fixtures';

const dynamo = mockClient(DynamoDBDocumentClient);
const TABLE = 'card-profiles';
const store = createDynamoDbCardProfileStore(createDynamoDbDocumentClient(), { tableName: TABLE, retryPolicy: instantRetryPolicy(3) });
const stored = profileAfter([transaction()]);

beforeEach(() => dynamo.reset());

describe('DynamoDB card profile store', () => {
  it('reads profiles with one consistent BatchGetItem and writes nothing', async () => {
    dynamo.on(BatchGetCommand).resolves({ Responses: { [TABLE]: [{ ...stored, version: 3 }] } });

    const reads = await store.read(['card-tok-1', 'card-new']);

    expect(reads.get('card-tok-1')).toEqual({ ok: true, profile: stored, version: 3 });
    expect(reads.get('card-new')).toEqual({ ok: true, profile: undefined });
    expect(dynamo.commandCalls(BatchGetCommand)[0]?.args[0].input.RequestItems?.[TABLE]).toEqual({
      Keys: [{ cardId: 'card-tok-1' }, { cardId: 'card-new' }],
      ConsistentRead: true,
    });
    expect(dynamo.commandCalls(PutCommand)).toHaveLength(0);
  });

  it('reports a stored item that is not a valid profile as a failed read', async () => {
    dynamo.on(BatchGetCommand).resolves({ Responses: { [TABLE]: [{ cardId: 'card-tok-1', version: 1, transactionCount: 'many' }] } });
    expect((await store.read(['card-tok-1'])).get('card-tok-1')).toMatchObject({ ok: false });
  });

  it('writes an update conditionally on the version it read, and increments it', async () => {
    dynamo.on(BatchGetCommand).resolves({ Responses: { [TABLE]: [{ ...stored, version: 3 }] } });
    dynamo.on(PutCommand).resolves({});

    const outcomes = await store.update([
      { cardId: 'card-tok-1', apply: (current) => updateProfile(current!, transaction({ amount: 10 }), DEFAULT_FRAUD_CONFIG) },
    ]);

    expect(outcomes.get('card-tok-1')).toEqual({ status: 'written', version: 4 });
    expect(dynamo.commandCalls(PutCommand)[0]?.args[0].input).toMatchObject({
      TableName: TABLE,
      ConditionExpression: '#version = :expected',
      ExpressionAttributeValues: { ':expected': 3 },
      Item: { cardId: 'card-tok-1', version: 4, transactionCount: 2 },
    });
  });

  it('writes an update computed from a read against that read\'s version, without reading again', async () => {
    dynamo.on(PutCommand).resolves({});
    const apply = jest.fn((current: CardProfile | undefined) => updateProfile(current!, transaction({ amount: 10 }), DEFAULT_FRAUD_CONFIG));

    const outcomes = await store.update([{ cardId: 'card-tok-1', apply, basis: { profile: stored, version: 3 } }]);

    expect(outcomes.get('card-tok-1')).toEqual({ status: 'written', version: 4 });
    expect(apply).toHaveBeenCalledWith(stored);
    expect(dynamo.commandCalls(BatchGetCommand)).toHaveLength(0);
    expect(dynamo.commandCalls(PutCommand)[0]?.args[0].input).toMatchObject({ ExpressionAttributeValues: { ':expected': 3 } });
  });

  it('writes a card the read did not find only if it still does not exist', async () => {
    dynamo.on(PutCommand).resolves({});

    await store.update([{ cardId: 'card-new', apply: () => ({ ...stored, cardId: 'card-new' }), basis: { profile: undefined } }]);

    expect(dynamo.commandCalls(BatchGetCommand)).toHaveLength(0);
    expect(dynamo.commandCalls(PutCommand)[0]?.args[0].input).toMatchObject({
      ConditionExpression: 'attribute_not_exists(#key)',
      Item: { cardId: 'card-new', version: 1 },
    });
  });
});

/** A card-profiles table behind the mocked client: consistent reads, and PutItem honouring the two conditions the store uses. */
function mockedTable() {
  const items = new Map<string, Record<string, unknown>>();
  const conditionFailed = () => Object.assign(new Error('The conditional request failed'), { name: 'ConditionalCheckFailedException' });
  dynamo.on(BatchGetCommand).callsFake((input: { RequestItems: Record<string, { Keys: Array<{ cardId: string }> }> }) => ({
    Responses: { [TABLE]: (input.RequestItems[TABLE]?.Keys ?? []).flatMap(({ cardId }) => structuredClone(items.get(cardId)) ?? []) },
  }));
  dynamo.on(GetCommand).callsFake((input: { Key: { cardId: string } }) => ({ Item: structuredClone(items.get(input.Key.cardId)) }));
  dynamo.on(PutCommand).callsFake((input: { Item: { cardId: string }; ConditionExpression: string; ExpressionAttributeValues?: Record<string, unknown> }) => {
    const current = items.get(input.Item.cardId);
    const holds =
      input.ConditionExpression === 'attribute_not_exists(#key)'
        ? current === undefined
        : current?.version === input.ExpressionAttributeValues?.[':expected'];
    if (!holds) throw conditionFailed();
    items.set(input.Item.cardId, structuredClone(input.Item));
    return {};
  });
  return items;
}

describe('scoring step on the DynamoDB card profile store', () => {
  const batch = [1, 2, 3, 4, 5].map((seq) => streamRecord(seq, { cardId: 'card-a' }));

  function scoringStep() {
    const alerts = memoryAlertStore();
    const step = createCardScoringBatchStep({
      profiles: store,
      alerts: alerts.store,
      decisions: memoryArchive().archive,
      alertTtlDays: 90,
      now: () => new Date('2026-11-02T10:06:00.000Z'),
    });
    return { step, alerts };
  }

  it('reads each card once per batch: one BatchGetItem, no GetItem, one conditional PutItem per changed card', async () => {
    const items = mockedTable();
    const { step } = scoringStep();

    const result = await step([...batch, streamRecord(6, { cardId: 'card-b' })]);

    expect(result.failures.size).toBe(0);
    expect(dynamo.commandCalls(BatchGetCommand)).toHaveLength(1);
    expect(dynamo.commandCalls(GetCommand)).toHaveLength(0);
    expect(dynamo.commandCalls(PutCommand)).toHaveLength(2);
    expect(items.get('card-a')).toMatchObject({ version: 1, transactionCount: 5 });
  });

  it('re-reads and re-applies after a concurrent update, skipping what the other writer applied', async () => {
    const items = mockedTable();
    const { step } = scoringStep();
    await step(batch.slice(0, 2));
    // Another writer (a replay beside the live consumer) applies record 3 between this batch's read and its write.
    dynamo.on(BatchGetCommand).callsFakeOnce((input: { RequestItems: Record<string, { Keys: Array<{ cardId: string }> }> }) => {
      const response = { Responses: { [TABLE]: [structuredClone(items.get('card-a'))!] } };
      const { version, ...stored } = items.get('card-a')!;
      const other = applyCardTransactions(stored as CardProfile, 'card-a', [batch[2]!], DEFAULT_FRAUD_CONFIG).profile;
      items.set('card-a', { ...(other as CardProfile), version: (version as number) + 1 });
      expect(input.RequestItems[TABLE]?.Keys).toEqual([{ cardId: 'card-a' }]);
      return response;
    });
    dynamo.resetHistory();

    const result = await step(batch.slice(2));

    expect(result.failures.size).toBe(0);
    expect(dynamo.commandCalls(GetCommand)).toHaveLength(1);
    expect(dynamo.commandCalls(PutCommand)).toHaveLength(2);
    expect(items.get('card-a')).toMatchObject({
      version: 3,
      transactionCount: 5,
      lastSequenceByShard: { 'shardId-000000000000': '5' },
    });
  });

  it('changes nothing on a replayed batch: one BatchGetItem, no write, no alert raised twice', async () => {
    const items = mockedTable();
    const { step, alerts } = scoringStep();
    await step(batch);
    const afterFirst = structuredClone(items.get('card-a'));
    const alertCount = alerts.alerts.size;
    dynamo.resetHistory();

    const result = await step(batch);

    expect(result.failures.size).toBe(0);
    expect(result.summary).toMatchObject({ scored: 0, replayed: 5, profilesWritten: 0 });
    expect(dynamo.commandCalls(BatchGetCommand)).toHaveLength(1);
    expect(dynamo.commandCalls(PutCommand)).toHaveLength(0);
    expect(items.get('card-a')).toEqual(afterFirst);
    expect(alerts.alerts.size).toBe(alertCount);
  });
});
