// Unit tests: a camera's newest detections with one descending, bounded Query.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { createDynamoDbDetectionReader } from '../../../../shared/aws/dynamodb-detection-reader';

const dynamo = mockClient(DynamoDBDocumentClient);
const reader = createDynamoDbDetectionReader(DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' })), { tableName: 'detections' });
const item = {
  cameraId: 'front-door',
  detectionId: '2026-11-02T10:00:01.000Z#motion-1',
  eventId: 'motion-1',
  frameAt: '2026-11-02T10:00:01.000Z',
  labels: [{ name: 'Person', confidence: 99.1 }],
  frameKey: 'video/frames/front-door/2026-11-02/motion-1/1793613601000.png',
  analysedAt: '2026-11-02T10:00:05.000Z',
  expiresAt: 1_800_000_000,
};

beforeEach(() => dynamo.reset());

describe('DynamoDB detection reader', () => {
  it('queries the camera newest first with the limit and validates the items', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [item], LastEvaluatedKey: { cameraId: 'front-door', detectionId: item.detectionId } });

    await expect(reader.latest('front-door', 20)).resolves.toEqual([item]);
    expect(dynamo.commandCalls(QueryCommand)).toHaveLength(1);
    expect(dynamo.commandCalls(QueryCommand)[0]?.args[0].input).toEqual({
      TableName: 'detections',
      KeyConditionExpression: '#cameraId = :cameraId',
      ExpressionAttributeNames: { '#cameraId': 'cameraId' },
      ExpressionAttributeValues: { ':cameraId': 'front-door' },
      ScanIndexForward: false,
      Limit: 20,
    });
  });

  it('answers an empty list for a camera without detections, and rejects an item that is not a detection', async () => {
    dynamo.on(QueryCommand).resolvesOnce({}).resolvesOnce({ Items: [{ cameraId: 'front-door' }] });

    await expect(reader.latest('front-door', 5)).resolves.toEqual([]);
    await expect(reader.latest('front-door', 5)).rejects.toThrow();
  });
});
