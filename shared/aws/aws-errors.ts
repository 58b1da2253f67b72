// Decides which AWS errors deserve another attempt, for whole calls and for single entries of a batch response.
import type { EntryError } from '../batching/retry-failed-entries';

const THROTTLING_OR_TRANSIENT = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'LimitExceededException',
  'KMSThrottlingException',
  'ServiceUnavailableException',
  'ServiceUnavailable',
  'InternalFailure',
  'InternalServerError',
  'InternalError',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);

const NETWORK_ERROR_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND']);

/** Codes a batch response reports per entry that will fail again however often they are resent. */
const PERMANENT_ENTRY_CODES = /AccessDenied|NotFound|Disabled|InvalidState|Validation|InvalidParameter|Unauthorized/i;

interface ErrorShape {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  $fault?: unknown;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

const asShape = (error: unknown): ErrorShape => (typeof error === 'object' && error !== null ? error : {});

/** Whole-call exception: throttling, 5xx and network errors are retryable; client errors (4xx) are not. */
export function classifyAwsError(error: unknown): EntryError {
  const shape = asShape(error);
  const name = typeof shape.name === 'string' ? shape.name : 'UnknownError';
  const errorMessage = typeof shape.message === 'string' ? shape.message : String(error);
  const status = typeof shape.$metadata?.httpStatusCode === 'number' ? shape.$metadata.httpStatusCode : undefined;
  const retryable =
    THROTTLING_OR_TRANSIENT.has(name) ||
    shape.$retryable !== undefined ||
    shape.$fault === 'server' ||
    (status !== undefined && (status >= 500 || status === 429)) ||
    (typeof shape.code === 'string' && NETWORK_ERROR_CODES.has(shape.code));
  return { ok: false, errorCode: name, errorMessage, retryable };
}

/**
 * An error reported for one entry of a batch response (PutRecords, PutRecordBatch, SendMessageBatch).
 * Unknown codes are retried: a few wasted attempts cost less than failing an entry on a transient error.
 */
export function entryError(errorCode: string | undefined, errorMessage: string | undefined): EntryError {
  const code = errorCode ?? 'UnknownError';
  return { ok: false, errorCode: code, errorMessage, retryable: !PERMANENT_ENTRY_CODES.test(code) };
}
