// Whole-template resolution: the packaged dev template, parameters, conditions, creation order and backend-known values.
import { join } from 'node:path';
import { lambdaFunctionSpecs, loadTemplate, parseTemplate, resolveStack, type CloudFormationTemplate } from '../../../../../scripts/local/template';
import type { ResolvedResource } from '../../../../../scripts/local/types';

const devTemplatePath = join(__dirname, '..', '..', '..', '..', 'fixtures', 'cloudformation', 'template-dev.json');
const stack = { stackName: 'streaming-reference-dev', region: 'us-east-1', accountId: '123456789012' };

const byId = (resources: ResolvedResource[], logicalId: string): ResolvedResource => {
  const resource = resources.find((entry) => entry.logicalId === logicalId);
  if (!resource) throw new Error(`no resource ${logicalId}`);
  return resource;
};

describe('the packaged dev template', () => {
  const template = loadTemplate(devTemplatePath);

  it('resolves the stream for ON_DEMAND by default: StreamMode set, ShardCount removed by AWS::NoValue', async () => {
    const { resources } = await resolveStack(template, stack);
    expect(byId(resources, 'ClickstreamStream').properties).toEqual({
      Name: 'streaming-reference-dev-clickstream',
      RetentionPeriodHours: 24,
      StreamModeDetails: { StreamMode: 'ON_DEMAND' },
      StreamEncryption: { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' },
    });
  });

  it('switches to PROVISIONED with the ShardCount parameter when StreamMode is overridden', async () => {
    const { resources } = await resolveStack(template, { ...stack, parameters: { StreamMode: 'PROVISIONED', ShardCount: '3' } });
    expect(byId(resources, 'ClickstreamStream').properties).toMatchObject({ StreamModeDetails: { StreamMode: 'PROVISIONED' }, ShardCount: '3' });
  });

  it('rejects a parameter value outside AllowedValues', async () => {
    await expect(resolveStack(template, { ...stack, parameters: { StreamMode: 'FAST' } })).rejects.toThrow(
      'Parameters.StreamMode: FAST is not one of ON_DEMAND, PROVISIONED',
    );
  });

  it('names resources like CloudFormation: explicit names, Fn::Sub names, ARNs per service', async () => {
    const { resources } = await resolveStack(template, stack);
    expect(byId(resources, 'DataLakeBucket').physicalId).toBe('streaming-reference-dev-123456789012-us-east-1-lake');
    expect(byId(resources, 'DataLakeBucket').attributes.Arn).toBe('arn:aws:s3:::streaming-reference-dev-123456789012-us-east-1-lake');
    expect(byId(resources, 'SessionsTable').attributes.Arn).toBe('arn:aws:dynamodb:us-east-1:123456789012:table/streaming-reference-dev-sessions');
    expect(byId(resources, 'ClickstreamDeadLetterQueue').physicalId).toBe(
      'https://sqs.us-east-1.amazonaws.com/123456789012/streaming-reference-dev-clickstream-dlq',
    );
    expect(byId(resources, 'ClickstreamArchiveStream').attributes.Arn).toBe(
      'arn:aws:firehose:us-east-1:123456789012:deliverystream/streaming-reference-dev-clickstream-archive',
    );
    expect(byId(resources, 'ClickstreamIngestLogGroup').attributes.Arn).toBe(
      'arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/streaming-reference-dev-clickstreamIngest:*',
    );
    expect(byId(resources, 'ServerlessDeploymentBucket').physicalId).toMatch(/^streaming-reference-dev-serverlessdeploymentbucke-[a-z0-9]{13}$/);
  });

  it('keeps ${!name} escapes of the Glue partition template and resolves the bucket next to them', async () => {
    const { resources } = await resolveStack(template, stack);
    const tableInput = byId(resources, 'ClickstreamEventsTable').properties.TableInput as { Parameters: Record<string, string> };
    expect(tableInput.Parameters['storage.location.template']).toBe(
      's3://streaming-reference-dev-123456789012-us-east-1-lake/clickstream/events/event_date=${event_date}/event_hour=${event_hour}/',
    );
  });

  it('orders resources after what they refer to and what they DependsOn', async () => {
    const order = (await resolveStack(template, stack)).resources.map((resource) => resource.logicalId);
    const before = (first: string, second: string) => expect(order.indexOf(first)).toBeLessThan(order.indexOf(second));
    before('ClickstreamStream', 'ClickstreamConsumeEventSourceMappingKinesisClickstreamStream');
    before('ClickstreamConsumeLambdaFunction', 'ClickstreamConsumeEventSourceMappingKinesisClickstreamStream');
    before('ClickstreamDeadLetterQueue', 'ClickstreamConsumeLambdaFunction');
    before('ClickstreamConsumeLogGroup', 'ClickstreamConsumeLambdaFunction');
    before('AnalyticsWorkGroup', 'TopPagesQuery');
    expect(order).toHaveLength(Object.keys(template.Resources).length);
  });

  it('gives each function the environment AWS would, with the queue URL the backend reports', async () => {
    const backendUrl = 'http://127.0.0.1:5000/123456789012/streaming-reference-dev-clickstream-dlq';
    const { resources } = await resolveStack(template, stack, (resource) =>
      Promise.resolve(resource.type === 'AWS::SQS::Queue' ? { physicalId: backendUrl, attributes: { QueueUrl: backendUrl } } : undefined),
    );
    const [ingest, consume] = lambdaFunctionSpecs(resources);
    expect(ingest).toEqual({
      logicalId: 'ClickstreamIngestLambdaFunction',
      functionName: 'streaming-reference-dev-clickstreamIngest',
      arn: 'arn:aws:lambda:us-east-1:123456789012:function:streaming-reference-dev-clickstreamIngest',
      handler: 'functions/clickstream/ingest.handler',
      environment: {
        POWERTOOLS_LOG_LEVEL: 'INFO',
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'clickstream-ingest',
        STREAM_NAME: 'streaming-reference-dev-clickstream',
      },
      timeoutSeconds: 10,
      memorySizeMb: 256,
      roleArn: byId(resources, 'ClickstreamIngestRole').attributes.Arn,
    });
    expect(consume?.environment).toMatchObject({
      SESSIONS_TABLE_NAME: 'streaming-reference-dev-sessions',
      DELIVERY_STREAM_NAME: 'streaming-reference-dev-clickstream-archive',
      DEAD_LETTER_QUEUE_URL: backendUrl,
      SESSION_TTL_DAYS: '30',
    });
    const mapping = byId(resources, 'ClickstreamConsumeEventSourceMappingKinesisClickstreamStream').properties;
    expect(mapping.DestinationConfig).toEqual({ OnFailure: { Destination: 'arn:aws:sqs:us-east-1:123456789012:streaming-reference-dev-clickstream-dlq' } });
  });

  it('resolves the outputs', async () => {
    const { outputs } = await resolveStack(template, stack);
    expect(outputs).toMatchObject({ DataLakeBucketName: 'streaming-reference-dev-123456789012-us-east-1-lake', AthenaWorkGroupName: 'streaming-reference-dev' });
    expect(outputs.ProducerApiUrl).toMatch(/^https:\/\/[a-z0-9]{10}\.execute-api\.us-east-1\.amazonaws\.com\/dev$/);
  });
});

describe('small templates', () => {
  const conditional: CloudFormationTemplate = parseTemplate({
    Parameters: { Stage: { Type: 'String', Default: 'local' } },
    Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] } },
    Resources: {
      Alarms: { Type: 'AWS::SNS::Topic', Condition: 'IsProd', Properties: { TopicName: 'alarms' } },
      Queue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { 'Fn::If': ['IsProd', { 'Fn::GetAtt': ['Alarms', 'TopicName'] }, 'local-queue'] } } },
    },
  });

  it('leaves out resources whose condition is false, and still resolves Fn::If around them', async () => {
    const { resources, excluded } = await resolveStack(conditional, stack);
    expect(excluded).toEqual([{ logicalId: 'Alarms', type: 'AWS::SNS::Topic', condition: 'IsProd' }]);
    expect(resources.map((resource) => [resource.logicalId, resource.attributes.QueueName])).toEqual([['Queue', 'local-queue']]);
  });

  it('creates them when the condition holds', async () => {
    const { resources } = await resolveStack(conditional, { ...stack, parameters: { Stage: 'prod' } });
    expect(byId(resources, 'Queue').properties.QueueName).toBe('alarms');
  });

  it('reports a reference to a resource its condition excludes', async () => {
    const template = parseTemplate({ ...conditional, Resources: { ...conditional.Resources, Topic: { Type: 'AWS::SNS::Subscription', Properties: { TopicArn: { Ref: 'Alarms' } } } } });
    await expect(resolveStack(template, stack)).rejects.toThrow('Resources.Topic.Properties.TopicArn.Ref: Alarms is not created (condition IsProd is false)');
  });

  it('generates names for unnamed resources: deterministic, within limits, FIFO suffix kept', async () => {
    const template = parseTemplate({
      Resources: {
        Events: { Type: 'AWS::SQS::Queue', Properties: { FifoQueue: true } },
        Bucket: { Type: 'AWS::S3::Bucket' },
        Role: { Type: 'AWS::IAM::Role', Properties: { Path: '/service/' } },
      },
    });
    const first = await resolveStack(template, { ...stack, stackName: 'a-very-long-stack-name-that-needs-cutting-down-to-size' });
    const second = await resolveStack(template, { ...stack, stackName: 'a-very-long-stack-name-that-needs-cutting-down-to-size' });
    const queueName = byId(first.resources, 'Events').attributes.QueueName!;
    expect(queueName).toMatch(/^a-very-long-stack-name-that-needs-cutting-down-to-size-Events-[A-Z0-9]{13}\.fifo$/);
    expect(byId(first.resources, 'Bucket').physicalId.length).toBeLessThanOrEqual(63);
    expect(byId(first.resources, 'Bucket').physicalId).toBe(byId(first.resources, 'Bucket').physicalId.toLowerCase());
    expect(byId(first.resources, 'Role').attributes.Arn).toMatch(/^arn:aws:iam::123456789012:role\/service\/a-very-long/);
    expect(second.resources.map((resource) => resource.physicalId)).toEqual(first.resources.map((resource) => resource.physicalId));
  });

  it('reports circular references', async () => {
    const template = parseTemplate({
      Resources: {
        A: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { 'Fn::Sub': '${B.QueueName}-a' } } },
        B: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { 'Fn::GetAtt': ['A', 'QueueName'] } } },
      },
    });
    await expect(resolveStack(template, stack)).rejects.toThrow('Resources: circular dependency A → B → A');
  });

  it('names the resource and path of an unsupported intrinsic or unknown attribute', async () => {
    const unsupported = parseTemplate({ Resources: { Q: { Type: 'AWS::SQS::Queue', Properties: { Tags: [{ Key: 'k', Value: { 'Fn::Length': [1] } }] } } } });
    await expect(resolveStack(unsupported, stack)).rejects.toThrow('Resources.Q.Properties.Tags[0].Value: unsupported intrinsic function Fn::Length');
    const unknownAttribute = parseTemplate({
      Resources: { S: { Type: 'AWS::Kinesis::Stream' }, Q: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { 'Fn::GetAtt': ['S', 'StreamId'] } } } },
    });
    await expect(resolveStack(unknownAttribute, stack)).rejects.toThrow(
      'Resources.Q.Properties.QueueName.Fn::GetAtt: S (AWS::Kinesis::Stream) has no attribute StreamId in the local cloud; it has Arn',
    );
  });

  it('rejects conditions that refer to resources, and DependsOn to unknown resources', async () => {
    const conditionOnResource = parseTemplate({
      Conditions: { Odd: { 'Fn::Equals': [{ Ref: 'Q' }, 'x'] } },
      Resources: { Q: { Type: 'AWS::SQS::Queue', Condition: 'Odd' } },
    });
    await expect(resolveStack(conditionOnResource, stack)).rejects.toThrow('conditions can refer to parameters only, not to the resource Q');
    const dangling = parseTemplate({ Resources: { Q: { Type: 'AWS::SQS::Queue', DependsOn: 'Ghost' } } });
    await expect(resolveStack(dangling, stack)).rejects.toThrow('Resources.Q.DependsOn: Ghost is not a resource of this template');
  });
});
