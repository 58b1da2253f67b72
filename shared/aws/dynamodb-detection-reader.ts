// DetectionReader on DynamoDB: a camera's newest detections with one Query (sort key = frame time + event id).
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { detectionSchema } from '../events/camera';
import type { DetectionReader } from '../video/detection-listing';

/**
 * detectionId starts with the frame's ISO time, so a descending Query is "newest first" without an index, and
 * Limit bounds the read to one page. Eventually consistent: a dashboard may see a detection a moment late.
 */
export function createDynamoDbDetectionReader(client: DynamoDBDocumentClient, options: { tableName: string }): DetectionReader {
  return {
    async latest(cameraId, limit) {
      const response = await client.send(
        new QueryCommand({
          TableName: options.tableName,
          KeyConditionExpression: '#cameraId = :cameraId',
          ExpressionAttributeNames: { '#cameraId': 'cameraId' },
          ExpressionAttributeValues: { ':cameraId': cameraId },
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      return (response.Items ?? []).map((item) => detectionSchema.parse(item));
    },
  };
}
