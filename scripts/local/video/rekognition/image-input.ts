// The Image parameter of Rekognition requests: inline bytes or an S3 object, checked the way Rekognition checks them.
import { isJsonObject } from '../request-fields';
import { ServiceError } from '../service-error';

/** Fetches an object for Image.S3Object; throws when it cannot be read. */
export type S3ObjectReader = (bucket: string, key: string, version?: string) => Promise<Uint8Array>;

const MAX_INLINE_BYTES = 5 * 1024 * 1024;
const MAX_S3_BYTES = 15 * 1024 * 1024;
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];

export async function readImageParameter(image: unknown, readS3Object: S3ObjectReader | undefined): Promise<Uint8Array> {
  if (!isJsonObject(image)) throw new ServiceError('InvalidParameterException', 'Image is required: give Image.Bytes or Image.S3Object');
  const bytes = await imageBytes(image, readS3Object);
  if (!startsWith(bytes, PNG_SIGNATURE) && !startsWith(bytes, JPEG_SIGNATURE)) {
    throw new ServiceError('InvalidImageFormatException', 'Request has invalid image format');
  }
  return bytes;
}

async function imageBytes(image: Record<string, unknown>, readS3Object: S3ObjectReader | undefined): Promise<Uint8Array> {
  const { Bytes: inline, S3Object: s3Object } = image;
  if (inline !== undefined && s3Object !== undefined) throw new ServiceError('InvalidParameterException', 'Give Image.Bytes or Image.S3Object, not both');
  if (typeof inline === 'string') {
    const bytes = Buffer.from(inline, 'base64');
    if (bytes.byteLength > MAX_INLINE_BYTES) throw new ServiceError('ImageTooLargeException', `Image size is too large: ${bytes.byteLength} bytes, the limit for Image.Bytes is ${MAX_INLINE_BYTES}`);
    if (bytes.byteLength === 0) throw new ServiceError('InvalidImageFormatException', 'Request has invalid image format');
    return bytes;
  }
  if (isJsonObject(s3Object)) return readFromS3(s3Object, readS3Object);
  throw new ServiceError('InvalidParameterException', 'Image is required: give Image.Bytes or Image.S3Object');
}

async function readFromS3(s3Object: Record<string, unknown>, readS3Object: S3ObjectReader | undefined): Promise<Uint8Array> {
  const { Bucket: bucket, Name: key, Version: version } = s3Object;
  if (typeof bucket !== 'string' || typeof key !== 'string') throw new ServiceError('InvalidParameterException', 'Image.S3Object needs Bucket and Name');
  if (!readS3Object) throw new ServiceError('InvalidS3ObjectException', 'The local Rekognition fake was started without S3 access; send Image.Bytes');
  let bytes: Uint8Array;
  try {
    bytes = await readS3Object(bucket, key, typeof version === 'string' ? version : undefined);
  } catch (error) {
    throw new ServiceError('InvalidS3ObjectException', `Unable to get object metadata from S3 (s3://${bucket}/${key}): ${error instanceof Error ? error.message : String(error)}`);
  }
  if (bytes.byteLength > MAX_S3_BYTES) throw new ServiceError('ImageTooLargeException', `Image size is too large: the limit for S3 objects is ${MAX_S3_BYTES} bytes`);
  return bytes;
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return bytes.byteLength >= signature.length && signature.every((byte, index) => bytes[index] === byte);
}
