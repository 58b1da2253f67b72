// The Firehose API through the real SDK client: PutRecord(Batch) limits and errors, Describe, List, and the raw protocol.
import {
  DescribeDeliveryStreamCommand,
  FirehoseClient,
  ListDeliveryStreamsCommand,
  PutRecordBatchCommand,
  PutRecordCommand,
  type FirehoseServiceException,
} from '@aws-sdk/client-firehose';
import { createFirehoseClient } from '../../../../../shared/aws/clients';
import { invokeOperation, FirehoseApiError } from '../../../../../scripts/local/firehose/api-operations';
import { DeliveryStream, defaultDeliveryRetry } from '../../../../../scripts/local/firehose/delivery-stream';
import {
  InMemoryObjectSink,
  ManualClock,
  SequentialRandom,
  parseDeliveryStreamConfig,
  silentLogger,
  startFirehoseEmulator,
  type FirehoseEmulator,
} from '../../../../../scripts/local/firehose';

const start = Date.UTC(2026, 6, 13, 14, 5, 32);

const archive = {
  DeliveryStreamName: 'archive',
  DeliveryStreamEncryptionConfigurationInput: { KeyType: 'AWS_OWNED_CMK' },
  ExtendedS3DestinationConfiguration: {
    BucketARN: 'arn:aws:s3:::lake',
    RoleARN: 'arn:aws:iam::123456789012:role/firehose',
    Prefix: 'raw/',
    BufferingHints: { SizeInMBs: 128, IntervalInSeconds: 900 },
    ProcessingConfiguration: { Enabled: true, Processors: [{ Type: 'AppendDelimiterToRecord', Parameters: [] }] },
  },
};
const plain = { DeliveryStreamName: 'b-plain', ExtendedS3DestinationConfiguration: { BucketARN: 'arn:aws:s3:::lake', RoleARN: 'arn:aws:iam::123456789012:role/firehose' } };

const bytes = (size: number, fill = 'x'): Uint8Array => Buffer.alloc(size, fill);

async function rejection(promise: Promise<unknown>): Promise<FirehoseServiceException> {
  try {
    await promise;
  } catch (error) {
    return error as FirehoseServiceException;
  }
  throw new Error('expected the call to fail');
}

