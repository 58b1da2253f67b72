// Carries out teardown steps against AWS: each one idempotent, so a teardown interrupted halfway can simply run again.
import { spawn } from 'node:child_process';
import { DeleteStreamCommand } from '@aws-sdk/client-kinesis-video';
import { DeleteStreamProcessorCommand, DescribeStreamProcessorCommand, StopStreamProcessorCommand } from '@aws-sdk/client-rekognition';
import { DeleteObjectsCommand, ListObjectVersionsCommand, type ObjectIdentifier, type S3Client } from '@aws-sdk/client-s3';
import { ensureStopped } from '../flink/application-lifecycle';
import type { TeardownClients } from './aws-clients';
import { describeStep, type TeardownStep } from './plan';

export type StackRemover = (step: Extract<TeardownStep, { kind: 'remove-stack' }>) => Promise<void>;

export interface ActionContext {
  clients: Omit<TeardownClients, 'cloudFormation' | 'destroy'>;
  removeStack: StackRemover;
  log: (line: string) => void;
  sleep?: (ms: number) => Promise<void>;
  /** Polls while a stream processor stops (default 5 s, up to 60 polls). */
  pollMs?: number;
}

const errorName = (error: unknown): string => (error instanceof Error ? error.name : '');
const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** DeleteObjects takes at most 1,000 keys per request. */
const DELETE_BATCH = 1_000;

/** Deletes every version and delete marker: a versioned bucket is empty only then. Returns how many were deleted. */
export async function emptyBucket(s3: S3Client, bucket: string): Promise<number> {
  let deleted = 0;
  let keyMarker: string | undefined;
  let versionIdMarker: string | undefined;
  try {
    do {
      const page = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, KeyMarker: keyMarker, VersionIdMarker: versionIdMarker }));
      const objects: ObjectIdentifier[] = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])].flatMap((entry) =>
        entry.Key === undefined ? [] : [{ Key: entry.Key, VersionId: entry.VersionId }],
      );
      for (let offset = 0; offset < objects.length; offset += DELETE_BATCH) {
        const batch = objects.slice(offset, offset + DELETE_BATCH);
        const { Errors: errors = [] } = await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch, Quiet: true } }));
        if (errors.length > 0) throw new Error(`could not delete ${errors.length} objects from ${bucket}, e.g. ${errors[0]?.Key}: ${errors[0]?.Code} ${errors[0]?.Message}`);
        deleted += batch.length;
      }
      keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
      versionIdMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
    } while (keyMarker !== undefined);
  } catch (error) {
    if (errorName(error) !== 'NoSuchBucket') throw error;
  }
  return deleted;
}

/** Stopping is asynchronous; deletion is refused until the processor has left RUNNING/STOPPING. */
async function stopStreamProcessor(name: string, context: ActionContext): Promise<void> {
  const { rekognition } = context.clients;
  try {
    await rekognition.send(new StopStreamProcessorCommand({ Name: name }));
  } catch (error) {
    // Already stopped (ResourceInUse on a stopped one) or gone: nothing to stop.
    if (!['ResourceInUseException', 'ResourceNotFoundException'].includes(errorName(error))) throw error;
  }
  const sleep = context.sleep ?? defaultSleep;
  for (let poll = 0; poll < 60; poll++) {
    let status: string | undefined;
    try {
      status = (await rekognition.send(new DescribeStreamProcessorCommand({ Name: name }))).Status;
    } catch (error) {
      if (errorName(error) === 'ResourceNotFoundException') return;
      throw error;
    }
    context.log(`  ${name}: ${status ?? 'UNKNOWN'}`);
    if (status !== 'STOPPING' && status !== 'RUNNING' && status !== 'STARTING') return;
    await sleep(context.pollMs ?? 5_000);
  }
  throw new Error(`stream processor ${name} did not stop`);
}

export async function runStep(step: TeardownStep, context: ActionContext): Promise<void> {
  const { clients, log } = context;
  switch (step.kind) {
    case 'stop-flink-application':
      await ensureStopped({ client: clients.kinesisAnalytics, applicationName: step.applicationName, log, ...(context.sleep && { sleep: context.sleep }) });
      return;
    case 'stop-stream-processor':
      return stopStreamProcessor(step.name, context);
    case 'delete-stream-processor':
      try {
        await clients.rekognition.send(new DeleteStreamProcessorCommand({ Name: step.name }));
      } catch (error) {
        if (errorName(error) !== 'ResourceNotFoundException') throw error;
      }
      return;
    case 'delete-video-stream':
      try {
        await clients.kinesisVideo.send(new DeleteStreamCommand({ StreamARN: step.arn }));
      } catch (error) {
        if (errorName(error) !== 'ResourceNotFoundException') throw error;
      }
      return;
    case 'empty-bucket':
      log(`  ${step.bucket}: ${await emptyBucket(clients.s3, step.bucket)} versions and delete markers deleted`);
      return;
    case 'remove-stack':
      return context.removeStack(step);
  }
}

/** Runs the steps in order, one progress line each; stops at the first failure (rerunning resumes). */
export async function runSteps(steps: readonly TeardownStep[], context: ActionContext): Promise<void> {
  for (const [index, step] of steps.entries()) {
    context.log(`[${index + 1}/${steps.length}] ${describeStep(step)}`);
    await runStep(step, context);
  }
}

/** `sls remove` as a child process with the user's terminal, so its own progress shows. */
export function slsRemove(projectRoot: string): StackRemover {
  return (step) =>
    new Promise((resolve, reject) => {
      const child = spawn('npx', ['sls', 'remove', '--stage', step.stage, '--region', step.region], { cwd: projectRoot, stdio: 'inherit' });
      child.on('error', reject);
      child.on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`sls remove exited with ${code ?? signal}`))));
    });
}
