// Reads Image.S3Object for the Rekognition fake from the local cloud's S3, found through the standard endpoint variables.
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { keepAliveHttpHandler } from '../../../shared/aws/clients';
import type { S3ObjectReader } from './rekognition/image-input';

export interface S3Reader {
  read: S3ObjectReader;
  destroy(): void;
}

/** Undefined when the environment names no S3 endpoint: the fake never sends a request to real AWS. */
export function s3ObjectReaderFromEnvironment(env: Readonly<Record<string, string | undefined>>, region: string): S3Reader | undefined {
  const endpoint = env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL;
  if (!endpoint) return undefined;
  const client = new S3Client({
    endpoint,
    region: env.AWS_REGION ?? region,
    forcePathStyle: true,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID ?? 'local', secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? 'local' },
    requestHandler: keepAliveHttpHandler(),
  });
  return {
    read: async (bucket, key, version) => {
      const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key, VersionId: version }));
      if (!object.Body) throw new Error('the object has no body');
      return object.Body.transformToByteArray();
    },
    destroy: () => client.destroy(),
  };
}
