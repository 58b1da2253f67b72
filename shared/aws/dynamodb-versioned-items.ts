// Read-modify-write of many DynamoDB items with optimistic concurrency: one batched read, one conditional put per change.
import {
  BatchGetCommand,
  GetCommand,
  PutCommand,
  type DynamoDBDocumentClient,
  type PutCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { chunkByCount } from '../batching/chunk';
import { mapWithConcurrency } from '../batching/concurrency';
import { DYNAMODB_BATCH_GET_MAX_KEYS } from '../batching/limits';
import {
  DEFAULT_RETRY_POLICY,
  retryFailedEntries,
  type EntryResult,
  type RetryPolicy,
} from '../batching/retry-failed-entries';
import { classifyAwsError } from './aws-errors';

/** The attribute that carries the optimistic-concurrency version (1 after the first write). */
export const VERSION_ATTRIBUTE = 'version';

/** A stored state with the optimistic-concurrency version it was read at. */
export interface Versioned<S> {
  state: S;
  version: number;
}

/** One key's read: the item (undefined when it does not exist), or why it could not be read or decoded. */
export type VersionedRead<S> =
  | { ok: true; item: Versioned<S> | undefined }
  | { ok: false; errorCode: string; errorMessage: string };

export interface VersionedUpdate<S> {
  key: string;
  /** Pure: the next state, or 'unchanged' to skip the write. Called again with fresh state after a conflict. */
  apply: (current: S | undefined) => S | 'unchanged';
  /**
   * The item as the caller already read it (readMany), undefined when it did not exist: the first write is
   * conditioned on that version and the item is not read again. A conflict re-reads and re-applies as usual.
   */
  known?: { item: Versioned<S> | undefined };
}

export type VersionedWriteOutcome =
  | { status: 'written'; version: number }
  | { status: 'unchanged' }
  | { status: 'failed'; errorCode: string; errorMessage: string };

export interface VersionedItemStoreOptions<S> {
  client: DynamoDBDocumentClient;
  tableName: string;
  /** The table's partition key attribute (a string). */
  keyAttribute: string;
  /** Turns a stored item (without key and version handling) into state; throw if it is not valid state. */
  decode: (item: Record<string, unknown>) => S;
  /** Conditional puts in flight at once. */
  concurrency?: number;
  /** Puts per item, the first one included, before a repeated version conflict fails the item. */
  maxWriteAttempts?: number;
  retryPolicy?: RetryPolicy;
}

export interface VersionedItemStore<S> {
  /** Strongly consistent batched reads, one result per key; never throws for a single item. */
  readMany(keys: readonly string[]): Promise<Map<string, VersionedRead<S>>>;
  /**
   * Applies each update (keys must be distinct) and reports one outcome per key; never throws for a single item.
   * Items of updates without `known` are read first, in one batched read.
   */
  applyUpdates(updates: ReadonlyArray<VersionedUpdate<S>>): Promise<Map<string, VersionedWriteOutcome>>;
}

const withoutUndefined = (item: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(item).filter(([, value]) => value !== undefined));

const isVersionConflict = (error: unknown): boolean =>
  classifyAwsError(error).errorCode === 'ConditionalCheckFailedException';

const failureOf = (error: unknown): { errorCode: string; errorMessage: string } => {
  const { errorCode, errorMessage } = classifyAwsError(error);
  return { errorCode, errorMessage: errorMessage ?? errorCode };
};

const failedOutcome = (error: unknown): VersionedWriteOutcome => ({ status: 'failed', ...failureOf(error) });

/**
 * Why conditional PutItem per item rather than BatchWriteItem: BatchWriteItem cannot carry a condition, so two
 * writers of one item (a replay or backfill running beside the live consumer, a timed-out invocation whose
 * write lands late) could silently overwrite each other's updates. `attribute_not_exists(key)` / `version = :read` makes each write succeed only against
 * the state it was computed from; a conflict re-reads the item and re-applies the (pure, idempotent) update.
 */
export function createVersionedItemStore<S extends object>(options: VersionedItemStoreOptions<S>): VersionedItemStore<S> {
  const { client, tableName, keyAttribute, decode } = options;
  const concurrency = options.concurrency ?? 10;
  const maxWriteAttempts = options.maxWriteAttempts ?? 3;
  const retryPolicy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;

  const toVersioned = (item: Record<string, unknown> | undefined): Versioned<S> | undefined => {
    if (item === undefined) return undefined;
    const { [VERSION_ATTRIBUTE]: version, ...attributes } = item;
    if (typeof version !== 'number') throw new Error(`Item ${String(item[keyAttribute])} has no numeric version`);
    return { state: decode(attributes), version };
  };

  /** BatchGetItem in chunks of 100 keys; UnprocessedKeys (throttling, 16 MB response cap) are read again. */
  async function readAll(keys: readonly string[]): Promise<Map<string, EntryResult<Record<string, unknown> | undefined>>> {
    const results = new Map<string, EntryResult<Record<string, unknown> | undefined>>();
    const send = async (batch: readonly string[]) => {
      const response = await client.send(
        new BatchGetCommand({
          RequestItems: { [tableName]: { Keys: batch.map((key) => ({ [keyAttribute]: key })), ConsistentRead: true } },
        }),
      );
      const items = new Map((response.Responses?.[tableName] ?? []).map((item) => [String(item[keyAttribute]), item]));
      const unprocessed = new Set(
        (response.UnprocessedKeys?.[tableName]?.Keys ?? []).map((key) => String(key[keyAttribute])),
      );
      return batch.map(
        (key): EntryResult<Record<string, unknown> | undefined> =>
          unprocessed.has(key)
            ? { ok: false, errorCode: 'UnprocessedKeys', retryable: true }
            : { ok: true, value: items.get(key) },
      );
    };
    for (const chunk of chunkByCount(keys, DYNAMODB_BATCH_GET_MAX_KEYS)) {
      const report = await retryFailedEntries(chunk, send, classifyAwsError, retryPolicy);
      for (const { entry, value } of report.succeeded) results.set(entry, { ok: true, value });
      for (const { entry, errorCode, errorMessage } of report.failed) {
        results.set(entry, { ok: false, errorCode, errorMessage, retryable: true });
      }
    }
    return results;
  }

  /** A stored item that is not valid state fails that key only. */
  async function readMany(keys: readonly string[]): Promise<Map<string, VersionedRead<S>>> {
    const reads = new Map<string, VersionedRead<S>>();
    for (const [key, read] of await readAll(keys)) {
      if (!read.ok) {
        reads.set(key, { ok: false, errorCode: read.errorCode, errorMessage: read.errorMessage ?? read.errorCode });
        continue;
      }
      try {
        reads.set(key, { ok: true, item: toVersioned(read.value) });
      } catch (error) {
        reads.set(key, { ok: false, ...failureOf(error) });
      }
    }
    return reads;
  }

  async function readOne(key: string): Promise<Versioned<S> | undefined> {
    const response = await client.send(
      new GetCommand({ TableName: tableName, Key: { [keyAttribute]: key }, ConsistentRead: true }),
    );
    return toVersioned(response.Item);
  }

  async function putIfVersion(key: string, next: S, current: Versioned<S> | undefined): Promise<number> {
    const version = (current?.version ?? 0) + 1;
    const condition: Pick<PutCommandInput, 'ConditionExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'> =
      current === undefined
        ? { ConditionExpression: 'attribute_not_exists(#key)', ExpressionAttributeNames: { '#key': keyAttribute } }
        : {
            ConditionExpression: '#version = :expected',
            ExpressionAttributeNames: { '#version': VERSION_ATTRIBUTE },
            ExpressionAttributeValues: { ':expected': current.version },
          };
    await client.send(
      new PutCommand({
        TableName: tableName,
        Item: withoutUndefined({ ...next, [keyAttribute]: key, [VERSION_ATTRIBUTE]: version }),
        ...condition,
      }),
    );
    return version;
  }

  async function applyOne(update: VersionedUpdate<S>, initial: Versioned<S> | undefined): Promise<VersionedWriteOutcome> {
    let current = initial;
    for (let attempt = 1; ; attempt += 1) {
      const next = update.apply(current?.state);
      if (next === 'unchanged') return { status: 'unchanged' };
      try {
        return { status: 'written', version: await putIfVersion(update.key, next, current) };
      } catch (error) {
        if (!isVersionConflict(error) || attempt >= maxWriteAttempts) return failedOutcome(error);
        current = await readOne(update.key);
      }
    }
  }

  return {
    readMany,
    async applyUpdates(updates) {
      const reads = await readMany(updates.filter((update) => update.known === undefined).map((update) => update.key));
      const outcomes = await mapWithConcurrency(updates, concurrency, async (update) => {
        const read = update.known === undefined ? reads.get(update.key) : { ok: true as const, item: update.known.item };
        if (read === undefined || !read.ok) {
          return failedOutcome({ name: read?.errorCode ?? 'ReadFailed', message: read?.errorMessage });
        }
        try {
          return await applyOne(update, read.item);
        } catch (error) {
          return failedOutcome(error);
        }
      });
      return new Map(updates.map((update, index) => [update.key, outcomes[index] as VersionedWriteOutcome]));
    },
  };
}
