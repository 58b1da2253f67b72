// The Firehose operations the local cloud serves, with AWS's validation order, limits and error shapes.
import { FIREHOSE_PUT_RECORD_BATCH_LIMITS } from '../../../shared/batching/limits';
import type { RandomSource } from './clock';
import type { DeliveryStream } from './delivery-stream';
import { booleanOf, isRecord, type DeliveryStreamConfig } from './stream-config';

/** An error as Firehose returns it: `__type` and `message` in the body, with the HTTP status of the error shape. */
export class FirehoseApiError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly statusCode = 400,
  ) {
    super(message);
  }
}

export interface FirehoseApiContext {
  streams: ReadonlyMap<string, DeliveryStream>;
  region: string;
  accountId: string;
  random: RandomSource;
  /** While the emulator shuts down, records are refused the way an overloaded Firehose refuses them. */
  isStopping(): boolean;
}

type Input = Record<string, unknown>;
type Operation = (input: Input, context: FirehoseApiContext) => unknown;

const { maxCount, maxBytes, maxEntryBytes } = FIREHOSE_PUT_RECORD_BATCH_LIMITS;
const STREAM_NAME_PATTERN = /^[a-zA-Z0-9_.-]+$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const STOPPING_MESSAGE = 'The local Firehose is stopping and accepts no more records.';

const operations: Record<string, Operation> = {
  PutRecord: putRecord,
  PutRecordBatch: putRecordBatch,
  DescribeDeliveryStream: describeDeliveryStream,
  ListDeliveryStreams: listDeliveryStreams,
};

export function invokeOperation(operation: string, input: unknown, context: FirehoseApiContext): unknown {
  const handler = operations[operation];
  if (!handler) {
    throw new FirehoseApiError('UnknownOperationException', `${operation} is not served by the local Firehose (it serves ${Object.keys(operations).join(', ')}); delivery streams come from the template`);
  }
  if (!isRecord(input)) throw new FirehoseApiError('SerializationException', 'The request body must be a JSON object');
  return handler(input, context);
}

function putRecord(input: Input, context: FirehoseApiContext): unknown {
  const violations = streamNameViolations(input.DeliveryStreamName);
  const record = input.Record;
  let data: Uint8Array | undefined;
  if (record === undefined || record === null) violations.push(nullViolation('record'));
  else data = dataOf(record, 'record.data', violations);
  throwIfInvalid(violations);
  const stream = streamNamed(context, input.DeliveryStreamName as string);
  if (context.isStopping()) throw new FirehoseApiError('ServiceUnavailableException', STOPPING_MESSAGE, 503);
  stream.accept([data as Uint8Array]);
  return { RecordId: recordId(context.random), Encrypted: stream.config.encrypted };
}

/**
 * Model constraints first (count, then each record's size: a ValidationException for the whole call), then the
 * stream, then the 4 MiB total (an InvalidArgumentException, as AWS answers). Accepted records all get a RecordId.
 */
function putRecordBatch(input: Input, context: FirehoseApiContext): unknown {
  const violations = streamNameViolations(input.DeliveryStreamName);
  const records = input.Records;
  let batch: Uint8Array[] = [];
  if (records === undefined || records === null) violations.push(nullViolation('records'));
  else batch = batchOf(records, violations);
  throwIfInvalid(violations);
  const stream = streamNamed(context, input.DeliveryStreamName as string);
  if (batch.reduce((sum, data) => sum + data.byteLength, 0) > maxBytes) {
    throw new FirehoseApiError('InvalidArgumentException', 'Records size exceeds 4 MB limit');
  }
  if (context.isStopping()) {
    const failed = { ErrorCode: 'ServiceUnavailableException', ErrorMessage: STOPPING_MESSAGE };
    return { FailedPutCount: batch.length, Encrypted: stream.config.encrypted, RequestResponses: batch.map(() => failed) };
  }
  stream.accept(batch);
  return { FailedPutCount: 0, Encrypted: stream.config.encrypted, RequestResponses: batch.map(() => ({ RecordId: recordId(context.random) })) };
}

