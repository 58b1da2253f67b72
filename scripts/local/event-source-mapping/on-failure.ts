// The OnFailure destination port and the record Lambda sends it when it gives up on Kinesis records (§1.7) [LK22][LSS].
import type { ShardRecord } from './kinesis-event';

/** Where discarded-batch notices go: an SQS queue or SNS topic, addressed by ARN. */
export interface OnFailureDestination {
  send(destinationArn: string, message: string): Promise<void>;
}

export type DiscardCondition = 'RetryAttemptsExhausted' | 'RecordAgeExceeded';

export interface KinesisOnFailureRecord {
  requestContext: { requestId: string; functionArn: string; condition: DiscardCondition; approximateInvokeCount: number };
  responseContext?: { statusCode: number; executedVersion: string; functionError: string | null };
  version: '1.0';
  timestamp: string;
  KinesisBatchInfo: {
    shardId: string;
    startSequenceNumber: string;
    endSequenceNumber: string;
    approximateArrivalOfFirstRecord: string;
    approximateArrivalOfLastRecord: string;
    batchSize: number;
    streamArn: string;
  };
}

export type DiscardReason =
  | {
      condition: 'RetryAttemptsExhausted';
      approximateInvokeCount: number;
      /** "Unhandled" when the function threw; null when it answered with an unusable or partial response (OBS). */
      functionError: 'Unhandled' | null;
    }
  | { condition: 'RecordAgeExceeded' };

export interface OnFailureRecordInput {
  requestId: string;
  functionArn: string;
  streamArn: string;
  shardId: string;
  /** The discarded records, in shard order (non-empty). */
  records: readonly ShardRecord[];
  reason: DiscardReason;
  discardedAt: Date;
}

/**
 * Metadata only: SQS and SNS destinations never receive the records themselves, just where to find them.
 * For RecordAgeExceeded AWS sends no responseContext and reports approximateInvokeCount 1, whether or not the
 * records had reached the function (OBS [LSS], both cases recorded on AWS).
 */
export function buildKinesisOnFailureRecord(input: OnFailureRecordInput): KinesisOnFailureRecord {
  const first = input.records[0];
  const last = input.records[input.records.length - 1];
  if (first === undefined || last === undefined) throw new Error('An OnFailure record needs at least one discarded record');
  const { reason } = input;
  return {
    requestContext: {
      requestId: input.requestId,
      functionArn: input.functionArn,
      condition: reason.condition,
      approximateInvokeCount: reason.condition === 'RecordAgeExceeded' ? 1 : reason.approximateInvokeCount,
    },
    ...(reason.condition === 'RetryAttemptsExhausted' && {
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: reason.functionError },
    }),
    version: '1.0',
    timestamp: input.discardedAt.toISOString(),
    KinesisBatchInfo: {
      shardId: input.shardId,
      startSequenceNumber: first.sequenceNumber,
      endSequenceNumber: last.sequenceNumber,
      approximateArrivalOfFirstRecord: new Date(first.arrivalMs).toISOString(),
      approximateArrivalOfLastRecord: new Date(last.arrivalMs).toISOString(),
      batchSize: input.records.length,
      streamArn: input.streamArn,
    },
  };
}
