// CameraStore on DynamoDB: one item per camera (key `cameraId`), created with a conditional put.
import { DeleteCommand, GetCommand, PutCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { cameraSchema, type Camera } from '../events/camera';
import type { CameraStore } from '../video/ports';
import { classifyAwsError } from './aws-errors';

/**
 * `list` scans: the table holds one small item per camera (a site has tens, not millions), and the API lists
 * them all. Reads are strongly consistent so a camera registered a moment ago is seen by the next request.
 */
export function createDynamoDbCameraStore(client: DynamoDBDocumentClient, options: { tableName: string }): CameraStore {
  const { tableName } = options;
  return {
    async create(camera) {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: camera,
            ConditionExpression: 'attribute_not_exists(#cameraId)',
            ExpressionAttributeNames: { '#cameraId': 'cameraId' },
          }),
        );
        return 'created';
      } catch (error) {
        if (classifyAwsError(error).errorCode === 'ConditionalCheckFailedException') return 'exists';
        throw error;
      }
    },

    async get(cameraId) {
      const response = await client.send(new GetCommand({ TableName: tableName, Key: { cameraId }, ConsistentRead: true }));
      return response.Item === undefined ? undefined : cameraSchema.parse(response.Item);
    },

    async list() {
      const cameras: Camera[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const response = await client.send(new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: startKey }));
        cameras.push(...(response.Items ?? []).map((item) => cameraSchema.parse(item)));
        startKey = response.LastEvaluatedKey;
      } while (startKey !== undefined);
      return cameras;
    },

    async delete(cameraId) {
      await client.send(new DeleteCommand({ TableName: tableName, Key: { cameraId } }));
    },
  };
}
