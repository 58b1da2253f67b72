// Creation-time checks of a delivery stream's CloudFormation Properties: AWS's rules, and loud refusals of what is not emulated.
import type { ResolvedResource } from '../../../../../scripts/local/types';
import { DeliveryStreamConfigError, parseDeliveryStreamConfig } from '../../../../../scripts/local/firehose/stream-config';

type Properties = Record<string, unknown>;

/** The clickstream archive stream of serverless.yml, as the template resolver hands it over. */
function clickstreamArchive(destination: Properties = {}): Properties {
  return {
    DeliveryStreamName: 'streaming-dev-clickstream-archive',
    DeliveryStreamType: 'DirectPut',
    DeliveryStreamEncryptionConfigurationInput: { KeyType: 'AWS_OWNED_CMK' },
    ExtendedS3DestinationConfiguration: {
      BucketARN: 'arn:aws:s3:::streaming-dev-123456789012-us-east-1-lake',
      RoleARN: 'arn:aws:iam::123456789012:role/firehose',
      Prefix: 'clickstream/events/event_date=!{partitionKeyFromQuery:event_date}/event_hour=!{partitionKeyFromQuery:event_hour}/',
      ErrorOutputPrefix: 'clickstream/errors/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/',
      BufferingHints: { SizeInMBs: 64, IntervalInSeconds: 60 },
      CompressionFormat: 'GZIP',
      DynamicPartitioningConfiguration: { Enabled: true, RetryOptions: { DurationInSeconds: 300 } },
      ProcessingConfiguration: {
        Enabled: true,
        Processors: [
          {
            Type: 'MetadataExtraction',
            Parameters: [
              { ParameterName: 'MetadataExtractionQuery', ParameterValue: '{event_date:.occurredAt[0:10],event_hour:.occurredAt[11:13]}' },
              { ParameterName: 'JsonParsingEngine', ParameterValue: 'JQ-1.6' },
            ],
          },
          { Type: 'AppendDelimiterToRecord', Parameters: [{ ParameterName: 'Delimiter', ParameterValue: '\\n' }] },
        ],
      },
      CloudWatchLoggingOptions: { Enabled: true, LogGroupName: '/aws/kinesisfirehose/streaming-dev', LogStreamName: 'clickstream-archive' },
      ...destination,
    },
  };
}

function staticStream(destination: Properties = {}): Properties {
  return {
    DeliveryStreamName: 'plain',
    ExtendedS3DestinationConfiguration: { BucketARN: 'arn:aws:s3:::bucket', RoleARN: 'arn:aws:iam::123456789012:role/firehose', ...destination },
  };
}

