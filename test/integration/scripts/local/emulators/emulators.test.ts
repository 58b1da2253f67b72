// Real emulators: they answer, share one account, stop for good, and die with a parent killed by SIGKILL.
import { DescribeStreamSummaryCommand, KinesisClient, CreateStreamCommand } from '@aws-sdk/client-kinesis';
import { CreateQueueCommand, GetQueueAttributesCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { keepAliveHttpHandler } from '../../../../../shared/aws/clients';
import { isProcessAlive, startEmulators, type RunningEmulators } from '../../../../../scripts/local/emulators';
import { logsDir, projectRoot } from '../../../../../scripts/local/emulators/process';
import { assertVenvReady } from '../venv-check';

jest.setTimeout(60_000);

const clientConfig = (emulators: RunningEmulators, endpoint: string) => ({
  endpoint,
  region: emulators.sdkEnv.AWS_REGION,
  credentials: { accessKeyId: emulators.sdkEnv.AWS_ACCESS_KEY_ID, secretAccessKey: emulators.sdkEnv.AWS_SECRET_ACCESS_KEY },
  requestHandler: keepAliveHttpHandler(),
});

async function waitUntilGone(pid: number): Promise<boolean> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (!isProcessAlive(pid)) return true;
    await sleep(100);
  }
  return false;
}

beforeAll(assertVenvReady);

describe.each(['kinesis-local', 'moto'] as const)('with the %s Kinesis backend', (kinesisBackend) => {
  let emulators: RunningEmulators;
  beforeAll(async () => {
    emulators = await startEmulators({ kinesisBackend, logSuffix: `emulators-test-${kinesisBackend}` });
  });
  afterAll(() => emulators?.stop());

  it('serves Kinesis and SQS under the same account id', async () => {
    const kinesis = new KinesisClient(clientConfig(emulators, emulators.sdkEnv.AWS_ENDPOINT_URL_KINESIS));
    const sqs = new SQSClient(clientConfig(emulators, emulators.sdkEnv.AWS_ENDPOINT_URL));
    try {
      await kinesis.send(new CreateStreamCommand({ StreamName: 'account-check', ShardCount: 1 }));
      const { StreamDescriptionSummary: stream } = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'account-check' }));
      const { QueueUrl: queueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'account-check' }));
      const { Attributes: queue } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
      expect(stream?.StreamARN).toBe(`arn:aws:kinesis:us-east-1:${emulators.accountId}:stream/account-check`);
      expect(queue?.QueueArn).toBe(`arn:aws:sqs:us-east-1:${emulators.accountId}:account-check`);
      expect(emulators.sdkEnv.AWS_ENDPOINT_URL_KINESIS === emulators.moto.endpoint).toBe(kinesisBackend === 'moto');
    } finally {
      kinesis.destroy();
      sqs.destroy();
    }
  });

  it('empties moto on reset', async () => {
    const sqs = new SQSClient(clientConfig(emulators, emulators.sdkEnv.AWS_ENDPOINT_URL));
    try {
      await sqs.send(new CreateQueueCommand({ QueueName: 'before-reset' }));
      await emulators.moto.reset();
      expect((await sqs.send(new ListQueuesCommand({}))).QueueUrls ?? []).toEqual([]);
    } finally {
      sqs.destroy();
    }
  });
});

it('stop() leaves no emulator process behind', async () => {
  const emulators = await startEmulators({ logSuffix: 'emulators-test-stop' });
  const pids = [emulators.moto.pid, emulators.kinesisLocal!.pid];
  expect(pids.map(isProcessAlive)).toEqual([true, true]);
  await emulators.stop();
  expect(pids.map(isProcessAlive)).toEqual([false, false]);
});

describe('when the parent process is killed with SIGKILL', () => {
  let parent: ChildProcess | undefined;
  const pids: number[] = [];
  afterAll(() => {
    // Kills anything only if the test failed: never leave the processes around.
    for (const pid of [parent?.pid, ...pids]) {
      if (pid && isProcessAlive(pid)) process.kill(pid, 'SIGKILL');
    }
    for (const name of ['moto', 'kinesis-local']) rmSync(join(logsDir, `${name}-orphan-${parent?.pid}.log`), { force: true });
  });

  it('the emulators exit too (no orphans)', async () => {
    parent = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'emulator-parent.ts')], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    const line = await new Promise<string>((resolve, reject) => {
      let output = '';
      parent!.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('\n')) resolve(output.split('\n')[0]!);
      });
      parent!.once('exit', (code) => reject(new Error(`emulator parent exited early (${code})`)));
    });
    const started = JSON.parse(line) as { moto: number; kinesisLocal: number };
    pids.push(started.moto, started.kinesisLocal);
    expect(pids.map(isProcessAlive)).toEqual([true, true]);

    parent.kill('SIGKILL');
    expect(await Promise.all(pids.map(waitUntilGone))).toEqual([true, true]);
  });
});
