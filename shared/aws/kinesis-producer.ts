// Kinesis PutRecords within the API limits, resending only the records that failed.
import { PutRecordsCommand, type KinesisClient, type PutRecordsResultEntry } from '@aws-sdk/client-kinesis';
import { utf8Bytes } from '../batching/chunk';
import { KINESIS_PUT_RECORDS_LIMITS } from '../batching/limits';
import type { EntryResult, FailedEntry, RetryPolicy } from '../batching/retry-failed-entries';
import { sendInChunksWithRetry } from '../batching/send-in-chunks';
import { classifyAwsError, entryError } from './aws-errors';

export interface KinesisPutEntry {
  data: Uint8Array;
  /** Records with the same key go to the same shard, in order; 1–256 characters. */
  partitionKey: string;
}

export interface KinesisPutResult {
  sequenceNumber: string;
  shardId: string;
}

export interface PutRecordsReport<T> {
  succeeded: Array<{ entry: T; value: KinesisPutResult }>;
  /** Entries still failing after the last attempt, or never sendable (`RecordTooLarge`). */
  failed: Array<FailedEntry<T>>;
}

export interface PutRecordsOptions {
  streamName: string;
  retryPolicy?: RetryPolicy;
}

/** PutRecords counts the partition key towards both the record and the request size limit. */
const kinesisEntryBytes = (entry: KinesisPutEntry): number => entry.data.byteLength + utf8Bytes(entry.partitionKey);

function toEntryResult(result: PutRecordsResultEntry | undefined): EntryResult<KinesisPutResult> {
  if (result?.SequenceNumber !== undefined && result.ShardId !== undefined && result.ErrorCode === undefined) {
    return { ok: true, value: { sequenceNumber: result.SequenceNumber, shardId: result.ShardId } };
  }
  return entryError(result?.ErrorCode ?? 'MissingFromResponse', result?.ErrorMessage);
}

/**
 * Writes every entry in as few requests as the limits allow. PutRecords succeeds per record (HTTP 200 with
 * FailedRecordCount > 0), so each request is followed by resends of just the failed records; the response
 * lists results in request order, which is how a result is matched to its entry.
 */
export async function putRecordsWithRetry<T extends KinesisPutEntry>(
  client: KinesisClient,
  entries: readonly T[],
  { streamName, retryPolicy }: PutRecordsOptions,
): Promise<PutRecordsReport<T>> {
  return sendInChunksWithRetry(entries, {
    limits: KINESIS_PUT_RECORDS_LIMITS,
    sizeOf: kinesisEntryBytes,
    classifyError: classifyAwsError,
    oversizedErrorCode: 'RecordTooLarge',
    retryPolicy,
    send: async (batch) => {
      const response = await client.send(
        new PutRecordsCommand({
          StreamName: streamName,
          Records: batch.map((entry) => ({ Data: entry.data, PartitionKey: entry.partitionKey })),
        }),
      );
      return batch.map((_, index) => toEntryResult(response.Records?.[index]));
    },
  });
}
