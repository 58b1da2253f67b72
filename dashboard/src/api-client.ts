// GETs against the stack's keyed read APIs; one request per path per refresh round, however many panels ask.
import { ApiError, isKeyRejected } from './model/panel-state';

export interface ApiClient {
  get<T>(path: string): Promise<T>;
  /** Starts a refresh round: answers of the previous round are not reused. */
  newRound(): void;
}

export function createApiClient(baseUrl: string, apiKey: () => string | undefined, onKeyRejected: () => void): ApiClient {
  let round = new Map<string, Promise<unknown>>();

  async function fetchJson(path: string): Promise<unknown> {
    const response = await fetch(`${baseUrl}${path}`, { headers: { 'x-api-key': apiKey() ?? '', accept: 'application/json' }, cache: 'no-store' });
    const text = await response.text();
    let body: unknown;
    try {
      body = text ? (JSON.parse(text) as unknown) : undefined;
    } catch {
      body = text;
    }
    if (!response.ok) {
      const error = new ApiError(path, response.status, body);
      if (isKeyRejected(error)) onKeyRejected();
      throw error;
    }
    return body;
  }

  return {
    get<T>(path: string): Promise<T> {
      let pending = round.get(path);
      if (!pending) {
        pending = fetchJson(path);
        round.set(path, pending);
      }
      return pending as Promise<T>;
    },
    newRound() {
      round = new Map();
    },
  };
}
