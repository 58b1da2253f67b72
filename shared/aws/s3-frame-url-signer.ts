// FrameUrlSigner on S3: presigned GetObject URLs for analysed frames, so a browser shows them without AWS credentials.
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { FrameUrlSigner } from '../video/detection-listing';

export const FRAME_URL_TTL_SECONDS = 15 * 60;

/**
 * Signing is local (no request to S3). The URL carries the function role's temporary credentials, so it works for
 * `expiresInSeconds` or until that session ends, whichever comes first, and only for what the role may read (the
 * frames prefix). Frames are SSE-KMS with the AWS managed aws/s3 key, whose key policy lets any principal of the
 * account decrypt through S3: s3:GetObject is all the role needs. The response is served as image/png inline.
 */
export function createS3FrameUrlSigner(
  client: S3Client,
  options: { bucketName: string; expiresInSeconds?: number; now?: () => Date },
): FrameUrlSigner {
  const expiresIn = options.expiresInSeconds ?? FRAME_URL_TTL_SECONDS;
  return {
    urlFor: (frameKey) =>
      getSignedUrl(
        client,
        new GetObjectCommand({ Bucket: options.bucketName, Key: frameKey, ResponseContentType: 'image/png' }),
        { expiresIn, ...(options.now === undefined ? {} : { signingDate: options.now() }) },
      ),
  };
}
