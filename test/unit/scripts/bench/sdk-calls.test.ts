// The call-counting middleware: what it records for each HTTP attempt, and answering calls in-process through the SDK's own deserializers.
import { KinesisClient, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  addSdkCallMiddleware,
  createCallCounter,
  describeRequest,
  entriesOf,
  instrumentAllSdkClients,
  type InProcessTransport,
} from '../../../../scripts/bench/sdk-calls';

const clientConfig = { region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, endpoint: 'http://127.0.0.1:9', maxAttempts: 1 };

const putRecordsOk: InProcessTransport = (call) => ({
  status: 200,
  body: { FailedRecordCount: 0, Records: Array.from({ length: call.entries }, (_, index) => ({ SequenceNumber: String(index + 1), ShardId: 'shardId-000000000000' })) },
});

describe('describeRequest', () => {
  it('names the service and operation from X-Amz-Target and counts the entries of the JSON body', () => {
    const call = describeRequest({
      headers: { 'X-Amz-Target': 'Firehose_20150804.PutRecordBatch' },
      body: JSON.stringify({ DeliveryStreamName: 'd', Records: [{ Data: 'YQ==' }, { Data: 'Yg==' }] }),
    });
    expect(call).toMatchObject({ service: 'Firehose', operation: 'PutRecordBatch', entries: 2 });
    expect(call.requestBytes).toBeGreaterThan(0);
  });

  it('counts BatchGetItem keys and BatchWriteItem requests over all tables', () => {
    expect(entriesOf({ RequestItems: { a: { Keys: [{}, {}] }, b: { Keys: [{}] } } })).toBe(3);
    expect(entriesOf({ RequestItems: { a: [{ PutRequest: {} }, { PutRequest: {} }] } })).toBe(2);
    expect(entriesOf({ TableName: 't', Item: {} })).toBe(1);
  });
});

describe('addSdkCallMiddleware', () => {
  it('counts a call and answers it in-process; the SDK parses the answer as it would a real one', async () => {
    const counter = createCallCounter();
    const kinesis = new KinesisClient(clientConfig);
    addSdkCallMiddleware(kinesis, counter.listener, putRecordsOk);
    const response = await kinesis.send(
      new PutRecordsCommand({ StreamName: 's', Records: [{ PartitionKey: 'a', Data: new Uint8Array([1]) }, { PartitionKey: 'b', Data: new Uint8Array([2]) }] }),
    );
    expect(response.Records?.map((record) => record.SequenceNumber)).toEqual(['1', '2']);
    expect(counter.tallies()).toEqual({ 'Kinesis.PutRecords': { calls: 1, entries: 2, requestBytes: expect.any(Number) as number } });
    kinesis.destroy();
  });

  it('turns an error answer into the named SDK exception, counting the attempt', async () => {
    const counter = createCallCounter();
    const dynamoDb = DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig));
    addSdkCallMiddleware(dynamoDb, counter.listener, () => ({
      status: 400,
      body: { __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException', message: 'The conditional request failed' },
    }));
    await expect(
      dynamoDb.send(new PutCommand({ TableName: 't', Item: { id: 'x' }, ConditionExpression: 'attribute_not_exists(id)' })),
    ).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
    expect(counter.tallies()['DynamoDB.PutItem']?.calls).toBe(1);
    dynamoDb.destroy();
  });
});

describe('instrumentAllSdkClients', () => {
  it('reaches clients created before it was installed, and stops counting after restore', async () => {
    const counter = createCallCounter();
    const kinesis = new KinesisClient(clientConfig);
    const instrumentation = instrumentAllSdkClients(counter.listener, putRecordsOk);
    try {
      await kinesis.send(new PutRecordsCommand({ StreamName: 's', Records: [{ PartitionKey: 'a', Data: new Uint8Array([1]) }] }));
      await kinesis.send(new PutRecordsCommand({ StreamName: 's', Records: [{ PartitionKey: 'a', Data: new Uint8Array([1]) }] }));
    } finally {
      instrumentation.restore();
    }
    expect(counter.tallies()['Kinesis.PutRecords']?.calls).toBe(2);
    counter.reset();
    await expect(kinesis.send(new PutRecordsCommand({ StreamName: 's', Records: [] }))).rejects.toBeDefined();
    expect(counter.tallies()).toEqual({});
    kinesis.destroy();
  });
});

describe('createCallCounter', () => {
  it('returns snapshots that later calls do not change', () => {
    const counter = createCallCounter();
    const call = { service: 'SQS', operation: 'SendMessageBatch', requestBytes: 10, entries: 3, body: {} };
    counter.listener(call);
    const before = counter.tallies();
    counter.listener(call);
    expect(before['SQS.SendMessageBatch']).toEqual({ calls: 1, entries: 3, requestBytes: 10 });
    expect(counter.tallies()['SQS.SendMessageBatch']).toEqual({ calls: 2, entries: 6, requestBytes: 20 });
  });
});
