// DeviceStore on DynamoDB: one item per device (key `deviceId`) carrying the state and an optimistic-concurrency version.
import {
  BatchGetCommand,
  GetCommand,
  PutCommand,
  ScanCommand,
  type DynamoDBDocumentClient,
  type PutCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { chunkByCount } from '../batching/chunk';
import { DYNAMODB_BATCH_GET_MAX_KEYS } from '../batching/limits';
import { DEFAULT_RETRY_POLICY, retryFailedEntries, type EntryResult, type RetryPolicy } from '../batching/retry-failed-entries';
import { DEVICE_TYPES } from '../events/iot';
import { deviceStateSchema } from '../iot/device-state';
import type { DeviceRead, DeviceStore, StoredDevice } from '../iot/device-store';
import type { DeviceHeartbeat } from '../iot/rule-evaluation';
import { classifyAwsError } from './aws-errors';
import { VERSION_ATTRIBUTE } from './dynamodb-versioned-items';

export interface DynamoDbDeviceStoreOptions {
  tableName: string;
  /** For BatchGetItem's UnprocessedKeys (throttling, the 16 MB response cap). */
  retryPolicy?: RetryPolicy;
}

const KEY = 'deviceId';

type WriteCondition = Pick<PutCommandInput, 'ConditionExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'>;

const heartbeatSchema = z.object({ deviceId: z.string(), deviceType: z.enum(DEVICE_TYPES), lastSeenAt: z.string() });

function toStoredDevice(item: Record<string, unknown>): StoredDevice {
  const { [VERSION_ATTRIBUTE]: version, ...attributes } = item;
  if (typeof version !== 'number') throw new Error(`Device ${String(item[KEY])} has no numeric version`);
  return { state: deviceStateSchema.parse(attributes), version };
}

/** A stored item that is not valid state fails that device only (its records are retried), not the batch. */
function toDeviceRead(item: Record<string, unknown> | undefined): DeviceRead {
  if (item === undefined) return { ok: true, device: undefined };
  try {
    return { ok: true, device: toStoredDevice(item) };
  } catch (error) {
    return { ok: false, errorCode: 'InvalidStoredDevice', errorMessage: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Reads are strongly consistent: the consumer computes the next state from them, and a stale read would only
 * end in a version conflict. The state write mirrors shared/aws/dynamodb-versioned-items.ts (same `version`
 * attribute and conditions); the IoT step needs the read and the write as separate calls because it raises
 * alerts between them.
 */
export function createDynamoDbDeviceStore(client: DynamoDBDocumentClient, options: DynamoDbDeviceStoreOptions): DeviceStore {
  const { tableName } = options;
  const retryPolicy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;

  async function readChunk(keys: readonly string[]): Promise<Array<EntryResult<Record<string, unknown> | undefined>>> {
    const response = await client.send(
      new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys.map((key) => ({ [KEY]: key })), ConsistentRead: true } } }),
    );
    const items = new Map((response.Responses?.[tableName] ?? []).map((item) => [String(item[KEY]), item]));
    const unprocessed = new Set((response.UnprocessedKeys?.[tableName]?.Keys ?? []).map((key) => String(key[KEY])));
    return keys.map((key) =>
      unprocessed.has(key) ? { ok: false, errorCode: 'UnprocessedKeys', retryable: true } : { ok: true, value: items.get(key) },
    );
  }

  return {
    async readMany(deviceIds) {
      const reads = new Map<string, DeviceRead>();
      for (const chunk of chunkByCount(deviceIds, DYNAMODB_BATCH_GET_MAX_KEYS)) {
        const report = await retryFailedEntries(chunk, readChunk, classifyAwsError, retryPolicy);
        for (const { entry, value } of report.succeeded) reads.set(entry, toDeviceRead(value));
        for (const { entry, errorCode, errorMessage } of report.failed) reads.set(entry, { ok: false, errorCode, errorMessage });
      }
      return reads;
    },

    async read(deviceId) {
      const response = await client.send(
        new GetCommand({ TableName: tableName, Key: { [KEY]: deviceId }, ConsistentRead: true }),
      );
      return response.Item === undefined ? undefined : toStoredDevice(response.Item);
    },

    async writeIfVersion(state, expectedVersion) {
      const condition: WriteCondition =
        expectedVersion === undefined
          ? { ConditionExpression: 'attribute_not_exists(#key)', ExpressionAttributeNames: { '#key': KEY } }
          : {
              ConditionExpression: '#version = :expected',
              ExpressionAttributeNames: { '#version': VERSION_ATTRIBUTE },
              ExpressionAttributeValues: { ':expected': expectedVersion },
            };
      try {
        const item = { ...state, [VERSION_ATTRIBUTE]: (expectedVersion ?? 0) + 1 };
        await client.send(new PutCommand({ TableName: tableName, Item: item, ...condition }));
        return 'written';
      } catch (error) {
        if (classifyAwsError(error).errorCode === 'ConditionalCheckFailedException') return 'conflict';
        throw error;
      }
    },

    async *scanHeartbeats(): AsyncGenerator<DeviceHeartbeat[]> {
      let startKey: Record<string, unknown> | undefined;
      do {
        const response = await client.send(
          new ScanCommand({
            TableName: tableName,
            ProjectionExpression: '#deviceId, #deviceType, #lastSeenAt',
            ExpressionAttributeNames: { '#deviceId': KEY, '#deviceType': 'deviceType', '#lastSeenAt': 'lastSeenAt' },
            ExclusiveStartKey: startKey,
          }),
        );
        yield (response.Items ?? []).map((item) => heartbeatSchema.parse(item));
        startKey = response.LastEvaluatedKey;
      } while (startKey !== undefined);
    },
  };
}
