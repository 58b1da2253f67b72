// Unit tests: Managed Flink start/stop decisions per status, and the start/stop/wait calls against a mocked service.
import {
  DescribeApplicationCommand,
  KinesisAnalyticsV2Client,
  StartApplicationCommand,
  StopApplicationCommand,
  type DescribeApplicationCommandOutput,
} from '@aws-sdk/client-kinesis-analytics-v2';
import { mockClient } from 'aws-sdk-client-mock';
import {
  ensureRunning,
  ensureStopped,
  formatElapsed,
  planStart,
  planStop,
  waitForStatus,
  type LifecycleOptions,
} from '../../../../scripts/flink/application-lifecycle';

const KEY = 'flink/abc.jar';
const APP = 'streaming-reference-dev-metrics';
const kda = mockClient(KinesisAnalyticsV2Client);

const described = (status: string, fileKey = KEY): Partial<DescribeApplicationCommandOutput> => ({
  ApplicationDetail: {
    ApplicationARN: `arn:aws:kinesisanalytics:eu-west-1:123456789012:application/${APP}`,
    ApplicationName: APP,
    RuntimeEnvironment: 'FLINK-1_20',
    ApplicationVersionId: 3,
    ApplicationStatus: status as 'READY',
    ApplicationConfigurationDescription: {
      ApplicationCodeConfigurationDescription: {
        CodeContentType: 'ZIPFILE',
        CodeContentDescription: { S3ApplicationCodeLocationDescription: { BucketARN: 'arn:aws:s3:::bucket', FileKey: fileKey } },
      },
    },
  },
});

/** A virtual clock: sleeping advances it, so waits run instantly and deterministically. */
function lifecycle(): LifecycleOptions & { lines: string[] } {
  let clock = 0;
  const lines: string[] = [];
  return {
    client: new KinesisAnalyticsV2Client({ region: 'eu-west-1' }),
    applicationName: APP,
    log: (line) => lines.push(line),
    sleep: (ms) => {
      clock += ms;
      return Promise.resolve();
    },
    now: () => clock,
    pollMs: 10_000,
    timeoutMs: 60_000,
    lines,
  };
}

beforeEach(() => kda.reset());

describe('planStart', () => {
  it.each([
    ['READY', { action: 'start' }],
    ['RUNNING', { action: 'none', reason: `already RUNNING with ${KEY}` }],
    ['STARTING', { action: 'wait', until: 'RUNNING' }],
    ['UPDATING', { action: 'wait', until: 'RUNNING' }],
    ['AUTOSCALING', { action: 'wait', until: 'RUNNING' }],
    ['STOPPING', { action: 'wait', until: 'READY' }],
    ['FORCE_STOPPING', { action: 'wait', until: 'READY' }],
  ])('%s → %j', (status, plan) => {
    expect(planStart({ status, fileKey: KEY }, KEY)).toEqual(plan);
  });

  it('refuses statuses that need a person, and code other than the deployed artifact', () => {
    expect(planStart({ status: 'ROLLED_BACK', fileKey: KEY }, KEY)).toMatchObject({ action: 'fail' });
    expect(planStart({ status: 'READY', fileKey: 'flink/old.jar' }, KEY)).toEqual({
      action: 'fail',
      reason: `the application runs code flink/old.jar, not ${KEY}: did the deploy apply?`,
    });
  });
});

describe('planStop', () => {
  it.each([
    ['RUNNING', 'stop'],
    ['READY', 'none'],
    ['STOPPING', 'wait'],
    ['STARTING', 'fail'],
    ['DELETING', 'fail'],
  ])('%s → %s', (status, action) => {
    expect(planStop({ status, fileKey: KEY }).action).toBe(action);
  });
});

