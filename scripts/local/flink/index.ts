// `npm start`'s Flink: the metrics job on a MiniCluster in a child JVM, reading the local Kinesis and writing the local DynamoDB.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { logsDir, startManagedProcess, type ManagedProcess } from '../emulators/process';
import type { ResolvedResource } from '../types';
import { checkJavaToolchain, type CommandProbe } from './java-toolchain';
import { formatProperties, localRuntimeProperties } from './local-properties';
import { ensureRunnerBuilt, runnerClasspath, runnerJvmFlags, runnerLayout } from './runner-build';

export { checkJavaToolchain, parseJavaMajorVersion } from './java-toolchain';
export { formatProperties, localRuntimeProperties } from './local-properties';

/** The runner's entry point (flink-sql/runner/pom.xml, main.class). */
export const RUNNER_MAIN_CLASS = 'streamingreference.flink.MetricsJobMain';

/**
 * How the job says it is RUNNING: Flink's own JobMaster log line, or the runner's line once its JobClient reports
 * RUNNING (whichever the runner's logging setup prints).
 */
export const JOB_RUNNING_PATTERN = /switched from state \w+ to RUNNING|job [0-9a-f]{32} is RUNNING/i;

export interface LocalFlinkOptions {
  projectRoot: string;
  /** The local cloud's resources (stream ARNs, the metrics table). */
  resources: readonly ResolvedResource[];
  /** The local cloud's SDK environment: endpoints and test credentials. */
  sdkEnv: Readonly<Record<string, string | undefined>>;
  region: string;
  log: (line: string) => void;
  /** Seconds the job may take from JVM start to RUNNING (MiniCluster start, planning, source start). */
  readyTimeoutMs?: number;
  /** Injected by tests; defaults to running `java -version` and `mvn -v`. */
  probe?: CommandProbe;
  env?: Readonly<Record<string, string | undefined>>;
}

export interface LocalFlink {
  status: 'running' | 'off';
  /** Why metrics are off, in words a person can act on. */
  reason?: string;
  logFile?: string;
  stop(): Promise<void>;
}

const off = (reason: string): LocalFlink => ({ status: 'off', reason, stop: () => Promise.resolve() });

/**
 * Never throws for a missing toolchain or a job that fails to start: the rest of the local cloud works without
 * metrics, so the caller gets `off` and a reason to print instead.
 */
export async function startLocalFlink(options: LocalFlinkOptions): Promise<LocalFlink> {
  const env = options.env ?? process.env;
  const toolchain = checkJavaToolchain(env, options.probe);
  if (!toolchain.ok) return off(toolchain.reason);
  const layout = runnerLayout(options.projectRoot);
  if (!existsSync(layout.pom)) return off(`the Flink runner is missing (${layout.pom})`);

  const stateDir = join(options.projectRoot, '.local', 'flink');
  let runner: ManagedProcess;
  try {
    await ensureRunnerBuilt({
      projectRoot: options.projectRoot,
      mvn: toolchain.mvn,
      stampFile: join(stateDir, 'build.sha256'),
      buildLogFile: join(logsDir, 'flink-build.log'),
      log: options.log,
    });
    const propertiesFile = join(stateDir, 'local.properties');
    mkdirSync(stateDir, { recursive: true });
    const properties = localRuntimeProperties({ resources: options.resources, sdkEnv: options.sdkEnv, region: options.region });
    writeFileSync(propertiesFile, formatProperties(properties, 'Written by npm start (scripts/local/flink); same keys as the Managed Flink property group'));
    runner = await startRunner(options, toolchain.java, propertiesFile);
  } catch (error) {
    return off(`the Flink job did not start: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { status: 'running', logFile: runner.logFile, stop: () => runner.stop() };
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

/**
 * Job state changes and the runner's own lines at INFO on the console (hence in flink.log), everything else at WARN.
 * Takes effect when a Log4j 2 SLF4J binding is on the runner's local classpath.
 */
export const LOCAL_LOG4J_CONFIG = `rootLogger.level = WARN
rootLogger.appenderRef.console.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss.SSS} %-5level %logger{1} - %msg%n
logger.jobs.name = org.apache.flink.runtime.executiongraph.ExecutionGraph
logger.jobs.level = INFO
logger.jobmaster.name = org.apache.flink.runtime.jobmaster.JobMaster
logger.jobmaster.level = INFO
logger.runner.name = streamingreference
logger.runner.level = INFO
`;

async function startRunner(options: LocalFlinkOptions, java: string, propertiesFile: string): Promise<ManagedProcess> {
  const layout = runnerLayout(options.projectRoot);
  const log4jConfig = join(dirname(propertiesFile), 'log4j2.properties');
  writeFileSync(log4jConfig, LOCAL_LOG4J_CONFIG);
  const args = [
    ...runnerJvmFlags(readFileSync(layout.pom, 'utf8')),
    `-Dlog4j.configurationFile=${log4jConfig}`,
    '-cp',
    runnerClasspath(layout),
    RUNNER_MAIN_CLASS,
    '--properties',
    propertiesFile,
  ];
  const logFile = join(logsDir, 'flink.log');
  options.log(`starting the Flink metrics job (MiniCluster) → ${logFile}`);
  return startManagedProcess({
    name: 'flink',
    command: process.execPath,
    args: ['-e', jvmWrapper, java, ...args],
    env: { ...process.env, ...(options.env ?? {}) },
    isReady: () => Promise.resolve(logShowsRunning(logFile)),
    readyTimeoutMs: options.readyTimeoutMs ?? 180_000,
    stopTimeoutMs: 10_000,
  });
}

function logShowsRunning(logFile: string): boolean {
  try {
    return JOB_RUNNING_PATTERN.test(readFileSync(logFile, 'utf8'));
  } catch {
    return false;
  }
}
