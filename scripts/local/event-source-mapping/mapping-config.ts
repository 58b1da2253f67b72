// Reads the resolved Properties of an AWS::Lambda::EventSourceMapping for a Kinesis stream: AWS ranges, AWS defaults.
import type { IteratorPosition } from './kinesis-port';

export type StartingPosition = Extract<IteratorPosition, { type: 'TRIM_HORIZON' | 'LATEST' | 'AT_TIMESTAMP' }>;

export interface KinesisMappingConfig {
  streamArn: string;
  /** Region and account of the stream, from its ARN. */
  region: string;
  accountId: string;
  /** As given (name or ARN); what the invoker is called with. */
  functionName: string;
  /** The function's ARN, as written into OnFailure records. */
  functionArn: string;
  enabled: boolean;
  batchSize: number;
  maximumBatchingWindowSeconds: number;
  startingPosition: StartingPosition;
  /** -1 retries until the records succeed or expire. */
  maximumRetryAttempts: number;
  /** -1 never discards by age. */
  maximumRecordAgeSeconds: number;
  bisectBatchOnFunctionError: boolean;
  parallelizationFactor: number;
  reportBatchItemFailures: boolean;
  onFailureDestinationArn?: string;
}

export class InvalidEventSourceMappingError extends Error {
  override readonly name = 'InvalidEventSourceMappingError';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid Kinesis event source mapping:\n- ${problems.join('\n- ')}`);
  }
}

/** Properties that only apply to other sources (SQS, Kafka, MQ, DocumentDB); AWS rejects them for Kinesis. */
const OTHER_SOURCE_PROPERTIES = new Set([
  'AmazonManagedKafkaEventSourceConfig',
  'DocumentDBEventSourceConfig',
  'Queues',
  'ScalingConfig',
  'SelfManagedEventSource',
  'SelfManagedKafkaEventSourceConfig',
  'SourceAccessConfigurations',
  'Topics',
]);

/** Properties that change nothing the poller does locally (encryption of filters, metrics, tags, logging). */
const INERT_PROPERTIES = new Set(['KmsKeyArn', 'MetricsConfig', 'Tags', 'LoggingConfig', 'ProvisionedPollerConfig']);

const HANDLED_PROPERTIES = new Set([
  'BatchSize',
  'BisectBatchOnFunctionError',
  'DestinationConfig',
  'Enabled',
  'EventSourceArn',
  'FilterCriteria',
  'FunctionName',
  'FunctionResponseTypes',
  'MaximumBatchingWindowInSeconds',
  'MaximumRecordAgeInSeconds',
  'MaximumRetryAttempts',
  'ParallelizationFactor',
  'StartingPosition',
  'StartingPositionTimestamp',
  'TumblingWindowInSeconds',
]);

const STREAM_ARN = /^arn:(aws[a-z-]*):kinesis:([a-z0-9-]+):(\d{12}):stream\/([A-Za-z0-9_.-]+)$/;
const DESTINATION_ARN = /^arn:aws[a-z-]*:(sqs|sns|s3):/;

/** Collects every problem before failing, so one run of the local cloud reports them all. */
class PropertyReader {
  readonly problems: string[] = [];
  constructor(private readonly properties: Record<string, unknown>) {}

  value(name: string): unknown {
    return this.properties[name];
  }

  /** CloudFormation converts "100" to 100 for integer properties, so numeric strings are accepted too. */
  integer(name: string, fallback: number, isValid: (n: number) => boolean, rule: string): number {
    const raw = this.properties[name];
    if (raw === undefined || raw === null) return fallback;
    const parsed = typeof raw === 'string' && /^-?\d+$/.test(raw.trim()) ? Number(raw) : raw;
    if (typeof parsed === 'number' && Number.isInteger(parsed) && isValid(parsed)) return parsed;
    this.problems.push(`${name} must be ${rule} (got ${JSON.stringify(raw)})`);
    return fallback;
  }

  boolean(name: string, fallback: boolean): boolean {
    const raw = this.properties[name];
    if (raw === undefined || raw === null) return fallback;
    if (typeof raw === 'boolean') return raw;
    if (raw === 'true' || raw === 'false') return raw === 'true';
    this.problems.push(`${name} must be true or false (got ${JSON.stringify(raw)})`);
    return fallback;
  }

  requiredString(name: string): string {
    const raw = this.properties[name];
    if (typeof raw === 'string' && raw.length > 0) return raw;
    this.problems.push(`${name} is required and must be a string (got ${JSON.stringify(raw)})`);
    return '';
  }
}

const inRange = (min: number, max: number) => (n: number) => n >= min && n <= max;

/**
 * Validates the Properties with the rules of CreateEventSourceMapping [LAPI] and fills in AWS's defaults.
 * Features this poller does not emulate (filters, tumbling windows, S3 destinations, EFO consumers) are
 * rejected loudly rather than ignored: a silently different local behaviour is worse than none.
 */
export function parseKinesisMappingProperties(
  properties: Record<string, unknown>,
  { now = Date.now() }: { now?: number } = {},
): KinesisMappingConfig {
  const read = new PropertyReader(properties);
  checkPropertyNames(properties, read.problems);

  const streamArn = read.requiredString('EventSourceArn');
  const stream = STREAM_ARN.exec(streamArn);
  if (streamArn !== '' && stream === null) {
    read.problems.push(
      streamArn.includes(':kinesis:') && streamArn.includes('/consumer/')
        ? `EventSourceArn is a stream consumer (enhanced fan-out); the local poller reads streams with GetRecords only`
        : `EventSourceArn must be a Kinesis stream ARN (got ${JSON.stringify(streamArn)})`,
    );
  }
  const [, partition = 'aws', region = '', accountId = ''] = stream ?? [];
  const functionName = read.requiredString('FunctionName');

  const config: KinesisMappingConfig = {
    streamArn,
    region,
    accountId,
    functionName,
    functionArn: functionArnOf(functionName, partition, region, accountId),
    enabled: read.boolean('Enabled', true),
    batchSize: read.integer('BatchSize', 100, inRange(1, 10_000), 'an integer from 1 to 10000'),
    // AMBIG [LAPI]: the BatchSize>10 ⇒ window≥1 rule is not enforced for Kinesis; AWS accepts 100/0 [LSS][LK22].
    maximumBatchingWindowSeconds: read.integer('MaximumBatchingWindowInSeconds', 0, inRange(0, 300), 'an integer from 0 to 300'),
    startingPosition: readStartingPosition(read, now),
    maximumRetryAttempts: read.integer('MaximumRetryAttempts', -1, inRange(-1, 10_000), 'an integer from -1 to 10000'),
    // 0–59 fit the schema but AWS rejects them [LAPI].
    maximumRecordAgeSeconds: read.integer(
      'MaximumRecordAgeInSeconds',
      -1,
      (n) => n === -1 || (n >= 60 && n <= 604_800),
      '-1 or an integer from 60 to 604800',
    ),
    bisectBatchOnFunctionError: read.boolean('BisectBatchOnFunctionError', false),
    parallelizationFactor: read.integer('ParallelizationFactor', 1, inRange(1, 10), 'an integer from 1 to 10'),
    reportBatchItemFailures: readFunctionResponseTypes(read),
    onFailureDestinationArn: readOnFailureDestination(read),
  };
  rejectUnsupportedFeatures(read);

  if (read.problems.length > 0) throw new InvalidEventSourceMappingError(read.problems);
  return config;
}

function checkPropertyNames(properties: Record<string, unknown>, problems: string[]): void {
  for (const [name, value] of Object.entries(properties)) {
    if (value === undefined || HANDLED_PROPERTIES.has(name) || INERT_PROPERTIES.has(name)) continue;
    problems.push(
      OTHER_SOURCE_PROPERTIES.has(name)
        ? `${name} does not apply to a Kinesis event source`
        : `${name} is not a property of AWS::Lambda::EventSourceMapping`,
    );
  }
}

function functionArnOf(functionName: string, partition: string, region: string, accountId: string): string {
  return functionName.startsWith('arn:') ? functionName : `arn:${partition}:lambda:${region}:${accountId}:function:${functionName}`;
}

function readStartingPosition(read: PropertyReader, now: number): StartingPosition {
  const position = read.value('StartingPosition');
  if (position === 'TRIM_HORIZON' || position === 'LATEST') return { type: position };
  if (position !== 'AT_TIMESTAMP') {
    read.problems.push(`StartingPosition is required: TRIM_HORIZON, LATEST or AT_TIMESTAMP (got ${JSON.stringify(position)})`);
    return { type: 'TRIM_HORIZON' };
  }
  // Unix seconds, possibly fractional; AWS refuses a time in the future [LAPI].
  const raw = read.value('StartingPositionTimestamp');
  const seconds = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
    read.problems.push(`StartingPositionTimestamp (Unix seconds) is required with AT_TIMESTAMP (got ${JSON.stringify(raw)})`);
  } else if (seconds * 1000 > now) {
    read.problems.push(`StartingPositionTimestamp must not be in the future (got ${seconds})`);
  }
  return { type: 'AT_TIMESTAMP', timestamp: new Date(typeof seconds === 'number' ? seconds * 1000 : 0) };
}

function readFunctionResponseTypes(read: PropertyReader): boolean {
  const types = read.value('FunctionResponseTypes');
  if (types === undefined || types === null) return false;
  if (!Array.isArray(types) || types.some((type) => type !== 'ReportBatchItemFailures')) {
    read.problems.push(`FunctionResponseTypes must be [] or ["ReportBatchItemFailures"] (got ${JSON.stringify(types)})`);
    return false;
  }
  return types.length > 0;
}

function readOnFailureDestination(read: PropertyReader): string | undefined {
  const destinationConfig = read.value('DestinationConfig');
  if (destinationConfig === undefined || destinationConfig === null) return undefined;
  if (typeof destinationConfig !== 'object') {
    read.problems.push(`DestinationConfig must be an object (got ${JSON.stringify(destinationConfig)})`);
    return undefined;
  }
  const { OnFailure: onFailure, OnSuccess: onSuccess } = destinationConfig as Record<string, unknown>;
  if (onSuccess !== undefined) read.problems.push('DestinationConfig.OnSuccess is not supported for Kinesis event sources');
  if (onFailure === undefined || onFailure === null) return undefined;
  const destination = typeof onFailure === 'object' ? (onFailure as Record<string, unknown>).Destination : undefined;
  if (destination === undefined) return undefined;
  const service = typeof destination === 'string' ? DESTINATION_ARN.exec(destination)?.[1] : undefined;
  if (service === 'sqs' || service === 'sns') return destination as string;
  read.problems.push(
    service === 's3'
      ? 'DestinationConfig.OnFailure.Destination: S3 destinations are not emulated locally; use an SQS queue or SNS topic'
      : `DestinationConfig.OnFailure.Destination must be an SQS queue or SNS topic ARN (got ${JSON.stringify(destination)})`,
  );
  return undefined;
}

function rejectUnsupportedFeatures(read: PropertyReader): void {
  const tumblingWindow = read.integer('TumblingWindowInSeconds', 0, inRange(0, 900), 'an integer from 0 to 900');
  if (tumblingWindow > 0) read.problems.push('TumblingWindowInSeconds: tumbling windows are not emulated by the local poller');
  const filters = (read.value('FilterCriteria') as { Filters?: unknown } | undefined)?.Filters;
  if (Array.isArray(filters) && filters.length > 0) {
    read.problems.push('FilterCriteria: event filtering is not emulated by the local poller');
  }
}
