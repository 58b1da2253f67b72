import { mockClient } from 'aws-sdk-client-mock';
import { CloudFormationClient, DescribeStacksCommand, ListStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import {
  DescribeApplicationCommand,
  KinesisAnalyticsV2Client,
  ListApplicationsCommand,
  StopApplicationCommand,
} from '@aws-sdk/client-kinesis-analytics-v2';
import { DeleteStreamCommand, KinesisVideoClient, ListStreamsCommand } from '@aws-sdk/client-kinesis-video';
import {
  DeleteStreamProcessorCommand,
  DescribeStreamProcessorCommand,
  ListCollectionsCommand,
  ListStreamProcessorsCommand,
  RekognitionClient,
  StopStreamProcessorCommand,
} from '@aws-sdk/client-rekognition';
import { DeleteObjectsCommand, ListBucketsCommand, ListObjectVersionsCommand, S3Client } from '@aws-sdk/client-s3';
import { emptyBucket } from '../../../../scripts/teardown/actions';
import { runTeardown, type TeardownOptions } from '../../../../scripts/teardown/teardown';
import type { TeardownStep } from '../../../../scripts/teardown/plan';

const STACK = 'streaming-reference-dev';
const cfn = mockClient(CloudFormationClient);
const flink = mockClient(KinesisAnalyticsV2Client);
const kvs = mockClient(KinesisVideoClient);
const rekognition = mockClient(RekognitionClient);
const s3 = mockClient(S3Client);

function awsError(name: string, message = name): Error {
  return Object.assign(new Error(message), { name });
}

/** One call log across every client, so the test sees the order of mutating calls. */
const calls: string[] = [];

function stackWithEverything(): void {
  cfn.on(DescribeStacksCommand).resolves({ Stacks: [{ StackName: STACK, StackStatus: 'UPDATE_COMPLETE', CreationTime: new Date(0) }] });
  cfn.on(ListStackResourcesCommand).resolvesOnce({
    StackResourceSummaries: [
      { LogicalResourceId: 'MetricsApplication', ResourceType: 'AWS::KinesisAnalyticsV2::Application', PhysicalResourceId: `${STACK}-metrics`, ResourceStatus: 'CREATE_COMPLETE', LastUpdatedTimestamp: new Date(0) },
    ],
    NextToken: 'page-2',
  }).resolvesOnce({
    StackResourceSummaries: [
      { LogicalResourceId: 'DataLakeBucket', ResourceType: 'AWS::S3::Bucket', PhysicalResourceId: 'lake', ResourceStatus: 'CREATE_COMPLETE', LastUpdatedTimestamp: new Date(0) },
    ],
  });
  let flinkStatus = 'RUNNING';
  flink.on(DescribeApplicationCommand).callsFake(() => ({ ApplicationDetail: { ApplicationStatus: flinkStatus } }));
  flink.on(StopApplicationCommand).callsFake(() => {
    calls.push('StopApplication');
    flinkStatus = 'READY';
    return {};
  });
  rekognition.on(ListStreamProcessorsCommand).resolves({
    StreamProcessors: [{ Name: `${STACK}-camera-door`, Status: 'RUNNING' }, { Name: 'other-stack-camera-x', Status: 'RUNNING' }],
  });
  let processorStatus = 'RUNNING';
  rekognition.on(StopStreamProcessorCommand).callsFake(() => {
    calls.push('StopStreamProcessor');
    processorStatus = 'STOPPING';
    return {};
  });
  rekognition.on(DescribeStreamProcessorCommand).callsFake(() => {
    const status = processorStatus;
    processorStatus = 'STOPPED';
    return { Status: status };
  });
  rekognition.on(DeleteStreamProcessorCommand).callsFake(() => void calls.push('DeleteStreamProcessor'));
  kvs.on(ListStreamsCommand).resolves({ StreamInfoList: [{ StreamName: `${STACK}-camera-door`, StreamARN: 'arn:kvs/door', Status: 'ACTIVE' }] });
  kvs.on(DeleteStreamCommand).callsFake(() => void calls.push('DeleteStream'));
  s3.on(ListObjectVersionsCommand).resolves({ Versions: [{ Key: 'a', VersionId: '1' }], DeleteMarkers: [{ Key: 'a', VersionId: '2' }] });
  s3.on(DeleteObjectsCommand).callsFake(() => {
    calls.push('DeleteObjects');
    return {};
  });
}

function options(overrides: Partial<TeardownOptions> = {}): TeardownOptions & { lines: string[]; removed: TeardownStep[] } {
  const lines: string[] = [];
  const removed: TeardownStep[] = [];
  return {
    clients: { cloudFormation: new CloudFormationClient({}), kinesisAnalytics: new KinesisAnalyticsV2Client({}), kinesisVideo: new KinesisVideoClient({}), rekognition: new RekognitionClient({}), s3: new S3Client({}) },
    stage: 'dev',
    region: 'eu-west-1',
    stackName: STACK,
    dryRun: false,
    confirm: () => Promise.resolve(true),
    removeStack: (step) => {
      calls.push('sls remove');
      removed.push(step);
      return Promise.resolve();
    },
    log: (line) => lines.push(line),
    sleep: () => Promise.resolve(),
    lines,
    removed,
    ...overrides,
  };
}

beforeEach(() => {
  for (const mock of [cfn, flink, kvs, rekognition, s3]) mock.reset();
  calls.length = 0;
});

describe('runTeardown', () => {
  test('stops Flink, stops and deletes the stack’s processors, deletes camera streams, empties buckets, then removes the stack', async () => {
    stackWithEverything();
    flink.on(ListApplicationsCommand).resolves({ ApplicationSummaries: [] });
    rekognition.on(ListCollectionsCommand).resolves({ CollectionIds: [`${STACK}-faces`] });
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'unrelated' }] });
    const run = options();

    const outcome = await runTeardown(run);

    expect(calls).toEqual(['StopApplication', 'StopStreamProcessor', 'DeleteStreamProcessor', 'DeleteStream', 'DeleteObjects', 'sls remove']);
    expect(rekognition.commandCalls(DeleteStreamProcessorCommand).map((call) => call.args[0].input.Name)).toEqual([`${STACK}-camera-door`]);
    expect(s3.commandCalls(DeleteObjectsCommand)[0]?.args[0].input.Delete?.Objects).toEqual([{ Key: 'a', VersionId: '1' }, { Key: 'a', VersionId: '2' }]);
    expect(outcome).toMatchObject({ kind: 'done' });
    // The stack still "exists" in this mock, and the collection outlives it: both are reported.
    expect(outcome.kind === 'done' && outcome.leftovers).toEqual(expect.arrayContaining([`CloudFormation stack ${STACK} (UPDATE_COMPLETE)`, expect.stringContaining(`collection ${STACK}-faces`)]));
    expect(run.lines).toContain('[6/6] sls remove --stage dev --region eu-west-1 (deletes stack streaming-reference-dev)');
  });

  test('--dry-run lists the plan and changes nothing', async () => {
    stackWithEverything();
    const run = options({ dryRun: true });

    const outcome = await runTeardown(run);

    expect(outcome).toMatchObject({ kind: 'dry-run' });
    expect(outcome.steps).toHaveLength(6);
    expect(calls).toEqual([]);
    expect(run.lines).toContain('  1. stop Managed Flink application streaming-reference-dev-metrics (snapshot, then wait for READY)');
  });

  test('a refused confirmation changes nothing', async () => {
    stackWithEverything();
    expect(await runTeardown(options({ confirm: () => Promise.resolve(false) }))).toMatchObject({ kind: 'cancelled' });
    expect(calls).toEqual([]);
  });

  test('when removal fails on a bucket Firehose wrote to after emptying, it empties again and retries once', async () => {
    stackWithEverything();
    flink.on(ListApplicationsCommand).resolves({});
    rekognition.on(ListCollectionsCommand).resolves({});
    s3.on(ListBucketsCommand).resolves({});
    let attempts = 0;
    const run = options({
      removeStack: () => {
        calls.push('sls remove');
        attempts += 1;
        return attempts === 1 ? Promise.reject(new Error('sls remove exited with 1')) : Promise.resolve();
      },
    });

    await runTeardown(run);

    expect(calls.slice(-4)).toEqual(['DeleteObjects', 'sls remove', 'DeleteObjects', 'sls remove']);
  });

  test('a missing stack still gets its camera streams deleted, and is not removed', async () => {
    cfn.on(DescribeStacksCommand).rejects(awsError('ValidationError', `Stack with id ${STACK} does not exist`));
    rekognition.on(ListStreamProcessorsCommand).resolves({});
    kvs.on(ListStreamsCommand).resolves({ StreamInfoList: [{ StreamName: `${STACK}-camera-door`, StreamARN: 'arn:kvs/door', Status: 'ACTIVE' }] });
    kvs.on(DeleteStreamCommand).callsFake(() => void calls.push('DeleteStream'));
    flink.on(ListApplicationsCommand).rejects(awsError('AccessDeniedException'));
    rekognition.on(ListCollectionsCommand).resolves({});
    s3.on(ListBucketsCommand).resolves({});

    const outcome = await runTeardown(options());

    expect(calls).toEqual(['DeleteStream']);
    expect(kvs.commandCalls(ListStreamsCommand)[0]?.args[0].input.StreamNameCondition).toEqual({ ComparisonOperator: 'BEGINS_WITH', ComparisonValue: `${STACK}-camera-` });
    expect(outcome.kind === 'done' && outcome.leftovers).toContain('(could not check Managed Flink: AccessDeniedException)');
  });
});

