// DetectionStore on DynamoDB (partition key cameraId, sort key detectionId): batched puts and per-camera deletion.
import { BatchWriteCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { chunkByCount } from '../batching/chunk';
import { DEFAULT_RETRY_POLICY, retryFailedEntries, type RetryPolicy } from '../batching/retry-failed-entries';
import type { DetectionStore } from '../video/ports';
import { classifyAwsError } from './aws-errors';

/** BatchWriteItem takes at most 25 requests. */
const BATCH_WRITE_MAX = 25;

type DetectionKey = { cameraId: string; detectionId: string };
type WriteRequest = { PutRequest: { Item: Record<string, unknown> } } | { DeleteRequest: { Key: DetectionKey } };

const keyText = (item: Record<string, unknown>): string => JSON.stringify([item.cameraId, item.detectionId]);
const requestKey = (request: WriteRequest): string =>
  keyText('PutRequest' in request ? request.PutRequest.Item : request.DeleteRequest.Key);

/**
 * Plain (unconditional) puts: a detection's key is (camera, frame time + event id), so a redelivered event writes
 * the same item again, which is exactly the idempotence needed. BatchWriteItem reports throttled requests as
 * UnprocessedItems; those are resent with backoff, and whatever still fails throws so the record is retried.
 */
export function createDynamoDbDetectionStore(
  client: DynamoDBDocumentClient,
  options: { tableName: string; retryPolicy?: RetryPolicy },
): DetectionStore {
  const { tableName } = options;
  const retryPolicy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;

  async function writeAll(requests: readonly WriteRequest[]): Promise<void> {
    for (const chunk of chunkByCount(requests, BATCH_WRITE_MAX)) {
      const report = await retryFailedEntries(
        chunk,
        async (batch) => {
          const response = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: [...batch] } }));
          const unprocessed = new Set((response.UnprocessedItems?.[tableName] ?? []).map((request) => requestKey(request as WriteRequest)));
          return batch.map((request) =>
            unprocessed.has(requestKey(request)) ? { ok: false as const, errorCode: 'UnprocessedItems', retryable: true } : { ok: true as const, value: undefined },
          );
        },
        classifyAwsError,
        retryPolicy,
      );
      const failed = report.failed[0];
      if (failed !== undefined) throw Object.assign(new Error(`BatchWriteItem failed: ${failed.errorMessage ?? failed.errorCode}`), { name: failed.errorCode });
    }
  }

  async function cameraKeys(cameraId: string): Promise<DetectionKey[]> {
    const keys: DetectionKey[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const response = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: '#cameraId = :cameraId',
          ProjectionExpression: '#cameraId, #detectionId',
          ExpressionAttributeNames: { '#cameraId': 'cameraId', '#detectionId': 'detectionId' },
          ExpressionAttributeValues: { ':cameraId': cameraId },
          ExclusiveStartKey: startKey,
        }),
      );
      keys.push(...(response.Items ?? []).map((item) => ({ cameraId: String(item.cameraId), detectionId: String(item.detectionId) })));
      startKey = response.LastEvaluatedKey;
    } while (startKey !== undefined);
    return keys;
  }

  return {
    async put(detections) {
      await writeAll(detections.map((detection) => ({ PutRequest: { Item: { ...detection } } })));
    },

    async deleteCamera(cameraId) {
      const keys = await cameraKeys(cameraId);
      await writeAll(keys.map((key) => ({ DeleteRequest: { Key: key } })));
      return keys.length;
    },
  };
}
