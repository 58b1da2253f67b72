// `npm start`'s Flink: the metrics job on a MiniCluster in a child JVM, reading the local Kinesis and writing the local DynamoDB.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { logsDir, startManagedProcess, type ManagedProcess } from '../emulators/process';
import type { ResolvedResource } from '../types';
import { checkJavaToolchain, type CommandProbe } from './java-toolchain';
import { formatProperties, localRuntimeProperties } from './local-properties';
import { ensureRunnerBuilt, runnerClasspath, runnerJvmFlags, runnerLayout } from './runner-build';

export { checkJavaToolchain, parseJavaMajorVersion } from './java-toolchain';
export { formatProperties, localRuntimeProperties } from './local-properties';

/** The runner's entry point (flink-sql/runner/pom.xml, main.class). */
export const RUNNER_MAIN_CLASS = 'streamingreference.flink.MetricsJobMain';

/** The line the runner logs once its job is RUNNING (flink-sql/runner JobStatusWatch.runningLine). */
export const JOB_RUNNING_PATTERN = /job ([0-9a-f]{32}) is RUNNING/;

/** `LOCAL_FLINK=off` skips the job (npm start, the integration tests) even where Java and Maven are installed. */
export const LOCAL_FLINK_SWITCH = 'LOCAL_FLINK';

export interface LocalFlinkOptions {
  projectRoot: string;
  /** The local cloud's resources (stream ARNs, the metrics table). */
  resources: readonly ResolvedResource[];
  /** The local cloud's SDK environment: endpoints and test credentials. */
  sdkEnv: Readonly<Record<string, string | undefined>>;
  region: string;
  log: (line: string) => void;
  /** Milliseconds the job may take from JVM start to RUNNING (MiniCluster start, planning, submission). */
  readyTimeoutMs?: number;
  /** Names the log (.local/logs/<name>.log) and the properties file, so a test run and `npm start` do not collide. */
  name?: string;
  /** Aborting stops a build or a start in progress; the result is then `off`. */
  signal?: AbortSignal;
  /** Injected by tests; defaults to running `java -version` and `mvn -v`. */
  probe?: CommandProbe;
  env?: Readonly<Record<string, string | undefined>>;
}

export interface LocalFlink {
  status: 'running' | 'off';
  /** Why metrics are off, in words a person can act on. */
  reason?: string;
  jobId?: string;
  logFile?: string;
  /** False once the JVM has exited (the job failed: its log says why). */
  isAlive(): boolean;
  stop(): Promise<void>;
}

const off = (reason: string): LocalFlink => ({ status: 'off', reason, isAlive: () => false, stop: () => Promise.resolve() });

/**
 * Never throws for a missing toolchain or a job that fails to start: the rest of the local cloud works without
 * metrics, so the caller gets `off` and a reason to print instead.
 */
export async function startLocalFlink(options: LocalFlinkOptions): Promise<LocalFlink> {
  const env = options.env ?? process.env;
  if (env[LOCAL_FLINK_SWITCH]?.toLowerCase() === 'off') return off(`${LOCAL_FLINK_SWITCH}=off`);
  const toolchain = checkJavaToolchain(env, options.probe);
  if (!toolchain.ok) return off(toolchain.reason);
  const layout = runnerLayout(options.projectRoot);
  if (!existsSync(layout.pom)) return off(`the Flink runner is missing (${layout.pom})`);

  const name = options.name ?? 'flink';
  const stateDir = join(options.projectRoot, '.local', 'flink');
  let runner: ManagedProcess;
  try {
    await ensureRunnerBuilt({
      projectRoot: options.projectRoot,
      mvn: toolchain.mvn,
      stampFile: join(stateDir, 'build.sha256'),
      buildLogFile: join(logsDir, 'flink-build.log'),
      log: options.log,
      signal: options.signal,
    });
    const propertiesFile = join(stateDir, `${name}.properties`);
    mkdirSync(stateDir, { recursive: true });
    const properties = localRuntimeProperties({ resources: options.resources, sdkEnv: options.sdkEnv, region: options.region });
    writeFileSync(propertiesFile, formatProperties(properties, 'Written by scripts/local/flink; same keys as the Managed Flink property group'));
    runner = await startRunner(options, name, toolchain.java, propertiesFile);
  } catch (error) {
    if (options.signal?.aborted) return off('stopped before the job started');
    return off(`the Flink job did not start: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (options.signal?.aborted) {
    await runner.stop();
    return off('stopped before the job started');
  }
  return {
    status: 'running',
    jobId: runningJobId(runner.logFile),
    logFile: runner.logFile,
    isAlive: () => isProcessAlive(runner.pid),
    stop: () => runner.stop(),
  };
}

/**
 * Java does not exit when its parent dies, so a small Node wrapper owns the JVM: it exits, killing the JVM, when
 * its stdin closes, which the kernel does when the local cloud's process dies for any reason (see emulators/process).
 */
const jvmWrapper = `
const { spawn } = require('node:child_process');
const [command, ...args] = process.argv.slice(1);
const jvm = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
const stop = () => {
  jvm.kill('SIGTERM');
  setTimeout(() => jvm.kill('SIGKILL'), 5000).unref();
};
process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.resume();
jvm.once('error', (error) => { console.error(error.message); process.exit(127); });
jvm.once('exit', (code, signal) => process.exit(code ?? (signal ? 128 : 1)));
`;

/** Job state changes and the runner's own lines at INFO, the rest at WARN (flink-sql/runner/log4j2-local.properties). */
export const localLog4jConfig = (projectRoot: string): string => join(runnerLayout(projectRoot).runnerDir, 'log4j2-local.properties');

async function startRunner(options: LocalFlinkOptions, name: string, java: string, propertiesFile: string): Promise<ManagedProcess> {
  const layout = runnerLayout(options.projectRoot);
  const args = [
    ...runnerJvmFlags(readFileSync(layout.pom, 'utf8')),
    `-Dlog4j.configurationFile=${localLog4jConfig(options.projectRoot)}`,
    // The Kinesis connector's shaded AWS SDK v1 logs through java.util.logging: warnings it prints once per client.
    `-Djava.util.logging.config.file=${join(layout.runnerDir, 'jul-local.properties')}`,
    '-cp',
    runnerClasspath(layout),
    RUNNER_MAIN_CLASS,
    '--properties',
    propertiesFile,
  ];
  const logFile = join(logsDir, `${name}.log`);
  options.log(`starting the Flink metrics job (MiniCluster) → ${logFile}`);
  return startManagedProcess({
    name,
    command: process.execPath,
    args: ['-e', jvmWrapper, java, ...args],
    env: { ...process.env, ...(options.env ?? {}) },
    // An abort ends the wait at once; the caller then stops the JVM.
    isReady: () => Promise.resolve(options.signal?.aborted === true || runningJobId(logFile) !== undefined),
    readyTimeoutMs: options.readyTimeoutMs ?? 180_000,
    stopTimeoutMs: 10_000,
  });
}

function runningJobId(logFile: string): string | undefined {
  try {
    return JOB_RUNNING_PATTERN.exec(readFileSync(logFile, 'utf8'))?.[1];
  } catch {
    return undefined;
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
