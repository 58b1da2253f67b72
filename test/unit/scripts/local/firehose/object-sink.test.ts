// Object sinks: the S3 adapter's PutObject request and client settings, and the in-memory sink's failure injection.
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { InMemoryObjectSink, s3ObjectSink, s3ObjectSinkFromEnvironment } from '../../../../../scripts/local/firehose/object-sink';

describe('s3ObjectSink', () => {
  const s3 = mockClient(S3Client);

  afterEach(() => s3.reset());
  afterAll(() => s3.restore());

  it('puts the body as bytes with an explicit ContentLength and the given metadata', async () => {
    s3.on(PutObjectCommand).resolves({});
    const body = Buffer.from('{"a":1}\n');
    await s3ObjectSink(new S3Client({})).putObject('lake', 'raw/key.gz', body, { contentType: 'application/octet-stream', contentEncoding: 'gzip' });
    expect(s3.commandCalls(PutObjectCommand).map((call) => call.args[0].input)).toEqual([
      { Bucket: 'lake', Key: 'raw/key.gz', Body: body, ContentLength: 8, ContentType: 'application/octet-stream', ContentEncoding: 'gzip' },
    ]);
  });

  it('lets S3 errors reach the caller, which retries', async () => {
    s3.on(PutObjectCommand).rejects(new Error('NoSuchBucket'));
    await expect(s3ObjectSink(new S3Client({})).putObject('missing', 'k', new Uint8Array())).rejects.toThrow('NoSuchBucket');
  });
});

describe('s3ObjectSinkFromEnvironment', () => {
  it('takes the S3 endpoint, region and credentials from the environment record, path-style', async () => {
    const handle = s3ObjectSinkFromEnvironment({
      AWS_ENDPOINT_URL: 'http://127.0.0.1:5000',
      AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:5001',
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'key',
      AWS_SECRET_ACCESS_KEY: 'secret',
    });
    try {
      const { config } = handle.client;
      expect(config.forcePathStyle).toBe(true);
      expect(await config.region()).toBe('eu-west-1');
      expect(await config.credentials()).toMatchObject({ accessKeyId: 'key', secretAccessKey: 'secret' });
      const endpoint = await config.endpoint?.();
      expect(endpoint).toMatchObject({ hostname: '127.0.0.1', port: 5001, protocol: 'http:' });
    } finally {
      handle.destroy();
    }
  });

  it('refuses to run without an endpoint instead of writing to real AWS', () => {
    expect(() => s3ObjectSinkFromEnvironment({})).toThrow('no endpoint for S3');
  });
});

describe('InMemoryObjectSink', () => {
  it('keeps objects in write order and fails the next puts on request', async () => {
    const sink = new InMemoryObjectSink();
    sink.failNext(1, new Error('boom'));
    await expect(sink.putObject('b', 'first', new Uint8Array([1]))).rejects.toThrow('boom');
    await sink.putObject('b', 'second', new Uint8Array([2]), { contentType: 'application/octet-stream' });
    expect(sink.objects).toEqual([{ bucket: 'b', key: 'second', body: new Uint8Array([2]), contentType: 'application/octet-stream' }]);
    expect(sink.keys()).toEqual(['second']);
  });
});
