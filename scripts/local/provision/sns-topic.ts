// AWS::SNS::Topic (with inline subscriptions) and AWS::SNS::Subscription.
import { CreateTopicCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { isRecord } from '../template/load';
import { asText, reportIgnoredProperties, tagList, type ProvisionContext, type ResourceProvisioner } from './context';

const topicAttributeProperties = ['DisplayName', 'KmsMasterKeyId', 'FifoTopic', 'ContentBasedDeduplication', 'SignatureVersion', 'TracingConfig'];
const subscriptionAttributeProperties = ['RawMessageDelivery', 'FilterPolicy', 'FilterPolicyScope', 'RedrivePolicy', 'DeliveryPolicy', 'SubscriptionRoleArn'];

export const provisionSnsTopic: ResourceProvisioner = async (resource, context) => {
  const topicName = resource.attributes.TopicName ?? resource.physicalId;
  // CreateTopic is idempotent: an existing topic with the same name comes back with its ARN.
  const { TopicArn: topicArn } = await context.clients.sns.send(
    new CreateTopicCommand({
      Name: topicName,
      Attributes: stringAttributes(resource.properties, topicAttributeProperties),
      Tags: tagList(resource.properties.Tags),
    }),
  );
  if (!topicArn) throw new Error(`${resource.logicalId}: CreateTopic returned no TopicArn`);
  context.log(`${resource.logicalId}: SNS topic ${topicName}`);
  const subscriptions = Array.isArray(resource.properties.Subscription) ? resource.properties.Subscription : [];
  for (const subscription of subscriptions) {
    if (!isRecord(subscription)) continue;
    await subscribe(topicArn, subscription, {}, context);
  }
  reportIgnoredProperties(resource, ['TopicName', 'Tags', 'Subscription', ...topicAttributeProperties], context);
  return { physicalId: topicArn, attributes: { TopicArn: topicArn, TopicName: topicName } };
};

export const provisionSnsSubscription: ResourceProvisioner = async (resource, context) => {
  const { TopicArn: topicArn } = resource.properties;
  if (typeof topicArn !== 'string') throw new Error(`${resource.logicalId}.TopicArn: expected a topic ARN`);
  const subscriptionArn = await subscribe(topicArn, resource.properties, stringAttributes(resource.properties, subscriptionAttributeProperties), context);
  context.log(`${resource.logicalId}: subscribed ${asText(resource.properties.Endpoint)} to ${topicArn}`);
  reportIgnoredProperties(resource, ['TopicArn', 'Protocol', 'Endpoint', 'Region', ...subscriptionAttributeProperties], context);
  return { physicalId: subscriptionArn, attributes: { Id: subscriptionArn } };
};

async function subscribe(
  topicArn: string,
  subscription: Record<string, unknown>,
  attributes: Record<string, string>,
  context: ProvisionContext,
): Promise<string> {
  const { SubscriptionArn: arn } = await context.clients.sns.send(
    new SubscribeCommand({
      TopicArn: topicArn,
      Protocol: asText(subscription.Protocol),
      Endpoint: asText(subscription.Endpoint),
      Attributes: attributes,
      ReturnSubscriptionArn: true,
    }),
  );
  if (!arn) throw new Error(`Subscribe to ${topicArn} returned no SubscriptionArn`);
  return arn;
}

/** SNS attributes are strings; policies given as objects in the template are JSON text. */
function stringAttributes(properties: Record<string, unknown>, names: readonly string[]): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const name of names) {
    const value = properties[name];
    if (value !== undefined) attributes[name] = asText(value);
  }
  return attributes;
}
