// How Lambda names the errors a function raises, and the messages of the errors the platform itself reports.

export interface ErrorDescription {
  errorType: string;
  errorMessage: string;
}

/** Lambda's Node.js runtime reports an error's name; thrown non-errors are reported by their JavaScript type. */
export function describeError(thrown: unknown): ErrorDescription {
  if (thrown instanceof Error) return { errorType: thrown.name, errorMessage: thrown.message };
  if (typeof thrown === 'string') return { errorType: 'string', errorMessage: thrown };
  return { errorType: typeof thrown, errorMessage: stringifyOrDescribe(thrown) };
}

function stringifyOrDescribe(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** The invoke response Lambda returns when a function runs past its timeout. */
export function timeoutError(requestId: string, timeoutSeconds: number): ErrorDescription {
  return {
    errorType: 'Sandbox.Timedout',
    errorMessage: `RequestId: ${requestId} Error: Task timed out after ${timeoutSeconds.toFixed(2)} seconds`,
  };
}

/** The execution environment's process died without reporting an error (killed, out of memory, exit()). */
export function exitError(requestId: string, detail: string): ErrorDescription {
  return { errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: ${detail}` };
}

/** Lambda's synchronous invoke response limit. */
export const MAX_RESPONSE_PAYLOAD_BYTES = 6 * 1024 * 1024;

export function responseTooLargeError(): ErrorDescription {
  return {
    errorType: 'Function.ResponseSizeTooLarge',
    errorMessage: `Response payload size exceeded maximum allowed payload size (${MAX_RESPONSE_PAYLOAD_BYTES} bytes).`,
  };
}
