// Unit tests: cameras created once (conditional put), read strongly consistent and validated, listed across pages, deleted.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { createDynamoDbCameraStore } from '../../../../shared/aws/dynamodb-camera-store';
import { camera } from '../video/fixtures';

const dynamo = mockClient(DynamoDBDocumentClient);
const store = createDynamoDbCameraStore(DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' })), { tableName: 'cameras' });
const awsError = (name: string) => Object.assign(new Error(name), { name, $fault: 'client', $metadata: { httpStatusCode: 400 } });

beforeEach(() => dynamo.reset());

describe('DynamoDB camera store', () => {
  it('creates a camera only if its id is new', async () => {
    dynamo.on(PutCommand).resolvesOnce({}).rejectsOnce(awsError('ConditionalCheckFailedException'));

    await expect(store.create(camera())).resolves.toBe('created');
    await expect(store.create(camera())).resolves.toBe('exists');
    expect(dynamo.commandCalls(PutCommand)[0]?.args[0].input).toEqual({
      TableName: 'cameras',
      Item: camera(),
      ConditionExpression: 'attribute_not_exists(#cameraId)',
      ExpressionAttributeNames: { '#cameraId': 'cameraId' },
    });
  });

  it('lets other write errors through', async () => {
    dynamo.on(PutCommand).rejects(awsError('ProvisionedThroughputExceededException'));

    await expect(store.create(camera())).rejects.toMatchObject({ name: 'ProvisionedThroughputExceededException' });
  });

  it('reads a camera with a consistent read, undefined when missing, and rejects an item that is not a camera', async () => {
    dynamo.on(GetCommand).resolvesOnce({ Item: camera() }).resolvesOnce({}).resolvesOnce({ Item: { cameraId: 'front-door' } });

    await expect(store.get('front-door')).resolves.toEqual(camera());
    await expect(store.get('front-door')).resolves.toBeUndefined();
    await expect(store.get('front-door')).rejects.toThrow();
    expect(dynamo.commandCalls(GetCommand)[0]?.args[0].input).toEqual({ TableName: 'cameras', Key: { cameraId: 'front-door' }, ConsistentRead: true });
  });

  it('lists every camera across scan pages', async () => {
    const back = camera({ cameraId: 'back-door', streamName: 'streaming-reference-test-camera-back-door' });
    dynamo
      .on(ScanCommand)
      .resolvesOnce({ Items: [camera()], LastEvaluatedKey: { cameraId: 'front-door' } })
      .resolvesOnce({ Items: [back] });

    await expect(store.list()).resolves.toEqual([camera(), back]);
    expect(dynamo.commandCalls(ScanCommand).map((call) => call.args[0].input)).toEqual([
      { TableName: 'cameras', ConsistentRead: true, ExclusiveStartKey: undefined },
      { TableName: 'cameras', ConsistentRead: true, ExclusiveStartKey: { cameraId: 'front-door' } },
    ]);
  });

  it('deletes by key', async () => {
    dynamo.on(DeleteCommand).resolves({});

    await store.delete('front-door');

    expect(dynamo.commandCalls(DeleteCommand)[0]?.args[0].input).toEqual({ TableName: 'cameras', Key: { cameraId: 'front-door' } });
  });
});
