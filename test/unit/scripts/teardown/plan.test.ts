import { describeStep, planTeardown, type TeardownInventory } from '../../../../scripts/teardown/plan';

const inventory = (overrides: Partial<TeardownInventory> = {}): TeardownInventory => ({
  stage: 'dev',
  region: 'eu-west-1',
  stackName: 'streaming-reference-dev',
  stackExists: true,
  flinkApplications: ['streaming-reference-dev-metrics'],
  buckets: ['lake-bucket', 'athena-bucket'],
  streamProcessors: [
    { name: 'streaming-reference-dev-camera-door', status: 'RUNNING' },
    { name: 'streaming-reference-dev-camera-yard', status: 'STOPPED' },
  ],
  videoStreams: [{ name: 'streaming-reference-dev-camera-door', arn: 'arn:aws:kinesisvideo:eu-west-1:1:stream/door/1' }],
  ...overrides,
});

describe('planTeardown', () => {
  test('stops readers before what they read, empties buckets right before sls remove', () => {
    expect(planTeardown(inventory()).map(describeStep)).toEqual([
      'stop Managed Flink application streaming-reference-dev-metrics (snapshot, then wait for READY)',
      'stop Rekognition stream processor streaming-reference-dev-camera-door',
      'delete Rekognition stream processor streaming-reference-dev-camera-door',
      'delete Rekognition stream processor streaming-reference-dev-camera-yard',
      'delete Kinesis Video stream streaming-reference-dev-camera-door and its stored media',
      'empty bucket lake-bucket (every object version and delete marker)',
      'empty bucket athena-bucket (every object version and delete marker)',
      'sls remove --stage dev --region eu-west-1 (deletes stack streaming-reference-dev)',
    ]);
  });

  test('without a stack, only the resources created outside it are removed', () => {
    const steps = planTeardown(inventory({ stackExists: false, flinkApplications: [], buckets: [] }));
    expect(steps.map((step) => step.kind)).toEqual(['stop-stream-processor', 'delete-stream-processor', 'delete-stream-processor', 'delete-video-stream']);
  });

  test('a stack without Flink, cameras or buckets is just removed', () => {
    const steps = planTeardown(inventory({ flinkApplications: [], buckets: [], streamProcessors: [], videoStreams: [] }));
    expect(steps).toEqual([{ kind: 'remove-stack', stage: 'dev', region: 'eu-west-1', stackName: 'streaming-reference-dev' }]);
  });
});
