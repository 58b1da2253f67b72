// The execution environments of one function: warm ones are reused, more are started for concurrent invocations.
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import type { InvokeOutcome, LambdaFunctionSpec } from '../types';
import { ExecutionEnvironment, InitFailure, type InvocationResult } from './execution-environment';
import { MAX_RESPONSE_PAYLOAD_BYTES, responseTooLargeError, timeoutError } from './lambda-errors';
import { logStreamNameFor, runtimeVariables } from './runtime-variables';

export interface FunctionPoolOptions {
  spec: LambdaFunctionSpec;
  baseEnv: Record<string, string>;
  runtimePath: string;
  bundlePath: string;
  handlerExport: string;
  /** Local concurrency limit; further invocations wait for a free environment instead of being throttled. */
  maxEnvironments: number;
  log: (line: string) => void;
}

export interface FunctionStats {
  functionName: string;
  environments: number;
  busy: number;
  queued: number;
  invocations: number;
  coldStarts: number;
  errors: number;
  timeouts: number;
}

type OutcomeWithoutDuration =
  | { kind: 'ok'; payload: unknown }
  | { kind: 'function-error'; errorType: string; errorMessage: string };

interface QueuedInvocation {
  eventJson: string;
  invokedFunctionArn: string;
  resolve: (outcome: InvokeOutcome) => void;
}

export class FunctionPool {
  private readonly environments = new Set<ExecutionEnvironment>();
  private readonly idle: ExecutionEnvironment[] = [];
  private readonly queue: QueuedInvocation[] = [];
  private running = 0;
  private readonly counters = { invocations: 0, coldStarts: 0, errors: 0, timeouts: 0 };
  private onDrained: (() => void) | undefined;

  constructor(private readonly options: FunctionPoolOptions) {}

  get spec(): LambdaFunctionSpec {
    return this.options.spec;
  }

  invoke(eventJson: string, invokedFunctionArn: string): Promise<InvokeOutcome> {
    return new Promise((resolve) => {
      this.queue.push({ eventJson, invokedFunctionArn, resolve });
      this.dispatch();
    });
  }

  stats(): FunctionStats {
    return {
      functionName: this.options.spec.functionName,
      environments: this.environments.size,
      busy: this.running,
      queued: this.queue.length,
      ...this.counters,
    };
  }

  /** Lets queued and running invocations finish (each is bounded by the timeout), then ends every environment. */
  async stop(): Promise<void> {
    if (this.running > 0 || this.queue.length > 0) await new Promise<void>((resolve) => (this.onDrained = resolve));
    await Promise.all([...this.environments].map((environment) => environment.terminate()));
    this.environments.clear();
    this.idle.length = 0;
  }

  /**
   * Ends environments the way a crash does (fault tests): an invocation in progress fails with Runtime.ExitError
   * and its environment is replaced. 'busy' ends only those running an invocation. Resolves with how many ended.
   */
  async terminateEnvironments(scope: 'busy' | 'all'): Promise<number> {
    const idle = new Set(this.idle);
    const ending = [...this.environments].filter((environment) => scope === 'all' || !idle.has(environment));
    for (const environment of ending.filter((candidate) => idle.has(candidate))) {
      this.environments.delete(environment);
      this.idle.splice(this.idle.indexOf(environment), 1);
    }
    await Promise.all(ending.map((environment) => environment.terminate()));
    return ending.length;
  }

  private dispatch(): void {
    this.forgetDeadIdleEnvironments();
    while (this.queue.length > 0) {
      const environment = this.takeIdle() ?? this.startIfRoom();
      if (!environment) return;
      const invocation = this.queue.shift();
      if (invocation) void this.run(environment, invocation);
    }
  }

  /** An idle environment can die (e.g. an error escaping after its invocation ended); it must not hold a slot. */
  private forgetDeadIdleEnvironments(): void {
    for (const environment of this.idle.filter((candidate) => !candidate.usable)) {
      this.environments.delete(environment);
      this.idle.splice(this.idle.indexOf(environment), 1);
    }
  }

  private takeIdle(): ExecutionEnvironment | undefined {
    return this.idle.pop();
  }

