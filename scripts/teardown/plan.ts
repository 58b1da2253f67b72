// What `npm run teardown` does, in order: the pure plan from what discovery found, so the ordering is tested without AWS.

/** What the stack and the account hold for one stage, as discovery found it. */
export interface TeardownInventory {
  stage: string;
  region: string;
  stackName: string;
  stackExists: boolean;
  /** Physical ids of the stack's AWS::KinesisAnalyticsV2::Application resources. */
  flinkApplications: string[];
  /** Physical ids of the stack's AWS::S3::Bucket resources (all versioned). */
  buckets: string[];
  /** Rekognition stream processors named `<stack>-camera-…`, with their status. */
  streamProcessors: Array<{ name: string; status: string }>;
  /** KVS streams named `<stack>-camera-…`: created at runtime by the cameras API, unknown to CloudFormation. */
  videoStreams: Array<{ name: string; arn: string }>;
}

export type TeardownStep =
  | { kind: 'stop-flink-application'; applicationName: string }
  | { kind: 'stop-stream-processor'; name: string }
  | { kind: 'delete-stream-processor'; name: string }
  | { kind: 'delete-video-stream'; name: string; arn: string }
  | { kind: 'empty-bucket'; bucket: string }
  | { kind: 'remove-stack'; stage: string; region: string; stackName: string };

/** Statuses in which a stream processor still reads video (and bills): it must be stopped before it can be deleted. */
const ACTIVE_PROCESSOR_STATUSES = new Set(['STARTING', 'RUNNING', 'UPDATING']);

/**
 * Consumers stop before what they read goes: Flink (reads the streams, bills per KPU-hour) first, then the
 * stream processors that read the camera streams, then the camera streams themselves. Buckets are emptied
 * right before `sls remove`, because CloudFormation cannot delete a bucket that still holds object versions.
 */
export function planTeardown(inventory: TeardownInventory): TeardownStep[] {
  const steps: TeardownStep[] = [];
  for (const applicationName of inventory.flinkApplications) steps.push({ kind: 'stop-flink-application', applicationName });
  for (const processor of inventory.streamProcessors) {
    if (ACTIVE_PROCESSOR_STATUSES.has(processor.status)) steps.push({ kind: 'stop-stream-processor', name: processor.name });
    steps.push({ kind: 'delete-stream-processor', name: processor.name });
  }
  for (const stream of inventory.videoStreams) steps.push({ kind: 'delete-video-stream', ...stream });
  if (!inventory.stackExists) return steps;
  for (const bucket of inventory.buckets) steps.push({ kind: 'empty-bucket', bucket });
  steps.push({ kind: 'remove-stack', stage: inventory.stage, region: inventory.region, stackName: inventory.stackName });
  return steps;
}

export function describeStep(step: TeardownStep): string {
  switch (step.kind) {
    case 'stop-flink-application':
      return `stop Managed Flink application ${step.applicationName} (snapshot, then wait for READY)`;
    case 'stop-stream-processor':
      return `stop Rekognition stream processor ${step.name}`;
    case 'delete-stream-processor':
      return `delete Rekognition stream processor ${step.name}`;
    case 'delete-video-stream':
      return `delete Kinesis Video stream ${step.name} and its stored media`;
    case 'empty-bucket':
      return `empty bucket ${step.bucket} (every object version and delete marker)`;
    case 'remove-stack':
      return `sls remove --stage ${step.stage} --region ${step.region} (deletes stack ${step.stackName})`;
  }
}

/** The name prefix of everything the cameras API creates at runtime for a stage. */
export const cameraResourcePrefix = (stackName: string): string => `${stackName}-camera-`;
