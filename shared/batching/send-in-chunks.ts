// Chunks entries to an API's limits and sends each chunk with retry-only-the-failed; the shape every batch adapter shares.
import { chunkByCountAndBytes } from './chunk';
import type { BatchLimits } from './limits';
import {
  DEFAULT_RETRY_POLICY,
  retryFailedEntries,
  type ErrorClassifier,
  type RetryPolicy,
  type RetryReport,
  type SendAttempt,
} from './retry-failed-entries';

export interface ChunkedSendOptions<T, R> {
  limits: BatchLimits;
  sizeOf: (entry: T) => number;
  send: SendAttempt<T, R>;
  classifyError: ErrorClassifier;
  /** Reported for entries above `limits.maxEntryBytes`, which are never sent. */
  oversizedErrorCode: string;
  retryPolicy?: RetryPolicy;
}

/**
 * Chunks run one after another, in input order: this keeps the relative order of entries that share a
 * partition key on the first attempt, and bounds the request rate one caller puts on a stream.
 */
export async function sendInChunksWithRetry<T, R>(
  entries: readonly T[],
  options: ChunkedSendOptions<T, R>,
): Promise<RetryReport<T, R>> {
  const { chunks, oversized } = chunkByCountAndBytes(entries, options.limits, options.sizeOf);
  const report: RetryReport<T, R> = {
    succeeded: [],
    failed: oversized.map((entry) => ({
      entry,
      errorCode: options.oversizedErrorCode,
      errorMessage: `Entry exceeds ${options.limits.maxEntryBytes} bytes`,
    })),
    attempts: 0,
  };
  for (const chunk of chunks) {
    const chunkReport = await retryFailedEntries(
      chunk,
      options.send,
      options.classifyError,
      options.retryPolicy ?? DEFAULT_RETRY_POLICY,
    );
    report.succeeded.push(...chunkReport.succeeded);
    report.failed.push(...chunkReport.failed);
    report.attempts = Math.max(report.attempts, chunkReport.attempts);
  }
  return report;
}