function batchOf(records: unknown, violations: string[]): Uint8Array[] {
  if (!Array.isArray(records)) throw new FirehoseApiError('SerializationException', 'Records must be a list');
  const recordViolations: string[] = [];
  const batch = records.map((entry: unknown, index) => {
    if (!isRecord(entry)) throw new FirehoseApiError('SerializationException', 'Each record must be an object with Data');
    return dataOf(entry, `records.${index + 1}.member.data`, recordViolations);
  });
  if (records.length < 1) violations.push("Value '[]' at 'records' failed to satisfy constraint: Member must have length greater than or equal to 1");
  if (records.length > maxCount) {
    // AWS prints the list the Java way; the message is as long on AWS.
    const value = `[${batch.map((data) => `Record(data=${byteBuffer(data.byteLength)})`).join(', ')}]`;
    violations.push(`Value '${value}' at 'records' failed to satisfy constraint: Member must have length less than or equal to ${maxCount}`);
  }
  violations.push(...recordViolations);
  return batch;
}

function dataOf(holder: unknown, path: string, violations: string[]): Uint8Array {
  const data = isRecord(holder) ? holder.Data : undefined;
  if (data === undefined || data === null) {
    violations.push(nullViolation(path));
    return new Uint8Array();
  }
  if (typeof data !== 'string' || !BASE64.test(data)) throw new FirehoseApiError('SerializationException', `Data at '${path}' must be base64`);
  const bytes = Buffer.from(data, 'base64');
  if (bytes.byteLength > maxEntryBytes) {
    violations.push(`Value '${byteBuffer(bytes.byteLength)}' at '${path}' failed to satisfy constraint: Member must have length less than or equal to ${maxEntryBytes}`);
  }
  return bytes;
}

function describeDeliveryStream(input: Input, context: FirehoseApiContext): unknown {
  throwIfInvalid(streamNameViolations(input.DeliveryStreamName));
  const stream = streamNamed(context, input.DeliveryStreamName as string);
  const { config } = stream;
  const keyInput = config.properties.DeliveryStreamEncryptionConfigurationInput;
  return {
    DeliveryStreamDescription: {
      DeliveryStreamName: config.name,
      DeliveryStreamARN: streamArn(context, config.name),
      DeliveryStreamStatus: 'ACTIVE',
      DeliveryStreamEncryptionConfiguration: isRecord(keyInput) ? { KeyType: keyInput.KeyType, KeyARN: keyInput.KeyARN, Status: 'ENABLED' } : { Status: 'DISABLED' },
      DeliveryStreamType: 'DirectPut',
      VersionId: String(config.version),
      CreateTimestamp: stream.createdAtMs / 1000,
      Destinations: [{ DestinationId: 'destinationId-000000000001', ...destinationDescriptions(config) }],
      HasMoreDestinations: false,
    },
  };
}

/** The destination as configured, with the defaults AWS fills in; numbers and flags normalised from template strings. */
function destinationDescriptions(config: DeliveryStreamConfig): Record<string, unknown> {
  const destination = config.properties.ExtendedS3DestinationConfiguration as Input;
  const common = {
    RoleARN: destination.RoleARN,
    BucketARN: destination.BucketARN,
    Prefix: destination.Prefix,
    ErrorOutputPrefix: destination.ErrorOutputPrefix,
    BufferingHints: { SizeInMBs: config.buffering.sizeInMBs, IntervalInSeconds: config.buffering.intervalInSeconds },
    CompressionFormat: config.compression,
    EncryptionConfiguration: destination.EncryptionConfiguration ?? { NoEncryptionConfig: 'NoEncryption' },
    CloudWatchLoggingOptions: loggingOptions(destination.CloudWatchLoggingOptions),
  };
  return {
    S3DestinationDescription: common,
    ExtendedS3DestinationDescription: {
      ...common,
      ProcessingConfiguration: processingDescription(destination.ProcessingConfiguration),
      S3BackupMode: 'Disabled',
      DynamicPartitioningConfiguration: {
        Enabled: config.dynamicPartitioning !== undefined,
        ...(config.dynamicPartitioning && { RetryOptions: { DurationInSeconds: config.dynamicPartitioning.retryDurationInSeconds } }),
      },
      FileExtension: destination.FileExtension,
      CustomTimeZone: destination.CustomTimeZone,
    },
  };
}

