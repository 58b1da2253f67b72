// Unit tests: frames are put as SSE-KMS PNGs; deleting a camera's prefix removes every version and delete marker, page by page.
import { DeleteObjectsCommand, ListObjectVersionsCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { createS3FrameStore } from '../../../../shared/aws/s3-frame-store';

const s3 = mockClient(S3Client);
const store = createS3FrameStore(new S3Client({ region: 'eu-west-1' }), { bucketName: 'frames' });
const PREFIX = 'video/frames/front-door/';
const key = (index: number) => `${PREFIX}2026-11-02/motion-1/${index}.png`;

beforeEach(() => s3.reset());

describe('S3 frame store', () => {
  it('puts a frame as image/png with SSE-KMS', async () => {
    s3.on(PutObjectCommand).resolves({});
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);

    await store.put(key(1), png);

    expect(s3.commandCalls(PutObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: 'frames',
      Key: key(1),
      Body: png,
      ContentType: 'image/png',
      ServerSideEncryption: 'aws:kms',
    });
  });

  it('deletes every version and delete marker under the prefix, following the version markers', async () => {
    s3.on(ListObjectVersionsCommand)
      .resolvesOnce({
        Versions: [{ Key: key(1), VersionId: 'v1' }, { Key: key(1), VersionId: 'v0' }],
        DeleteMarkers: [{ Key: key(2), VersionId: 'd1' }],
        IsTruncated: true,
        NextKeyMarker: key(2),
        NextVersionIdMarker: 'd1',
      })
      .resolvesOnce({ Versions: [{ Key: key(3), VersionId: 'v3' }], IsTruncated: false });
    s3.on(DeleteObjectsCommand).resolves({});

    await expect(store.deletePrefix(PREFIX)).resolves.toBe(4);

    expect(s3.commandCalls(ListObjectVersionsCommand).map((call) => call.args[0].input)).toEqual([
      { Bucket: 'frames', Prefix: PREFIX, KeyMarker: undefined, VersionIdMarker: undefined },
      { Bucket: 'frames', Prefix: PREFIX, KeyMarker: key(2), VersionIdMarker: 'd1' },
    ]);
    expect(s3.commandCalls(DeleteObjectsCommand)[0]?.args[0].input).toEqual({
      Bucket: 'frames',
      Delete: {
        Quiet: true,
        Objects: [
          { Key: key(1), VersionId: 'v1' },
          { Key: key(1), VersionId: 'v0' },
          { Key: key(2), VersionId: 'd1' },
          { Key: key(3), VersionId: 'v3' },
        ],
      },
    });
  });

  it('sends at most 1000 objects per DeleteObjects and nothing for an empty prefix', async () => {
    const versions = Array.from({ length: 2_001 }, (_, index) => ({ Key: key(index), VersionId: 'v' }));
    s3.on(ListObjectVersionsCommand).resolves({ Versions: versions });
    s3.on(DeleteObjectsCommand).resolves({});

    await expect(store.deletePrefix(PREFIX)).resolves.toBe(2_001);
    expect(s3.commandCalls(DeleteObjectsCommand).map((call) => call.args[0].input.Delete?.Objects?.length)).toEqual([1_000, 1_000, 1]);

    s3.reset();
    s3.on(ListObjectVersionsCommand).resolves({});
    await expect(store.deletePrefix(PREFIX)).resolves.toBe(0);
    expect(s3.commandCalls(DeleteObjectsCommand)).toHaveLength(0);
  });

  it('throws when DeleteObjects reports objects it could not delete, so the DELETE can be repeated', async () => {
    s3.on(ListObjectVersionsCommand).resolves({ Versions: [{ Key: key(1), VersionId: 'v1' }] });
    s3.on(DeleteObjectsCommand).resolves({ Errors: [{ Key: key(1), Code: 'AccessDenied' }] });

    await expect(store.deletePrefix(PREFIX)).rejects.toThrow(/1 object\(s\): AccessDenied/);
  });
});
