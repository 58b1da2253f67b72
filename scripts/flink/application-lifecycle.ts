// Managed Flink application lifecycle: what to do in each status (pure), and start/stop with a wait that reports progress.
import {
  DescribeApplicationCommand,
  StartApplicationCommand,
  StopApplicationCommand,
  type KinesisAnalyticsV2Client,
} from '@aws-sdk/client-kinesis-analytics-v2';

export interface ApplicationState {
  /** READY (stopped), STARTING, RUNNING, UPDATING, AUTOSCALING, STOPPING, FORCE_STOPPING, ROLLING_BACK, … */
  status: string;
  /** S3 key of the code the application is configured with. */
  fileKey: string | undefined;
}

export type StartPlan =
  | { action: 'start' }
  | { action: 'none'; reason: string }
  /** A transition is under way; once it settles in `status`, plan again. */
  | { action: 'wait'; until: 'RUNNING' | 'READY' }
  | { action: 'fail'; reason: string };

export type StopPlan = { action: 'stop' } | { action: 'none'; reason: string } | { action: 'wait'; until: 'READY' } | { action: 'fail'; reason: string };

/**
 * CloudFormation already applied the code: an update of a RUNNING application restarts it with the new code
 * (UPDATING, then RUNNING), and a READY one just keeps the new configuration. So only READY needs a start.
 */
export function planStart(state: ApplicationState, expectedFileKey: string): StartPlan {
  if (state.fileKey !== expectedFileKey) {
    return { action: 'fail', reason: `the application runs code ${state.fileKey ?? '(none)'}, not ${expectedFileKey}: did the deploy apply?` };
  }
  switch (state.status) {
    case 'READY':
      return { action: 'start' };
    case 'RUNNING':
      return { action: 'none', reason: `already RUNNING with ${expectedFileKey}` };
    case 'STARTING':
    case 'UPDATING':
    case 'AUTOSCALING':
      return { action: 'wait', until: 'RUNNING' };
    case 'STOPPING':
    case 'FORCE_STOPPING':
      return { action: 'wait', until: 'READY' };
    default:
      return { action: 'fail', reason: `the application is ${state.status}; check it in the console before starting it` };
  }
}

/** Stopping takes a snapshot (window state and stream positions) that the next start restores. */
export function planStop(state: ApplicationState): StopPlan {
  switch (state.status) {
    case 'READY':
      return { action: 'none', reason: 'already stopped (READY)' };
    case 'RUNNING':
      return { action: 'stop' };
    case 'STOPPING':
    case 'FORCE_STOPPING':
      return { action: 'wait', until: 'READY' };
    case 'STARTING':
    case 'UPDATING':
    case 'AUTOSCALING':
      // StopApplication is refused mid-transition; once RUNNING it can be stopped.
      return { action: 'fail', reason: `the application is ${state.status}; run the stop again once it is RUNNING` };
    default:
      return { action: 'fail', reason: `the application is ${state.status}; check it in the console` };
  }
}

export interface LifecycleOptions {
  client: KinesisAnalyticsV2Client;
  applicationName: string;
  log: (line: string) => void;
  /** Injected so tests neither sleep nor depend on the wall clock. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  pollMs?: number;
  /** Starting takes a few minutes (resources are provisioned, then the job restores from its snapshot). */
  timeoutMs?: number;
}

export async function describeApplication(client: KinesisAnalyticsV2Client, applicationName: string): Promise<ApplicationState> {
  const { ApplicationDetail: detail } = await client.send(new DescribeApplicationCommand({ ApplicationName: applicationName }));
  if (!detail) throw new Error(`DescribeApplication returned no detail for ${applicationName}`);
  const code = detail.ApplicationConfigurationDescription?.ApplicationCodeConfigurationDescription?.CodeContentDescription;
  return { status: detail.ApplicationStatus ?? 'UNKNOWN', fileKey: code?.S3ApplicationCodeLocationDescription?.FileKey };
}

/** Polls until the application is in `target`; prints a line whenever the status changes, and each poll otherwise. */
export async function waitForStatus(options: LifecycleOptions, target: 'RUNNING' | 'READY'): Promise<ApplicationState> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const pollMs = options.pollMs ?? 10_000;
  const startedAt = now();
  const deadline = startedAt + (options.timeoutMs ?? 20 * 60_000);
  for (;;) {
    const state = await describeApplication(options.client, options.applicationName);
    options.log(`  ${options.applicationName}: ${state.status} (${formatElapsed(now() - startedAt)})`);
    if (state.status === target) return state;
    if (!isTransitional(state.status)) throw new Error(`${options.applicationName} settled in ${state.status}, not ${target}`);
    if (now() >= deadline) throw new Error(`${options.applicationName} was not ${target} after ${formatElapsed(now() - startedAt)} (still ${state.status})`);
    await sleep(pollMs);
  }
}

const isTransitional = (status: string): boolean => ['STARTING', 'STOPPING', 'FORCE_STOPPING', 'UPDATING', 'AUTOSCALING'].includes(status);

export function formatElapsed(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}

export interface StartOptions extends LifecycleOptions {
  expectedFileKey: string;
  /** Start without the latest snapshot: for a SQL change whose state no longer matches the old job. */
  skipRestore?: boolean;
}

/** Brings the application to RUNNING with the expected code, starting it only if it is stopped. */
export async function ensureRunning(options: StartOptions): Promise<ApplicationState> {
  let state = await describeApplication(options.client, options.applicationName);
  for (;;) {
    const plan = planStart(state, options.expectedFileKey);
    if (plan.action === 'fail') throw new Error(`Cannot start ${options.applicationName}: ${plan.reason}`);
    if (plan.action === 'none') {
      options.log(`${options.applicationName}: ${plan.reason}`);
      return state;
    }
    if (plan.action === 'wait') {
      state = await waitForStatus(options, plan.until);
      continue;
    }
    options.log(`Starting ${options.applicationName}${options.skipRestore ? ' without restoring its latest snapshot' : ''}…`);
    // Without a restore type the service restores the latest snapshot when there is one, and starts empty otherwise.
    await options.client.send(
      new StartApplicationCommand({
        ApplicationName: options.applicationName,
        ...(options.skipRestore
          ? { RunConfiguration: { ApplicationRestoreConfiguration: { ApplicationRestoreType: 'SKIP_RESTORE_FROM_SNAPSHOT' } } }
          : {}),
      }),
    );
    return waitForStatus(options, 'RUNNING');
  }
}

/** Brings the application to READY; stopping takes a snapshot first (Force: false). */
export async function ensureStopped(options: LifecycleOptions): Promise<ApplicationState> {
  const state = await describeApplication(options.client, options.applicationName);
  const plan = planStop(state);
  if (plan.action === 'fail') throw new Error(`Cannot stop ${options.applicationName}: ${plan.reason}`);
  if (plan.action === 'none') {
    options.log(`${options.applicationName}: ${plan.reason}`);
    return state;
  }
  if (plan.action === 'stop') {
    options.log(`Stopping ${options.applicationName} (snapshot first)…`);
    await options.client.send(new StopApplicationCommand({ ApplicationName: options.applicationName, Force: false }));
  }
  return waitForStatus(options, 'READY');
}
