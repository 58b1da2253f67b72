// CardProfileStore on DynamoDB: one item per card (key `cardId`), written with optimistic concurrency.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RetryPolicy } from '../batching/retry-failed-entries';
import { cardProfileSchema, type CardProfile } from '../payments/card-profile';
import type { CardProfileRead, CardProfileStore } from '../payments/card-profile-store';
import { createVersionedItemStore } from './dynamodb-versioned-items';

export interface DynamoDbCardProfileStoreOptions {
  tableName: string;
  concurrency?: number;
  maxWriteAttempts?: number;
  retryPolicy?: RetryPolicy;
}

/**
 * Items hold the profile plus `version`. Reading goes through the versioned store too, as an update that
 * never writes: one batched, strongly consistent read path with the same decoding and retries as the write.
 */
export function createDynamoDbCardProfileStore(
  client: DynamoDBDocumentClient,
  options: DynamoDbCardProfileStoreOptions,
): CardProfileStore {
  const items = createVersionedItemStore<CardProfile>({
    client,
    keyAttribute: 'cardId',
    decode: (item) => cardProfileSchema.parse(item),
    ...options,
  });
  return {
    async read(cardIds) {
      const profiles = new Map<string, CardProfile | undefined>();
      const outcomes = await items.applyUpdates(
        cardIds.map((key) => ({
          key,
          apply: (current) => {
            profiles.set(key, current);
            return 'unchanged';
          },
        })),
      );
      return new Map(
        [...outcomes].map(([cardId, outcome]): [string, CardProfileRead] =>
          outcome.status === 'failed'
            ? [cardId, { ok: false, errorCode: outcome.errorCode, errorMessage: outcome.errorMessage }]
            : [cardId, { ok: true, profile: profiles.get(cardId) }],
        ),
      );
    },
    update: (updates) => items.applyUpdates(updates.map(({ cardId, apply }) => ({ key: cardId, apply }))),
  };
}
