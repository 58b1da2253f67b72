// The runner's properties for a local run: the same keys as the Managed Flink property group, pointed at the local cloud.
import type { ResolvedResource } from '../types';

/** Template logical ids of what the job reads and writes (serverless.yml). */
export const FLINK_RESOURCES = {
  clickstream: 'ClickstreamStream',
  iot: 'IotTelemetryStream',
  payments: 'PaymentsStream',
  metricsTable: 'MetricsTable',
} as const;

export interface LocalPropertiesInput {
  resources: readonly ResolvedResource[];
  /** The local cloud's SDK environment: endpoints and its static test credentials. */
  sdkEnv: Readonly<Record<string, string | undefined>>;
  region: string;
}

/**
 * TRIM_HORIZON, unlike AWS's LATEST: a local stream is new with every run, and the job should count what the demo
 * sent while it was starting. Endpoints follow the SDK's own convention: `aws.endpoint` is the local cloud's common
 * endpoint (AWS_ENDPOINT_URL), and `aws.endpoint.kinesis` / `aws.endpoint.dynamodb` name a service that another
 * emulator serves (AWS_ENDPOINT_URL_KINESIS for kinesis-local), the keys the runner reads (flink-sql/README.md).
 */
export function localRuntimeProperties(input: LocalPropertiesInput): Record<string, string> {
  const { sdkEnv } = input;
  const kinesisEndpoint = sdkEnv.AWS_ENDPOINT_URL_KINESIS ?? sdkEnv.AWS_ENDPOINT_URL;
  const dynamoDbEndpoint = sdkEnv.AWS_ENDPOINT_URL_DYNAMODB ?? sdkEnv.AWS_ENDPOINT_URL;
  if (!kinesisEndpoint || !dynamoDbEndpoint) throw new Error('the local SDK environment names no Kinesis or DynamoDB endpoint');
  const commonEndpoint = sdkEnv.AWS_ENDPOINT_URL ?? kinesisEndpoint;
  return {
    'aws.region': input.region,
    'clickstream.stream.arn': streamArn(input.resources, FLINK_RESOURCES.clickstream),
    'iot.stream.arn': streamArn(input.resources, FLINK_RESOURCES.iot),
    'payments.stream.arn': streamArn(input.resources, FLINK_RESOURCES.payments),
    'metrics.table.name': resource(input.resources, FLINK_RESOURCES.metricsTable, 'AWS::DynamoDB::Table').physicalId,
    'source.init.position': 'TRIM_HORIZON',
    'aws.endpoint': commonEndpoint,
    ...serviceEndpoint('kinesis', kinesisEndpoint, commonEndpoint),
    ...serviceEndpoint('dynamodb', dynamoDbEndpoint, commonEndpoint),
    'aws.access.key.id': sdkEnv.AWS_ACCESS_KEY_ID ?? 'test',
    'aws.secret.access.key': sdkEnv.AWS_SECRET_ACCESS_KEY ?? 'test',
  };
}

/** The runner's per-service override (EmulatorOptions.endpointFor), written only where it differs from the common one. */
const serviceEndpoint = (service: 'kinesis' | 'dynamodb', endpoint: string, common: string): Record<string, string> =>
  endpoint === common ? {} : { [`aws.endpoint.${service}`]: endpoint };

function resource(resources: readonly ResolvedResource[], logicalId: string, type: string): ResolvedResource {
  const found = resources.find((candidate) => candidate.logicalId === logicalId);
  if (!found || found.type !== type) throw new Error(`the local stack has no ${type} ${logicalId}`);
  return found;
}

function streamArn(resources: readonly ResolvedResource[], logicalId: string): string {
  const arn = resource(resources, logicalId, 'AWS::Kinesis::Stream').attributes.Arn;
  if (!arn) throw new Error(`${logicalId} has no Arn attribute`);
  return arn;
}

/**
 * java.util.Properties text, read back exactly by Properties.load: backslashes, separators, comment starters and
 * line breaks are escaped, and anything outside printable ASCII becomes a \uXXXX escape (load reads ISO-8859-1).
 */
export function formatProperties(properties: Readonly<Record<string, string>>, comment?: string): string {
  const lines = Object.entries(properties).map(([key, value]) => `${escapeProperty(key, true)}=${escapeProperty(value, false)}`);
  return `${comment ? `# ${comment}\n` : ''}${lines.join('\n')}\n`;
}

function escapeProperty(text: string, isKey: boolean): string {
  let escaped = '';
  for (const [index, char] of [...text].entries()) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '\\') escaped += '\\\\';
    else if (char === '\n') escaped += '\\n';
    else if (char === '\r') escaped += '\\r';
    else if (char === '\t') escaped += '\\t';
    else if ('=:#!'.includes(char)) escaped += `\\${char}`;
    else if (char === ' ' && (isKey || index === 0)) escaped += '\\ ';
    else if (code < 0x20 || code > 0x7e) escaped += unicodeEscape(char);
    else escaped += char;
  }
  return escaped;
}

/** Characters beyond the BMP become a surrogate pair of escapes, as Java strings hold them. */
const unicodeEscape = (char: string): string =>
  Array.from({ length: char.length }, (_, i) => `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`).join('');
