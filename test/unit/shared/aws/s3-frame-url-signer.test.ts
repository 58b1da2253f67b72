// Unit tests: presigned GetObject URLs for frames (SigV4 query signature, 15 min by default, image/png).
import { S3Client } from '@aws-sdk/client-s3';
import { createS3FrameUrlSigner, FRAME_URL_TTL_SECONDS } from '../../../../shared/aws/s3-frame-url-signer';

const client = new S3Client({
  region: 'eu-west-1',
  forcePathStyle: true,
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', sessionToken: 'session' },
});
const now = () => new Date('2026-11-02T10:00:00.000Z');

afterAll(() => client.destroy());

describe('S3 frame URL signer', () => {
  it('signs a path-style GetObject URL for the key, valid for 15 minutes, served as image/png', async () => {
    const signer = createS3FrameUrlSigner(client, { bucketName: 'frames-bucket', now });

    const url = new URL(await signer.urlFor('video/frames/front-door/2026-11-02/motion-1/1793613601000.png'));

    expect(FRAME_URL_TTL_SECONDS).toBe(900);
    expect(`${url.origin}${url.pathname}`).toBe('https://s3.eu-west-1.amazonaws.com/frames-bucket/video/frames/front-door/2026-11-02/motion-1/1793613601000.png');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Credential': 'AKIDEXAMPLE/20261102/eu-west-1/s3/aws4_request',
      'X-Amz-Date': '20261102T100000Z',
      'X-Amz-Expires': '900',
      'X-Amz-Security-Token': 'session',
      'X-Amz-SignedHeaders': 'host',
      'response-content-type': 'image/png',
    });
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is deterministic for one signing time and honours a shorter expiry', async () => {
    const signer = createS3FrameUrlSigner(client, { bucketName: 'frames-bucket', expiresInSeconds: 60, now });

    const first = await signer.urlFor('video/frames/a.png');

    expect(await signer.urlFor('video/frames/a.png')).toBe(first);
    expect(new URL(first).searchParams.get('X-Amz-Expires')).toBe('60');
  });
});
