// Archived-media GetImages: samples a stream's stored frames over a time window and renders each one as an image.
import type { VideoClock } from '../clock';
import { decodePageToken, encodePageToken } from '../page-token';
import { RequestFields } from '../request-fields';
import { ServiceError } from '../service-error';
import type { StoredFrame, StoredTrack, TimestampOrigin } from './fragment-store';
import type { StreamRegistry } from './stream-registry';

export interface OutputSize {
  /** Both given: stretched to exactly this size. Only the height: the width keeps the aspect ratio. */
  width?: number;
  height?: number;
}

/** Decodes a stored frame and encodes it as an image; undefined when the frame cannot be decoded (MEDIA_ERROR). */
export type FrameRenderer = (track: StoredTrack, frame: StoredFrame, size: OutputSize) => Uint8Array | undefined;

export interface GetImagesContext {
  streams: StreamRegistry;
  clock: VideoClock;
  renderFrame: FrameRenderer;
}

export interface GetImagesImage {
  TimeStamp: number;
  Error?: 'NO_MEDIA' | 'MEDIA_ERROR';
  ImageContent?: string;
}

const INVALID = 'InvalidArgumentException';
const MAX_WINDOW_MS = 300_000;
const MIN_SAMPLING_INTERVAL_MS = 200;
/** "The default limit is 25 images per API response. Providing a MaxResults greater than this value will result in a page size of 25." */
const MAX_PAGE_SIZE = 25;

interface ImagesRequest {
  origin: TimestampOrigin;
  startMs: number;
  endMs: number;
  intervalMs: number;
  size: OutputSize;
  pageSize: number;
}

export function getImages(input: unknown, context: GetImagesContext): { Images: GetImagesImage[]; NextToken?: string } {
  const fields = RequestFields.of(input, INVALID);
  const stream = context.streams.resolve({ name: fields.optionalString('StreamName'), arn: fields.optionalString('StreamARN') });
  const request = parseImagesRequest(fields);
  if (stream.dataRetentionInHours === 0) {
    throw new ServiceError('NoDataRetentionException', 'GetImages was requested for a stream that does not retain data (DataRetentionInHours is 0).');
  }
  stream.media.dropExpired(context.clock.now(), stream.dataRetentionInHours);
  const times = sampleTimes(request);
  const scope = `GetImages/${stream.arn}/${request.origin}/${request.startMs}/${request.endMs}/${request.intervalMs}`;
  const offset = decodePageToken(fields.optionalString('NextToken'), scope, INVALID);
  const pageTimes = times.slice(offset, offset + request.pageSize);
  const rendered = new Map<StoredFrame, string | undefined>();
  const images = pageTimes.map((timeMs): GetImagesImage => {
    const found = stream.media.frameAt(request.origin, timeMs);
    if (!found) return { TimeStamp: timeMs / 1000, Error: 'NO_MEDIA' };
    if (!rendered.has(found.frame)) rendered.set(found.frame, base64(context.renderFrame(found.fragment.track, found.frame, request.size)));
    const content = rendered.get(found.frame);
    return content === undefined ? { TimeStamp: timeMs / 1000, Error: 'MEDIA_ERROR' } : { TimeStamp: timeMs / 1000, ImageContent: content };
  });
  const next = offset + pageTimes.length;
  return { Images: images, NextToken: next < times.length ? encodePageToken(scope, next) : undefined };
}

function parseImagesRequest(fields: RequestFields): ImagesRequest {
  const origin = fields.requiredEnum('ImageSelectorType', ['PRODUCER_TIMESTAMP', 'SERVER_TIMESTAMP'] as const);
  const startMs = Math.round(fields.requiredNumber('StartTimestamp') * 1000);
  const endMs = Math.round(fields.requiredNumber('EndTimestamp') * 1000);
  if (endMs < startMs) throw fields.invalid('EndTimestamp must not be before StartTimestamp');
  if (endMs - startMs > MAX_WINDOW_MS) throw fields.invalid('The time range between StartTimestamp and EndTimestamp must not exceed 300 seconds');
  const intervalMs = fields.optionalNumber('SamplingInterval');
  // AWS documents no default; the fake insists so that code relying on one shows up locally.
  if (intervalMs === undefined) throw fields.invalid('SamplingInterval is required by the local fake (AWS documents no default)');
  if (!Number.isInteger(intervalMs) || intervalMs < MIN_SAMPLING_INTERVAL_MS) throw fields.invalid(`SamplingInterval must be at least ${MIN_SAMPLING_INTERVAL_MS} ms`);
  const format = fields.requiredEnum('Format', ['JPEG', 'PNG'] as const);
  if (format === 'JPEG') throw fields.invalid('Format JPEG is not produced by the local fake; request PNG (see scripts/local/video/README.md)');
  const width = fields.optionalInteger('WidthPixels', 1, 3840);
  const height = fields.optionalInteger('HeightPixels', 1, 2160);
  if (width !== undefined && height === undefined) throw fields.invalid('WidthPixels needs HeightPixels; give both, or only HeightPixels to keep the aspect ratio');
  const maxResults = fields.optionalInteger('MaxResults', 1, Number.MAX_SAFE_INTEGER) ?? MAX_PAGE_SIZE;
  return { origin, startMs, endMs, intervalMs, size: { width, height }, pageSize: Math.min(maxResults, MAX_PAGE_SIZE) };
}

/** Start, start + interval, ... up to the end inclusive; a window shorter than the interval gives just the start. */
export function sampleTimes({ startMs, endMs, intervalMs }: Pick<ImagesRequest, 'startMs' | 'endMs' | 'intervalMs'>): number[] {
  const times: number[] = [];
  for (let time = startMs; time <= endMs; time += intervalMs) times.push(time);
  return times;
}

function base64(bytes: Uint8Array | undefined): string | undefined {
  return bytes && Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}
