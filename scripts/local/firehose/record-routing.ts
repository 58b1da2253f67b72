// Where one record goes: its partition's buffer, or the error prefix with Firehose's error document when partitioning fails.
import { evaluateJqObjectQuery, JqRuntimeError, type JqObjectQuery } from './jq-subset';
import { evaluatePrefix, MAX_EVALUATED_PREFIX_LENGTH, partitionKeysOf, PrefixEvaluationError, type ErrorOutputType } from './prefix';
import type { DeliveryStreamConfig } from './stream-config';

export type RoutedRecord =
  | {
      destination: 'delivery';
      /** Records with equal keys share a buffer: one per evaluated partition prefix. */
      bufferKey: string;
      partitionKeys?: Record<string, string>;
      bytes: Uint8Array;
    }
  | { destination: 'error'; bufferKey: string; errorOutputType: ErrorOutputType; bytes: Uint8Array };

/** What AWS writes for a record that failed dynamic partitioning (errorCode and the non-JSON message are observed). */
export interface PartitioningErrorDocument {
  attemptsMade: number;
  arrivalTimestamp: number;
  errorCode: 'DynamicPartitioning.MetadataExtractionFailed';
  errorMessage: string;
  attemptEndingTimestamp: number;
  rawData: string;
}

const NEWLINE = new Uint8Array([0x0a]);
const utf8 = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();
/** Partition identity must not depend on random strings: they are drawn per object, not per record. */
const RANDOM_PLACEHOLDER = (): string => '!{firehose:random-string}';

export function routeRecord(config: DeliveryStreamConfig, data: Uint8Array, arrivalMs: number, nowMs: number): RoutedRecord {
  if (!config.dynamicPartitioning) return { destination: 'delivery', bufferKey: 'delivery', bytes: withDelimiter(config, data) };
  const partition = partitionOf(config, data, arrivalMs);
  if ('partitionKeys' in partition) {
    return { destination: 'delivery', bufferKey: `delivery:${partition.prefix}`, partitionKeys: partition.partitionKeys, bytes: withDelimiter(config, data) };
  }
  const document: PartitioningErrorDocument = {
    attemptsMade: 1,
    arrivalTimestamp: arrivalMs,
    errorCode: 'DynamicPartitioning.MetadataExtractionFailed',
    errorMessage: partition.failure,
    attemptEndingTimestamp: nowMs,
    rawData: Buffer.from(data).toString('base64'),
  };
  const errorOutputType: ErrorOutputType = 'partitioning-failed';
  const errorPrefix = evaluatePrefix(config.errorLayout, { timestampMs: arrivalMs, errorOutputType, randomString: RANDOM_PLACEHOLDER });
  // One document per line: AWS does not document the separator between error documents.
  return { destination: 'error', bufferKey: `error:${errorPrefix}`, errorOutputType, bytes: encoder.encode(`${JSON.stringify(document)}\n`) };
}

function withDelimiter(config: DeliveryStreamConfig, data: Uint8Array): Uint8Array {
  return config.appendNewline ? Buffer.concat([data, NEWLINE]) : data;
}

type Partition = { partitionKeys: Record<string, string>; prefix: string } | { failure: string };

function partitionOf(config: DeliveryStreamConfig, data: Uint8Array, arrivalMs: number): Partition {
  const extracted = config.metadataExtraction ? extractKeys(config.metadataExtraction, data) : { partitionKeys: {} };
  if ('failure' in extracted) return extracted;
  for (const key of partitionKeysOf(config.layout, 'query')) {
    if (!(key in extracted.partitionKeys)) return { failure: `Partition key "${key}" is not produced by the MetadataExtractionQuery` };
  }
  try {
    const prefix = evaluatePrefix(config.layout, { timestampMs: arrivalMs, partitionKeys: extracted.partitionKeys, randomString: RANDOM_PLACEHOLDER });
    if (prefix.length > MAX_EVALUATED_PREFIX_LENGTH) return { failure: `The evaluated S3 prefix is longer than ${MAX_EVALUATED_PREFIX_LENGTH} characters` };
    return { partitionKeys: extracted.partitionKeys, prefix };
  } catch (error) {
    if (error instanceof PrefixEvaluationError) return { failure: error.message };
    throw error;
  }
}

/** The message for records that are not one JSON text is AWS's own; the other messages are this emulator's. */
function extractKeys(query: JqObjectQuery, data: Uint8Array): { partitionKeys: Record<string, string> } | { failure: string } {
  let json: unknown;
  try {
    json = JSON.parse(utf8.decode(data));
  } catch {
    return { failure: 'Non JSON record provided' };
  }
  let values: Record<string, unknown>;
  try {
    values = evaluateJqObjectQuery(query, json);
  } catch (error) {
    if (error instanceof JqRuntimeError) return { failure: `jq error: ${error.message}` };
    throw error;
  }
  const partitionKeys: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === null || value === undefined) return { failure: `Partition key "${key}" evaluated to null` };
    partitionKeys[key] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return { partitionKeys };
}
