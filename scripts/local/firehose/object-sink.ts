// Where delivered objects go: a port with an S3 adapter for the local cloud and an in-memory one for tests.
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { keepAliveHttpHandler } from '../../../shared/aws/clients';
import { endpointFor } from '../provision/clients';

export interface ObjectMetadata {
  contentType?: string;
  contentEncoding?: string;
}

export interface ObjectSink {
  putObject(bucket: string, key: string, body: Uint8Array, metadata?: ObjectMetadata): Promise<void>;
}

export interface StoredObject extends ObjectMetadata {
  bucket: string;
  key: string;
  body: Uint8Array;
}

/** Keeps objects in write order; `failNext` makes the next puts throw, to exercise delivery retries. */
export class InMemoryObjectSink implements ObjectSink {
  readonly objects: StoredObject[] = [];
  private failures: Error[] = [];

  putObject(bucket: string, key: string, body: Uint8Array, metadata: ObjectMetadata = {}): Promise<void> {
    const failure = this.failures.shift();
    if (failure) return Promise.reject(failure);
    this.objects.push({ bucket, key, body, ...metadata });
    return Promise.resolve();
  }

  failNext(count: number, error: Error = new Error('ServiceUnavailable: injected S3 failure')): void {
    for (let index = 0; index < count; index += 1) this.failures.push(error);
  }

  keys(): string[] {
    return this.objects.map((object) => object.key);
  }
}

/**
 * Bodies go as Uint8Array with an explicit ContentLength: the SDK then sends one plain PUT instead of guessing a
 * stream's length (moto and some proxies mishandle chunked uploads).
 */
export function s3ObjectSink(client: S3Client): ObjectSink {
  return {
    async putObject(bucket, key, body, metadata = {}) {
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: body,
          ContentLength: body.byteLength,
          ContentType: metadata.contentType,
          ContentEncoding: metadata.contentEncoding,
        }),
      );
    },
  };
}

export interface S3ObjectSinkHandle {
  sink: ObjectSink;
  client: S3Client;
  /** Closes the client's keep-alive sockets. */
  destroy(): void;
}

/** An S3 sink configured from an SDK environment record (AWS_ENDPOINT_URL[_S3], region, credentials), path-style. */
export function s3ObjectSinkFromEnvironment(env: Readonly<Record<string, string | undefined>>, region = 'us-east-1'): S3ObjectSinkHandle {
  const client = new S3Client({
    endpoint: endpointFor(env, 'S3'),
    region: env.AWS_REGION ?? region,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID ?? 'local', secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? 'local' },
    forcePathStyle: true,
    requestHandler: keepAliveHttpHandler(),
  });
  return { sink: s3ObjectSink(client), client, destroy: () => client.destroy() };
}
