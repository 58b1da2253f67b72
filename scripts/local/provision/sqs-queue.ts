// AWS::SQS::Queue: every queue attribute the template sets (redrive, FIFO, SSE, ...); Ref becomes the backend's QueueUrl.
import { CreateQueueCommand, GetQueueAttributesCommand, GetQueueUrlCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { ResolvedResource } from '../types';
import { asText, isAwsError, reportIgnoredProperties, tagRecord, type ProvisionContext, type ResourceProvisioner } from './context';

/** CloudFormation properties that are SQS queue attributes under the same name. */
const attributeProperties = [
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'DelaySeconds',
  'FifoQueue',
  'FifoThroughputLimit',
  'KmsDataKeyReusePeriodSeconds',
  'KmsMasterKeyId',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'ReceiveMessageWaitTimeSeconds',
  'RedriveAllowPolicy',
  'RedrivePolicy',
  'SqsManagedSseEnabled',
  'VisibilityTimeout',
];
const handled = ['QueueName', 'Tags', ...attributeProperties];

export const provisionSqsQueue: ResourceProvisioner = async (resource, context) => {
  const queueName = resource.attributes.QueueName ?? resource.physicalId;
  const attributes = queueAttributes(resource);
  const queueUrl = await createQueue(resource, queueName, attributes, context);
  const { Attributes: created } = await context.clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
  reportIgnoredProperties(resource, handled, context);
  return {
    physicalId: queueUrl,
    attributes: { QueueUrl: queueUrl, QueueName: queueName, ...(created?.QueueArn ? { Arn: created.QueueArn } : {}) },
  };
};

async function createQueue(resource: ResolvedResource, queueName: string, attributes: Record<string, string>, context: ProvisionContext): Promise<string> {
  const { sqs } = context.clients;
  const existing = await existingQueueUrl(queueName, context);
  if (existing) {
    // FifoQueue cannot change after creation; the other attributes follow the template.
    const { FifoQueue: _immutable, ...changeable } = attributes;
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: existing, Attributes: changeable }));
    context.log(`${resource.logicalId}: SQS queue ${queueName} already exists; attributes updated`);
    return existing;
  }
  const { QueueUrl: url } = await sqs.send(new CreateQueueCommand({ QueueName: queueName, Attributes: attributes, tags: tagRecord(resource.properties.Tags) }));
  if (!url) throw new Error(`${resource.logicalId}: CreateQueue returned no QueueUrl`);
  context.log(`${resource.logicalId}: created SQS queue ${queueName}`);
  return url;
}

async function existingQueueUrl(queueName: string, context: ProvisionContext): Promise<string | undefined> {
  try {
    const { QueueUrl: url } = await context.clients.sqs.send(new GetQueueUrlCommand({ QueueName: queueName }));
    return url;
  } catch (error) {
    if (isAwsError(error, 'QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue')) return undefined;
    throw error;
  }
}

/** Queue attributes are strings on the wire; policies given as objects in the template are JSON text. */
function queueAttributes(resource: ResolvedResource): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const name of attributeProperties) {
    const value = resource.properties[name];
    if (value === undefined) continue;
    attributes[name] = asText(value);
  }
  return attributes;
}
