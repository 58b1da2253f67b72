// Unit tests: the DynamoDB session store (conditional writes, version conflicts, batched reads).
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { createDynamoDbDocumentClient } from '../../../../shared/aws/clients';
import { createDynamoDbSessionStore } from '../../../../shared/aws/dynamodb-session-store';
import type { SessionState } from '../../../../shared/clickstream/session-state';
import { applyEvents, type SequencedClickEvent } from '../../../../shared/clickstream/sessions';
import { compactEventId } from '../../../../shared/streams/recent-event-ids';
import { clickEvent, instantRetryPolicy, uuid } from '../fixtures/clickstream';

const dynamo = mockClient(DynamoDBDocumentClient);
const retryPolicy = instantRetryPolicy(3);
const TABLE = 'sessions';
const store = createDynamoDbSessionStore(createDynamoDbDocumentClient(), { tableName: TABLE, retryPolicy });

const record = (seq: number, sessionId = 'session-1'): SequencedClickEvent => ({
  shardId: 'shardId-000000000000',
  sequenceNumber: String(seq),
  event: clickEvent({ sessionId, eventId: uuid(seq) }),
});
const stateAfter = (records: SequencedClickEvent[]): SessionState => {
  const state = applyEvents(undefined, records, 30);
  if (state === 'unchanged') throw new Error('expected state');
  return state;
};
const updateWith = (sessionId: string, records: SequencedClickEvent[]) => ({
  sessionId,
  apply: (current: SessionState | undefined) => applyEvents(current, records, 30),
});
const puts = () => dynamo.commandCalls(PutCommand).map((call) => call.args[0].input);

beforeEach(() => dynamo.reset());

