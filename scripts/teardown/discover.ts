// Finds what a stage holds: the stack's resources (CloudFormation) and the camera resources created outside it.
import { DescribeStacksCommand, ListStackResourcesCommand, type CloudFormationClient, type StackResourceSummary } from '@aws-sdk/client-cloudformation';
import { ListStreamsCommand } from '@aws-sdk/client-kinesis-video';
import { ListStreamProcessorsCommand } from '@aws-sdk/client-rekognition';
import type { TeardownClients } from './aws-clients';
import { cameraResourcePrefix, type TeardownInventory } from './plan';

const isMissingStack = (error: unknown): boolean => error instanceof Error && error.name === 'ValidationError' && /does not exist/.test(error.message);

/** Undefined when the stack does not exist (CloudFormation answers with a ValidationError). */
export async function stackStatus(cloudFormation: CloudFormationClient, stackName: string): Promise<string | undefined> {
  try {
    const { Stacks: stacks = [] } = await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }));
    return stacks[0]?.StackStatus;
  } catch (error) {
    if (isMissingStack(error)) return undefined;
    throw error;
  }
}

export async function listStackResources(cloudFormation: CloudFormationClient, stackName: string): Promise<StackResourceSummary[]> {
  const resources: StackResourceSummary[] = [];
  let token: string | undefined;
  do {
    const page = await cloudFormation.send(new ListStackResourcesCommand({ StackName: stackName, NextToken: token }));
    resources.push(...(page.StackResourceSummaries ?? []));
    token = page.NextToken;
  } while (token);
  return resources;
}

/** Resources already deleted (or never created) have no physical id worth acting on. */
function physicalIdsOf(resources: readonly StackResourceSummary[], type: string): string[] {
  return resources
    .filter((resource) => resource.ResourceType === type && resource.PhysicalResourceId && resource.ResourceStatus !== 'DELETE_COMPLETE')
    .map((resource) => resource.PhysicalResourceId!);
}

export async function listStreamProcessors(clients: Pick<TeardownClients, 'rekognition'>, prefix: string): Promise<Array<{ name: string; status: string }>> {
  const processors: Array<{ name: string; status: string }> = [];
  let token: string | undefined;
  do {
    const page = await clients.rekognition.send(new ListStreamProcessorsCommand({ NextToken: token, MaxResults: 100 }));
    for (const processor of page.StreamProcessors ?? []) {
      if (processor.Name?.startsWith(prefix)) processors.push({ name: processor.Name, status: processor.Status ?? 'UNKNOWN' });
    }
    token = page.NextToken;
  } while (token);
  return processors;
}

export async function listVideoStreams(clients: Pick<TeardownClients, 'kinesisVideo'>, prefix: string): Promise<Array<{ name: string; arn: string; status: string }>> {
  const streams: Array<{ name: string; arn: string; status: string }> = [];
  let token: string | undefined;
  do {
    const page = await clients.kinesisVideo.send(
      new ListStreamsCommand({ NextToken: token, StreamNameCondition: { ComparisonOperator: 'BEGINS_WITH', ComparisonValue: prefix } }),
    );
    for (const stream of page.StreamInfoList ?? []) {
      if (stream.StreamName && stream.StreamARN) streams.push({ name: stream.StreamName, arn: stream.StreamARN, status: stream.Status ?? 'UNKNOWN' });
    }
    token = page.NextToken;
  } while (token);
  return streams;
}

export async function discoverInventory(
  clients: Pick<TeardownClients, 'cloudFormation' | 'rekognition' | 'kinesisVideo'>,
  target: { stage: string; region: string; stackName: string },
): Promise<TeardownInventory> {
  const status = await stackStatus(clients.cloudFormation, target.stackName);
  const resources = status === undefined ? [] : await listStackResources(clients.cloudFormation, target.stackName);
  const prefix = cameraResourcePrefix(target.stackName);
  const streams = await listVideoStreams(clients, prefix);
  return {
    ...target,
    stackExists: status !== undefined,
    flinkApplications: physicalIdsOf(resources, 'AWS::KinesisAnalyticsV2::Application'),
    buckets: physicalIdsOf(resources, 'AWS::S3::Bucket'),
    streamProcessors: await listStreamProcessors(clients, prefix),
    // A stream already being deleted needs nothing more from us.
    videoStreams: streams.filter((stream) => stream.status !== 'DELETING').map(({ name, arn }) => ({ name, arn })),
  };
}
