// The Lambda runtime inside one worker thread: loads the bundled handler once, then runs one invocation at a time.
import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';
import type { Callback, Context } from 'aws-lambda';
import { createLambdaContext } from './lambda-context';
import { describeError } from './lambda-errors';
import { isInvokeMessage, type InvokeMessage, type RuntimeMessage, type WorkerBootstrap } from './worker-protocol';

type LambdaHandler = (event: unknown, context: Context, callback: Callback) => unknown;
type WriteCallback = (error?: Error | null) => void;

/** The invocation in progress, for log lines and for errors that escape the handler. */
let currentRequestId: string | undefined;

function post(message: RuntimeMessage): void {
  parentPort?.postMessage(message);
}

/** Routes everything written to stdout/stderr (console, Powertools' own Console) through the result channel. */
function forwardOutput(stream: NodeJS.WriteStream): void {
  const write = (chunk: string | Uint8Array, encodingOrCallback?: BufferEncoding | WriteCallback, callback?: WriteCallback): boolean => {
    post({ type: 'output', text: typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8') });
    const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
    done?.();
    return true;
  };
  stream.write = write;
}

/** Lambda prefixes console output with time, request id and level (text log format). */
function patchConsoleLikeLambda(): void {
  const levels = { log: 'INFO', info: 'INFO', warn: 'WARN', error: 'ERROR', debug: 'DEBUG', trace: 'TRACE' } as const;
  for (const [method, level] of Object.entries(levels)) {
    console[method as keyof typeof levels] = (...args: unknown[]) => {
      process.stdout.write(`${new Date().toISOString()}\t${currentRequestId ?? 'undefined'}\t${level}\t${format(...args)}\n`);
    };
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

type HandlerOutcome = { ok: true; value: unknown } | { ok: false; thrown: unknown };

/** Async handlers settle their promise; callback handlers (three parameters) call back. Whatever comes first wins. */
function runHandler(handler: LambdaHandler, event: unknown, message: InvokeMessage): Promise<HandlerOutcome> {
  return new Promise((resolve) => {
    const succeed = (value: unknown): void => resolve({ ok: true, value });
    const fail = (thrown: unknown): void => resolve({ ok: false, thrown });
    const callback: Callback = (error, result) => (error ? fail(error) : succeed(result));
    const context = createLambdaContext({
      env: process.env,
      requestId: message.requestId,
      invokedFunctionArn: message.invokedFunctionArn,
      deadlineEpochMs: message.deadlineEpochMs,
      now: Date.now,
      callback,
    });
    try {
      const returned = handler(event, context, callback);
      if (isThenable(returned)) returned.then(succeed, fail);
      else if (handler.length < 3) succeed(returned);
    } catch (thrown) {
      fail(thrown);
    }
  });
}

/** The payload leaves Lambda as JSON: undefined becomes null, Dates become strings, functions vanish. */
function serialisePayload(result: unknown): string {
  return JSON.stringify(result === undefined ? null : result) ?? 'null';
}

async function invoke(handler: LambdaHandler, message: InvokeMessage): Promise<void> {
  currentRequestId = message.requestId;
  const outcome = await runHandler(handler, JSON.parse(message.eventJson) as unknown, message);
  if (!outcome.ok) {
    post({ type: 'error', requestId: message.requestId, ...describeError(outcome.thrown), fatal: false });
    return;
  }
  let payloadJson: string;
  try {
    payloadJson = serialisePayload(outcome.value);
  } catch (error) {
    post({ type: 'error', requestId: message.requestId, errorType: 'Runtime.MarshalError', errorMessage: describeError(error).errorMessage, fatal: false });
    return;
  }
  post({ type: 'result', requestId: message.requestId, payloadJson });
}

async function loadHandler(bootstrap: WorkerBootstrap): Promise<LambdaHandler | undefined> {
  const started = performance.now();
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(bootstrap.bundlePath).href)) as Record<string, unknown>;
  } catch (error) {
    post({ type: 'init-error', ...describeError(error) });
    return undefined;
  }
  const handler = module[bootstrap.handlerExport];
  if (typeof handler !== 'function') {
    post({ type: 'init-error', errorType: 'Runtime.HandlerNotFound', errorMessage: `${bootstrap.handler} is undefined or not exported` });
    return undefined;
  }
  post({ type: 'ready', initDurationMs: performance.now() - started });
  return handler as LambdaHandler;
}

/** An error escaping the handler's promise chain ends the execution environment, as in Lambda. */
function reportFatal(errorType: string, error: unknown): void {
  post({ type: 'error', requestId: currentRequestId ?? '', errorType, errorMessage: describeError(error).errorMessage, fatal: true });
}

async function main(): Promise<void> {
  forwardOutput(process.stdout);
  forwardOutput(process.stderr);
  patchConsoleLikeLambda();
  process.on('unhandledRejection', (reason) => reportFatal('Runtime.UnhandledPromiseRejection', reason));
  process.on('uncaughtException', (error) => reportFatal(describeError(error).errorType, error));
  const handler = await loadHandler(workerData as WorkerBootstrap);
  if (!handler) return;
  parentPort?.on('message', (message: unknown) => {
    if (isInvokeMessage(message)) void invoke(handler, message);
  });
}

if (parentPort) void main();
