// Emulator child processes: spawned with a log file, polled until they answer, and never outliving their parent.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Stoppable } from '../types';

export const projectRoot = join(__dirname, '..', '..', '..');
export const logsDir = join(projectRoot, '.local', 'logs');

/** A running emulator: where to reach it and how to stop it. */
export interface EmulatorHandle extends Stoppable {
  endpoint: string;
  pid: number;
  logFile: string;
}

export interface ManagedProcessOptions {
  /** Names the log file (.local/logs/<name>.log) and error messages. */
  name: string;
  command: string;
  args: readonly string[];
  env: NodeJS.ProcessEnv;
  /** Resolves true once the service answers requests. */
  isReady: () => Promise<boolean>;
  readyTimeoutMs?: number;
  stopTimeoutMs?: number;
}

export interface ManagedProcess extends Stoppable {
  pid: number;
  logFile: string;
}

type ExitStatus = { code: number | null; signal: NodeJS.Signals | null; error?: Error };

const readyPollMs = 50;

/**
 * Starts a process whose stdin is a pipe it must watch: when this Node process dies, even by SIGKILL, the kernel
 * closes the pipe and the child's wrapper exits. It also leads its own process group, so stop() reaches anything
 * it started. The command must therefore be a wrapper that exits on stdin EOF (see moto.ts, kinesis-local.ts).
 */
export async function startManagedProcess(options: ManagedProcessOptions): Promise<ManagedProcess> {
  mkdirSync(logsDir, { recursive: true });
  const logFile = join(logsDir, `${options.name}.log`);
  const logFd = openSync(logFile, 'w');
  let child: ChildProcess;
  try {
    child = spawn(options.command, options.args, {
      env: options.env,
      stdio: ['pipe', logFd, logFd],
      detached: process.platform !== 'win32',
    });
  } finally {
    closeSync(logFd);
  }
  // EPIPE once the child has gone is expected; the pipe exists only to signal our own death.
  child.stdin?.on('error', () => undefined);
  const exited = new Promise<ExitStatus>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', (error) => resolve({ code: null, signal: null, error }));
  });
  const stop = onceOnly(() => stopChild(child, exited, options.stopTimeoutMs ?? 5_000));
  try {
    await waitUntilReady(options, child, exited, logFile);
  } catch (error) {
    await stop();
    throw error;
  }
  return { pid: child.pid ?? -1, logFile, stop };
}

async function waitUntilReady(
  options: ManagedProcessOptions,
  child: ChildProcess,
  exited: Promise<ExitStatus>,
  logFile: string,
): Promise<void> {
  const timeoutMs = options.readyTimeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  let exit: ExitStatus | undefined;
  void exited.then((status) => (exit = status));
  while (Date.now() < deadline) {
    if (exit) throw new Error(`${options.name} exited before it was ready (${describeExit(exit)})${logTail(logFile)}`);
    // Checking the pid after the answer guards against another process answering on the same port.
    if ((await options.isReady()) && child.exitCode === null && child.signalCode === null) return;
    await sleep(readyPollMs);
  }
  throw new Error(`${options.name} did not answer within ${timeoutMs} ms${logTail(logFile)}`);
}

async function stopChild(child: ChildProcess, exited: Promise<ExitStatus>, timeoutMs: number): Promise<void> {
  // Closing stdin is the wrappers' own exit path (the one a dying parent takes too); signals are the fallback.
  child.stdin?.destroy();
  if (child.pid === undefined) return;
  if (child.exitCode === null && child.signalCode === null && !(await exitsWithin(exited, timeoutMs))) {
    signalGroup(child, 'SIGTERM');
    if (!(await exitsWithin(exited, timeoutMs))) {
      signalGroup(child, 'SIGKILL');
      await exited;
    }
  }
  // Anything the emulator itself started is still in its process group; the group dies with it.
  signalGroup(child, 'SIGKILL');
}

function exitsWithin(exited: Promise<ExitStatus>, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    void exited.then(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    if (process.platform === 'win32') child.kill(signal);
    else process.kill(-child.pid, signal);
  } catch {
    // ESRCH: the group is already empty.
  }
}

function onceOnly(action: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= action());
}

function describeExit(status: ExitStatus): string {
  if (status.error) return status.error.message;
  return status.signal ? `signal ${status.signal}` : `exit code ${status.code}`;
}

/** The last lines of a log file, formatted to append to an error message. */
export function logTail(logFile: string, lines = 20): string {
  try {
    const text = readFileSync(logFile, 'utf8').trimEnd();
    if (!text) return `; ${logFile} is empty`;
    const tail = text.split('\n').slice(-lines).join('\n');
    return `; last lines of ${logFile}:\n${tail}`;
  } catch {
    return '';
  }
}

/** True once anything answers HTTP at the URL, whatever the status code. */
export function answersHttp(url: string, method = 'GET', timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(url, { method, agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(true);
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve(false));
    req.end();
  });
}

/** A TCP port that is free on the host right now (the emulators need a number before they start). */
export function findFreePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error(`no free port on ${host}`))));
    });
  });
}

/** The port to start an emulator on: the one asked for, or a free one for 0. */
export async function resolvePort(host: string, port: number | undefined): Promise<number> {
  return port ? port : findFreePort(host);
}

/** True while a process with this pid runs (used by tests and diagnostics to prove nothing was left behind). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
}

/** An exited process that its (new) parent has not reaped yet still answers kill(pid, 0); Linux marks it "Z". */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}
