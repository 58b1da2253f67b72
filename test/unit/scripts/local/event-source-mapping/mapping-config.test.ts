import {
  InvalidEventSourceMappingError,
  parseKinesisMappingProperties,
} from '../../../../../scripts/local/event-source-mapping/mapping-config';

const STREAM_ARN = 'arn:aws:kinesis:eu-west-1:123456789012:stream/clicks';
const NOW = Date.UTC(2025, 5, 1);
const parse = (properties: Record<string, unknown>) => parseKinesisMappingProperties(properties, { now: NOW });
const minimal = { EventSourceArn: STREAM_ARN, FunctionName: 'consume', StartingPosition: 'LATEST' };

function problemsOf(properties: Record<string, unknown>): readonly string[] {
  try {
    parse(properties);
  } catch (error) {
    if (error instanceof InvalidEventSourceMappingError) return error.problems;
    throw error;
  }
  throw new Error('expected the properties to be rejected');
}

describe('parseKinesisMappingProperties', () => {
  it('applies the AWS defaults', () => {
    expect(parse(minimal)).toEqual({
      streamArn: STREAM_ARN,
      region: 'eu-west-1',
      accountId: '123456789012',
      functionName: 'consume',
      functionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:consume',
      enabled: true,
      batchSize: 100,
      maximumBatchingWindowSeconds: 0,
      startingPosition: { type: 'LATEST' },
      maximumRetryAttempts: -1,
      maximumRecordAgeSeconds: -1,
      bisectBatchOnFunctionError: false,
      parallelizationFactor: 1,
      reportBatchItemFailures: false,
      onFailureDestinationArn: undefined,
    });
  });

  it('reads what osls generates for the clickstream consumer, numeric strings included', () => {
    const config = parse({
      BatchSize: '100',
      Enabled: true,
      EventSourceArn: STREAM_ARN,
      FunctionName: 'arn:aws:lambda:eu-west-1:123456789012:function:app-dev-consume',
      ParallelizationFactor: undefined,
      StartingPosition: 'TRIM_HORIZON',
      MaximumBatchingWindowInSeconds: 1,
      MaximumRetryAttempts: 5,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      MaximumRecordAgeInSeconds: 3600,
      DestinationConfig: { OnFailure: { Destination: 'arn:aws:sqs:eu-west-1:123456789012:app-dev-dlq' } },
    });
    expect(config).toMatchObject({
      functionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:app-dev-consume',
      batchSize: 100,
      maximumBatchingWindowSeconds: 1,
      startingPosition: { type: 'TRIM_HORIZON' },
      maximumRetryAttempts: 5,
      maximumRecordAgeSeconds: 3600,
      bisectBatchOnFunctionError: true,
      parallelizationFactor: 1,
      reportBatchItemFailures: true,
      onFailureDestinationArn: 'arn:aws:sqs:eu-west-1:123456789012:app-dev-dlq',
    });
  });

  it('accepts BatchSize 100 with window 0 (AMBIG: the >10 ⇒ window rule is enforced for SQS only)', () => {
    expect(parse({ ...minimal, BatchSize: 100, MaximumBatchingWindowInSeconds: 0 }).batchSize).toBe(100);
  });

  it('takes AT_TIMESTAMP with a Unix-seconds timestamp', () => {
    const seconds = NOW / 1000 - 60.5;
    expect(parse({ ...minimal, StartingPosition: 'AT_TIMESTAMP', StartingPositionTimestamp: seconds }).startingPosition).toEqual({
      type: 'AT_TIMESTAMP',
      timestamp: new Date(seconds * 1000),
    });
  });

  it.each([
    ['BatchSize', 0],
    ['BatchSize', 10_001],
    ['BatchSize', 1.5],
    ['MaximumBatchingWindowInSeconds', 301],
    ['ParallelizationFactor', 0],
    ['ParallelizationFactor', 11],
    ['MaximumRetryAttempts', -2],
    ['MaximumRetryAttempts', 10_001],
    ['MaximumRecordAgeInSeconds', 0],
    ['MaximumRecordAgeInSeconds', 59],
    ['MaximumRecordAgeInSeconds', 604_801],
    ['BisectBatchOnFunctionError', 'yes'],
    ['TumblingWindowInSeconds', 901],
  ])('rejects %s = %p', (name, value) => {
    expect(problemsOf({ ...minimal, [name]: value })).toEqual([expect.stringContaining(name)]);
  });

  it.each([
    [{ StartingPosition: undefined }, 'StartingPosition is required'],
    [{ StartingPosition: 'AT_SEQUENCE_NUMBER' }, 'StartingPosition is required'],
    [{ StartingPosition: 'AT_TIMESTAMP' }, 'StartingPositionTimestamp (Unix seconds) is required'],
    [{ StartingPosition: 'AT_TIMESTAMP', StartingPositionTimestamp: NOW / 1000 + 60 }, 'must not be in the future'],
    [{ FunctionResponseTypes: ['ReportBatchItemFailure'] }, 'FunctionResponseTypes must be'],
    [{ DestinationConfig: { OnFailure: { Destination: 'arn:aws:s3:::bucket' } } }, 'S3 destinations are not emulated'],
    [{ DestinationConfig: { OnFailure: { Destination: 'arn:aws:lambda:eu-west-1:1:function:f' } } }, 'SQS queue or SNS topic ARN'],
    [{ DestinationConfig: { OnSuccess: { Destination: 'arn:aws:sqs:eu-west-1:123456789012:q' } } }, 'OnSuccess is not supported'],
    [{ TumblingWindowInSeconds: 60 }, 'tumbling windows are not emulated'],
    [{ FilterCriteria: { Filters: [{ Pattern: '{"data":{"a":[1]}}' }] } }, 'event filtering is not emulated'],
    [{ EventSourceArn: 'arn:aws:kinesis:eu-west-1:123456789012:stream/clicks/consumer/c:1' }, 'enhanced fan-out'],
    [{ EventSourceArn: 'arn:aws:sqs:eu-west-1:123456789012:q' }, 'must be a Kinesis stream ARN'],
    [{ FunctionName: undefined }, 'FunctionName is required'],
    [{ Queues: ['q'] }, 'Queues does not apply to a Kinesis event source'],
    [{ BatchSizee: 10 }, 'BatchSizee is not a property'],
  ])('rejects %p', (overrides, message) => {
    expect(problemsOf({ ...minimal, ...overrides }).join('\n')).toContain(message);
  });

  it('reports every problem at once', () => {
    expect(problemsOf({ ...minimal, BatchSize: 0, ParallelizationFactor: 20, StartingPosition: 'NOW' })).toHaveLength(3);
  });

  it('accepts an SNS destination and inert properties', () => {
    const config = parse({
      ...minimal,
      Tags: [{ Key: 'team', Value: 'data' }],
      MetricsConfig: { Metrics: ['EventCount'] },
      DestinationConfig: { OnFailure: { Destination: 'arn:aws:sns:eu-west-1:123456789012:alerts' } },
      FilterCriteria: { Filters: [] },
      TumblingWindowInSeconds: 0,
    });
    expect(config.onFailureDestinationArn).toBe('arn:aws:sns:eu-west-1:123456789012:alerts');
  });
});
