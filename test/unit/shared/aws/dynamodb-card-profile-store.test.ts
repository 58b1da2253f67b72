// Unit tests: the DynamoDB card-profile store (consistent batched reads that never write, versioned conditional writes).
import { BatchGetCommand, DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { createDynamoDbDocumentClient } from '../../../../shared/aws/clients';
import { createDynamoDbCardProfileStore } from '../../../../shared/aws/dynamodb-card-profile-store';
import { DEFAULT_FRAUD_CONFIG } from '../../../../shared/payments/fraud-config';
import { updateProfile } from '../../../../shared/payments/card-profile';
import { instantRetryPolicy } from '../fixtures/clickstream';
import { profileAfter, transaction } from '../payments/payment-fixtures';

const dynamo = mockClient(DynamoDBDocumentClient);
const TABLE = 'card-profiles';
const store = createDynamoDbCardProfileStore(createDynamoDbDocumentClient(), { tableName: TABLE, retryPolicy: instantRetryPolicy(3) });
const stored = profileAfter([transaction()]);

beforeEach(() => dynamo.reset());

describe('DynamoDB card profile store', () => {
  it('reads profiles with one consistent BatchGetItem and writes nothing', async () => {
    dynamo.on(BatchGetCommand).resolves({ Responses: { [TABLE]: [{ ...stored, version: 3 }] } });

    const reads = await store.read(['card-tok-1', 'card-new']);

    expect(reads.get('card-tok-1')).toEqual({ ok: true, profile: stored });
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
});
