// A delivery stream's resolved CloudFormation Properties, checked as CreateDeliveryStream would and typed for delivery.
import type { ResolvedResource } from '../types';
import { JqSyntaxError, parseJqObjectQuery, type JqObjectQuery } from './jq-subset';
import {
  deliveryLayout,
  errorLayout,
  has,
  hasExpressions,
  parsePrefix,
  partitionKeysOf,
  PrefixSyntaxError,
  type ParsedPrefix,
} from './prefix';

export type CompressionFormat = 'UNCOMPRESSED' | 'GZIP';

export interface DeliveryStreamConfig {
  name: string;
  /** Starts at 1 and would grow with every UpdateDestination; streams here are never updated. */
  version: number;
  /** True when DeliveryStreamEncryptionConfigurationInput is set (server-side encryption of buffered data). */
  encrypted: boolean;
  bucket: string;
  /** Prefix with the default time layout already applied (see deliveryLayout). */
  layout: ParsedPrefix;
  /** ErrorOutputPrefix, or its default, as evaluated for failed records (see errorLayout). */
  errorLayout: ParsedPrefix;
  buffering: { sizeInMBs: number; intervalInSeconds: number };
  compression: CompressionFormat;
  /** Appended to every object key: FileExtension, else `.gz` for GZIP, else nothing. */
  fileExtension: string;
  /** Set when dynamic partitioning is enabled. */
  dynamicPartitioning?: { retryDurationInSeconds: number };
  /** The MetadataExtraction processor's query, when processing is enabled and the processor is present. */
  metadataExtraction?: JqObjectQuery;
  appendNewline: boolean;
  /** The Properties as given, for DescribeDeliveryStream. */
  properties: Readonly<Record<string, unknown>>;
  /** Accepted but suspicious settings, e.g. a prefix key the query never produces (every record would fail). */
  warnings: string[];
}

/** Every problem found in one stream's configuration, so a template is fixed in one round. */
export class DeliveryStreamConfigError extends Error {
  override name = 'DeliveryStreamConfigError';

  constructor(
    readonly streamName: string,
    readonly issues: string[],
  ) {
    super(`Firehose delivery stream ${streamName} is invalid:\n${issues.map((issue) => `  - ${issue}`).join('\n')}`);
  }
}

