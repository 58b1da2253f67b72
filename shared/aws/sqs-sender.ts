// SQS SendMessageBatch within the API limits, resending only the messages that failed.
import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { utf8Bytes } from '../batching/chunk';
import { SQS_SEND_MESSAGE_BATCH_LIMITS } from '../batching/limits';
import type { EntryResult, FailedEntry, RetryPolicy } from '../batching/retry-failed-entries';
import { sendInChunksWithRetry } from '../batching/send-in-chunks';
import { classifyAwsError, entryError } from './aws-errors';

export interface SqsMessageEntry {
  body: string;
}

export interface SendMessagesReport<T> {
  /** `value` is the SQS MessageId. */
  succeeded: Array<{ entry: T; value: string }>;
  failed: Array<FailedEntry<T>>;
}

export interface SendMessagesOptions {
  queueUrl: string;
  retryPolicy?: RetryPolicy;
}

/**
 * Writes every message in batches of up to 10. SendMessageBatch answers with separate Successful and Failed
 * lists keyed by the entry Id (here: the index in the request); `SenderFault` failures are not retried.
 */
export async function sendMessagesWithRetry<T extends SqsMessageEntry>(
  client: SQSClient,
  entries: readonly T[],
  { queueUrl, retryPolicy }: SendMessagesOptions,
): Promise<SendMessagesReport<T>> {
  return sendInChunksWithRetry(entries, {
    limits: SQS_SEND_MESSAGE_BATCH_LIMITS,
    sizeOf: (entry) => utf8Bytes(entry.body),
    classifyError: classifyAwsError,
    oversizedErrorCode: 'MessageTooLarge',
    retryPolicy,
    send: async (batch) => {
      const response = await client.send(
        new SendMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: batch.map((entry, index) => ({ Id: String(index), MessageBody: entry.body })),
        }),
      );
      const succeeded = new Map((response.Successful ?? []).map((entry) => [entry.Id, entry.MessageId ?? '']));
      const failed = new Map((response.Failed ?? []).map((entry) => [entry.Id, entry]));
      return batch.map((_, index): EntryResult<string> => {
        const messageId = succeeded.get(String(index));
        if (messageId !== undefined) return { ok: true, value: messageId };
        const failure = failed.get(String(index));
        const error = entryError(failure?.Code ?? 'MissingFromResponse', failure?.Message);
        return failure?.SenderFault === true ? { ...error, retryable: false } : error;
      });
    },
  });
}
