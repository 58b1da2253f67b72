// Posts batches to a producer API with an API key and maps its answers (202/400/413/429/503 …) onto send outcomes.
import type { SendBatch, SendOutcome } from './traffic';

export interface HttpBatchSenderOptions<P> {
  /** The full endpoint, e.g. http://127.0.0.1:4000/local/clickstream/events. */
  url: string;
  apiKey: string;
  /** Wraps the payloads into the request body; the producer APIs take `{ "events": [...] }`. */
  body?: (payloads: readonly P[]) => unknown;
  /** Per request; a timed-out request is retried like any transport error. */
  timeoutMs?: number;
  /** Injected by tests; the global fetch of Node 20 otherwise. */
  fetch?: typeof fetch;
  /** For Retry-After given as an HTTP date. */
  now?: () => number;
}

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function idOf(entry: unknown): string | undefined {
  if (typeof entry === 'string') return entry;
  if (isRecord(entry)) {
    const id = entry.eventId ?? entry.id;
    if (typeof id === 'string') return id;
  }
  return undefined;
}

/**
 * The ids a partial-failure answer names. Accepts `failedEventIds: string[]` and `failed: [id | {eventId}]`,
 * and keeps only ids that were in the request, so a malformed answer cannot make us send something else.
 */
export function failedIdsIn(body: unknown, sentIds: readonly string[]): string[] {
  if (!isRecord(body)) return [];
  const listed = Array.isArray(body.failedEventIds) ? body.failedEventIds : Array.isArray(body.failed) ? body.failed : [];
  const sent = new Set(sentIds);
  const ids = listed.map(idOf).filter((id): id is string => id !== undefined && sent.has(id));
  return [...new Set(ids)];
}

function messageOf(body: unknown, fallback: string): string {
  if (!isRecord(body)) return fallback;
  const message = typeof body.message === 'string' ? body.message : fallback;
  const errors = Array.isArray(body.errors) ? body.errors.filter(isRecord) : [];
  const first = errors[0];
  if (first === undefined) return message;
  const detail = `${String(first.path)}: ${String(first.message)}`;
  return errors.length > 1 ? `${message} (${detail}, and ${errors.length - 1} more)` : `${message} (${detail})`;
}

/** Maps one HTTP answer to what the runner should do with the batch. */
export function interpretResponse(
  status: number,
  headers: Headers,
  bodyText: string,
  sentIds: readonly string[],
  nowMs: number,
): SendOutcome {
  const body = parseJson(bodyText);
  const retryAfterMs = parseRetryAfter(headers.get('retry-after'), nowMs);
  const withRetryAfter = retryAfterMs === undefined ? {} : { retryAfterMs };
  if (status >= 200 && status < 300) {
    const failedIds = failedIdsIn(body, sentIds);
    if (failedIds.length === 0) return { kind: 'accepted', status };
    return { kind: 'partial', failedIds, status, reason: `${status}: ${failedIds.length} events not accepted` };
  }
  switch (status) {
    case 400:
      return { kind: 'rejected', status, reason: `400 ${messageOf(body, 'Bad Request')}` };
    case 401:
    case 403:
      return { kind: 'rejected', fatal: true, status, reason: `${status} ${messageOf(body, 'Forbidden')}: check the API key (--api-key or API_KEY)` };
    case 404:
      return { kind: 'rejected', fatal: true, status, reason: `404 ${messageOf(body, 'Not Found')}: check the API URL (--api-url or API_URL)` };
    case 413:
      return { kind: 'rejected', status, reason: '413 Payload Too Large: lower --batch-size' };
    case 429:
      return { kind: 'retry', status, reason: `429 ${messageOf(body, 'Too Many Requests')}`, ...withRetryAfter };
    case 503: {
      const failedIds = failedIdsIn(body, sentIds);
      const reason = `503 ${messageOf(body, 'Service Unavailable')}`;
      // Without ids nobody knows which events got through: resend all (at-least-once; duplicates keep their eventId).
      if (failedIds.length === 0) return { kind: 'retry', status, reason, ...withRetryAfter };
      return { kind: 'partial', failedIds, status, reason, ...withRetryAfter };
    }
    case 500:
    case 502:
    case 504:
      return { kind: 'retry', status, reason: `${status} ${messageOf(body, 'Server Error')}`, ...withRetryAfter };
    default:
      return { kind: 'rejected', status, reason: `${status} ${messageOf(body, 'Unexpected response')}` };
  }
}

/** By name, not instanceof: fetch's timeout is a DOMException, whose prototype chain varies between realms. */
const errorName = (error: unknown): unknown =>
  typeof error === 'object' && error !== null && 'name' in error ? error.name : undefined;

function describeTransportError(error: unknown, url: string, timeoutMs: number): string {
  const name = errorName(error);
  if (name === 'TimeoutError' || name === 'AbortError') return `no answer from ${url} within ${timeoutMs} ms`;
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return `cannot reach ${url}: ${cause ?? message}`;
}

export function createHttpBatchSender<P>(options: HttpBatchSenderOptions<P>): SendBatch<P> {
  const fetchImpl = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const now = options.now ?? Date.now;
  const body = options.body ?? ((payloads: readonly P[]) => ({ events: payloads }));
  return async (payloads, ids) => {
    let response: Response;
    let text: string;
    try {
      response = await fetchImpl(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': options.apiKey },
        body: JSON.stringify(body(payloads)),
        signal: AbortSignal.timeout(timeoutMs),
      });
      // Read the body even when it is not needed: an unread body keeps the keep-alive socket busy.
      text = await response.text();
    } catch (error) {
      return { kind: 'retry', reason: describeTransportError(error, options.url, timeoutMs) };
    }
    return interpretResponse(response.status, response.headers, text, ids, now());
  };
}
