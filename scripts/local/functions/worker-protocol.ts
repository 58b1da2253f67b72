// Messages between the function host and the Lambda runtime running inside each worker thread.

/** What a worker needs to load the function, passed as workerData. */
export interface WorkerBootstrap {
  bundlePath: string;
  handlerExport: string;
  /** As in the template, for Lambda's "index.handler is undefined" style messages. */
  handler: string;
}

/** Host → worker: run one invocation. The event travels as JSON text, as it does into Lambda. */
export interface InvokeMessage {
  type: 'invoke';
  requestId: string;
  eventJson: string;
  deadlineEpochMs: number;
  invokedFunctionArn: string;
}

/** Worker → host. */
export type RuntimeMessage =
  | { type: 'ready'; initDurationMs: number }
  /** stdout/stderr text, sent on the same channel as results so a function's logs precede its result. */
  | { type: 'output'; text: string }
  | { type: 'init-error'; errorType: string; errorMessage: string }
  | { type: 'result'; requestId: string; payloadJson: string }
  /** fatal: the environment is broken (uncaught exception, unhandled rejection) and must be replaced. */
  | { type: 'error'; requestId: string; errorType: string; errorMessage: string; fatal: boolean };

export function isRuntimeMessage(value: unknown): value is RuntimeMessage {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'ready' || type === 'output' || type === 'init-error' || type === 'result' || type === 'error';
}

export function isInvokeMessage(value: unknown): value is InvokeMessage {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'invoke';
}
