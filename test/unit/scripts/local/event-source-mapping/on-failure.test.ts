import { GetQueueUrlCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { toShardRecord } from '../../../../../scripts/local/event-source-mapping/kinesis-event';
import { buildKinesisOnFailureRecord } from '../../../../../scripts/local/event-source-mapping/on-failure';
import {
  createAwsOnFailureDestination,
  SnsOnFailureDestination,
  SqsOnFailureDestination,
} from '../../../../../scripts/local/event-source-mapping/on-failure-adapters';

const sqs = mockClient(SQSClient);
const sns = mockClient(SNSClient);
beforeEach(() => {
  sqs.reset();
  sns.reset();
});

const STREAM_ARN = 'arn:aws:kinesis:us-east-2:123456789012:stream/mystream';
const FUNCTION_ARN = 'arn:aws:lambda:us-east-2:123456789012:function:f';
const QUEUE_ARN = 'arn:aws:sqs:us-east-2:123456789012:dlq';
const identity = { streamArn: STREAM_ARN, shardId: 'shardId-000000000001', region: 'us-east-2', roleArn: 'arn:aws:iam::123456789012:role/r' };
const records = [
  { sequenceNumber: '100', arrival: '2019-11-14T00:38:04.835Z' },
  { sequenceNumber: '200', arrival: '2019-11-14T00:38:05.580Z' },
].map(({ sequenceNumber, arrival }) =>
  toShardRecord({ sequenceNumber, partitionKey: 'k', data: new Uint8Array(), approximateArrivalTimestamp: new Date(arrival) }, identity),
);
const common = {
  requestId: 'c9b8fa9f-5a7f-4e2a-b7e1-1a1b2c3d4e5f',
  functionArn: FUNCTION_ARN,
  streamArn: STREAM_ARN,
  shardId: 'shardId-000000000001',
  records,
  discardedAt: new Date('2019-11-14T00:38:06.021Z'),
};

describe('buildKinesisOnFailureRecord', () => {
  it('builds the RetryAttemptsExhausted record of §1.7', () => {
    const record = buildKinesisOnFailureRecord({
      ...common,
      reason: { condition: 'RetryAttemptsExhausted', approximateInvokeCount: 3, functionError: 'Unhandled' },
    });
    expect(JSON.stringify(record)).toBe(
      JSON.stringify({
        requestContext: {
          requestId: common.requestId,
          functionArn: FUNCTION_ARN,
          condition: 'RetryAttemptsExhausted',
          approximateInvokeCount: 3,
        },
        responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
        version: '1.0',
        timestamp: '2019-11-14T00:38:06.021Z',
        KinesisBatchInfo: {
          shardId: 'shardId-000000000001',
          startSequenceNumber: '100',
          endSequenceNumber: '200',
          approximateArrivalOfFirstRecord: '2019-11-14T00:38:04.835Z',
          approximateArrivalOfLastRecord: '2019-11-14T00:38:05.580Z',
          batchSize: 2,
          streamArn: STREAM_ARN,
        },
      }),
    );
  });

  it('leaves responseContext out for RecordAgeExceeded and reports one invocation (OBS)', () => {
    const record = buildKinesisOnFailureRecord({ ...common, reason: { condition: 'RecordAgeExceeded' } });
    expect(record).not.toHaveProperty('responseContext');
    expect(record.requestContext).toEqual({
      requestId: common.requestId,
      functionArn: FUNCTION_ARN,
      condition: 'RecordAgeExceeded',
      approximateInvokeCount: 1,
    });
  });

  it('keeps functionError null after an unusable partial response', () => {
    const record = buildKinesisOnFailureRecord({
      ...common,
      reason: { condition: 'RetryAttemptsExhausted', approximateInvokeCount: 3, functionError: null },
    });
    expect(record.responseContext).toEqual({ statusCode: 200, executedVersion: '$LATEST', functionError: null });
  });
});

describe('OnFailure adapters', () => {
  it('SQS: resolves the queue URL once, from the ARN, and sends to the URL the backend returned', async () => {
    sqs.on(GetQueueUrlCommand).resolves({ QueueUrl: 'http://127.0.0.1:5000/123456789012/dlq' });
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm' });
    const destination = new SqsOnFailureDestination(new SQSClient({ region: 'us-east-2' }));

    await destination.send(QUEUE_ARN, '{"a":1}');
    await destination.send(QUEUE_ARN, '{"a":2}');

    expect(sqs.commandCalls(GetQueueUrlCommand).map((call) => call.args[0].input)).toEqual([
      { QueueName: 'dlq', QueueOwnerAWSAccountId: '123456789012' },
    ]);
    expect(sqs.commandCalls(SendMessageCommand).map((call) => call.args[0].input)).toEqual([
      { QueueUrl: 'http://127.0.0.1:5000/123456789012/dlq', MessageBody: '{"a":1}' },
      { QueueUrl: 'http://127.0.0.1:5000/123456789012/dlq', MessageBody: '{"a":2}' },
    ]);
  });

  it('SQS: looks the URL up again after a failed lookup', async () => {
    sqs.on(GetQueueUrlCommand).rejectsOnce(new Error('QueueDoesNotExist')).resolves({ QueueUrl: 'http://q' });
    sqs.on(SendMessageCommand).resolves({});
    const destination = new SqsOnFailureDestination(new SQSClient({ region: 'us-east-2' }));
    await expect(destination.send(QUEUE_ARN, 'x')).rejects.toThrow('QueueDoesNotExist');
    await destination.send(QUEUE_ARN, 'x');
    expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(1);
  });

  it('SNS: publishes to the topic', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm' });
    const topicArn = 'arn:aws:sns:us-east-2:123456789012:alerts';
    await new SnsOnFailureDestination(new SNSClient({ region: 'us-east-2' })).send(topicArn, 'body');
    expect(sns.commandCalls(PublishCommand)[0]?.args[0].input).toEqual({ TopicArn: topicArn, Message: 'body' });
  });

  it('routes by the service in the destination ARN', async () => {
    const sent: string[] = [];
    const recorder = (name: string) => ({
      send: (arn: string) => {
        sent.push(`${name}:${arn}`);
        return Promise.resolve();
      },
    });
    const destination = createAwsOnFailureDestination({ sqs: recorder('sqs'), sns: recorder('sns') });
    await destination.send(QUEUE_ARN, 'x');
    await destination.send('arn:aws:sns:us-east-2:123456789012:alerts', 'x');
    await expect(destination.send('arn:aws:s3:::bucket', 'x')).rejects.toThrow('Unsupported');
    expect(sent).toEqual([`sqs:${QUEUE_ARN}`, 'sns:arn:aws:sns:us-east-2:123456789012:alerts']);
  });
});
