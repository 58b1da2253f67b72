// Resends only the entries of a batch request that failed, with full-jitter exponential backoff.

/** The outcome of one entry in one attempt. */
export type EntryResult<R> = { ok: true; value: R } | EntryError;

export interface EntryError {
  ok: false;
  errorCode: string;
  errorMessage?: string;
  /** Throttling and server-side errors are worth another attempt; validation or permission errors are not. */
  retryable: boolean;
}

export interface RetryPolicy {
  /** Attempts in total, the first one included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  sleep: (ms: number) => Promise<void>;
  /** In [0, 1); injected so tests are deterministic. */
  random: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 100,
  maxDelayMs: 2_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: () => Math.random(),
};

export interface FailedEntry<T> {
  entry: T;
  errorCode: string;
  errorMessage?: string;
}

export interface RetryReport<T, R> {
  succeeded: Array<{ entry: T; value: R }>;
  /** Entries that failed with a non-retryable error or were still failing after the last attempt. */
  failed: Array<FailedEntry<T>>;
  attempts: number;
}

/**
 * Sends `entries` and resolves with one result per entry, in the same order (PutRecords, PutRecordBatch and
 * SendMessageBatch all answer per entry). Throwing means the whole call failed.
 */
export type SendAttempt<T, R> = (entries: readonly T[]) => Promise<ReadonlyArray<EntryResult<R>>>;

/** Classifies an exception thrown by a whole call; the same error then applies to every entry of that call. */
export type ErrorClassifier = (error: unknown) => EntryError;

/**
 * "Full jitter" (AWS Architecture Blog, Exponential Backoff and Jitter): a uniformly random delay up to the
 * capped exponential. It spreads retrying clients apart better than a fixed or equal-jitter delay.
 */
export function fullJitterDelay(retry: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs' | 'random'>): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(policy.random() * ceiling);
}

async function attemptAll<T, R>(
  entries: readonly T[],
  send: SendAttempt<T, R>,
  classifyError: ErrorClassifier,
): Promise<ReadonlyArray<EntryResult<R>>> {
  let results: ReadonlyArray<EntryResult<R>>;
  try {
    results = await send(entries);
  } catch (error) {
    const entryError = classifyError(error);
    return entries.map(() => entryError);
  }
  if (results.length !== entries.length) {
    throw new Error(`Batch response has ${results.length} results for ${entries.length} entries`);
  }
  return results;
}

/**
 * Sends all entries, then resends only those that failed with a retryable error, until none is left or
 * `maxAttempts` is reached. Every entry ends up in exactly one of `succeeded` and `failed`: nothing is dropped.
 */
export async function retryFailedEntries<T, R>(
  entries: readonly T[],
  send: SendAttempt<T, R>,
  classifyError: ErrorClassifier,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): Promise<RetryReport<T, R>> {
  const report: RetryReport<T, R> = { succeeded: [], failed: [], attempts: 0 };
  let pending: readonly T[] = entries;

  while (pending.length > 0) {
    report.attempts += 1;
    if (report.attempts > 1) await policy.sleep(fullJitterDelay(report.attempts - 1, policy));
    const isLastAttempt = report.attempts >= policy.maxAttempts;
    const results = await attemptAll(pending, send, classifyError);
    const retry: T[] = [];
    results.forEach((result, index) => {
      const entry = pending[index] as T;
      if (result.ok) report.succeeded.push({ entry, value: result.value });
      else if (result.retryable && !isLastAttempt) retry.push(entry);
      else report.failed.push({ entry, errorCode: result.errorCode, errorMessage: result.errorMessage });
    });
    pending = retry;
  }
  return report;
}
