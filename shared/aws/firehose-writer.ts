// Firehose PutRecordBatch within the API limits, resending only failed records; and the event archive built on it.
import { PutRecordBatchCommand, type FirehoseClient, type PutRecordBatchResponseEntry } from '@aws-sdk/client-firehose';
import type { ArchiveEntry, ArchiveFailure, EventArchive } from '../events/archive';
import { FIREHOSE_PUT_RECORD_BATCH_LIMITS } from '../batching/limits';
import type { EntryResult, FailedEntry, RetryPolicy } from '../batching/retry-failed-entries';
import { sendInChunksWithRetry } from '../batching/send-in-chunks';
import { classifyAwsError, entryError } from './aws-errors';

export interface FirehosePutEntry {
  data: Uint8Array;
}

export interface PutRecordBatchReport<T> {
  /** `value` is Firehose's RecordId. */
  succeeded: Array<{ entry: T; value: string }>;
  failed: Array<FailedEntry<T>>;
}

export interface PutRecordBatchOptions {
  deliveryStreamName: string;
  retryPolicy?: RetryPolicy;
}

function toEntryResult(result: PutRecordBatchResponseEntry | undefined): EntryResult<string> {
  if (result?.RecordId !== undefined && result.ErrorCode === undefined) return { ok: true, value: result.RecordId };
  return entryError(result?.ErrorCode ?? 'MissingFromResponse', result?.ErrorMessage);
}

/**
 * Writes every entry in as few PutRecordBatch requests as the limits allow. Like PutRecords, the call can
 * succeed while single records fail (FailedPutCount > 0), so only those are resent.
 */
export async function putRecordBatchWithRetry<T extends FirehosePutEntry>(
  client: FirehoseClient,
  entries: readonly T[],
  { deliveryStreamName, retryPolicy }: PutRecordBatchOptions,
): Promise<PutRecordBatchReport<T>> {
  return sendInChunksWithRetry(entries, {
    limits: FIREHOSE_PUT_RECORD_BATCH_LIMITS,
    sizeOf: (entry) => entry.data.byteLength,
    classifyError: classifyAwsError,
    oversizedErrorCode: 'RecordTooLarge',
    retryPolicy,
    send: async (batch) => {
      const response = await client.send(
        new PutRecordBatchCommand({
          DeliveryStreamName: deliveryStreamName,
          Records: batch.map((entry) => ({ Data: entry.data })),
        }),
      );
      return batch.map((_, index) => toEntryResult(response.RequestResponses?.[index]));
    },
  });
}

/**
 * The event archive as a Firehose delivery stream: one JSON object per record and no trailing newline,
 * because the stream's AppendDelimiterToRecord processor adds it (a newline here would make blank lines).
 */
export function createFirehoseArchive(client: FirehoseClient, options: PutRecordBatchOptions): EventArchive {
  const encoder = new TextEncoder();
  return {
    async append(entries: readonly ArchiveEntry[]): Promise<ArchiveFailure[]> {
      const records = entries.map((entry) => ({ id: entry.id, data: encoder.encode(JSON.stringify(entry.event)) }));
      const { failed } = await putRecordBatchWithRetry(client, records, options);
      return failed.map(({ entry, errorCode, errorMessage }) => ({ id: entry.id, errorCode, errorMessage }));
    },
  };
}
