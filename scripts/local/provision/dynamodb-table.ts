// AWS::DynamoDB::Table: keys, indexes, billing, streams, SSE and tags at creation; then TTL and point-in-time recovery.
import {
  CreateTableCommand,
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  UpdateContinuousBackupsCommand,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { isRecord } from '../template/load';
import type { ResolvedResource } from '../types';
import { isAwsError, isTrue, reportIgnoredProperties, tagList, waitFor, type ProvisionContext, type ResourceProvisioner } from './context';

const handled = [
  'TableName',
  'AttributeDefinitions',
  'KeySchema',
  'BillingMode',
  'ProvisionedThroughput',
  'GlobalSecondaryIndexes',
  'LocalSecondaryIndexes',
  'StreamSpecification',
  'SSESpecification',
  'TableClass',
  'DeletionProtectionEnabled',
  'Tags',
  'TimeToLiveSpecification',
  'PointInTimeRecoverySpecification',
];

export const provisionDynamoDbTable: ResourceProvisioner = async (resource, context) => {
  const tableName = resource.physicalId;
  try {
    await context.clients.dynamodb.send(new CreateTableCommand(createTableInput(resource)));
    context.log(`${resource.logicalId}: created DynamoDB table ${tableName}`);
  } catch (error) {
    if (!isAwsError(error, 'ResourceInUseException')) throw error;
    context.log(`${resource.logicalId}: DynamoDB table ${tableName} already exists`);
  }
  const table = await waitFor(`DynamoDB table ${tableName} to be ACTIVE`, context.waitTimeoutMs, async () => {
    const { Table: description } = await context.clients.dynamodb.send(new DescribeTableCommand({ TableName: tableName }));
    return description?.TableStatus === 'ACTIVE' ? description : undefined;
  });
  await applyTimeToLive(resource, context);
  await applyPointInTimeRecovery(resource, context);
  reportIgnoredProperties(resource, handled, context);
  return { attributes: tableAttributes(table) };
};

/** CloudFormation's property shapes match CreateTable's except SSESpecification (SSEEnabled → Enabled). */
function createTableInput(resource: ResolvedResource): CreateTableCommandInput {
  const properties = resource.properties as Partial<CreateTableCommandInput> & Record<string, unknown>;
  const sse = isRecord(properties.SSESpecification) ? properties.SSESpecification : undefined;
  return {
    TableName: resource.physicalId,
    AttributeDefinitions: properties.AttributeDefinitions,
    KeySchema: properties.KeySchema,
    BillingMode: properties.BillingMode ?? 'PROVISIONED',
    ProvisionedThroughput: properties.ProvisionedThroughput,
    GlobalSecondaryIndexes: properties.GlobalSecondaryIndexes,
    LocalSecondaryIndexes: properties.LocalSecondaryIndexes,
    StreamSpecification: isRecord(properties.StreamSpecification)
      ? { StreamEnabled: true, StreamViewType: properties.StreamSpecification.StreamViewType as 'NEW_AND_OLD_IMAGES' }
      : undefined,
    SSESpecification: sse
      ? { Enabled: isTrue(sse.SSEEnabled), SSEType: sse.SSEType as 'KMS' | undefined, KMSMasterKeyId: sse.KMSMasterKeyId as string | undefined }
      : undefined,
    TableClass: properties.TableClass,
    DeletionProtectionEnabled: properties.DeletionProtectionEnabled === undefined ? undefined : isTrue(properties.DeletionProtectionEnabled),
    Tags: tagList(properties.Tags),
  };
}

async function applyTimeToLive(resource: ResolvedResource, context: ProvisionContext): Promise<void> {
  const ttl = resource.properties.TimeToLiveSpecification;
  if (!isRecord(ttl) || !isTrue(ttl.Enabled) || typeof ttl.AttributeName !== 'string') return;
  const { dynamodb } = context.clients;
  const current = await dynamodb.send(new DescribeTimeToLiveCommand({ TableName: resource.physicalId }));
  // AWS rejects enabling TTL twice, so a rerun checks first.
  if (current.TimeToLiveDescription?.TimeToLiveStatus === 'ENABLED') return;
  await dynamodb.send(
    new UpdateTimeToLiveCommand({
      TableName: resource.physicalId,
      TimeToLiveSpecification: { AttributeName: ttl.AttributeName, Enabled: true },
    }),
  );
  context.log(`${resource.logicalId}: TTL on ${ttl.AttributeName} (moto stores the setting; it never deletes expired items)`);
}

async function applyPointInTimeRecovery(resource: ResolvedResource, context: ProvisionContext): Promise<void> {
  const pitr = resource.properties.PointInTimeRecoverySpecification;
  if (!isRecord(pitr) || !isTrue(pitr.PointInTimeRecoveryEnabled)) return;
  const { dynamodb } = context.clients;
  try {
    const current = await dynamodb.send(new DescribeContinuousBackupsCommand({ TableName: resource.physicalId }));
    if (current.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus === 'ENABLED') return;
    await dynamodb.send(
      new UpdateContinuousBackupsCommand({
        TableName: resource.physicalId,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      }),
    );
  } catch (error) {
    context.log(`${resource.logicalId}: point-in-time recovery not applied locally (${error instanceof Error ? error.message : String(error)})`);
  }
}

function tableAttributes(table: TableDescription): Record<string, string> {
  const attributes: Record<string, string> = {};
  if (table.TableArn) attributes.Arn = table.TableArn;
  if (table.LatestStreamArn) attributes.StreamArn = table.LatestStreamArn;
  return attributes;
}
