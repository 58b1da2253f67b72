// Builds the Flink runner with Maven when its inputs changed, and hands back the classpath for a local (MiniCluster) run.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { formatBuildProgress, trackBuildProgress } from './build-progress';

export interface RunnerLayout {
  /** flink-sql/: the SQL files the runner loads from its classpath (sql/). */
  sqlDir: string;
  /** flink-sql/runner/ */
  runnerDir: string;
  pom: string;
  /** Compiled runner and the SQL resources. */
  classesDir: string;
  /** Written at package time by maven-dependency-plugin: every compile + provided dependency (the Flink runtime too). */
  dependencyClasspathFile: string;
}

export function runnerLayout(projectRoot: string): RunnerLayout {
  const sqlDir = join(projectRoot, 'flink-sql');
  const runnerDir = join(sqlDir, 'runner');
  return {
    sqlDir,
    runnerDir,
    pom: join(runnerDir, 'pom.xml'),
    classesDir: join(runnerDir, 'target', 'classes'),
    dependencyClasspathFile: join(runnerDir, 'target', 'local-classpath.txt'),
  };
}

/** Every file the build depends on, in a stable order: the POM, the runner's main sources and resources, the SQL. */
export function buildInputs(layout: RunnerLayout): string[] {
  const sql = existsSync(layout.sqlDir) ? readdirSync(layout.sqlDir).filter((name) => name.endsWith('.sql')).map((name) => join(layout.sqlDir, name)) : [];
  return [layout.pom, ...filesUnder(join(layout.runnerDir, 'src', 'main')), ...sql].sort();
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

/** Names and contents both count: a renamed SQL file changes what the runner loads. */
export function hashBuildInputs(files: readonly string[], root: string): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

export interface RunnerBuildOptions {
  projectRoot: string;
  mvn: string;
  /** Where the stamp of the last successful build's inputs lives (.local/flink/build.sha256). */
  stampFile: string;
  buildLogFile: string;
  log: (line: string) => void;
  /** How often a progress line is logged while Maven runs (default 10 s). */
  progressIntervalMs?: number;
  /** Aborting kills Maven (npm start's Ctrl-C during a first build). */
  signal?: AbortSignal;
}

/**
 * Skips Maven when the inputs hash matches the last successful build and its outputs are still there; otherwise
 * runs `mvn package -DskipTests` (the same build `flink:deploy` ships). Maven's full output goes to the build log;
 * a first build downloads ~300 MB, so a progress line (downloads, megabytes, current step) is logged every few seconds.
 */
export async function ensureRunnerBuilt(options: RunnerBuildOptions): Promise<RunnerLayout> {
  const layout = runnerLayout(options.projectRoot);
  const inputsHash = hashBuildInputs(buildInputs(layout), options.projectRoot);
  const built = existsSync(options.stampFile) && readFileSync(options.stampFile, 'utf8') === inputsHash;
  if (built && existsSync(layout.classesDir) && existsSync(layout.dependencyClasspathFile)) return layout;

  options.log(`building the Flink runner (mvn package; a first build downloads Flink, ~300 MB) → ${options.buildLogFile}`);
  const progress = trackBuildProgress();
  const startedAt = Date.now();
  const ticker = setInterval(
    () => options.log(`building the Flink runner: ${formatBuildProgress(progress.snapshot(), Date.now() - startedAt)}`),
    options.progressIntervalMs ?? 10_000,
  );
  try {
    await runLogged(options.mvn, ['-B', '-f', layout.pom, 'package', '-DskipTests'], {
      logFile: options.buildLogFile,
      cwd: options.projectRoot,
      onLine: (line) => progress.feed(line),
      signal: options.signal,
    });
  } finally {
    clearInterval(ticker);
  }
  options.log(`built the Flink runner in ${formatBuildProgress(progress.snapshot(), Date.now() - startedAt).replace(/ · now: .*$/, '')}`);
  mkdirSync(dirname(options.stampFile), { recursive: true });
  writeFileSync(options.stampFile, inputsHash);
  return layout;
}

/** The runner's own classes first, then its dependencies (as Maven resolved them). */
export function runnerClasspath(layout: RunnerLayout): string {
  const dependencies = readFileSync(layout.dependencyClasspathFile, 'utf8').trim();
  return [layout.classesDir, ...(dependencies ? [dependencies] : [])].join(delimiter);
}

/** The JVM flags the POM runs the tests with (`flink.jvm.opens`), so a local run opens the same JDK internals. */
export function runnerJvmFlags(pomXml: string): string[] {
  const match = /<flink\.jvm\.opens>([^<]*)<\/flink\.jvm\.opens>/.exec(pomXml);
  return match?.[1]?.trim().split(/\s+/).filter(Boolean) ?? [];
}

interface LoggedRun {
  logFile: string;
  cwd: string;
  onLine: (line: string) => void;
  signal?: AbortSignal;
}

/** Runs a command with its output teed to a log file and, line by line, to `onLine`. */
function runLogged(command: string, args: readonly string[], run: LoggedRun): Promise<void> {
  mkdirSync(dirname(run.logFile), { recursive: true });
  const log = createWriteStream(run.logFile);
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { cwd: run.cwd, stdio: ['ignore', 'pipe', 'pipe'], signal: run.signal });
    for (const output of [child.stdout, child.stderr]) {
      output.pipe(log, { end: false });
      createInterface({ input: output }).on('line', run.onLine);
    }
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`}); see ${run.logFile}`));
    });
  }).finally(() => new Promise<void>((resolve) => log.end(resolve)));
}