  private startIfRoom(): ExecutionEnvironment | undefined {
    if (this.environments.size >= this.options.maxEnvironments) return undefined;
    const { spec, baseEnv, runtimePath, bundlePath, handlerExport } = this.options;
    const environmentId = randomBytes(16).toString('hex');
    const environment = new ExecutionEnvironment({
      runtimePath,
      bootstrap: { bundlePath, handlerExport, handler: spec.handler },
      env: runtimeVariables({ spec, baseEnv, taskRoot: path.dirname(bundlePath), logStreamName: logStreamNameFor(new Date(), environmentId) }),
      memorySizeMb: spec.memorySizeMb,
      onOutput: this.options.log,
    });
    this.environments.add(environment);
    this.counters.coldStarts += 1;
    return environment;
  }

  private async run(environment: ExecutionEnvironment, invocation: QueuedInvocation): Promise<void> {
    this.running += 1;
    this.counters.invocations += 1;
    const result = await this.execute(environment, invocation).catch(
      (error: unknown): InvokeOutcome => ({ kind: 'function-error', errorType: 'Runtime.Unknown', errorMessage: String(error), durationMs: 0 }),
    );
    if (result.kind === 'function-error') this.counters.errors += 1;
    if (environment.usable) this.idle.push(environment);
    else this.environments.delete(environment);
    this.running -= 1;
    invocation.resolve(result);
    this.dispatch();
    if (this.running === 0 && this.queue.length === 0) this.onDrained?.();
  }

  private async execute(environment: ExecutionEnvironment, invocation: QueuedInvocation): Promise<InvokeOutcome> {
    const cold = environment.invocations === 0;
    let initDurationMs: number;
    try {
      initDurationMs = await environment.ready;
    } catch (error) {
      const description = error instanceof InitFailure ? error.description : { errorType: 'Runtime.Unknown', errorMessage: String(error) };
      this.options.log(`INIT_REPORT Phase: init Status: error Error Type: ${description.errorType} ${description.errorMessage}`);
      return { kind: 'function-error', ...description, durationMs: 0 };
    }
    const requestId = randomUUID();
    this.options.log(`START RequestId: ${requestId} Version: $LATEST`);
    const started = performance.now();
    const result = await environment.invoke({
      requestId,
      eventJson: invocation.eventJson,
      invokedFunctionArn: invocation.invokedFunctionArn,
      timeoutMs: this.options.spec.timeoutSeconds * 1000,
    });
    const durationMs = performance.now() - started;
    const outcome = { ...this.toOutcome(requestId, result), durationMs };
    this.logReport(requestId, durationMs, cold ? initDurationMs : undefined);
    return outcome;
  }

  private toOutcome(requestId: string, result: InvocationResult): OutcomeWithoutDuration {
    const { spec } = this.options;
    switch (result.kind) {
      case 'ok':
        if (Buffer.byteLength(result.payloadJson) > MAX_RESPONSE_PAYLOAD_BYTES) return { kind: 'function-error', ...responseTooLargeError() };
        return { kind: 'ok', payload: JSON.parse(result.payloadJson) as unknown };
      case 'timeout':
        this.counters.timeouts += 1;
        this.options.log(`${new Date().toISOString()} ${requestId} Task timed out after ${spec.timeoutSeconds.toFixed(2)} seconds`);
        return { kind: 'function-error', ...timeoutError(requestId, spec.timeoutSeconds) };
      case 'error':
      case 'crashed':
        return { kind: 'function-error', errorType: result.errorType, errorMessage: result.errorMessage };
    }
  }

  /** Lambda's END and REPORT lines, so a local log reads like CloudWatch. */
  private logReport(requestId: string, durationMs: number, initDurationMs: number | undefined): void {
    const init = initDurationMs === undefined ? '' : `\tInit Duration: ${initDurationMs.toFixed(2)} ms`;
    this.options.log(`END RequestId: ${requestId}`);
    this.options.log(
      `REPORT RequestId: ${requestId}\tDuration: ${durationMs.toFixed(2)} ms\tBilled Duration: ${Math.ceil(durationMs)} ms\tMemory Size: ${this.options.spec.memorySizeMb} MB${init}`,
    );
  }
}
