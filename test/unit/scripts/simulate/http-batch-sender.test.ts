// HTTP batch sender: the request it makes and how each producer-API answer maps to accept, retry or reject.
import {
  createHttpBatchSender,
  failedIdsIn,
  interpretResponse,
  parseRetryAfter,
} from '../../../../scripts/simulate/http-batch-sender';

const NOW = Date.parse('2026-11-26T08:00:00.000Z');
const IDS = ['id-1', 'id-2', 'id-3'];

const answer = (status: number, body: unknown = '', headers: Record<string, string> = {}) =>
  interpretResponse(status, new Headers(headers), typeof body === 'string' ? body : JSON.stringify(body), IDS, NOW);

describe('createHttpBatchSender', () => {
  it('posts { events } as JSON with the API key', async () => {
    const requests: Array<{ url: string; init: RequestInit }> = [];
    const fetchStub = ((url: string, init: RequestInit) => {
      requests.push({ url, init });
      return Promise.resolve(new Response(JSON.stringify({ accepted: 2, failed: 0 }), { status: 202 }));
    }) as unknown as typeof fetch;
    const send = createHttpBatchSender<{ n: number }>({ url: 'http://127.0.0.1:4000/local/clickstream/events', apiKey: 'key-1', fetch: fetchStub });

    await expect(send([{ n: 1 }, { n: 2 }], ['a', 'b'])).resolves.toEqual({ kind: 'accepted', status: 202 });

    expect(requests).toHaveLength(1);
    const [{ url, init }] = requests as [{ url: string; init: RequestInit }];
    expect(url).toBe('http://127.0.0.1:4000/local/clickstream/events');
    expect(init.method).toBe('POST');
    expect(init.headers).toEqual({ 'content-type': 'application/json', 'x-api-key': 'key-1' });
    expect(JSON.parse(init.body as string)).toEqual({ events: [{ n: 1 }, { n: 2 }] });
    expect(init.signal).toBeInstanceOf(AbortSignal);
  });

  it('turns an unreachable endpoint into a retry that names the cause', async () => {
    const refused = (() =>
      Promise.reject(new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:4000') }))) as unknown as typeof fetch;
    const send = createHttpBatchSender({ url: 'http://127.0.0.1:4000/x', apiKey: 'k', fetch: refused });

    await expect(send([{}], ['a'])).resolves.toEqual({
      kind: 'retry',
      reason: 'cannot reach http://127.0.0.1:4000/x: connect ECONNREFUSED 127.0.0.1:4000',
    });
  });

  it('turns a timeout into a retry', async () => {
    const slow = (() =>
      Promise.reject(new DOMException('The operation was aborted due to timeout', 'TimeoutError'))) as unknown as typeof fetch;
    const send = createHttpBatchSender({ url: 'http://api/x', apiKey: 'k', fetch: slow, timeoutMs: 1_500 });

    await expect(send([{}], ['a'])).resolves.toEqual({ kind: 'retry', reason: 'no answer from http://api/x within 1500 ms' });
  });
});

describe('interpretResponse', () => {
  it('accepts a 202', () => {
    expect(answer(202, { accepted: 3, failed: 0 })).toEqual({ kind: 'accepted', status: 202 });
  });

  it('on a 503 naming failed events, retries only those, after Retry-After', () => {
    const body = { message: 'Some events were not accepted', failed: [{ eventId: 'id-3', errorCode: 'ProvisionedThroughputExceededException' }] };
    expect(answer(503, body, { 'retry-after': '2' })).toEqual({
      kind: 'partial',
      status: 503,
      failedIds: ['id-3'],
      retryAfterMs: 2_000,
      reason: '503 Some events were not accepted',
    });
  });

  it('on a 503 without ids, retries the whole batch', () => {
    expect(answer(503, { message: 'Service Unavailable' })).toEqual({ kind: 'retry', status: 503, reason: '503 Service Unavailable' });
  });

  it('on a 429, retries the whole batch', () => {
    expect(answer(429, { message: 'Too Many Requests' }, { 'Retry-After': '1' })).toEqual({
      kind: 'retry',
      status: 429,
      retryAfterMs: 1_000,
      reason: '429 Too Many Requests',
    });
  });

  it.each([500, 502, 504])('retries a %i', (status) => {
    expect(answer(status, { message: 'Internal server error' })).toMatchObject({ kind: 'retry', status });
  });

  it('rejects a 400 with the first field error in the reason', () => {
    const body = {
      message: 'Invalid request',
      errors: [
        { path: 'events[0].page.url', message: 'Invalid URL' },
        { path: 'events[1].eventId', message: 'Invalid UUID' },
      ],
    };
    expect(answer(400, body)).toEqual({
      kind: 'rejected',
      status: 400,
      reason: '400 Invalid request (events[0].page.url: Invalid URL, and 1 more)',
    });
  });

  it('rejects a 413 and suggests smaller batches', () => {
    expect(answer(413, 'Request Entity Too Large')).toEqual({
      kind: 'rejected',
      status: 413,
      reason: '413 Payload Too Large: lower --batch-size',
    });
  });

  it.each([401, 403, 404])('treats a %i as fatal: no later request can succeed', (status) => {
    expect(answer(status, { message: 'Forbidden' })).toMatchObject({ kind: 'rejected', fatal: true, status });
  });

  it('treats a 2xx that still names failed events as partial', () => {
    expect(answer(200, { failedEventIds: ['id-1'] })).toMatchObject({ kind: 'partial', failedIds: ['id-1'] });
  });
});

describe('failedIdsIn', () => {
  it('reads failedEventIds, or failed as ids or objects, keeping only ids that were sent', () => {
    expect(failedIdsIn({ failedEventIds: ['id-2', 'other'] }, IDS)).toEqual(['id-2']);
    expect(failedIdsIn({ failed: ['id-1', 'id-1'] }, IDS)).toEqual(['id-1']);
    expect(failedIdsIn({ failed: [{ id: 'id-3' }, { eventId: 'id-2' }, { nope: 1 }] }, IDS)).toEqual(['id-3', 'id-2']);
    expect(failedIdsIn({ failed: 0 }, IDS)).toEqual([]);
    expect(failedIdsIn('not json', IDS)).toEqual([]);
  });
});

describe('parseRetryAfter', () => {
  it('reads delay-seconds and HTTP dates, and ignores anything else', () => {
    expect(parseRetryAfter('3', NOW)).toBe(3_000);
    expect(parseRetryAfter(new Date(NOW + 5_000).toUTCString(), NOW)).toBe(5_000);
    expect(parseRetryAfter(new Date(NOW - 5_000).toUTCString(), NOW)).toBe(0);
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
  });
});
