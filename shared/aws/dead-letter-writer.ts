// Dead letters: the message shape for records that can never be processed, and the SQS writer that keeps them.
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { FieldError } from '../events/validation-errors';
import { utf8Bytes } from '../batching/chunk';
import { SQS_SEND_MESSAGE_BATCH_LIMITS } from '../batching/limits';
import type { RetryPolicy } from '../batching/retry-failed-entries';
import { sendMessagesWithRetry } from './sqs-sender';

/** Where the record came from: enough to find it again in the stream while it is retained. */
export interface DeadLetterSource {
  eventSourceARN: string;
  shardId: string;
  sequenceNumber: string;
  partitionKey: string;
  /** Epoch seconds with millisecond fraction, as Lambda delivers it. */
  approximateArrivalTimestamp: number;
}

export interface DeadLetter {
  /** Machine-readable: `invalid-base64`, `invalid-utf8`, `invalid-json`, `schema-validation`. */
  reason: string;
  errors?: FieldError[];
  source: DeadLetterSource;
  /** Base64 of the raw record bytes, so the record can be inspected and replayed exactly. */
  data: string;
  /** Set when `data` had to be cut to fit the queue's message size; `dataBytes` is then the original size. */
  dataTruncated?: true;
  dataBytes?: number;
  /** The Lambda function that gave up on the record. */
  function: string;
  /** ISO-8601 UTC time the dead letter was written. */
  at: string;
}

export interface DeadLetterFailure {
  letter: DeadLetter;
  errorCode: string;
}

export interface DeadLetterWriter {
  /** Resolves with the letters that could not be written after retries; never throws for them. */
  write(letters: readonly DeadLetter[]): Promise<DeadLetterFailure[]>;
}

const MAX_ERRORS_WHEN_TRUNCATED = 20;

/** Error paths can contain client-chosen field names of any length; bounded here so the letter always fits. */
const shortenErrors = (errors: FieldError[] | undefined): FieldError[] | undefined =>
  errors
    ?.slice(0, MAX_ERRORS_WHEN_TRUNCATED)
    .map((error) => ({ path: error.path.slice(0, 256), message: error.message.slice(0, 512) }));

/**
 * JSON for one message, within `maxBytes`. A Kinesis record may be 1 MiB (≈1.4 MB as base64) but an SQS
 * message is limited, so an oversized letter keeps a prefix of `data` (cut at a base64 quantum boundary),
 * is marked as truncated, and has its error list shortened.
 */
export function serializeDeadLetter(letter: DeadLetter, maxBytes = SQS_SEND_MESSAGE_BATCH_LIMITS.maxEntryBytes): string {
  const full = JSON.stringify(letter);
  if (utf8Bytes(full) <= maxBytes) return full;
  const marked: DeadLetter = {
    ...letter,
    errors: shortenErrors(letter.errors),
    data: '',
    dataTruncated: true,
    dataBytes: Buffer.from(letter.data, 'base64').length,
  };
  const room = maxBytes - utf8Bytes(JSON.stringify(marked));
  const keptChars = Math.max(0, Math.floor(room / 4) * 4);
  return JSON.stringify({ ...marked, data: letter.data.slice(0, keptChars) });
}

export function createSqsDeadLetterWriter(
  client: SQSClient,
  options: { queueUrl: string; retryPolicy?: RetryPolicy },
): DeadLetterWriter {
  return {
    async write(letters) {
      if (letters.length === 0) return [];
      const messages = letters.map((letter) => ({ letter, body: serializeDeadLetter(letter) }));
      const { failed } = await sendMessagesWithRetry(client, messages, options);
      return failed.map(({ entry, errorCode }) => ({ letter: entry.letter, errorCode }));
    },
  };
}
