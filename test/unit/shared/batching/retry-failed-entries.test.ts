// Unit tests: the retry-only-the-failed loop and its full-jitter backoff.
import {
  fullJitterDelay,
  retryFailedEntries,
  type EntryError,
  type EntryResult,
  type RetryPolicy,
} from '../../../../shared/batching/retry-failed-entries';

const sleeps: number[] = [];
const policy: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 100,
  maxDelayMs: 1_000,
  sleep: (ms) => {
    sleeps.push(ms);
    return Promise.resolve();
  },
  random: () => 0.5,
};
const throttled: EntryError = { ok: false, errorCode: 'Throttled', retryable: true };
const invalid: EntryError = { ok: false, errorCode: 'Invalid', retryable: false };
const ok = (value: string): EntryResult<string> => ({ ok: true, value });
const classify = (error: unknown): EntryError => ({
  ok: false,
  errorCode: (error as Error).name,
  retryable: (error as Error).name === 'ServiceUnavailable',
});

beforeEach(() => {
  sleeps.length = 0;
});

describe('retryFailedEntries', () => {
  it('resends only the entries that failed with a retryable error', async () => {
    const calls: string[][] = [];
    const send = (batch: readonly string[]) => {
      calls.push([...batch]);
      return Promise.resolve(batch.map((entry) => (entry === 'b' && calls.length === 1 ? throttled : ok(`${entry}!`))));
    };
    const report = await retryFailedEntries(['a', 'b', 'c'], send, classify, policy);
    expect(calls).toEqual([['a', 'b', 'c'], ['b']]);
    expect(report.succeeded.map((s) => s.value)).toEqual(['a!', 'c!', 'b!']);
    expect(report.failed).toEqual([]);
    expect(report.attempts).toBe(2);
  });

  it('does not resend entries with a non-retryable error', async () => {
    const send = jest.fn((batch: readonly string[]) => Promise.resolve(batch.map((entry) => (entry === 'a' ? invalid : ok(entry)))));
    const report = await retryFailedEntries(['a', 'b'], send, classify, policy);
    expect(send).toHaveBeenCalledTimes(1);
    expect(report.failed).toEqual([{ entry: 'a', errorCode: 'Invalid', errorMessage: undefined }]);
  });

  it('reports entries still failing after maxAttempts, with their last error code', async () => {
    const send = jest.fn((batch: readonly string[]) => Promise.resolve(batch.map(() => throttled)));
    const report = await retryFailedEntries(['a'], send, classify, policy);
    expect(send).toHaveBeenCalledTimes(4);
    expect(report).toEqual({ succeeded: [], failed: [{ entry: 'a', errorCode: 'Throttled' }], attempts: 4 });
  });

  it('retries a whole call that threw a retryable error, and gives up at once on another', async () => {
    const unavailable = Object.assign(new Error('down'), { name: 'ServiceUnavailable' });
    const send = jest.fn().mockRejectedValueOnce(unavailable).mockResolvedValueOnce([ok('a')]);
    expect((await retryFailedEntries(['a'], send, classify, policy)).succeeded).toHaveLength(1);

    const denied = Object.assign(new Error('no'), { name: 'AccessDenied' });
    const failing = jest.fn().mockRejectedValue(denied);
    const report = await retryFailedEntries(['a', 'b'], failing, classify, policy);
    expect(failing).toHaveBeenCalledTimes(1);
    expect(report.failed.map((f) => f.errorCode)).toEqual(['AccessDenied', 'AccessDenied']);
  });

  it('waits a full-jitter delay between attempts and not before the first', async () => {
    await retryFailedEntries(['a'], (batch) => Promise.resolve(batch.map(() => throttled)), classify, policy);
    // random 0.5 × min(1000, 100·2^(n-1)) for retries 1..3
    expect(sleeps).toEqual([50, 100, 200]);
  });

  it('sends nothing for no entries', async () => {
    const send = jest.fn();
    expect(await retryFailedEntries([], send, classify, policy)).toEqual({ succeeded: [], failed: [], attempts: 0 });
    expect(send).not.toHaveBeenCalled();
  });

  it('rejects a response whose length does not match the request', async () => {
    await expect(retryFailedEntries(['a', 'b'], () => Promise.resolve([ok('a')]), classify, policy)).rejects.toThrow(
      '1 results for 2 entries',
    );
  });
});

describe('fullJitterDelay', () => {
  it('is random × the capped exponential', () => {
    const at = (retry: number, random: number) => fullJitterDelay(retry, { baseDelayMs: 100, maxDelayMs: 1_000, random: () => random });
    expect(at(1, 0.999)).toBe(99);
    expect(at(4, 0.5)).toBe(400);
    expect(at(10, 0.5)).toBe(500);
    expect(at(3, 0)).toBe(0);
  });
});
