// Unit tests: detections put in batches of 25 with UnprocessedItems resent, and a camera's detections deleted page by page.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { createDynamoDbDetectionStore } from '../../../../shared/aws/dynamodb-detection-store';
import type { RetryPolicy } from '../../../../shared/batching/retry-failed-entries';
import type { Detection } from '../../../../shared/events/camera';

const dynamo = mockClient(DynamoDBDocumentClient);
const retryPolicy: RetryPolicy = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1, sleep: () => Promise.resolve(), random: () => 0 };
const store = createDynamoDbDetectionStore(DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' })), { tableName: 'detections', retryPolicy });

function detection(second: number): Detection {
  const frameAt = new Date(Date.UTC(2026, 10, 2, 10, 0, second)).toISOString();
  return {
    cameraId: 'front-door',
    detectionId: `${frameAt}#motion-1`,
    eventId: 'motion-1',
    frameAt,
    labels: [{ name: 'Person', confidence: 99.1 }],
    frameKey: `video/frames/front-door/2026-11-02/motion-1/${second}.png`,
    analysedAt: '2026-11-02T10:01:00.000Z',
    expiresAt: 1_800_000_000,
  };
}

type Requests = Array<{ PutRequest?: { Item: Record<string, unknown> }; DeleteRequest?: { Key: Record<string, unknown> } }>;
const requestsOf = (call: number): Requests =>
  (dynamo.commandCalls(BatchWriteCommand)[call]?.args[0].input.RequestItems?.detections ?? []) as Requests;

beforeEach(() => dynamo.reset());

describe('DynamoDB detection store', () => {
  it('puts detections unconditionally, 25 per BatchWriteItem', async () => {
    dynamo.on(BatchWriteCommand).resolves({});
    const detections = Array.from({ length: 30 }, (_, second) => detection(second));

    await store.put(detections);

    expect(dynamo.commandCalls(BatchWriteCommand)).toHaveLength(2);
    expect(requestsOf(0)).toHaveLength(25);
    expect(requestsOf(1)).toEqual(detections.slice(25).map((item) => ({ PutRequest: { Item: item } })));
  });

  it('resends only the UnprocessedItems, and throws when they are still unprocessed after the last attempt', async () => {
    const [first, second] = [detection(1), detection(2)];
    dynamo
      .on(BatchWriteCommand)
      .resolvesOnce({ UnprocessedItems: { detections: [{ PutRequest: { Item: second } }] } })
      .resolvesOnce({});

    await store.put([first, second]);
    expect(requestsOf(1)).toEqual([{ PutRequest: { Item: second } }]);

    dynamo.reset();
    dynamo.on(BatchWriteCommand).resolves({ UnprocessedItems: { detections: [{ PutRequest: { Item: first } }] } });
    await expect(store.put([first])).rejects.toThrow(/BatchWriteItem failed/);
    expect(dynamo.commandCalls(BatchWriteCommand)).toHaveLength(retryPolicy.maxAttempts);
  });

  it('sends nothing for no detections', async () => {
    await store.put([]);

    expect(dynamo.commandCalls(BatchWriteCommand)).toHaveLength(0);
  });

  it("deletes every detection of the camera, reading keys only, across Query pages", async () => {
    const keys = [detection(1), detection(2), detection(3)].map(({ cameraId, detectionId }) => ({ cameraId, detectionId }));
    dynamo
      .on(QueryCommand)
      .resolvesOnce({ Items: keys.slice(0, 2), LastEvaluatedKey: keys[1] })
      .resolvesOnce({ Items: keys.slice(2) });
    dynamo.on(BatchWriteCommand).resolves({});

    await expect(store.deleteCamera('front-door')).resolves.toBe(3);

    expect(dynamo.commandCalls(QueryCommand).map((call) => call.args[0].input)).toEqual([
      expect.objectContaining({
        TableName: 'detections',
        KeyConditionExpression: '#cameraId = :cameraId',
        ProjectionExpression: '#cameraId, #detectionId',
        ExpressionAttributeValues: { ':cameraId': 'front-door' },
        ExclusiveStartKey: undefined,
      }),
      expect.objectContaining({ ExclusiveStartKey: keys[1] }),
    ]);
    expect(requestsOf(0)).toEqual(keys.map((key) => ({ DeleteRequest: { Key: key } })));
  });
});