describe('emptyBucket', () => {
  test('follows version pages and deletes in batches of at most 1,000', async () => {
    const versions = Array.from({ length: 1_500 }, (_, index) => ({ Key: `k${index}`, VersionId: 'v' }));
    s3.on(ListObjectVersionsCommand)
      .resolvesOnce({ Versions: versions, IsTruncated: true, NextKeyMarker: 'k1499', NextVersionIdMarker: 'v' })
      .resolvesOnce({ DeleteMarkers: [{ Key: 'gone', VersionId: 'm' }] });
    s3.on(DeleteObjectsCommand).resolves({});

    expect(await emptyBucket(new S3Client({}), 'lake')).toBe(1_501);
    expect(s3.commandCalls(DeleteObjectsCommand).map((call) => call.args[0].input.Delete?.Objects?.length)).toEqual([1_000, 500, 1]);
    expect(s3.commandCalls(ListObjectVersionsCommand)[1]?.args[0].input).toMatchObject({ KeyMarker: 'k1499', VersionIdMarker: 'v' });
  });

  test('a bucket already gone is empty; a failed delete is an error', async () => {
    s3.on(ListObjectVersionsCommand).rejectsOnce(awsError('NoSuchBucket'));
    expect(await emptyBucket(new S3Client({}), 'gone')).toBe(0);

    s3.on(ListObjectVersionsCommand).resolves({ Versions: [{ Key: 'a', VersionId: '1' }] });
    s3.on(DeleteObjectsCommand).resolves({ Errors: [{ Key: 'a', Code: 'AccessDenied', Message: 'denied' }] });
    await expect(emptyBucket(new S3Client({}), 'lake')).rejects.toThrow('could not delete 1 objects from lake, e.g. a: AccessDenied denied');
  });
});
