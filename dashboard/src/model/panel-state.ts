// A panel's state after a refresh, and the one-line message it shows when it has no data or its API failed.

export type PanelState = 'loading' | 'live' | 'empty' | 'error';

export type PanelOutcome = { state: 'live'; note?: string } | { state: 'empty'; message: string } | { state: 'error'; message: string };

/** An API answer that was not 2xx; `body` is the parsed JSON when there was some. */
export class ApiError extends Error {
  constructor(
    readonly path: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`GET ${path} answered ${status}`);
    this.name = 'ApiError';
  }
}

const messageOf = (body: unknown): string | undefined =>
  typeof body === 'object' && body !== null && 'message' in body && typeof body.message === 'string' ? body.message : undefined;

/**
 * API Gateway answers 403 both for a wrong key ("Forbidden") and for a route the stack does not have ("Missing
 * Authentication Token"); telling them apart saves learners from re-entering a key that was fine.
 */
export function isKeyRejected(error: unknown): boolean {
  return error instanceof ApiError && error.status === 403 && messageOf(error.body) !== 'Missing Authentication Token';
}

export function describeFailure(error: unknown): string {
  if (error instanceof ApiError) {
    const message = messageOf(error.body);
    if (error.status === 403 && message === 'Missing Authentication Token') return `${error.path} is not part of this stack yet`;
    if (error.status === 403) return 'The API key was refused: enter a valid key above';
    if (error.status === 429) return 'Throttled by the API usage plan; retrying';
    return `${error.path} answered ${error.status}${message ? `: ${message}` : ''}`;
  }
  if (error instanceof TypeError) return 'The API could not be reached (network error)';
  return error instanceof Error ? error.message : String(error);
}

export function failureOutcome(error: unknown): PanelOutcome {
  return { state: 'error', message: describeFailure(error) };
}