function issuesOf(properties: Properties): string[] {
  try {
    parseDeliveryStreamConfig(properties);
  } catch (error) {
    if (error instanceof DeliveryStreamConfigError) return error.issues;
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('parseDeliveryStreamConfig', () => {
  it("accepts the project's clickstream archive stream", () => {
    const config = parseDeliveryStreamConfig(clickstreamArchive());
    expect(config).toMatchObject({
      name: 'streaming-dev-clickstream-archive',
      version: 1,
      encrypted: true,
      bucket: 'streaming-dev-123456789012-us-east-1-lake',
      buffering: { sizeInMBs: 64, intervalInSeconds: 60 },
      compression: 'GZIP',
      fileExtension: '.gz',
      dynamicPartitioning: { retryDurationInSeconds: 300 },
      appendNewline: true,
      warnings: [],
    });
    expect(config.metadataExtraction?.entries.map((entry) => entry.key)).toEqual(['event_date', 'event_hour']);
  });

  it('takes a resolved template resource, its name from Properties or else from the physical id', () => {
    const properties = staticStream();
    delete properties.DeliveryStreamName;
    const resource: ResolvedResource = { logicalId: 'Archive', type: 'AWS::KinesisFirehose::DeliveryStream', properties, physicalId: 'archive-physical', attributes: {} };
    expect(parseDeliveryStreamConfig(resource).name).toBe('archive-physical');
    expect(() => parseDeliveryStreamConfig({ ...resource, type: 'AWS::S3::Bucket' })).toThrow('not an AWS::KinesisFirehose::DeliveryStream');
  });

  it('applies the documented defaults: 5 MiB, 300 s, uncompressed, no extension, no processing', () => {
    expect(parseDeliveryStreamConfig(staticStream())).toMatchObject({
      encrypted: false,
      buffering: { sizeInMBs: 5, intervalInSeconds: 300 },
      compression: 'UNCOMPRESSED',
      fileExtension: '',
      appendNewline: false,
    });
  });

  it('reads numbers and flags that the template left as strings', () => {
    const config = parseDeliveryStreamConfig(
      clickstreamArchive({ BufferingHints: { SizeInMBs: '128', IntervalInSeconds: '900' }, DynamicPartitioningConfiguration: { Enabled: 'true' } }),
    );
    expect(config.buffering).toEqual({ sizeInMBs: 128, intervalInSeconds: 900 });
    expect(config.dynamicPartitioning).toEqual({ retryDurationInSeconds: 300 });
  });

  it('lets FileExtension override the compression extension', () => {
    expect(parseDeliveryStreamConfig(staticStream({ CompressionFormat: 'GZIP', FileExtension: '.json.gz' })).fileExtension).toBe('.json.gz');
  });

  it('does not apply processors when processing is disabled', () => {
    const config = parseDeliveryStreamConfig(
      staticStream({ ProcessingConfiguration: { Enabled: false, Processors: [{ Type: 'AppendDelimiterToRecord', Parameters: [] }] } }),
    );
    expect(config.appendNewline).toBe(false);
  });

  it('warns when the prefix names a key the query does not produce (AWS accepts it; every record then fails)', () => {
    const config = parseDeliveryStreamConfig(clickstreamArchive({ Prefix: 'events/!{partitionKeyFromQuery:tenant}/' }));
    expect(config.warnings).toEqual([expect.stringContaining('MetadataExtractionQuery has no key "tenant"')]);
  });

  describe('dynamic partitioning rules', () => {
    it.each<[string, Properties, string]>([
      ['a prefix without partition keys', { Prefix: 'events/!{timestamp:yyyy}/' }, 'S3 Prefix should contain Dynamic Partitioning namespaces when Dynamic Partitioning is enabled'],
      ['a buffer below 64 MiB', { BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 60 } }, 'BufferingHints.SizeInMBs must be at least 64 when Dynamic Partitioning is enabled.'],
      ['zero buffering', { BufferingHints: { SizeInMBs: 64, IntervalInSeconds: 0 } }, 'BufferingHints.IntervalInSeconds: zero buffering is not available with Dynamic Partitioning'],
      ['no ErrorOutputPrefix', { ErrorOutputPrefix: undefined }, 'ErrorOutputPrefix is required when Prefix contains expressions or Dynamic Partitioning is enabled'],
      ['no MetadataExtraction processor', { ProcessingConfiguration: { Enabled: true, Processors: [] } }, 'MetadataExtraction processor should be present when S3 Prefix has partitionKeyFromQuery namespace.'],
      ['a retry duration over 7200 s', { DynamicPartitioningConfiguration: { Enabled: true, RetryOptions: { DurationInSeconds: 7201 } } }, 'DynamicPartitioningConfiguration.RetryOptions.DurationInSeconds must be an integer from 0 to 7200'],
    ])('rejects %s', (_, destination, issue) => {
      expect(issuesOf(clickstreamArchive(destination))).toContain(issue);
    });

    it('rejects partition keys and MetadataExtraction without dynamic partitioning', () => {
      const issues = issuesOf(clickstreamArchive({ DynamicPartitioningConfiguration: { Enabled: false } }));
      expect(issues).toEqual(
        expect.arrayContaining([
          'Dynamic Partitioning Namespaces can only be part of a prefix expression when Dynamic Partitioning is enabled.',
          'MetadataExtraction processor can only be present when Dynamic Partitioning is enabled.',
        ]),
      );
    });

    it('rejects a query with more than 50 keys', () => {
      const query = `{${Array.from({ length: 51 }, (_, index) => `k${index}:.v`).join(',')}}`;
      const processors = [
        {
          Type: 'MetadataExtraction',
          Parameters: [
            { ParameterName: 'MetadataExtractionQuery', ParameterValue: query },
            { ParameterName: 'JsonParsingEngine', ParameterValue: 'JQ-1.6' },
          ],
        },
      ];
      expect(issuesOf(clickstreamArchive({ Prefix: '!{partitionKeyFromQuery:k0}/', ProcessingConfiguration: { Enabled: true, Processors: processors } }))).toContain(
        'ProcessingConfiguration.Processors[0]: MetadataExtractionQuery has 51 keys; at most 50 are allowed',
      );
    });

    it('rejects jq outside the subset, naming the construct', () => {
      const processors = [
        {
          Type: 'MetadataExtraction',
          Parameters: [
            { ParameterName: 'MetadataExtractionQuery', ParameterValue: '{year:.ts|strftime("%Y")}' },
            { ParameterName: 'JsonParsingEngine', ParameterValue: 'JQ-1.6' },
          ],
        },
      ];
      const issues = issuesOf(clickstreamArchive({ Prefix: 'y=!{partitionKeyFromQuery:year}/', ProcessingConfiguration: { Enabled: true, Processors: processors } }));
      expect(issues).toEqual([expect.stringMatching(/Processors\[0\]: jq query .*unsupported pipe/)]);
    });
  });

  describe('prefix rules', () => {
    it.each<[string, Properties, string]>([
      ['error-output-type in Prefix', { Prefix: 'x/!{firehose:error-output-type}/', ErrorOutputPrefix: 'e/!{firehose:error-output-type}/' }, "Prefix can't contain !{firehose:error-output-type}"],
      ['an expression Prefix without ErrorOutputPrefix', { Prefix: 'x/!{timestamp:yyyy}/' }, 'ErrorOutputPrefix is required'],
      ['an ErrorOutputPrefix expression without error-output-type', { ErrorOutputPrefix: 'e/!{timestamp:yyyy}/' }, 'ErrorOutputPrefix must contain !{firehose:error-output-type}'],
      ['a partition key in ErrorOutputPrefix', { ErrorOutputPrefix: 'e/!{firehose:error-output-type}/!{partitionKeyFromQuery:k}/' }, 'ErrorOutputPrefix cannot contain'],
      ['a malformed expression', { Prefix: 'x/!{timestamp:yyyy/' }, 'Prefix "x/!{timestamp:yyyy/": the sequence "!{" can only appear'],
      ['a Prefix over 1,024 characters', { Prefix: 'p'.repeat(1025) }, 'Prefix must be at most 1024 characters'],
    ])('rejects %s', (_, destination, issue) => {
      expect(issuesOf(staticStream(destination))).toEqual(expect.arrayContaining([expect.stringContaining(issue)]));
    });

    it('accepts a static ErrorOutputPrefix next to an expression Prefix', () => {
      expect(() => parseDeliveryStreamConfig(staticStream({ Prefix: 'x/!{timestamp:yyyy}/', ErrorOutputPrefix: 'errors/' }))).not.toThrow();
    });
  });

  describe('buffering ranges', () => {
    it.each<[Properties, string]>([
      [{ SizeInMBs: 0, IntervalInSeconds: 60 }, 'SizeInMBs must be an integer from 1 to 128'],
      [{ SizeInMBs: 129, IntervalInSeconds: 60 }, 'SizeInMBs must be an integer from 1 to 128'],
      [{ SizeInMBs: 5, IntervalInSeconds: 901 }, 'IntervalInSeconds must be an integer from 0 to 900'],
      [{ SizeInMBs: 5 }, 'you must set both'],
    ])('rejects %j', (hints, issue) => {
      expect(issuesOf(staticStream({ BufferingHints: hints }))).toEqual([expect.stringContaining(issue)]);
    });

    it('allows zero buffering without dynamic partitioning', () => {
      expect(parseDeliveryStreamConfig(staticStream({ BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 } })).buffering.intervalInSeconds).toBe(0);
    });
  });

  describe('what the local Firehose does not implement is refused, not ignored', () => {
    it.each<[string, Properties, string]>([
      ['a Lambda processor', { ProcessingConfiguration: { Enabled: true, Processors: [{ Type: 'Lambda', Parameters: [{ ParameterName: 'LambdaArn', ParameterValue: 'arn' }] }] } }, 'the Lambda processor is not implemented'],
      ['RecordDeAggregation', { ProcessingConfiguration: { Enabled: true, Processors: [{ Type: 'RecordDeAggregation', Parameters: [] }] } }, 'the RecordDeAggregation processor is not implemented'],
      ['record format conversion', { DataFormatConversionConfiguration: { Enabled: true } }, 'DataFormatConversionConfiguration (record format conversion) is not implemented'],
      ['ZIP compression', { CompressionFormat: 'ZIP' }, 'CompressionFormat ZIP is not implemented'],
      ['Snappy compression', { CompressionFormat: 'Snappy' }, 'CompressionFormat Snappy is not implemented'],
      ['a custom time zone', { CustomTimeZone: 'Asia/Tokyo' }, 'CustomTimeZone "Asia/Tokyo" is not implemented'],
      ['S3 backup', { S3BackupMode: 'Enabled' }, 'S3BackupMode "Enabled" is not implemented'],
      ['an unknown destination property', { RedshiftSettings: {} }, 'ExtendedS3DestinationConfiguration.RedshiftSettings is not implemented'],
      ['a delimiter other than newline', { ProcessingConfiguration: { Enabled: true, Processors: [{ Type: 'AppendDelimiterToRecord', Parameters: [{ ParameterName: 'Delimiter', ParameterValue: ',' }] }] } }, 'supports only the newline delimiter'],
    ])('%s', (_, destination, issue) => {
      expect(issuesOf(staticStream(destination))).toEqual(expect.arrayContaining([expect.stringContaining(issue)]));
    });

    it('a Kinesis source stream', () => {
      expect(issuesOf({ ...staticStream(), DeliveryStreamType: 'KinesisStreamAsSource', KinesisStreamSourceConfiguration: {} })).toEqual([
        'KinesisStreamSourceConfiguration is not implemented by the local Firehose (it delivers DirectPut streams to ExtendedS3DestinationConfiguration)',
        'DeliveryStreamType "KinesisStreamAsSource" is not implemented by the local Firehose (only DirectPut)',
      ]);
    });
  });

  it('lists every problem of a stream in one error', () => {
    const error = (() => {
      try {
        parseDeliveryStreamConfig({ DeliveryStreamName: 'bad name', ExtendedS3DestinationConfiguration: { BucketARN: 'bucket', CompressionFormat: 'LZ4' } });
      } catch (caught) {
        return caught as DeliveryStreamConfigError;
      }
      throw new Error('expected a DeliveryStreamConfigError');
    })();
    expect(error.issues).toEqual([
      'DeliveryStreamName "bad name" must be 1-64 characters of [a-zA-Z0-9_.-]',
      'ExtendedS3DestinationConfiguration.BucketARN "bucket" must be an S3 bucket ARN (arn:aws:s3:::bucket)',
      'ExtendedS3DestinationConfiguration.RoleARN is required',
      'CompressionFormat "LZ4" must be UNCOMPRESSED, GZIP, ZIP, Snappy or HADOOP_SNAPPY',
    ]);
    expect(error.message).toContain('Firehose delivery stream bad name is invalid:\n  - DeliveryStreamName');
  });
});
