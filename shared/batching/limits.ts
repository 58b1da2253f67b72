// Request limits of the AWS batch APIs the project calls, from their API references.

export interface BatchLimits {
  /** Entries per request. */
  maxCount: number;
  /** Sum of entry sizes per request, in bytes. */
  maxBytes: number;
  /** Size of one entry, in bytes; a bigger entry fails the whole request on AWS, so it is never sent. */
  maxEntryBytes: number;
}

const KiB = 1024;
const MiB = 1024 * KiB;

/** PutRecords: 500 records, 5 MiB per request, 1 MiB per record; sizes count data + partition key. */
export const KINESIS_PUT_RECORDS_LIMITS: BatchLimits = { maxCount: 500, maxBytes: 5 * MiB, maxEntryBytes: 1 * MiB };

/** PutRecordBatch: 500 records, 4 MiB per request, 1,000 KiB per record (before base64). */
export const FIREHOSE_PUT_RECORD_BATCH_LIMITS: BatchLimits = {
  maxCount: 500,
  maxBytes: 4 * MiB,
  maxEntryBytes: 1000 * KiB,
};

/**
 * SendMessageBatch: 10 messages, 256 KiB per request. AWS now allows 1 MiB messages, but a queue's
 * MaximumMessageSize may still be 256 KiB; staying at 256 KiB works with every queue.
 */
export const SQS_SEND_MESSAGE_BATCH_LIMITS: BatchLimits = { maxCount: 10, maxBytes: 256 * KiB, maxEntryBytes: 256 * KiB };

/** DynamoDB BatchGetItem: 100 keys per request (the 16 MB response limit shows up as UnprocessedKeys). */
export const DYNAMODB_BATCH_GET_MAX_KEYS = 100;
