// The fewest calls the AWS batch APIs allow for a given amount of work: what "fully batched" would cost.
import { DYNAMODB_BATCH_GET_MAX_KEYS, FIREHOSE_PUT_RECORD_BATCH_LIMITS, KINESIS_PUT_RECORDS_LIMITS, SQS_SEND_MESSAGE_BATCH_LIMITS, type BatchLimits } from '../../shared/batching/limits';

/** BatchWriteItem takes at most 25 put or delete requests. */
export const DYNAMODB_BATCH_WRITE_MAX_ITEMS = 25;

/** Requests needed for `entries` totalling `bytes` under a count and a byte limit (entries assumed to pack perfectly). */
export function minimumCalls(entries: number, bytes: number, limits: Pick<BatchLimits, 'maxCount' | 'maxBytes'>): number {
  if (entries <= 0) return 0;
  return Math.max(Math.ceil(entries / limits.maxCount), Math.ceil(bytes / limits.maxBytes));
}

export const kinesisPutRecordsLowerBound = (records: number, bytes: number): number => minimumCalls(records, bytes, KINESIS_PUT_RECORDS_LIMITS);
export const firehosePutRecordBatchLowerBound = (records: number, bytes: number): number => minimumCalls(records, bytes, FIREHOSE_PUT_RECORD_BATCH_LIMITS);
export const sqsSendMessageBatchLowerBound = (messages: number, bytes: number): number => minimumCalls(messages, bytes, SQS_SEND_MESSAGE_BATCH_LIMITS);
export const dynamoDbBatchWriteLowerBound = (items: number): number => (items <= 0 ? 0 : Math.ceil(items / DYNAMODB_BATCH_WRITE_MAX_ITEMS));
export const dynamoDbBatchGetLowerBound = (keys: number): number => (keys <= 0 ? 0 : Math.ceil(keys / DYNAMODB_BATCH_GET_MAX_KEYS));
