// After removal: everything of the stage that still exists and may still bill, listed so nothing is forgotten.
import { ListApplicationSnapshotsCommand, ListApplicationsCommand } from '@aws-sdk/client-kinesis-analytics-v2';
import { ListCollectionsCommand } from '@aws-sdk/client-rekognition';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import type { TeardownClients } from './aws-clients';
import { listStreamProcessors, listVideoStreams, stackStatus } from './discover';
import { cameraResourcePrefix } from './plan';

const errorName = (error: unknown): string => (error instanceof Error ? error.name : '');

async function flinkLeftovers(clients: Pick<TeardownClients, 'kinesisAnalytics'>, stackName: string): Promise<string[]> {
  const lines: string[] = [];
  let token: string | undefined;
  do {
    const page = await clients.kinesisAnalytics.send(new ListApplicationsCommand({ NextToken: token }));
    for (const application of page.ApplicationSummaries ?? []) {
      const name = application.ApplicationName;
      if (!name?.startsWith(stackName)) continue;
      const { SnapshotSummaries: snapshots = [] } = await clients.kinesisAnalytics.send(new ListApplicationSnapshotsCommand({ ApplicationName: name }));
      lines.push(`Managed Flink application ${name} (${application.ApplicationStatus ?? 'UNKNOWN'}, ${snapshots.length} snapshots)`);
    }
    token = page.NextToken;
  } while (token);
  return lines;
}

/** Collection ids cannot contain the stack name's case freely; the project names them `<stack>-…`. */
async function collectionLeftovers(clients: Pick<TeardownClients, 'rekognition'>, stackName: string): Promise<string[]> {
  const ids: string[] = [];
  let token: string | undefined;
  do {
    const page = await clients.rekognition.send(new ListCollectionsCommand({ NextToken: token }));
    ids.push(...(page.CollectionIds ?? []).filter((id) => id.startsWith(stackName)));
    token = page.NextToken;
  } while (token);
  return ids.map((id) => `Rekognition collection ${id} (face vectors are stored until DeleteCollection)`);
}

async function bucketLeftovers(clients: Pick<TeardownClients, 's3'>, stackName: string): Promise<string[]> {
  const { Buckets: buckets = [] } = await clients.s3.send(new ListBucketsCommand({}));
  return buckets.flatMap((bucket) => (bucket.Name?.startsWith(`${stackName.toLowerCase()}-`) ? [`S3 bucket ${bucket.Name}`] : []));
}

/** Each check is independent: one the caller may not call (AccessDenied) is reported, not fatal. */
async function checked(label: string, check: () => Promise<string[]>): Promise<string[]> {
  try {
    return await check();
  } catch (error) {
    return [`(could not check ${label}: ${errorName(error) || String(error)})`];
  }
}

export async function listLeftovers(clients: Omit<TeardownClients, 'destroy'>, stackName: string, region: string): Promise<string[]> {
  const prefix = cameraResourcePrefix(stackName);
  const status = await stackStatus(clients.cloudFormation, stackName);
  return [
    ...(status === undefined ? [] : [`CloudFormation stack ${stackName} (${status})`]),
    ...(await checked('Managed Flink', () => flinkLeftovers(clients, stackName))),
    ...(await checked('Kinesis Video streams', async () => (await listVideoStreams(clients, prefix)).map((stream) => `Kinesis Video stream ${stream.name} (${stream.status})`))),
    ...(await checked('Rekognition stream processors', async () =>
      (await listStreamProcessors(clients, prefix)).map((processor) => `Rekognition stream processor ${processor.name} (${processor.status})`),
    )),
    ...(await checked('Rekognition collections', () => collectionLeftovers(clients, stackName))),
    ...(await checked('S3 buckets', () => bucketLeftovers(clients, stackName))),
  ].concat(logGroupHint(stackName, region));
}

/**
 * CloudWatch Logs has no SDK client in this project's dependencies, so log groups (Lambda recreates its group if
 * invoked during removal; retained groups outlive the stack) are left to the AWS CLI, with the exact commands.
 */
function logGroupHint(stackName: string, region: string): string[] {
  return [
    `log groups are not checked (no CloudWatch Logs client installed); check with:`,
    `  aws logs describe-log-groups --region ${region} --log-group-name-prefix /aws/lambda/${stackName}-`,
    `  aws logs describe-log-groups --region ${region} --log-group-name-prefix /aws/kinesisfirehose/${stackName}`,
    `  aws logs describe-log-groups --region ${region} --log-group-name-prefix /aws/kinesis-analytics/${stackName}`,
  ];
}
