// The event Lambda's Kinesis poller sends a function: one `Records` entry per stream record, shaped as on AWS [LK22].
import type { KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';
import type { KinesisRecord } from './kinesis-port';

export interface EventSourceIdentity {
  streamArn: string;
  shardId: string;
  region: string;
  /** The function's execution role: AWS puts it in every record as invokeIdentityArn. */
  roleArn: string;
}

/** A record read from a shard, with its event entry built once (its size decides how many fit in 6 MB). */
export interface ShardRecord {
  sequenceNumber: string;
  partitionKey: string;
  arrivalMs: number;
  event: KinesisStreamRecord;
  /** UTF-8 bytes of `event` as JSON. */
  eventBytes: number;
}

/** Synchronous invocation payloads are limited to 6 MB [LK22]. */
export const MAX_INVOKE_PAYLOAD_BYTES = 6 * 1024 * 1024;
/** `{"Records":[` + `]}`; records are joined with one comma each. */
export const EVENT_ENVELOPE_BYTES = Buffer.byteLength('{"Records":[]}');

export function toShardRecord(record: KinesisRecord, identity: EventSourceIdentity): ShardRecord {
  const event = toEventRecord(record, identity);
  return {
    sequenceNumber: record.sequenceNumber,
    partitionKey: record.partitionKey,
    arrivalMs: record.approximateArrivalTimestamp.getTime(),
    event,
    eventBytes: Buffer.byteLength(JSON.stringify(event)),
  };
}

/** Key order follows AWS's payload, so a logged event reads like one captured on AWS. */
export function toEventRecord(record: KinesisRecord, identity: EventSourceIdentity): KinesisStreamRecord {
  return {
    kinesis: {
      kinesisSchemaVersion: '1.0',
      partitionKey: record.partitionKey,
      sequenceNumber: record.sequenceNumber,
      data: Buffer.from(record.data).toString('base64'),
      // Epoch seconds as a float with millisecond precision, e.g. 1545084650.987 [KAPI].
      approximateArrivalTimestamp: record.approximateArrivalTimestamp.getTime() / 1000,
    },
    eventSource: 'aws:kinesis',
    eventVersion: '1.0',
    eventID: `${identity.shardId}:${record.sequenceNumber}`,
    eventName: 'aws:kinesis:record',
    invokeIdentityArn: identity.roleArn,
    awsRegion: identity.region,
    eventSourceARN: identity.streamArn,
  };
}

export const kinesisEvent = (records: readonly ShardRecord[]): KinesisStreamEvent => ({
  Records: records.map((record) => record.event),
});

/** Bytes of the invocation payload for these records. */
export const payloadBytes = (records: readonly ShardRecord[]): number =>
  EVENT_ENVELOPE_BYTES + records.reduce((sum, record) => sum + record.eventBytes, 0) + Math.max(0, records.length - 1);