describe('ensureRunning', () => {
  it('starts a READY application (restoring its latest snapshot by default) and waits until RUNNING', async () => {
    kda
      .on(DescribeApplicationCommand)
      .resolvesOnce(described('READY'))
      .resolvesOnce(described('STARTING'))
      .resolvesOnce(described('STARTING'))
      .resolves(described('RUNNING'));
    kda.on(StartApplicationCommand).resolves({});
    const options = lifecycle();

    await expect(ensureRunning({ ...options, expectedFileKey: KEY })).resolves.toEqual({ status: 'RUNNING', fileKey: KEY });

    expect(kda.commandCalls(StartApplicationCommand).map((call) => call.args[0].input)).toEqual([{ ApplicationName: APP }]);
    expect(options.lines).toEqual([
      `Starting ${APP}…`,
      `  ${APP}: STARTING (0s)`,
      `  ${APP}: STARTING (10s)`,
      `  ${APP}: RUNNING (20s)`,
    ]);
  });

  it('skips the snapshot when asked', async () => {
    kda.on(DescribeApplicationCommand).resolvesOnce(described('READY')).resolves(described('RUNNING'));
    kda.on(StartApplicationCommand).resolves({});
    await ensureRunning({ ...lifecycle(), expectedFileKey: KEY, skipRestore: true });
    expect(kda.commandCalls(StartApplicationCommand)[0]?.args[0].input).toEqual({
      ApplicationName: APP,
      RunConfiguration: { ApplicationRestoreConfiguration: { ApplicationRestoreType: 'SKIP_RESTORE_FROM_SNAPSHOT' } },
    });
  });

  it('does nothing when it already runs this code', async () => {
    kda.on(DescribeApplicationCommand).resolves(described('RUNNING'));
    const options = lifecycle();
    await ensureRunning({ ...options, expectedFileKey: KEY });
    expect(kda.commandCalls(StartApplicationCommand)).toHaveLength(0);
    expect(options.lines).toEqual([`${APP}: already RUNNING with ${KEY}`]);
  });

  it('waits out an update CloudFormation started (new code on a running application) without starting it', async () => {
    kda.on(DescribeApplicationCommand).resolvesOnce(described('UPDATING')).resolvesOnce(described('UPDATING')).resolves(described('RUNNING'));
    await ensureRunning({ ...lifecycle(), expectedFileKey: KEY });
    expect(kda.commandCalls(StartApplicationCommand)).toHaveLength(0);
  });

  it('waits for a stop in progress to finish, then starts', async () => {
    kda
      .on(DescribeApplicationCommand)
      .resolvesOnce(described('STOPPING'))
      .resolvesOnce(described('READY'))
      .resolves(described('RUNNING'));
    kda.on(StartApplicationCommand).resolves({});
    await ensureRunning({ ...lifecycle(), expectedFileKey: KEY });
    expect(kda.commandCalls(StartApplicationCommand)).toHaveLength(1);
  });

  it('fails without starting when the application does not run the deployed code', async () => {
    kda.on(DescribeApplicationCommand).resolves(described('READY', 'flink/old.jar'));
    await expect(ensureRunning({ ...lifecycle(), expectedFileKey: KEY })).rejects.toThrow('runs code flink/old.jar');
    expect(kda.commandCalls(StartApplicationCommand)).toHaveLength(0);
  });
});

describe('ensureStopped', () => {
  it('stops a RUNNING application with a snapshot (not forced) and waits until READY', async () => {
    kda.on(DescribeApplicationCommand).resolvesOnce(described('RUNNING')).resolvesOnce(described('STOPPING')).resolves(described('READY'));
    kda.on(StopApplicationCommand).resolves({});
    await expect(ensureStopped(lifecycle())).resolves.toMatchObject({ status: 'READY' });
    expect(kda.commandCalls(StopApplicationCommand)[0]?.args[0].input).toEqual({ ApplicationName: APP, Force: false });
  });

  it('does nothing for a stopped application', async () => {
    kda.on(DescribeApplicationCommand).resolves(described('READY'));
    await ensureStopped(lifecycle());
    expect(kda.commandCalls(StopApplicationCommand)).toHaveLength(0);
  });
});

describe('waitForStatus', () => {
  it('gives up at the deadline, naming the status it is stuck in', async () => {
    kda.on(DescribeApplicationCommand).resolves(described('STARTING'));
    await expect(waitForStatus(lifecycle(), 'RUNNING')).rejects.toThrow(`${APP} was not RUNNING after 1m00s (still STARTING)`);
  });

  it('fails at once when the application settles somewhere else', async () => {
    kda.on(DescribeApplicationCommand).resolves(described('READY'));
    await expect(waitForStatus(lifecycle(), 'RUNNING')).rejects.toThrow(`${APP} settled in READY, not RUNNING`);
  });
});

test('formatElapsed', () => {
  expect([formatElapsed(0), formatElapsed(59_400), formatElapsed(61_000), formatElapsed(600_000)]).toEqual(['0s', '59s', '1m01s', '10m00s']);
});
