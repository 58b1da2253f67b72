// Provisioning the packaged dev template into real emulators, then checking with the SDK that AWS's shape is there.
import { AthenaClient, GetWorkGroupCommand, ListNamedQueriesCommand } from '@aws-sdk/client-athena';
import { DescribeContinuousBackupsCommand, DescribeTableCommand, DescribeTimeToLiveCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetTableCommand, GlueClient } from '@aws-sdk/client-glue';
import { DescribeStreamSummaryCommand, KinesisClient } from '@aws-sdk/client-kinesis';
import {
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { ListSubscriptionsByTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetQueueAttributesCommand, GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { join } from 'node:path';
import { keepAliveHttpHandler } from '../../../../../shared/aws/clients';
import { startEmulators, type RunningEmulators } from '../../../../../scripts/local/emulators';
import { provisionStack, type ProvisionedStack } from '../../../../../scripts/local/provision';
import { parseTemplate } from '../../../../../scripts/local/template';
import { assertVenvReady } from '../venv-check';

jest.setTimeout(60_000);

const devTemplate = join(__dirname, '..', '..', '..', '..', 'fixtures', 'cloudformation', 'template-dev.json');
const stackName = 'streaming-reference-dev';
const prefix = 'streaming-reference-dev';

function sdkConfig(emulators: RunningEmulators, endpoint = emulators.sdkEnv.AWS_ENDPOINT_URL) {
  return {
    endpoint,
    region: emulators.region,
    credentials: { accessKeyId: emulators.sdkEnv.AWS_ACCESS_KEY_ID, secretAccessKey: emulators.sdkEnv.AWS_SECRET_ACCESS_KEY },
    requestHandler: keepAliveHttpHandler(),
  };
}

beforeAll(assertVenvReady);

describe('the dev template on kinesis-local + moto', () => {
  let emulators: RunningEmulators;
  let stack: ProvisionedStack;
  let clients: { kinesis: KinesisClient; dynamodb: DynamoDBClient; sqs: SQSClient; s3: S3Client; glue: GlueClient; athena: AthenaClient };
  const lines: string[] = [];

  beforeAll(async () => {
    emulators = await startEmulators({ logSuffix: 'provision-test' });
    stack = await provisionStack({
      template: devTemplate,
      stackName,
      region: emulators.region,
      accountId: emulators.accountId,
      clientsEnv: emulators.sdkEnv,
      log: (line) => lines.push(line),
    });
    clients = {
      kinesis: new KinesisClient(sdkConfig(emulators, emulators.sdkEnv.AWS_ENDPOINT_URL_KINESIS)),
      dynamodb: new DynamoDBClient(sdkConfig(emulators)),
      sqs: new SQSClient(sdkConfig(emulators)),
      s3: new S3Client({ ...sdkConfig(emulators), forcePathStyle: true }),
      glue: new GlueClient(sdkConfig(emulators)),
      athena: new AthenaClient(sdkConfig(emulators)),
    };
  });
  afterAll(async () => {
    Object.values(clients ?? {}).forEach((client) => client.destroy());
    await emulators?.stop();
  });

  it('creates the stream ON_DEMAND, KMS-encrypted, with 24 h retention', async () => {
    const { StreamDescriptionSummary: summary } = await clients.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: `${prefix}-clickstream` }));
    expect(summary).toMatchObject({
      StreamStatus: 'ACTIVE',
      StreamModeDetails: { StreamMode: 'ON_DEMAND' },
      RetentionPeriodHours: 24,
      EncryptionType: 'KMS',
      KeyId: 'alias/aws/kinesis',
      StreamARN: `arn:aws:kinesis:us-east-1:${emulators.accountId}:stream/${prefix}-clickstream`,
    });
  });

  it('creates the sessions table with its key, GSI, on-demand billing, TTL and PITR', async () => {
    const tableName = `${prefix}-sessions`;
    const { Table: table } = await clients.dynamodb.send(new DescribeTableCommand({ TableName: tableName }));
    expect(table?.KeySchema).toEqual([{ AttributeName: 'sessionId', KeyType: 'HASH' }]);
    expect(table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table?.GlobalSecondaryIndexes?.map((index) => [index.IndexName, index.KeySchema, index.Projection?.ProjectionType])).toEqual([
      ['byUser', [{ AttributeName: 'userId', KeyType: 'HASH' }, { AttributeName: 'firstSeenAt', KeyType: 'RANGE' }], 'ALL'],
    ]);
    const ttl = await clients.dynamodb.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
    expect(ttl.TimeToLiveDescription).toEqual({ AttributeName: 'expiresAt', TimeToLiveStatus: 'ENABLED' });
    const backups = await clients.dynamodb.send(new DescribeContinuousBackupsCommand({ TableName: tableName }));
    expect(backups.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus).toBe('ENABLED');
  });

  it('creates the dead-letter queue with 14-day retention and hands its real URL to the consumer', async () => {
    const { QueueUrl: queueUrl } = await clients.sqs.send(new GetQueueUrlCommand({ QueueName: `${prefix}-clickstream-dlq` }));
    const { Attributes: attributes } = await clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['All'] }));
    expect(attributes).toMatchObject({ MessageRetentionPeriod: '1209600', SqsManagedSseEnabled: 'true' });
    const consume = stack.functions.find((spec) => spec.logicalId === 'ClickstreamConsumeLambdaFunction');
    expect(consume?.environment.DEAD_LETTER_QUEUE_URL).toBe(queueUrl);
    expect(queueUrl?.startsWith(emulators.moto.endpoint)).toBe(true);
  });

  it('creates the two data buckets (encrypted, locked down, with lifecycle rules) and no bucket policy or deployment bucket', async () => {
    const lake = `${prefix}-${emulators.accountId}-us-east-1-lake`;
    const { Buckets: buckets = [] } = await clients.s3.send(new ListBucketsCommand({}));
    expect(buckets.map((bucket) => bucket.Name).sort()).toEqual([`${prefix}-${emulators.accountId}-us-east-1-athena`, lake]);
    const encryption = await clients.s3.send(new GetBucketEncryptionCommand({ Bucket: lake }));
    expect(encryption.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm).toBe('AES256');
    expect((await clients.s3.send(new GetBucketVersioningCommand({ Bucket: lake }))).Status).toBe('Enabled');
    const lifecycle = await clients.s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: lake }));
    expect(lifecycle.Rules?.map((rule) => rule.ID)).toEqual(['expire-delivery-errors', 'tier-raw-events', 'expire-noncurrent-versions']);
    const block = await clients.s3.send(new GetPublicAccessBlockCommand({ Bucket: lake }));
    expect(block.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    await expect(clients.s3.send(new GetBucketPolicyCommand({ Bucket: lake }))).rejects.toMatchObject({ name: 'NoSuchBucketPolicy' });
  });

  it('creates the Glue catalog and the Athena work group with its named queries', async () => {
    const { Table: table } = await clients.glue.send(new GetTableCommand({ DatabaseName: 'streaming_reference_dev', Name: 'clickstream_events' }));
    expect(table?.StorageDescriptor?.Location).toBe(`s3://${prefix}-${emulators.accountId}-us-east-1-lake/clickstream/events/`);
    expect(table?.Parameters?.['storage.location.template']).toContain('event_date=${event_date}');
    const { WorkGroup: workGroup } = await clients.athena.send(new GetWorkGroupCommand({ WorkGroup: prefix }));
    expect(workGroup?.Configuration?.ResultConfiguration?.OutputLocation).toBe(`s3://${prefix}-${emulators.accountId}-us-east-1-athena/results/`);
    const { NamedQueryIds: ids = [] } = await clients.athena.send(new ListNamedQueriesCommand({ WorkGroup: prefix }));
    expect(ids.sort()).toEqual(stack.resources.filter((resource) => resource.type === 'AWS::Athena::NamedQuery').map((resource) => resource.physicalId).sort());
  });

  it('lists what it skipped and why, and returns the resources other local pieces serve', () => {
    expect(stack.skipped.map((entry) => entry.logicalId).sort()).toEqual(
      [
        'AthenaResultsBucketPolicy',
        'ClickstreamArchiveLogStream',
        'ClickstreamConsumeLogGroup',
        'ClickstreamConsumeRole',
        'ClickstreamIngestLogGroup',
        'ClickstreamIngestRole',
        'DataLakeBucketPolicy',
        'FirehoseDeliveryRole',
        'FirehoseLogGroup',
        'ServerlessDeploymentBucket',
        'ServerlessDeploymentBucketPolicy',
      ].sort(),
    );
    expect(lines).toContain(`DataLakeBucketPolicy: skipped (${stack.skipped.find((entry) => entry.logicalId === 'DataLakeBucketPolicy')?.reason})`);
    const types = new Set(stack.resources.map((resource) => resource.type));
    for (const type of ['AWS::Lambda::Function', 'AWS::Lambda::EventSourceMapping', 'AWS::KinesisFirehose::DeliveryStream', 'AWS::ApiGateway::RestApi']) {
      expect(types).toContain(type);
    }
    expect(stack.functions.map((spec) => spec.functionName)).toEqual([`${prefix}-clickstreamIngest`, `${prefix}-clickstreamConsume`]);
  });

  it('provisions again without errors or duplicates', async () => {
    const again = await provisionStack({ template: devTemplate, stackName, region: emulators.region, accountId: emulators.accountId, clientsEnv: emulators.sdkEnv });
    expect(again.resources.map((resource) => resource.physicalId)).toEqual(stack.resources.map((resource) => resource.physicalId));
  });
});

