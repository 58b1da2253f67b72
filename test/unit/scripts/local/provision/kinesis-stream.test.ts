// Kinesis stream provisioning against a mocked client: capacity mode, retention, encryption, idempotence.
import {
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  IncreaseStreamRetentionPeriodCommand,
  KinesisClient,
  ResourceInUseException,
  StartStreamEncryptionCommand,
  type StreamDescriptionSummary,
} from '@aws-sdk/client-kinesis';
import { mockClient } from 'aws-sdk-client-mock';
import { provisionKinesisStream } from '../../../../../scripts/local/provision/kinesis-stream';
import { resource, testContext } from './provision-context';

const kinesis = mockClient(KinesisClient);
const arn = 'arn:aws:kinesis:us-east-1:123456789012:stream/clicks';
const summary = (overrides: Partial<StreamDescriptionSummary> = {}): { StreamDescriptionSummary: StreamDescriptionSummary } => ({
  StreamDescriptionSummary: {
    StreamName: 'clicks',
    StreamARN: arn,
    StreamStatus: 'ACTIVE',
    RetentionPeriodHours: 24,
    EncryptionType: 'NONE',
    StreamCreationTimestamp: new Date(0),
    EnhancedMonitoring: [],
    OpenShardCount: 1,
    ...overrides,
  },
});

beforeEach(() => kinesis.reset());

it('creates an ON_DEMAND stream without a shard count, waits for ACTIVE and returns the backend ARN', async () => {
  kinesis.on(DescribeStreamSummaryCommand).resolvesOnce(summary({ StreamStatus: 'CREATING' })).resolves(summary());
  const context = testContext();
  const result = await provisionKinesisStream(resource('AWS::Kinesis::Stream', 'clicks', { StreamModeDetails: { StreamMode: 'ON_DEMAND' } }), context);
  expect(kinesis.commandCalls(CreateStreamCommand)[0]?.args[0].input).toEqual({ StreamName: 'clicks', ShardCount: undefined, StreamModeDetails: { StreamMode: 'ON_DEMAND' } });
  expect(kinesis.commandCalls(DescribeStreamSummaryCommand)).toHaveLength(2);
  expect(result).toEqual({ attributes: { Arn: arn } });
  context.clients.destroy();
});

it('creates PROVISIONED streams with ShardCount (a string from a parameter is fine), default 1', async () => {
  kinesis.on(DescribeStreamSummaryCommand).resolves(summary());
  const context = testContext();
  await provisionKinesisStream(resource('AWS::Kinesis::Stream', 'clicks', { ShardCount: '3', StreamModeDetails: { StreamMode: 'PROVISIONED' } }), context);
  await provisionKinesisStream(resource('AWS::Kinesis::Stream', 'clicks', {}), context);
  const inputs = kinesis.commandCalls(CreateStreamCommand).map((call) => call.args[0].input);
  expect(inputs.map((input) => [input.ShardCount, input.StreamModeDetails?.StreamMode])).toEqual([[3, 'PROVISIONED'], [1, 'PROVISIONED']]);
  context.clients.destroy();
});

it('raises retention and starts KMS encryption when the template asks for them', async () => {
  kinesis.on(DescribeStreamSummaryCommand).resolvesOnce(summary()).resolvesOnce(summary({ RetentionPeriodHours: 48 })).resolves(summary({ RetentionPeriodHours: 48, EncryptionType: 'KMS' }));
  const context = testContext();
  const properties = { RetentionPeriodHours: 48, StreamEncryption: { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' }, Tags: [{ Key: 'team', Value: 'data' }] };
  await provisionKinesisStream(resource('AWS::Kinesis::Stream', 'clicks', properties), context);
  expect(kinesis.commandCalls(IncreaseStreamRetentionPeriodCommand)[0]?.args[0].input).toEqual({ StreamName: 'clicks', RetentionPeriodHours: 48 });
  expect(kinesis.commandCalls(StartStreamEncryptionCommand)[0]?.args[0].input).toEqual({ StreamName: 'clicks', EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' });
  context.clients.destroy();
});

it('accepts a stream that already exists and changes nothing that is already right', async () => {
  kinesis.on(CreateStreamCommand).rejects(new ResourceInUseException({ message: 'exists', $metadata: {} }));
  kinesis.on(DescribeStreamSummaryCommand).resolves(summary({ EncryptionType: 'KMS' }));
  const context = testContext();
  await provisionKinesisStream(resource('AWS::Kinesis::Stream', 'clicks', { StreamEncryption: { EncryptionType: 'KMS', KeyId: 'k' } }), context);
  expect(kinesis.commandCalls(StartStreamEncryptionCommand)).toHaveLength(0);
  expect(kinesis.commandCalls(IncreaseStreamRetentionPeriodCommand)).toHaveLength(0);
  expect(context.lines).toContain('Subject: Kinesis stream clicks already exists');
  context.clients.destroy();
});

it('reports properties it does not apply', async () => {
  kinesis.on(DescribeStreamSummaryCommand).resolves(summary());
  const context = testContext();
  await provisionKinesisStream(resource('AWS::Kinesis::Stream', 'clicks', { DesiredShardLevelMetrics: ['ALL'] }), context);
  expect(context.lines).toContain('Subject: not applied locally: DesiredShardLevelMetrics');
  context.clients.destroy();
});