describe('Firehose API server', () => {
  let emulator: FirehoseEmulator;
  let client: FirehoseClient;
  let sink: InMemoryObjectSink;

  beforeEach(async () => {
    sink = new InMemoryObjectSink();
    emulator = await startFirehoseEmulator({
      deliveryStreams: [archive, plain],
      objectSink: sink,
      clock: new ManualClock(start),
      random: new SequentialRandom(),
      logger: silentLogger,
    });
    client = new FirehoseClient({ endpoint: emulator.url, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
  });

  afterEach(async () => {
    client.destroy();
    await emulator.stop();
  });

  describe('PutRecordBatch', () => {
    it('accepts records, answering one RecordId per record in request order', async () => {
      const response = await client.send(
        new PutRecordBatchCommand({ DeliveryStreamName: 'archive', Records: ['{"n":1}', '{"n":2}', '{"n":3}'].map((data) => ({ Data: Buffer.from(data) })) }),
      );
      expect(response.FailedPutCount).toBe(0);
      expect(response.Encrypted).toBe(true);
      expect(response.RequestResponses).toHaveLength(3);
      const ids = response.RequestResponses?.map((entry) => entry.RecordId) ?? [];
      expect(new Set(ids).size).toBe(3);
      ids.forEach((id) => expect(id).toMatch(/^[A-Za-z0-9+/]{64}$/));

      await emulator.flush();
      expect(sink.objects).toHaveLength(1);
      expect(sink.objects[0]?.key).toMatch(/^raw\/2026\/07\/13\/14\/archive-1-2026-07-13-14-05-32-[0-9a-f-]{36}$/);
      expect(Buffer.from(sink.objects[0]?.body ?? []).toString()).toBe('{"n":1}\n{"n":2}\n{"n":3}\n');
    });

    it('takes 500 records and exactly 1,024,000 bytes per record', async () => {
      const records = [bytes(1_024_000), ...Array.from({ length: 499 }, () => bytes(1))].map((data) => ({ Data: data }));
      const response = await client.send(new PutRecordBatchCommand({ DeliveryStreamName: 'b-plain', Records: records }));
      expect(response.RequestResponses).toHaveLength(500);
      expect(emulator.stats().streams['b-plain']).toMatchObject({ recordsIn: 500, bytesIn: 1_024_000 + 499 });
    });

    it('fails the whole call with a ValidationException above 500 records', async () => {
      const records = Array.from({ length: 501 }, () => ({ Data: bytes(1) }));
      const error = await rejection(client.send(new PutRecordBatchCommand({ DeliveryStreamName: 'archive', Records: records })));
      expect(error.name).toBe('ValidationException');
      expect(error.$metadata.httpStatusCode).toBe(400);
      expect(error.message).toMatch(/^1 validation error detected: Value '\[Record\(data=java\.nio\.HeapByteBuffer\[pos=0 lim=1 cap=1\]\), /);
      expect(error.message).toMatch(/\]' at 'records' failed to satisfy constraint: Member must have length less than or equal to 500$/);
      expect(emulator.stats().totals.recordsIn).toBe(0);
    });

    it('fails the whole call with a ValidationException naming each record above 1,024,000 bytes', async () => {
      const records = [bytes(10), bytes(1_024_001), bytes(1_024_002)].map((data) => ({ Data: data }));
      const error = await rejection(client.send(new PutRecordBatchCommand({ DeliveryStreamName: 'archive', Records: records })));
      expect(error.name).toBe('ValidationException');
      expect(error.message).toBe(
        '2 validation errors detected: ' +
          "Value 'java.nio.HeapByteBuffer[pos=0 lim=1024001 cap=1024001]' at 'records.2.member.data' failed to satisfy constraint: Member must have length less than or equal to 1024000; " +
          "Value 'java.nio.HeapByteBuffer[pos=0 lim=1024002 cap=1024002]' at 'records.3.member.data' failed to satisfy constraint: Member must have length less than or equal to 1024000",
      );
      expect(emulator.stats().totals.recordsIn).toBe(0);
    });

    it('rejects more than 4 MiB per call with an InvalidArgumentException, as AWS does, and takes exactly 4 MiB', async () => {
      const fourMiB = [...Array.from({ length: 4 }, () => bytes(1_024_000)), bytes(4 * 1024 * 1024 - 4 * 1_024_000)];
      const over = [...fourMiB.slice(0, 4), bytes(4 * 1024 * 1024 - 4 * 1_024_000 + 1)];
      const error = await rejection(client.send(new PutRecordBatchCommand({ DeliveryStreamName: 'b-plain', Records: over.map((data) => ({ Data: data })) })));
      expect(error.name).toBe('InvalidArgumentException');
      expect(error.message).toBe('Records size exceeds 4 MB limit');
      expect(error.$metadata.httpStatusCode).toBe(400);

      const accepted = await client.send(new PutRecordBatchCommand({ DeliveryStreamName: 'b-plain', Records: fourMiB.map((data) => ({ Data: data })) }));
      expect(accepted.FailedPutCount).toBe(0);
    });

    it('answers ResourceNotFoundException for an unknown stream', async () => {
      const error = await rejection(client.send(new PutRecordBatchCommand({ DeliveryStreamName: 'nope', Records: [{ Data: bytes(1) }] })));
      expect(error.name).toBe('ResourceNotFoundException');
      expect(error.message).toBe('Firehose nope under account 123456789012 not found.');
      expect(error.$metadata.httpStatusCode).toBe(400);
    });

    it('refuses records one by one while the emulator stops, so producers retry them', () => {
      const stream = new DeliveryStream(parseDeliveryStreamConfig(plain), {
        sink,
        clock: new ManualClock(start),
        random: new SequentialRandom(),
        logger: silentLogger,
        retry: defaultDeliveryRetry,
      });
      const context = { streams: new Map([['b-plain', stream]]), region: 'us-east-1', accountId: '123456789012', random: new SequentialRandom(), isStopping: () => true };
      const input = { DeliveryStreamName: 'b-plain', Records: [{ Data: 'YQ==' }, { Data: 'Yg==' }] };
      expect(invokeOperation('PutRecordBatch', input, context)).toEqual({
        FailedPutCount: 2,
        Encrypted: false,
        RequestResponses: Array(2).fill({ ErrorCode: 'ServiceUnavailableException', ErrorMessage: 'The local Firehose is stopping and accepts no more records.' }),
      });
      expect(() => invokeOperation('PutRecord', { DeliveryStreamName: 'b-plain', Record: { Data: 'YQ==' } }, context)).toThrow(
        new FirehoseApiError('ServiceUnavailableException', 'The local Firehose is stopping and accepts no more records.', 503),
      );
      expect(stream.stats().recordsIn).toBe(0);
    });
  });

  describe('PutRecord', () => {
    it('accepts one record', async () => {
      const response = await client.send(new PutRecordCommand({ DeliveryStreamName: 'b-plain', Record: { Data: Buffer.from('one') } }));
      expect(response.RecordId).toMatch(/^[A-Za-z0-9+/]{64}$/);
      expect(response.Encrypted).toBe(false);
      expect(emulator.stats().streams['b-plain']).toMatchObject({ recordsIn: 1, recordsBuffered: 1 });
    });

    it('rejects a record above 1,024,000 bytes', async () => {
      const error = await rejection(client.send(new PutRecordCommand({ DeliveryStreamName: 'b-plain', Record: { Data: bytes(1_024_001) } })));
      expect(error.name).toBe('ValidationException');
      expect(error.message).toBe(
        "1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=1024001 cap=1024001]' at 'record.data' failed to satisfy constraint: Member must have length less than or equal to 1024000",
      );
    });
  });

  it('describes a stream with the defaults AWS fills in', async () => {
    const { DeliveryStreamDescription: description } = await client.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'archive' }));
    expect(description).toMatchObject({
      DeliveryStreamName: 'archive',
      DeliveryStreamARN: 'arn:aws:firehose:us-east-1:123456789012:deliverystream/archive',
      DeliveryStreamStatus: 'ACTIVE',
      DeliveryStreamType: 'DirectPut',
      DeliveryStreamEncryptionConfiguration: { KeyType: 'AWS_OWNED_CMK', Status: 'ENABLED' },
      VersionId: '1',
      CreateTimestamp: new Date(start),
      HasMoreDestinations: false,
    });
    expect(description?.Destinations?.[0]).toMatchObject({
      DestinationId: 'destinationId-000000000001',
      ExtendedS3DestinationDescription: {
        BucketARN: 'arn:aws:s3:::lake',
        Prefix: 'raw/',
        BufferingHints: { SizeInMBs: 128, IntervalInSeconds: 900 },
        CompressionFormat: 'UNCOMPRESSED',
        EncryptionConfiguration: { NoEncryptionConfig: 'NoEncryption' },
        CloudWatchLoggingOptions: { Enabled: false },
        ProcessingConfiguration: { Enabled: true, Processors: [{ Type: 'AppendDelimiterToRecord', Parameters: [] }] },
        DynamicPartitioningConfiguration: { Enabled: false },
        S3BackupMode: 'Disabled',
      },
    });
  });

  it('lists streams in name order, a page at a time', async () => {
    expect(await client.send(new ListDeliveryStreamsCommand({}))).toMatchObject({ DeliveryStreamNames: ['archive', 'b-plain'], HasMoreDeliveryStreams: false });
    expect(await client.send(new ListDeliveryStreamsCommand({ Limit: 1 }))).toMatchObject({ DeliveryStreamNames: ['archive'], HasMoreDeliveryStreams: true });
    expect(await client.send(new ListDeliveryStreamsCommand({ ExclusiveStartDeliveryStreamName: 'archive' }))).toMatchObject({ DeliveryStreamNames: ['b-plain'] });
  });

  it('is reached through AWS_ENDPOINT_URL_FIREHOSE by the project client factory', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, emulator.environment, { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' });
    const projectClient = createFirehoseClient();
    try {
      const response = await projectClient.send(new PutRecordCommand({ DeliveryStreamName: 'archive', Record: { Data: Buffer.from('via env') } }));
      expect(response.RecordId).toBeDefined();
    } finally {
      projectClient.destroy();
      process.env = saved;
    }
  });

  describe('protocol', () => {
    const post = (target: string | undefined, body: string): Promise<Response> =>
      fetch(emulator.url, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', ...(target && { 'x-amz-target': target }) }, body });

    it('answers unknown operations with UnknownOperationException', async () => {
      const response = await post('Firehose_20150804.CreateDeliveryStream', '{}');
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.1');
      const body = (await response.json()) as { __type: string; message: string };
      expect(body.__type).toBe('UnknownOperationException');
      expect(body.message).toContain('CreateDeliveryStream is not served');
    });

    it('answers a missing target and a body that is not JSON', async () => {
      expect(await (await post(undefined, '{}')).json()).toMatchObject({ __type: 'UnknownOperationException' });
      expect(await (await post('Firehose_20150804.PutRecord', '{oops')).json()).toMatchObject({ __type: 'SerializationException' });
    });

    it('rejects Data that is not base64', async () => {
      const response = await post('Firehose_20150804.PutRecord', JSON.stringify({ DeliveryStreamName: 'archive', Record: { Data: 'not base64!' } }));
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ __type: 'SerializationException' });
    });

    it('names every missing required member, as AWS validation does', async () => {
      const response = await post('Firehose_20150804.PutRecordBatch', '{}');
      expect(await response.json()).toEqual({
        __type: 'ValidationException',
        message:
          "2 validation errors detected: Value null at 'deliveryStreamName' failed to satisfy constraint: Member must not be null; " +
          "Value null at 'records' failed to satisfy constraint: Member must not be null",
      });
    });
  });
});
