// SessionStore on DynamoDB: one item per session (key `sessionId`), written with optimistic concurrency.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RetryPolicy } from '../batching/retry-failed-entries';
import { sessionStateSchema, type SessionState } from '../clickstream/session-state';
import type { SessionStore } from '../clickstream/session-store';
import { createVersionedItemStore } from './dynamodb-versioned-items';

export interface DynamoDbSessionStoreOptions {
  tableName: string;
  concurrency?: number;
  maxWriteAttempts?: number;
  retryPolicy?: RetryPolicy;
}

/**
 * Items hold the session state plus `version`; `expiresAt` is the table's TTL attribute and `userId` /
 * `firstSeenAt` feed the sparse `byUser` index (items without userId stay out of it).
 */
export function createDynamoDbSessionStore(client: DynamoDBDocumentClient, options: DynamoDbSessionStoreOptions): SessionStore {
  const items = createVersionedItemStore<SessionState>({
    client,
    keyAttribute: 'sessionId',
    decode: (item) => sessionStateSchema.parse(item),
    ...options,
  });
  return {
    update: (updates) =>
      items.applyUpdates(updates.map(({ sessionId, apply }) => ({ key: sessionId, apply }))),
  };
}