describe('a provisioned stream, a topic fan-out and a redrive policy on moto alone', () => {
  let emulators: RunningEmulators;
  let stack: ProvisionedStack;
  beforeAll(async () => {
    emulators = await startEmulators({ kinesisBackend: 'moto', logSuffix: 'provision-test-moto' });
    const template = parseTemplate({
      Resources: {
        Orders: { Type: 'AWS::Kinesis::Stream', Properties: { Name: 'orders', ShardCount: 2, RetentionPeriodHours: 48 } },
        OrdersDlq: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'orders-dlq' } },
        OrdersQueue: {
          Type: 'AWS::SQS::Queue',
          Properties: { QueueName: 'orders', RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['OrdersDlq', 'Arn'] }, maxReceiveCount: 3 } },
        },
        OrderEvents: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'order-events' } },
        OrdersSubscription: {
          Type: 'AWS::SNS::Subscription',
          Properties: { TopicArn: { Ref: 'OrderEvents' }, Protocol: 'sqs', Endpoint: { 'Fn::GetAtt': ['OrdersQueue', 'Arn'] }, RawMessageDelivery: true },
        },
      },
    });
    stack = await provisionStack({ template, stackName: 'orders-local', region: emulators.region, accountId: emulators.accountId, clientsEnv: emulators.sdkEnv });
  });
  afterAll(() => emulators?.stop());

  it('creates them as specified', async () => {
    const kinesis = new KinesisClient(sdkConfig(emulators, emulators.sdkEnv.AWS_ENDPOINT_URL_KINESIS));
    const sqs = new SQSClient(sdkConfig(emulators));
    const sns = new SNSClient(sdkConfig(emulators));
    try {
      const { StreamDescriptionSummary: summary } = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'orders' }));
      expect(summary).toMatchObject({ OpenShardCount: 2, RetentionPeriodHours: 48, StreamModeDetails: { StreamMode: 'PROVISIONED' } });
      const queueUrl = stack.resources.find((resource) => resource.logicalId === 'OrdersQueue')!.physicalId;
      const { Attributes: attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['RedrivePolicy'] }));
      expect(JSON.parse(attributes?.RedrivePolicy ?? '{}')).toEqual({ deadLetterTargetArn: `arn:aws:sqs:us-east-1:${emulators.accountId}:orders-dlq`, maxReceiveCount: 3 });
      const topicArn = `arn:aws:sns:us-east-1:${emulators.accountId}:order-events`;
      const { Subscriptions: subscriptions = [] } = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn }));
      expect(subscriptions.map((subscription) => subscription.Endpoint)).toEqual([`arn:aws:sqs:us-east-1:${emulators.accountId}:orders`]);
    } finally {
      [kinesis, sqs, sns].forEach((client) => client.destroy());
    }
  });
});
