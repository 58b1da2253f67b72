// AWS::Kinesis::Stream: capacity mode and shards, retention, KMS encryption, tags; waits until the stream is ACTIVE.
import {
  AddTagsToStreamCommand,
  CreateStreamCommand,
  DecreaseStreamRetentionPeriodCommand,
  DescribeStreamSummaryCommand,
  IncreaseStreamRetentionPeriodCommand,
  StartStreamEncryptionCommand,
  type StreamDescriptionSummary,
} from '@aws-sdk/client-kinesis';
import { isRecord } from '../template/load';
import type { ResolvedResource } from '../types';
import { asText, integerProperty, isAwsError, reportIgnoredProperties, tagRecord, waitFor, type ProvisionContext, type ResourceProvisioner } from './context';

const handled = ['Name', 'ShardCount', 'StreamModeDetails', 'RetentionPeriodHours', 'StreamEncryption', 'Tags'];
const defaultRetentionHours = 24;

export const provisionKinesisStream: ResourceProvisioner = async (resource, context) => {
  const streamName = resource.physicalId;
  await createStream(resource, context);
  let summary = await waitUntilActive(streamName, context);

  const retention = integerProperty(resource, 'RetentionPeriodHours', defaultRetentionHours)!;
  if (retention !== summary.RetentionPeriodHours) {
    const change = { StreamName: streamName, RetentionPeriodHours: retention };
    const command = retention > (summary.RetentionPeriodHours ?? defaultRetentionHours)
      ? new IncreaseStreamRetentionPeriodCommand(change)
      : new DecreaseStreamRetentionPeriodCommand(change);
    await context.clients.kinesis.send(command);
    context.log(`${resource.logicalId}: retention ${retention} h`);
    summary = await waitUntilActive(streamName, context);
  }

  const encryption = resource.properties.StreamEncryption;
  if (isRecord(encryption) && summary.EncryptionType !== encryption.EncryptionType) {
    await context.clients.kinesis.send(
      new StartStreamEncryptionCommand({
        StreamName: streamName,
        EncryptionType: 'KMS',
        KeyId: asText(encryption.KeyId),
      }),
    );
    context.log(`${resource.logicalId}: KMS encryption with ${asText(encryption.KeyId)}`);
    summary = await waitUntilActive(streamName, context);
  }

  const tags = tagRecord(resource.properties.Tags);
  if (tags) await context.clients.kinesis.send(new AddTagsToStreamCommand({ StreamName: streamName, Tags: tags }));
  reportIgnoredProperties(resource, handled, context);
  return summary.StreamARN ? { attributes: { Arn: summary.StreamARN } } : undefined;
};

async function createStream(resource: ResolvedResource, context: ProvisionContext): Promise<void> {
  const mode = streamMode(resource);
  // Without StreamModeDetails CloudFormation creates a PROVISIONED stream with ShardCount (default 1).
  const shardCount = mode === 'PROVISIONED' ? integerProperty(resource, 'ShardCount', 1) : undefined;
  try {
    await context.clients.kinesis.send(
      new CreateStreamCommand({ StreamName: resource.physicalId, ShardCount: shardCount, StreamModeDetails: { StreamMode: mode } }),
    );
    context.log(`${resource.logicalId}: created Kinesis stream ${resource.physicalId} (${mode}${shardCount ? `, ${shardCount} shards` : ''})`);
  } catch (error) {
    if (!isAwsError(error, 'ResourceInUseException')) throw error;
    context.log(`${resource.logicalId}: Kinesis stream ${resource.physicalId} already exists`);
  }
}

function streamMode(resource: ResolvedResource): 'ON_DEMAND' | 'PROVISIONED' {
  const details = resource.properties.StreamModeDetails;
  return isRecord(details) && details.StreamMode === 'ON_DEMAND' ? 'ON_DEMAND' : 'PROVISIONED';
}

function waitUntilActive(streamName: string, context: ProvisionContext): Promise<StreamDescriptionSummary> {
  return waitFor(`Kinesis stream ${streamName} to be ACTIVE`, context.waitTimeoutMs, async () => {
    const { StreamDescriptionSummary: summary } = await context.clients.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: streamName }));
    return summary?.StreamStatus === 'ACTIVE' ? summary : undefined;
  });
}
