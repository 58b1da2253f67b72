// Downloads a Glue table's objects from (local) S3 into a directory, grouped by partition, decompressed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { GlueTableDefinition } from './catalog';
import { partitionLayout, projectionFilter } from './partition-projection';

export interface PartitionFiles {
  values: Record<string, string>;
  /** Local paths of the partition's objects, JSON lines, uncompressed. */
  files: string[];
}

export interface TableDownload {
  partitions: PartitionFiles[];
  objects: number;
  bytes: number;
  /** Objects under the prefix that no partition covers (outside the layout or the projection). */
  ignored: string[];
}

const GZIP_MAGIC = [0x1f, 0x8b];

/** Athena decompresses by the object's format; Firehose's GZIP objects start with the gzip magic bytes. */
function decompressed(body: Uint8Array): Uint8Array {
  return body[0] === GZIP_MAGIC[0] && body[1] === GZIP_MAGIC[1] ? gunzipSync(body) : body;
}

async function listKeys(s3: S3Client, bucket: string, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    for (const object of page.Contents ?? []) if (object.Key !== undefined) keys.push(object.Key);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys.sort();
}

export async function downloadTable(options: { s3: S3Client; table: GlueTableDefinition; directory: string; now: Date }): Promise<TableDownload> {
  const { s3, table, directory } = options;
  const layout = partitionLayout(table);
  const projected = projectionFilter(table, options.now);
  const partitions = new Map<string, PartitionFiles>();
  const ignored: string[] = [];
  let bytes = 0;
  let objects = 0;
  mkdirSync(directory, { recursive: true });
  for (const key of await listKeys(s3, layout.bucket, layout.listPrefix)) {
    const values = layout.partitionOf(key);
    if (!values || !projected(values)) {
      ignored.push(key);
      continue;
    }
    const response = await s3.send(new GetObjectCommand({ Bucket: layout.bucket, Key: key }));
    if (!response.Body) throw new Error(`s3://${layout.bucket}/${key} has no body`);
    const body = decompressed(await response.Body.transformToByteArray());
    const path = join(directory, `${String(objects).padStart(6, '0')}.json`);
    writeFileSync(path, body);
    objects += 1;
    bytes += body.byteLength;
    const id = JSON.stringify(values);
    const partition = partitions.get(id) ?? { values, files: [] };
    partition.files.push(path);
    partitions.set(id, partition);
  }
  return { partitions: [...partitions.values()], objects, bytes, ignored };
}
