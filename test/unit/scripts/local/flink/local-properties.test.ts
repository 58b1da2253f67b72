// Unit tests: the local run's runner properties (contract keys from the local stack) and their .properties encoding.
import { formatProperties, localRuntimeProperties } from '../../../../../scripts/local/flink/local-properties';
import type { ResolvedResource } from '../../../../../scripts/local/types';

const stream = (logicalId: string, name: string): ResolvedResource => ({
  logicalId,
  type: 'AWS::Kinesis::Stream',
  properties: { Name: name },
  physicalId: name,
  attributes: { Arn: `arn:aws:kinesis:us-east-1:123456789012:stream/${name}` },
});

const resources: ResolvedResource[] = [
  stream('ClickstreamStream', 'streaming-reference-local-clickstream'),
  stream('IotTelemetryStream', 'streaming-reference-local-iot-telemetry'),
  stream('PaymentsStream', 'streaming-reference-local-payments'),
  {
    logicalId: 'MetricsTable',
    type: 'AWS::DynamoDB::Table',
    properties: {},
    physicalId: 'streaming-reference-local-metrics',
    attributes: { Arn: 'arn:aws:dynamodb:us-east-1:123456789012:table/streaming-reference-local-metrics' },
  },
];

const sdkEnv = {
  AWS_ENDPOINT_URL: 'http://127.0.0.1:4501',
  AWS_ENDPOINT_URL_KINESIS: 'http://127.0.0.1:4501',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: '123456789012',
  AWS_SECRET_ACCESS_KEY: 'local-cloud-secret',
};

describe('localRuntimeProperties', () => {
  it('fills the contract keys from the local stack, reading from the start of each stream', () => {
    expect(localRuntimeProperties({ resources, sdkEnv, region: 'us-east-1' })).toEqual({
      'aws.region': 'us-east-1',
      'clickstream.stream.arn': 'arn:aws:kinesis:us-east-1:123456789012:stream/streaming-reference-local-clickstream',
      'iot.stream.arn': 'arn:aws:kinesis:us-east-1:123456789012:stream/streaming-reference-local-iot-telemetry',
      'payments.stream.arn': 'arn:aws:kinesis:us-east-1:123456789012:stream/streaming-reference-local-payments',
      'metrics.table.name': 'streaming-reference-local-metrics',
      'source.init.position': 'TRIM_HORIZON',
      'aws.endpoint': 'http://127.0.0.1:4501',
      'aws.access.key.id': '123456789012',
      'aws.secret.access.key': 'local-cloud-secret',
    });
  });

  it('names Kinesis separately when another emulator serves it (kinesis-local), with the runner\'s key', () => {
    const properties = localRuntimeProperties({ resources, sdkEnv: { ...sdkEnv, AWS_ENDPOINT_URL_KINESIS: 'http://127.0.0.1:4502' }, region: 'us-east-1' });
    expect(properties).toMatchObject({ 'aws.endpoint': 'http://127.0.0.1:4501', 'aws.endpoint.kinesis': 'http://127.0.0.1:4502' });
    expect(properties).not.toHaveProperty('aws.endpoint.dynamodb');
  });

  it('names DynamoDB separately when its endpoint differs from the common one', () => {
    const properties = localRuntimeProperties({ resources, sdkEnv: { ...sdkEnv, AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:4503' }, region: 'us-east-1' });
    expect(properties).toMatchObject({ 'aws.endpoint': 'http://127.0.0.1:4501', 'aws.endpoint.dynamodb': 'http://127.0.0.1:4503' });
    expect(properties).not.toHaveProperty('aws.endpoint.kinesis');
  });

  it('fails clearly without any Kinesis or DynamoDB endpoint', () => {
    expect(() => localRuntimeProperties({ resources, sdkEnv: { AWS_REGION: 'us-east-1' }, region: 'us-east-1' })).toThrow(
      'the local SDK environment names no Kinesis or DynamoDB endpoint',
    );
  });

  it('fails clearly when the stack lacks a resource the job needs', () => {
    expect(() => localRuntimeProperties({ resources: resources.slice(0, 3), sdkEnv, region: 'us-east-1' })).toThrow(
      'the local stack has no AWS::DynamoDB::Table MetricsTable',
    );
  });
});

describe('formatProperties', () => {
  it('writes key=value lines with separators and backslashes escaped, so Properties.load reads them back exactly', () => {
    expect(formatProperties({ 'aws.endpoint': 'http://127.0.0.1:4501', path: 'C:\\tmp', 'a key': ' lead=x#y' }, 'local run')).toBe(
      '# local run\naws.endpoint=http\\://127.0.0.1\\:4501\npath=C\\:\\\\tmp\na\\ key=\\ lead\\=x\\#y\n',
    );
  });

  it('escapes line breaks and non-ASCII (load reads ISO-8859-1)', () => {
    expect(formatProperties({ note: 'a\nb', unit: '°C', emoji: '😀' })).toBe('note=a\\nb\nunit=\\u00b0C\nemoji=\\ud83d\\ude00\n');
  });
});