function loggingOptions(options: unknown): unknown {
  if (!isRecord(options)) return { Enabled: false };
  return { ...options, Enabled: booleanOf(options.Enabled) ?? false };
}

function processingDescription(processing: unknown): unknown {
  if (!isRecord(processing)) return { Enabled: false, Processors: [] };
  const processors = Array.isArray(processing.Processors) ? processing.Processors.filter(isRecord) : [];
  return {
    Enabled: booleanOf(processing.Enabled) ?? false,
    Processors: processors.map((processor) => ({
      Type: processor.Type,
      Parameters: (Array.isArray(processor.Parameters) ? processor.Parameters.filter(isRecord) : []).map((parameter) => ({
        ParameterName: parameter.ParameterName,
        ParameterValue: typeof parameter.ParameterValue === 'string' ? parameter.ParameterValue : JSON.stringify(parameter.ParameterValue),
      })),
    })),
  };
}

function listDeliveryStreams(input: Input, context: FirehoseApiContext): unknown {
  const limit = input.Limit ?? 10;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 10000) {
    throwIfInvalid([`Value '${JSON.stringify(limit)}' at 'limit' failed to satisfy constraint: Member must have value between 1 and 10000`]);
  }
  const type = input.DeliveryStreamType;
  const start = typeof input.ExclusiveStartDeliveryStreamName === 'string' ? input.ExclusiveStartDeliveryStreamName : undefined;
  // Every local stream is DirectPut, so a filter on another type lists nothing.
  const candidates = type === undefined || type === 'DirectPut' ? [...context.streams.keys()].sort() : [];
  const names = candidates.filter((name) => start === undefined || name > start);
  return { DeliveryStreamNames: names.slice(0, limit as number), HasMoreDeliveryStreams: names.length > (limit as number) };
}

function streamNamed(context: FirehoseApiContext, name: string): DeliveryStream {
  const stream = context.streams.get(name);
  if (!stream) throw new FirehoseApiError('ResourceNotFoundException', `Firehose ${name} under account ${context.accountId} not found.`);
  return stream;
}

function streamNameViolations(name: unknown): string[] {
  if (name === undefined || name === null) return [nullViolation('deliveryStreamName')];
  if (typeof name !== 'string') throw new FirehoseApiError('SerializationException', 'DeliveryStreamName must be a string');
  const constraint = (rule: string): string => `Value '${name}' at 'deliveryStreamName' failed to satisfy constraint: Member must ${rule}`;
  const violations: string[] = [];
  if (name.length < 1) violations.push(constraint('have length greater than or equal to 1'));
  if (name.length > 64) violations.push(constraint('have length less than or equal to 64'));
  if (!STREAM_NAME_PATTERN.test(name)) violations.push(constraint('satisfy regular expression pattern: [a-zA-Z0-9_.-]+'));
  return violations;
}

const nullViolation = (path: string): string => `Value null at '${path}' failed to satisfy constraint: Member must not be null`;

/** Java's toString of the request's ByteBuffer, as AWS's validation messages show it. */
const byteBuffer = (length: number): string => `java.nio.HeapByteBuffer[pos=0 lim=${length} cap=${length}]`;

function throwIfInvalid(violations: string[]): void {
  if (violations.length === 0) return;
  const count = violations.length;
  throw new FirehoseApiError('ValidationException', `${count} validation error${count === 1 ? '' : 's'} detected: ${violations.join('; ')}`);
}

function streamArn(context: FirehoseApiContext, name: string): string {
  return `arn:aws:firehose:${context.region}:${context.accountId}:deliverystream/${name}`;
}

/** RecordIds are opaque; AWS's are long base64 strings, and so are these. */
function recordId(random: RandomSource): string {
  return Buffer.from(random.bytes(48)).toString('base64');
}
