// FrameStore on S3: analysed frames as PNG objects (SSE-KMS), and deletion of every version under a camera's prefix.
import {
  DeleteObjectsCommand,
  ListObjectVersionsCommand,
  PutObjectCommand,
  type ObjectIdentifier,
  type S3Client,
} from '@aws-sdk/client-s3';
import { chunkByCount } from '../batching/chunk';
import type { FrameStore } from '../video/ports';

/** DeleteObjects accepts at most 1000 keys per call. */
const DELETE_OBJECTS_MAX = 1000;

/**
 * `aws:kms` without a key id uses the bucket's key (the AWS managed aws/s3 key), and says so on each request, so
 * the object is encrypted with KMS even if the bucket default changes. Deletion removes every version and delete
 * marker (the bucket is versioned): a deleted camera's frames must not live on as noncurrent versions.
 */
export function createS3FrameStore(client: S3Client, options: { bucketName: string }): FrameStore {
  const { bucketName } = options;

  async function listVersions(prefix: string): Promise<ObjectIdentifier[]> {
    const identifiers: ObjectIdentifier[] = [];
    let keyMarker: string | undefined;
    let versionIdMarker: string | undefined;
    for (;;) {
      const page = await client.send(
        new ListObjectVersionsCommand({ Bucket: bucketName, Prefix: prefix, KeyMarker: keyMarker, VersionIdMarker: versionIdMarker }),
      );
      for (const entry of [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])]) {
        if (entry.Key !== undefined) identifiers.push({ Key: entry.Key, VersionId: entry.VersionId });
      }
      if (page.IsTruncated !== true) return identifiers;
      keyMarker = page.NextKeyMarker;
      versionIdMarker = page.NextVersionIdMarker;
    }
  }

  return {
    async put(key, png) {
      await client.send(
        new PutObjectCommand({ Bucket: bucketName, Key: key, Body: png, ContentType: 'image/png', ServerSideEncryption: 'aws:kms' }),
      );
    },

    async deletePrefix(prefix) {
      const identifiers = await listVersions(prefix);
      for (const chunk of chunkByCount(identifiers, DELETE_OBJECTS_MAX)) {
        const response = await client.send(new DeleteObjectsCommand({ Bucket: bucketName, Delete: { Objects: chunk, Quiet: true } }));
        const failed = response.Errors ?? [];
        if (failed.length > 0) throw new Error(`DeleteObjects failed for ${failed.length} object(s): ${failed[0]?.Code ?? 'unknown'} ${failed[0]?.Key ?? ''}`);
      }
      return identifiers.length;
    },
  };
}