describe('DynamoDB session store', () => {
  it('creates a new session only if the item does not exist yet, at version 1', async () => {
    dynamo.on(BatchGetCommand).resolves({ Responses: { [TABLE]: [] } });
    dynamo.on(PutCommand).resolves({});

    const outcomes = await store.update([updateWith('session-1', [record(1)])]);

    expect(outcomes.get('session-1')).toEqual({ status: 'written', version: 1 });
    expect(dynamo.commandCalls(BatchGetCommand)[0]?.args[0].input.RequestItems?.[TABLE]).toEqual({
      Keys: [{ sessionId: 'session-1' }],
      ConsistentRead: true,
    });
    expect(puts()).toEqual([
      expect.objectContaining({
        TableName: TABLE,
        ConditionExpression: 'attribute_not_exists(#key)',
        ExpressionAttributeNames: { '#key': 'sessionId' },
        Item: expect.objectContaining({ sessionId: 'session-1', version: 1, eventCount: 1 }) as unknown,
      }),
    ]);
    expect(puts()[0]?.Item).not.toHaveProperty('userId');
  });

  it('updates an existing session only if its version is still the one read, and increments it', async () => {
    dynamo.on(BatchGetCommand).resolves({ Responses: { [TABLE]: [{ ...stateAfter([record(1)]), version: 4 }] } });
    dynamo.on(PutCommand).resolves({});

    const outcomes = await store.update([updateWith('session-1', [record(2)])]);

    expect(outcomes.get('session-1')).toEqual({ status: 'written', version: 5 });
    expect(puts()[0]).toMatchObject({
      ConditionExpression: '#version = :expected',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':expected': 4 },
      Item: { version: 5, eventCount: 2, lastSequenceByShard: { 'shardId-000000000000': '2' } },
    });
  });

  it('on a version conflict re-reads the item and re-applies the update to it', async () => {
    dynamo.on(BatchGetCommand).resolves({ Responses: { [TABLE]: [{ ...stateAfter([record(1)]), version: 1 }] } });
    // Another writer stored records 1–3 in the meantime.
    dynamo.on(GetCommand).resolves({ Item: { ...stateAfter([record(1), record(2), record(3)]), version: 2 } });
    dynamo
      .on(PutCommand)
      .rejectsOnce(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }))
      .resolves({});

    const outcomes = await store.update([updateWith('session-1', [record(2), record(3), record(4)])]);

    expect(dynamo.commandCalls(GetCommand)[0]?.args[0].input).toEqual({
      TableName: TABLE,
      Key: { sessionId: 'session-1' },
      ConsistentRead: true,
    });
    expect(outcomes.get('session-1')).toEqual({ status: 'written', version: 3 });
    expect(puts()[1]).toMatchObject({ ExpressionAttributeValues: { ':expected': 2 }, Item: { eventCount: 4, version: 3 } });
  });

  it('reads an item written before event ids were remembered, and writes it back with them', async () => {
    const { recentEventIds: _absent, ...stored } = stateAfter([record(1)]);
    dynamo.on(BatchGetCommand).resolves({ Responses: { [TABLE]: [{ ...stored, version: 7 }] } });
    dynamo.on(PutCommand).resolves({});

    const outcomes = await store.update([updateWith('session-1', [record(2)])]);

    expect(outcomes.get('session-1')).toEqual({ status: 'written', version: 8 });
    expect(puts()[0]?.Item).toMatchObject({ eventCount: 2, recentEventIds: compactEventId(uuid(2)) });
  });

  it('gives up after repeated conflicts and reports the session as failed', async () => {
    dynamo.on(BatchGetCommand).resolves({ Responses: { [TABLE]: [] } });
    dynamo.on(GetCommand).resolves({ Item: undefined });
    dynamo.on(PutCommand).rejects(new ConditionalCheckFailedException({ message: 'conflict', $metadata: {} }));

    const outcomes = await store.update([updateWith('session-1', [record(1)])]);

    expect(dynamo.commandCalls(PutCommand)).toHaveLength(3);
    expect(outcomes.get('session-1')).toMatchObject({ status: 'failed', errorCode: 'ConditionalCheckFailedException' });
  });

  it('does not write a session the update leaves unchanged (a redelivered batch)', async () => {
    dynamo.on(BatchGetCommand).resolves({ Responses: { [TABLE]: [{ ...stateAfter([record(1), record(2)]), version: 2 }] } });

    const outcomes = await store.update([updateWith('session-1', [record(1), record(2)])]);

    expect(outcomes.get('session-1')).toEqual({ status: 'unchanged' });
    expect(dynamo.commandCalls(PutCommand)).toHaveLength(0);
  });

  it('reads unprocessed keys again and reads at most 100 keys per call', async () => {
    const sessions = Array.from({ length: 101 }, (_, i) => `s${i}`);
    dynamo
      .on(BatchGetCommand)
      .resolvesOnce({ Responses: { [TABLE]: [] }, UnprocessedKeys: { [TABLE]: { Keys: [{ sessionId: 's7' }] } } })
      .resolves({ Responses: { [TABLE]: [] } });
    dynamo.on(PutCommand).resolves({});

    const outcomes = await store.update(sessions.map((id) => updateWith(id, [record(1, id)])));

    const keysPerCall = dynamo.commandCalls(BatchGetCommand).map((call) => call.args[0].input.RequestItems?.[TABLE]?.Keys);
    expect(keysPerCall.map((keys) => keys?.length)).toEqual([100, 1, 1]);
    expect(keysPerCall[1]).toEqual([{ sessionId: 's7' }]);
    expect([...outcomes.values()].every((outcome) => outcome.status === 'written')).toBe(true);
  });

  it('fails a session whose stored item is not valid state instead of overwriting it', async () => {
    dynamo.on(BatchGetCommand).resolves({ Responses: { [TABLE]: [{ sessionId: 'session-1', version: 1, eventCount: 'many' }] } });

    const outcomes = await store.update([updateWith('session-1', [record(1)])]);

    expect(outcomes.get('session-1')).toMatchObject({ status: 'failed' });
    expect(dynamo.commandCalls(PutCommand)).toHaveLength(0);
  });

  it('fails only the session whose write failed', async () => {
    dynamo.on(BatchGetCommand).resolves({ Responses: { [TABLE]: [] } });
    const denied = Object.assign(new Error('denied'), { name: 'AccessDeniedException', $fault: 'client' });
    dynamo
      .on(PutCommand)
      .callsFake((input: { Item: { sessionId: string } }) =>
        input.Item.sessionId === 'bad' ? Promise.reject(denied) : Promise.resolve({}),
      );

    const outcomes = await store.update([updateWith('good', [record(1, 'good')]), updateWith('bad', [record(2, 'bad')])]);

    expect(outcomes.get('good')).toEqual({ status: 'written', version: 1 });
    expect(outcomes.get('bad')).toMatchObject({ status: 'failed', errorCode: 'AccessDeniedException' });
  });
});