const RESOURCE_TYPE = 'AWS::KinesisFirehose::DeliveryStream';
const STREAM_NAME = /^[a-zA-Z0-9_.-]{1,64}$/;
const FILE_EXTENSION = /^$|^\.[0-9a-z!\-_.*'()]+$/;
const MAX_RAW_PREFIX_LENGTH = 1024;
const MAX_QUERY_KEYS = 50;
const NOT_LOCAL = 'is not implemented by the local Firehose';

const TOP_LEVEL = new Set(['DeliveryStreamName', 'DeliveryStreamType', 'DeliveryStreamEncryptionConfigurationInput', 'ExtendedS3DestinationConfiguration', 'Tags']);
/** Accepted as metadata: RoleARN, CloudWatchLoggingOptions and EncryptionConfiguration change nothing in the objects. */
const DESTINATION_KEYS = new Set([
  'BucketARN',
  'RoleARN',
  'Prefix',
  'ErrorOutputPrefix',
  'BufferingHints',
  'CompressionFormat',
  'EncryptionConfiguration',
  'CloudWatchLoggingOptions',
  'ProcessingConfiguration',
  'DynamicPartitioningConfiguration',
  'FileExtension',
  'CustomTimeZone',
  'DataFormatConversionConfiguration',
  'S3BackupMode',
]);
const UNIMPLEMENTED_PROCESSORS = new Set(['Lambda', 'RecordDeAggregation', 'Decompression', 'CloudWatchLogProcessing']);

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isResolvedResource(value: Record<string, unknown>): value is Record<string, unknown> & ResolvedResource {
  return typeof value.type === 'string' && typeof value.logicalId === 'string' && isRecord(value.properties);
}

/** Accepts a template resource (its `type` is checked) or the bare Properties object. */
export function parseDeliveryStreamConfig(input: ResolvedResource | Record<string, unknown>): DeliveryStreamConfig {
  const resource = isResolvedResource(input as Record<string, unknown>) ? (input as ResolvedResource) : undefined;
  const properties = resource ? resource.properties : (input as Record<string, unknown>);
  const name = typeof properties.DeliveryStreamName === 'string' ? properties.DeliveryStreamName : (resource?.physicalId ?? '');
  const issues: string[] = [];
  if (resource && resource.type !== RESOURCE_TYPE) issues.push(`resource ${resource.logicalId} is a ${resource.type}, not an ${RESOURCE_TYPE}`);
  const config = checkProperties(name, properties, issues);
  if (issues.length > 0 || !config) throw new DeliveryStreamConfigError(name || resource?.logicalId || '(unnamed)', issues);
  return config;
}

function checkProperties(name: string, properties: Record<string, unknown>, issues: string[]): DeliveryStreamConfig | undefined {
  if (!STREAM_NAME.test(name)) issues.push(`DeliveryStreamName ${JSON.stringify(name)} must be 1-64 characters of [a-zA-Z0-9_.-]`);
  for (const key of Object.keys(properties)) {
    if (!TOP_LEVEL.has(key)) issues.push(`${key} ${NOT_LOCAL} (it delivers DirectPut streams to ExtendedS3DestinationConfiguration)`);
  }
  const type = properties.DeliveryStreamType ?? 'DirectPut';
  if (type !== 'DirectPut') issues.push(`DeliveryStreamType ${JSON.stringify(type)} ${NOT_LOCAL} (only DirectPut)`);
  const encrypted = checkStreamEncryption(properties.DeliveryStreamEncryptionConfigurationInput, issues);
  const destination = properties.ExtendedS3DestinationConfiguration;
  if (!isRecord(destination)) {
    issues.push('ExtendedS3DestinationConfiguration is required');
    return undefined;
  }
  const destinationConfig = checkDestination(destination, issues);
  return destinationConfig && { name, version: 1, encrypted, properties, ...destinationConfig };
}

function checkStreamEncryption(input: unknown, issues: string[]): boolean {
  if (input === undefined) return false;
  if (!isRecord(input)) {
    issues.push('DeliveryStreamEncryptionConfigurationInput must be an object');
    return false;
  }
  if (input.KeyType !== 'AWS_OWNED_CMK' && input.KeyType !== 'CUSTOMER_MANAGED_CMK') {
    issues.push('DeliveryStreamEncryptionConfigurationInput.KeyType must be AWS_OWNED_CMK or CUSTOMER_MANAGED_CMK');
  }
  if (input.KeyType === 'CUSTOMER_MANAGED_CMK' && typeof input.KeyARN !== 'string') {
    issues.push('DeliveryStreamEncryptionConfigurationInput.KeyARN is required when KeyType is CUSTOMER_MANAGED_CMK');
  }
  return true;
}

type DestinationConfig = Omit<DeliveryStreamConfig, 'name' | 'version' | 'encrypted' | 'properties'>;

function checkDestination(destination: Record<string, unknown>, issues: string[]): DestinationConfig | undefined {
  for (const key of Object.keys(destination)) {
    if (!DESTINATION_KEYS.has(key)) issues.push(`ExtendedS3DestinationConfiguration.${key} ${NOT_LOCAL}`);
  }
  const bucket = bucketOf(destination.BucketARN, issues);
  if (typeof destination.RoleARN !== 'string') issues.push('ExtendedS3DestinationConfiguration.RoleARN is required');
  checkUnimplementedFeatures(destination, issues);
  const dynamicPartitioning = checkDynamicPartitioning(destination.DynamicPartitioningConfiguration, issues);
  const buffering = checkBuffering(destination.BufferingHints, dynamicPartitioning !== undefined, issues);
  const compression = checkCompression(destination.CompressionFormat, issues);
  const fileExtension = checkFileExtension(destination.FileExtension, compression, issues);
  const processors = checkProcessing(destination.ProcessingConfiguration, issues);
  const prefixes = checkPrefixes(destination, dynamicPartitioning !== undefined, processors, issues);
  if (bucket === undefined || buffering === undefined || prefixes === undefined) return undefined;
  const { metadataExtraction, appendNewline } = processors;
  return { bucket, buffering, compression, fileExtension, dynamicPartitioning, metadataExtraction, appendNewline, ...prefixes };
}

function bucketOf(arn: unknown, issues: string[]): string | undefined {
  const bucket = typeof arn === 'string' ? /^arn:[a-z-]+:s3:::([^/]+)$/.exec(arn)?.[1] : undefined;
  if (bucket === undefined) issues.push(`ExtendedS3DestinationConfiguration.BucketARN ${JSON.stringify(arn)} must be an S3 bucket ARN (arn:aws:s3:::bucket)`);
  return bucket;
}

function checkUnimplementedFeatures(destination: Record<string, unknown>, issues: string[]): void {
  const conversion = destination.DataFormatConversionConfiguration;
  if (conversion !== undefined && !(isRecord(conversion) && booleanOf(conversion.Enabled) === false)) {
    issues.push(`DataFormatConversionConfiguration (record format conversion) ${NOT_LOCAL}`);
  }
  if (destination.S3BackupMode !== undefined && destination.S3BackupMode !== 'Disabled') {
    issues.push(`S3BackupMode ${JSON.stringify(destination.S3BackupMode)} ${NOT_LOCAL} (only Disabled)`);
  }
  if (destination.CustomTimeZone !== undefined && destination.CustomTimeZone !== 'UTC') {
    issues.push(`CustomTimeZone ${JSON.stringify(destination.CustomTimeZone)} ${NOT_LOCAL} (only UTC)`);
  }
}

function checkDynamicPartitioning(input: unknown, issues: string[]): DeliveryStreamConfig['dynamicPartitioning'] {
  if (input === undefined) return undefined;
  if (!isRecord(input)) {
    issues.push('DynamicPartitioningConfiguration must be an object');
    return undefined;
  }
  if (booleanOf(input.Enabled) !== true) return undefined;
  const retry = isRecord(input.RetryOptions) ? input.RetryOptions.DurationInSeconds : undefined;
  const retryDurationInSeconds = retry === undefined ? 300 : integerOf(retry);
  if (retryDurationInSeconds === undefined || retryDurationInSeconds < 0 || retryDurationInSeconds > 7200) {
    issues.push('DynamicPartitioningConfiguration.RetryOptions.DurationInSeconds must be an integer from 0 to 7200');
    return { retryDurationInSeconds: 300 };
  }
  return { retryDurationInSeconds };
}

/**
 * Defaults are 5 MiB and 300 s; with dynamic partitioning AWS demands at least 64 MiB (known only from its error
 * message), so that is the default there. Zero buffering is not available with dynamic partitioning.
 */
function checkBuffering(input: unknown, dynamicPartitioning: boolean, issues: string[]): DeliveryStreamConfig['buffering'] | undefined {
  const hints = isRecord(input) ? input : {};
  if (input !== undefined && !isRecord(input)) issues.push('BufferingHints must be an object');
  if ((hints.SizeInMBs === undefined) !== (hints.IntervalInSeconds === undefined)) {
    issues.push('BufferingHints: if you set one of SizeInMBs and IntervalInSeconds you must set both');
  }
  const sizeInMBs = hints.SizeInMBs === undefined ? (dynamicPartitioning ? 64 : 5) : integerOf(hints.SizeInMBs);
  const intervalInSeconds = hints.IntervalInSeconds === undefined ? 300 : integerOf(hints.IntervalInSeconds);
  if (sizeInMBs === undefined || sizeInMBs < 1 || sizeInMBs > 128) issues.push('BufferingHints.SizeInMBs must be an integer from 1 to 128');
  if (intervalInSeconds === undefined || intervalInSeconds < 0 || intervalInSeconds > 900) {
    issues.push('BufferingHints.IntervalInSeconds must be an integer from 0 to 900');
  }
  if (dynamicPartitioning && sizeInMBs !== undefined && sizeInMBs < 64) {
    issues.push('BufferingHints.SizeInMBs must be at least 64 when Dynamic Partitioning is enabled.');
  }
  if (dynamicPartitioning && intervalInSeconds === 0) issues.push('BufferingHints.IntervalInSeconds: zero buffering is not available with Dynamic Partitioning');
  return sizeInMBs === undefined || intervalInSeconds === undefined ? undefined : { sizeInMBs, intervalInSeconds };
}

function checkCompression(input: unknown, issues: string[]): CompressionFormat {
  if (input === undefined || input === 'UNCOMPRESSED' || input === 'GZIP') return input ?? 'UNCOMPRESSED';
  if (input === 'ZIP' || input === 'Snappy' || input === 'HADOOP_SNAPPY') issues.push(`CompressionFormat ${input} ${NOT_LOCAL} (UNCOMPRESSED or GZIP)`);
  else issues.push(`CompressionFormat ${JSON.stringify(input)} must be UNCOMPRESSED, GZIP, ZIP, Snappy or HADOOP_SNAPPY`);
  return 'UNCOMPRESSED';
}

function checkFileExtension(input: unknown, compression: CompressionFormat, issues: string[]): string {
  const fallback = compression === 'GZIP' ? '.gz' : '';
  if (input === undefined) return fallback;
  if (typeof input !== 'string' || input.length > 128 || !FILE_EXTENSION.test(input)) {
    issues.push(`FileExtension ${JSON.stringify(input)} must match ^$|\\.[0-9a-z!\\-_.*'()]+$ and be at most 128 characters`);
    return fallback;
  }
  return input || fallback;
}

type Processors = Pick<DeliveryStreamConfig, 'metadataExtraction' | 'appendNewline'> & { metadataExtractionPresent: boolean };

function checkProcessing(input: unknown, issues: string[]): Processors {
  const none: Processors = { appendNewline: false, metadataExtractionPresent: false };
  if (input === undefined) return none;
  if (!isRecord(input)) {
    issues.push('ProcessingConfiguration must be an object');
    return none;
  }
  // Disabled processing means no processor runs, including AppendDelimiterToRecord.
  if (booleanOf(input.Enabled) !== true) return none;
  const processors = Array.isArray(input.Processors) ? input.Processors : [];
  const seen = new Set<string>();
  const result = { ...none };
  for (const [index, processor] of processors.entries()) {
    const type = isRecord(processor) ? processor.Type : undefined;
    const where = `ProcessingConfiguration.Processors[${index}]`;
    if (typeof type !== 'string') {
      issues.push(`${where}.Type is required`);
      continue;
    }
    if (seen.has(type)) issues.push(`${where}: only one ${type} processor is allowed`);
    seen.add(type);
    const parameters = parametersOf((processor as Record<string, unknown>).Parameters, where, issues);
    applyProcessor(type, parameters, where, result, issues);
  }
  return result;
}

function applyProcessor(type: string, parameters: Map<string, string>, where: string, result: Processors, issues: string[]): void {
  if (type === 'MetadataExtraction') {
    result.metadataExtractionPresent = true;
    result.metadataExtraction = checkMetadataExtraction(parameters, where, issues);
  } else if (type === 'AppendDelimiterToRecord') {
    result.appendNewline = checkDelimiter(parameters, where, issues);
  } else if (UNIMPLEMENTED_PROCESSORS.has(type)) {
    issues.push(`${where}: the ${type} processor ${NOT_LOCAL} (MetadataExtraction and AppendDelimiterToRecord are)`);
  } else {
    issues.push(`${where}: unknown processor type ${type}`);
  }
}

function parametersOf(input: unknown, where: string, issues: string[]): Map<string, string> {
  const parameters = new Map<string, string>();
  for (const parameter of Array.isArray(input) ? input : []) {
    const value = isRecord(parameter) ? parameter.ParameterValue : undefined;
    if (isRecord(parameter) && typeof parameter.ParameterName === 'string' && (typeof value === 'string' || typeof value === 'number')) {
      parameters.set(parameter.ParameterName, String(value));
    } else {
      issues.push(`${where}.Parameters entries need a ParameterName and a string ParameterValue`);
    }
  }
  return parameters;
}

function checkMetadataExtraction(parameters: Map<string, string>, where: string, issues: string[]): JqObjectQuery | undefined {
  checkParameterNames(parameters, ['MetadataExtractionQuery', 'JsonParsingEngine'], where, issues);
  const engine = parameters.get('JsonParsingEngine');
  if (engine !== 'JQ-1.6') issues.push(`${where}: JsonParsingEngine must be JQ-1.6 (got ${JSON.stringify(engine)})`);
  const text = parameters.get('MetadataExtractionQuery');
  if (text === undefined) {
    issues.push(`${where}: MetadataExtractionQuery is required`);
    return undefined;
  }
  try {
    const query = parseJqObjectQuery(text);
    const keys = new Set(query.entries.map((entry) => entry.key));
    if (keys.size > MAX_QUERY_KEYS) issues.push(`${where}: MetadataExtractionQuery has ${keys.size} keys; at most ${MAX_QUERY_KEYS} are allowed`);
    return query;
  } catch (error) {
    if (!(error instanceof JqSyntaxError)) throw error;
    issues.push(`${where}: ${error.message}`);
    return undefined;
  }
}

/** CloudFormation carries the delimiter as the two characters `\n`; a real newline means the same. */
function checkDelimiter(parameters: Map<string, string>, where: string, issues: string[]): boolean {
  checkParameterNames(parameters, ['Delimiter'], where, issues);
  const delimiter = parameters.get('Delimiter') ?? '\\n';
  if (delimiter !== '\\n' && delimiter !== '\n') issues.push(`${where}: AppendDelimiterToRecord supports only the newline delimiter "\\\\n" (got ${JSON.stringify(delimiter)})`);
  return true;
}

function checkParameterNames(parameters: Map<string, string>, allowed: string[], where: string, issues: string[]): void {
  for (const name of parameters.keys()) {
    if (!allowed.includes(name)) issues.push(`${where}: unknown parameter ${name} (expected ${allowed.join(' or ')})`);
  }
}

type Prefixes = Pick<DeliveryStreamConfig, 'layout' | 'errorLayout' | 'warnings'>;

/** The semantic rules of the developer guide's s3-prefixes page, plus the dynamic-partitioning ones AWS enforces. */
function checkPrefixes(destination: Record<string, unknown>, dynamicPartitioning: boolean, processors: Processors, issues: string[]): Prefixes | undefined {
  const rawPrefix = optionalString(destination.Prefix, 'Prefix', issues);
  const rawErrorPrefix = optionalString(destination.ErrorOutputPrefix, 'ErrorOutputPrefix', issues);
  const prefix = parseChecked(rawPrefix, 'Prefix', issues);
  const errorPrefix = parseChecked(rawErrorPrefix, 'ErrorOutputPrefix', issues);
  if (!prefix || !errorPrefix) return undefined;
  checkDeliveryPrefix(prefix, dynamicPartitioning, processors, issues);
  checkErrorPrefix(errorPrefix, hasExpressions(prefix) || dynamicPartitioning, issues);
  if (!dynamicPartitioning && processors.metadataExtractionPresent) {
    issues.push('MetadataExtraction processor can only be present when Dynamic Partitioning is enabled.');
  }
  return { layout: deliveryLayout(rawPrefix), errorLayout: errorLayout(rawErrorPrefix, rawPrefix), warnings: unproducedKeyWarnings(prefix, processors) };
}

function parseChecked(raw: string | undefined, field: string, issues: string[]): ParsedPrefix | undefined {
  if (raw !== undefined && raw.length > MAX_RAW_PREFIX_LENGTH) issues.push(`${field} must be at most ${MAX_RAW_PREFIX_LENGTH} characters`);
  try {
    return parsePrefix(raw ?? '');
  } catch (error) {
    if (!(error instanceof PrefixSyntaxError)) throw error;
    issues.push(`${field} ${error.message}`);
    return undefined;
  }
}

function checkDeliveryPrefix(prefix: ParsedPrefix, dynamicPartitioning: boolean, processors: Processors, issues: string[]): void {
  if (has(prefix, 'error-output-type')) issues.push("Prefix can't contain !{firehose:error-output-type}; it belongs in ErrorOutputPrefix");
  const usesPartitionKeys = has(prefix, 'partition-key');
  if (usesPartitionKeys && !dynamicPartitioning) {
    issues.push('Dynamic Partitioning Namespaces can only be part of a prefix expression when Dynamic Partitioning is enabled.');
  }
  if (dynamicPartitioning && !usesPartitionKeys) issues.push('S3 Prefix should contain Dynamic Partitioning namespaces when Dynamic Partitioning is enabled');
  if (partitionKeysOf(prefix, 'query').length > 0 && !processors.metadataExtractionPresent) {
    issues.push('MetadataExtraction processor should be present when S3 Prefix has partitionKeyFromQuery namespace.');
  }
  if (partitionKeysOf(prefix, 'lambda').length > 0) {
    issues.push(`!{partitionKeyFromLambda:...} needs a Lambda processor, which ${NOT_LOCAL}`);
  }
}

function checkErrorPrefix(errorPrefix: ParsedPrefix, required: boolean, issues: string[]): void {
  if (has(errorPrefix, 'partition-key')) issues.push('ErrorOutputPrefix cannot contain partitionKeyFromQuery or partitionKeyFromLambda expressions');
  if (hasExpressions(errorPrefix) && !has(errorPrefix, 'error-output-type')) {
    issues.push('ErrorOutputPrefix must contain !{firehose:error-output-type} when it contains expressions');
  }
  if (required && errorPrefix.raw === '') {
    issues.push('ErrorOutputPrefix is required when Prefix contains expressions or Dynamic Partitioning is enabled');
  }
}

/** AWS accepts these; every record then fails partitioning at run time, which is worth saying at start-up. */
function unproducedKeyWarnings(prefix: ParsedPrefix, processors: Processors): string[] {
  const query = processors.metadataExtraction;
  if (!query) return [];
  const produced = new Set(query.entries.map((entry) => entry.key));
  return partitionKeysOf(prefix, 'query')
    .filter((key) => !produced.has(key))
    .map((key) => `Prefix uses !{partitionKeyFromQuery:${key}} but MetadataExtractionQuery has no key "${key}": every record will go to the error prefix`);
}

function optionalString(value: unknown, field: string, issues: string[]): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  issues.push(`${field} must be a string`);
  return undefined;
}

/** Resolved templates may carry booleans and numbers as strings ("true", "64"). */
export function booleanOf(value: unknown): boolean | undefined {
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return undefined;
}

function integerOf(value: unknown): number | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) ? number : undefined;
}
