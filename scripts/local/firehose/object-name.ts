// Object keys and bodies as Firehose writes them: <evaluated prefix><stream>-<version>-<time>-<uuid><extension>.
import { gzipSync } from 'node:zlib';
import type { ObjectMetadata } from './object-sink';
import { objectNameTimestamp } from './timestamp-format';
import type { CompressionFormat, DeliveryStreamConfig } from './stream-config';

const RANDOM_STRING_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** The time in the name is the arrival time of the oldest record in the object, in UTC, like the prefix's. */
export function objectKey(config: Pick<DeliveryStreamConfig, 'name' | 'version' | 'fileExtension'>, evaluatedPrefix: string, oldestArrivalMs: number, uuid: string): string {
  return `${evaluatedPrefix}${config.name}-${config.version}-${objectNameTimestamp(oldestArrivalMs)}-${uuid}${config.fileExtension}`;
}

/**
 * Size hints count bytes before compression, so compression happens only here. Real GZIP objects carry
 * Content-Type application/octet-stream and Content-Encoding gzip (observed on AWS, not documented). Error
 * objects are compressed like delivered ones; AWS does not document either way.
 */
export function objectBody(chunks: readonly Uint8Array[], compression: CompressionFormat): { body: Uint8Array; metadata: ObjectMetadata } {
  const raw = Buffer.concat(chunks);
  if (compression === 'GZIP') return { body: gzipSync(raw), metadata: { contentType: 'application/octet-stream', contentEncoding: 'gzip' } };
  return { body: raw, metadata: { contentType: 'application/octet-stream' } };
}

/** `!{firehose:random-string}`: 11 characters, as the developer guide specifies. */
export function randomString(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => RANDOM_STRING_ALPHABET[byte % RANDOM_STRING_ALPHABET.length]).join('');
}
