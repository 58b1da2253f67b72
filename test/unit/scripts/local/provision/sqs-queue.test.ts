// SQS queue provisioning against a mocked client: attributes as strings, the backend's URL as Ref, reruns update.
import { CreateQueueCommand, GetQueueAttributesCommand, GetQueueUrlCommand, QueueDoesNotExist, SetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { provisionSqsQueue } from '../../../../../scripts/local/provision/sqs-queue';
import { resource, testContext } from './provision-context';

const sqs = mockClient(SQSClient);
const url = 'http://127.0.0.1:5000/123456789012/jobs.fifo';
const properties = {
  QueueName: 'jobs.fifo',
  FifoQueue: true,
  MessageRetentionPeriod: 1209600,
  RedrivePolicy: { deadLetterTargetArn: 'arn:aws:sqs:us-east-1:123456789012:dlq.fifo', maxReceiveCount: 5 },
};

beforeEach(() => {
  sqs.reset();
  sqs.on(GetQueueAttributesCommand).resolves({ Attributes: { QueueArn: 'arn:aws:sqs:us-east-1:123456789012:jobs.fifo' } });
});

it('creates the queue with string attributes and returns the URL the backend gave', async () => {
  sqs.on(GetQueueUrlCommand).rejects(new QueueDoesNotExist({ message: 'no', $metadata: {} }));
  sqs.on(CreateQueueCommand).resolves({ QueueUrl: url });
  const context = testContext();
  const result = await provisionSqsQueue(resource('AWS::SQS::Queue', 'https://sqs…', properties, { QueueName: 'jobs.fifo' }), context);
  expect(sqs.commandCalls(CreateQueueCommand)[0]?.args[0].input.Attributes).toEqual({
    FifoQueue: 'true',
    MessageRetentionPeriod: '1209600',
    RedrivePolicy: '{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:123456789012:dlq.fifo","maxReceiveCount":5}',
  });
  expect(result).toEqual({
    physicalId: url,
    attributes: { QueueUrl: url, QueueName: 'jobs.fifo', Arn: 'arn:aws:sqs:us-east-1:123456789012:jobs.fifo' },
  });
  context.clients.destroy();
});

it('updates an existing queue, leaving out the immutable FifoQueue', async () => {
  sqs.on(GetQueueUrlCommand).resolves({ QueueUrl: url });
  const context = testContext();
  await provisionSqsQueue(resource('AWS::SQS::Queue', 'https://sqs…', properties, { QueueName: 'jobs.fifo' }), context);
  expect(sqs.commandCalls(CreateQueueCommand)).toHaveLength(0);
  expect(Object.keys(sqs.commandCalls(SetQueueAttributesCommand)[0]?.args[0].input.Attributes ?? {})).toEqual(['MessageRetentionPeriod', 'RedrivePolicy']);
  context.clients.destroy();
});
