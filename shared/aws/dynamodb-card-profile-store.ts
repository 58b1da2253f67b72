// CardProfileStore on DynamoDB: one item per card (key `cardId`), written with optimistic concurrency.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RetryPolicy } from '../batching/retry-failed-entries';
import { cardProfileSchema, type CardProfile } from '../payments/card-profile';
import type { CardProfileRead, CardProfileStore, CardProfileUpdate } from '../payments/card-profile-store';
import { createVersionedItemStore, type VersionedUpdate } from './dynamodb-versioned-items';

export interface DynamoDbCardProfileStoreOptions {
  tableName: string;
  concurrency?: number;
  maxWriteAttempts?: number;
  retryPolicy?: RetryPolicy;
}

/**
 * An update computed from a read of this store carries that read's version, so its first write needs no second
 * read. A read without a version (not from this store) cannot be written against, so the item is read again.
 */
function toVersionedUpdate({ cardId, apply, basis }: CardProfileUpdate): VersionedUpdate<CardProfile> {
  if (basis === undefined) return { key: cardId, apply };
  if (basis.profile === undefined) return { key: cardId, apply, known: { item: undefined } };
  if (basis.version === undefined) return { key: cardId, apply };
  return { key: cardId, apply, known: { item: { state: basis.profile, version: basis.version } } };
}

/** Items hold the profile plus `version`; reads are one batched, strongly consistent BatchGetItem per 100 cards. */
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
      const reads = await items.readMany(cardIds);
      return new Map(
        [...reads].map(([cardId, read]): [string, CardProfileRead] =>
          read.ok
            ? [cardId, read.item === undefined ? { ok: true, profile: undefined } : { ok: true, profile: read.item.state, version: read.item.version }]
            : [cardId, read],
        ),
      );
    },
    update: (updates) => items.applyUpdates(updates.map(toVersionedUpdate)),
  };
}
