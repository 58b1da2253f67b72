// One Lambda execution environment: a worker thread with its own environment variables, module state and SDK clients.
import { Worker } from 'node:worker_threads';
import type { Readable } from 'node:stream';
import { exitError, type ErrorDescription } from './lambda-errors';
import { LineSplitter } from './log-sinks';
import { isRuntimeMessage, type InvokeMessage, type RuntimeMessage, type WorkerBootstrap } from './worker-protocol';

/** Lambda gives the init phase 10 seconds. */
const INIT_TIMEOUT_MS = 10_000;

export interface ExecutionEnvironmentOptions {
  runtimePath: string;
  bootstrap: WorkerBootstrap;
  env: Record<string, string>;
  memorySizeMb: number;
  onOutput: (line: string) => void;
}

export interface InvocationRequest {
  requestId: string;
  eventJson: string;
  invokedFunctionArn: string;
  timeoutMs: number;
}

export type InvocationResult =
  | { kind: 'ok'; payloadJson: string }
  | ({ kind: 'error' } & ErrorDescription)
  | { kind: 'timeout' }
  /** The environment died mid-invocation (uncaught error, unhandled rejection, out of memory, exit). */
  | ({ kind: 'crashed' } & ErrorDescription);

export class InitFailure extends Error {
  constructor(readonly description: ErrorDescription) {
    super(description.errorMessage);
    this.name = 'InitFailure';
  }
}

interface PendingInvocation {
  requestId: string;
  settle: (result: InvocationResult) => void;
}

export class ExecutionEnvironment {
  /** Resolves with the init duration once the handler module is loaded; rejects with InitFailure. */
  readonly ready: Promise<number>;
  invocations = 0;
  private readonly worker: Worker;
  private pending: PendingInvocation | undefined;
  private alive = true;
  private lastWorkerError: NodeJS.ErrnoException | undefined;
  private resolveReady!: (initDurationMs: number) => void;
  private rejectReady!: (failure: InitFailure) => void;
  private readonly initTimer: NodeJS.Timeout;
  private readonly output: LineSplitter;

  constructor(options: ExecutionEnvironmentOptions) {
    this.ready = new Promise<number>((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    this.ready.catch(() => undefined);
    this.worker = new Worker(options.runtimePath, {
      workerData: options.bootstrap,
      env: options.env,
      // Do not inherit the host's loaders (tsx, jest); honour the function's --enable-source-maps.
      execArgv: (options.env.NODE_OPTIONS ?? '').includes('--enable-source-maps') ? ['--enable-source-maps'] : [],
      stdout: true,
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: options.memorySizeMb },
    });
    this.output = new LineSplitter(options.onOutput);
    // Output that bypasses the runtime's forwarding (native writes) still arrives through the worker's streams.
    this.pipeOutput(this.worker.stdout, options.onOutput);
    this.pipeOutput(this.worker.stderr, options.onOutput);
    this.worker.on('message', (message: unknown) => {
      if (isRuntimeMessage(message)) this.onRuntimeMessage(message);
    });
    this.worker.on('error', (error) => (this.lastWorkerError = error));
    this.worker.on('exit', (code) => this.onExit(code));
    this.initTimer = setTimeout(() => this.failInit({ errorType: 'Sandbox.Timedout', errorMessage: `Init phase timed out after ${(INIT_TIMEOUT_MS / 1000).toFixed(2)} seconds` }), INIT_TIMEOUT_MS);
  }

  /** False once the environment has crashed, timed out or been terminated: it must not be reused. */
  get usable(): boolean {
    return this.alive;
  }

  invoke(request: InvocationRequest): Promise<InvocationResult> {
    if (!this.alive) return Promise.resolve({ kind: 'crashed', ...exitError(request.requestId, 'environment is gone') });
    if (this.pending) throw new Error('An execution environment runs one invocation at a time');
    this.invocations += 1;
    return new Promise<InvocationResult>((resolve) => {
      const timer = setTimeout(() => {
        settle({ kind: 'timeout' });
        void this.terminate();
      }, request.timeoutMs);
      const settle = (result: InvocationResult): void => {
        clearTimeout(timer);
        this.pending = undefined;
        resolve(result);
      };
      this.pending = { requestId: request.requestId, settle };
      const message: InvokeMessage = {
        type: 'invoke',
        requestId: request.requestId,
        eventJson: request.eventJson,
        invokedFunctionArn: request.invokedFunctionArn,
        deadlineEpochMs: Date.now() + request.timeoutMs,
      };
      this.worker.postMessage(message);
    });
  }

  async terminate(): Promise<void> {
    this.alive = false;
    clearTimeout(this.initTimer);
    await this.worker.terminate();
  }

  private pipeOutput(stream: Readable, onOutput: (line: string) => void): void {
    const lines = new LineSplitter(onOutput);
    stream.on('data', (chunk: Buffer) => lines.push(chunk));
    stream.on('end', () => lines.flush());
  }

  private onRuntimeMessage(message: RuntimeMessage): void {
    switch (message.type) {
      case 'output':
        this.output.push(message.text);
        return;
      case 'ready':
        clearTimeout(this.initTimer);
        this.resolveReady(message.initDurationMs);
        return;
      case 'init-error':
        this.failInit(message);
        return;
      case 'result':
        if (this.pending?.requestId === message.requestId) this.pending.settle({ kind: 'ok', payloadJson: message.payloadJson });
        return;
      case 'error':
        this.onErrorMessage(message);
    }
  }

  private onErrorMessage(message: Extract<RuntimeMessage, { type: 'error' }>): void {
    const description = { errorType: message.errorType, errorMessage: message.errorMessage };
    if (message.fatal) {
      this.pending?.settle({ kind: 'crashed', ...description });
      void this.terminate();
      return;
    }
    if (this.pending?.requestId === message.requestId) this.pending.settle({ kind: 'error', ...description });
  }

  private failInit(description: ErrorDescription): void {
    this.rejectReady(new InitFailure(description));
    void this.terminate();
  }

  private onExit(code: number): void {
    this.alive = false;
    this.output.flush();
    clearTimeout(this.initTimer);
    this.rejectReady(new InitFailure(exitError('', `exit status ${code}`)));
    if (!this.pending) return;
    const outOfMemory = this.lastWorkerError?.code === 'ERR_WORKER_OUT_OF_MEMORY';
    const description = exitError(this.pending.requestId, outOfMemory ? 'signal: killed' : `exit status ${code}`);
    this.pending.settle({ kind: 'crashed', ...description, errorType: outOfMemory ? 'Runtime.OutOfMemory' : description.errorType });
  }
}
