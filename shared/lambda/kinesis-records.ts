// Kinesis event records: decode (base64 → UTF-8 → JSON → schema) and describe the ones that can never succeed.
import type { KinesisStreamRecord } from 'aws-lambda';
import type { z } from 'zod';
import type { DeadLetter } from '../aws/dead-letter-writer';
import { toFieldErrors, type FieldError } from '../events/validation-errors';

/** A record that passed validation, with what downstream steps need to know about its position in the stream. */
export interface StreamRecord<T> {
  shardId: string;
  sequenceNumber: string;
  partitionKey: string;
  payload: T;
}

export interface UndecodableRecord {
  record: KinesisStreamRecord;
  reason: 'invalid-base64' | 'invalid-utf8' | 'invalid-json' | 'schema-validation';
  errors?: FieldError[];
}

export type DecodeResult<T> = { ok: true; value: StreamRecord<T> } | ({ ok: false } & UndecodableRecord);

/**
 * Canonical base64 only (standard alphabet, padded to a multiple of 4). Buffer.from(…, 'base64') silently skips
 * invalid characters and accepts the URL-safe alphabet, which would hide corruption; a skipped character makes
 * the decoded length fall short of what the text length and padding promise, so comparing the two catches it
 * without a regex over the whole payload (which costs several times the decoding itself).
 */
function decodeCanonicalBase64(data: string): Buffer | undefined {
  if (data.length % 4 !== 0 || data.includes('-') || data.includes('_')) return undefined;
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  const bytes = Buffer.from(data, 'base64');
  return bytes.length === (data.length / 4) * 3 - padding ? bytes : undefined;
}
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** `eventID` is `<shardId>:<sequenceNumber>`; shard ids contain no colon. */
export function shardIdOf(record: KinesisStreamRecord): string {
  const colon = record.eventID.indexOf(':');
  return colon === -1 ? record.eventID : record.eventID.slice(0, colon);
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

export function decodeKinesisRecord<T>(record: KinesisStreamRecord, schema: z.ZodType<T>): DecodeResult<T> {
  const { data, sequenceNumber, partitionKey } = record.kinesis;
  const bytes = decodeCanonicalBase64(data);
  if (bytes === undefined) return { ok: false, record, reason: 'invalid-base64' };
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return { ok: false, record, reason: 'invalid-utf8' };
  }
  const json = parseJson(text);
  if (!json.ok) return { ok: false, record, reason: 'invalid-json' };
  const parsed = schema.safeParse(json.value);
  if (!parsed.success) {
    return { ok: false, record, reason: 'schema-validation', errors: toFieldErrors(parsed.error, 20).errors };
  }
  return { ok: true, value: { shardId: shardIdOf(record), sequenceNumber, partitionKey, payload: parsed.data } };
}

export function deadLetterFor(undecodable: UndecodableRecord, functionName: string, at: Date): DeadLetter {
  const { record, reason, errors } = undecodable;
  return {
    reason,
    ...(errors === undefined ? {} : { errors }),
    source: {
      eventSourceARN: record.eventSourceARN,
      shardId: shardIdOf(record),
      sequenceNumber: record.kinesis.sequenceNumber,
      partitionKey: record.kinesis.partitionKey,
      approximateArrivalTimestamp: record.kinesis.approximateArrivalTimestamp,
    },
    data: record.kinesis.data,
    function: functionName,
    at: at.toISOString(),
  };
}
