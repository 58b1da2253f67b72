// FrameSource on KVS archived media: GetImages (PNG, producer timestamps) through the stream's cached data endpoint.
import { GetDataEndpointCommand, type KinesisVideoClient } from '@aws-sdk/client-kinesis-video';
import {
  GetImagesCommand,
  type GetImagesOutput,
  type KinesisVideoArchivedMediaClient,
} from '@aws-sdk/client-kinesis-video-archived-media';
import type { FrameSource, FrameWindow, SampledFrame } from '../video/ports';
import { classifyAwsError } from './aws-errors';

export interface KvsFrameSourceOptions {
  /** Builds (once per endpoint) the client for a data endpoint. */
  mediaClientFor: (endpoint: string) => KinesisVideoArchivedMediaClient;
  /** How long a stream's GET_IMAGES endpoint is reused before asking again. */
  endpointTtlMs?: number;
  /** Images per GetImages page (the API's own default is 25). */
  pageSize?: number;
  /**
   * Height of the frames asked for; the width follows the stream's aspect ratio. Without it GetImages returns the
   * source resolution, and a 4K PNG is well over the 5 MB Rekognition accepts inline. 720 lines keep a face
   * comfortably above Rekognition's minimum size at a few hundred KB to ~2 MB per PNG.
   */
  frameHeightPixels?: number;
  now?: () => number;
}

const isNotFound = (error: unknown): boolean => classifyAwsError(error).errorCode === 'ResourceNotFoundException';

function toFrame(image: NonNullable<GetImagesOutput['Images']>[number]): SampledFrame | undefined {
  if (image.TimeStamp === undefined) return undefined;
  const timestamp = new Date(image.TimeStamp);
  if (image.Error === 'NO_MEDIA') return { timestamp, kind: 'no-media' };
  if (image.Error !== undefined || image.ImageContent === undefined) return { timestamp, kind: 'media-error' };
  return { timestamp, kind: 'image', png: Buffer.from(image.ImageContent, 'base64') };
}

/**
 * GetDataEndpoint is a control-plane call with a low TPS limit, so its answer is cached per stream (one
 * invocation samples many events of the same camera). PNG keeps the frame lossless: the object kept in S3 is
 * exactly what Rekognition analysed. Pages are read until the window is exhausted or `maxFrames` were returned;
 * NO_MEDIA and MEDIA_ERROR entries count towards that bound, so a gap in the video cannot make the read unbounded.
 * A stream that does not exist (deleted with its camera) resolves undefined.
 */
export const DEFAULT_FRAME_HEIGHT_PIXELS = 720;

export function createKvsFrameSource(control: KinesisVideoClient, options: KvsFrameSourceOptions): FrameSource {
  const endpointTtlMs = options.endpointTtlMs ?? 5 * 60_000;
  const pageSize = options.pageSize ?? 25;
  const frameHeightPixels = options.frameHeightPixels ?? DEFAULT_FRAME_HEIGHT_PIXELS;
  const now = options.now ?? Date.now;
  const endpoints = new Map<string, { endpoint: string; expiresAt: number }>();
  const mediaClients = new Map<string, KinesisVideoArchivedMediaClient>();

  async function endpointFor(streamName: string): Promise<string> {
    const cached = endpoints.get(streamName);
    if (cached !== undefined && cached.expiresAt > now()) return cached.endpoint;
    const { DataEndpoint } = await control.send(new GetDataEndpointCommand({ StreamName: streamName, APIName: 'GET_IMAGES' }));
    if (DataEndpoint === undefined) throw new Error(`GetDataEndpoint ${streamName}: no DataEndpoint`);
    endpoints.set(streamName, { endpoint: DataEndpoint, expiresAt: now() + endpointTtlMs });
    return DataEndpoint;
  }

  function mediaClient(endpoint: string): KinesisVideoArchivedMediaClient {
    let client = mediaClients.get(endpoint);
    if (client === undefined) {
      client = options.mediaClientFor(endpoint);
      mediaClients.set(endpoint, client);
    }
    return client;
  }

  async function readPages(client: KinesisVideoArchivedMediaClient, streamName: string, window: FrameWindow): Promise<SampledFrame[]> {
    const frames: SampledFrame[] = [];
    let nextToken: string | undefined;
    do {
      const page = await client.send(
        new GetImagesCommand({
          StreamName: streamName,
          ImageSelectorType: 'PRODUCER_TIMESTAMP',
          StartTimestamp: window.start,
          EndTimestamp: window.end,
          SamplingInterval: window.samplingIntervalMs,
          Format: 'PNG',
          // HeightPixels alone: GetImages scales the width by the source's aspect ratio.
          HeightPixels: frameHeightPixels,
          MaxResults: Math.min(pageSize, window.maxFrames - frames.length),
          NextToken: nextToken,
        }),
      );
      frames.push(...(page.Images ?? []).flatMap((image) => toFrame(image) ?? []));
      nextToken = page.NextToken;
    } while (nextToken !== undefined && frames.length < window.maxFrames);
    return frames.slice(0, window.maxFrames).sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
  }

  return {
    async sample(streamName, window) {
      try {
        return await readPages(mediaClient(await endpointFor(streamName)), streamName, window);
      } catch (error) {
        // Ask for the endpoint again next time: it may be the stale part (a stream recreated elsewhere).
        endpoints.delete(streamName);
        if (!isNotFound(error)) throw error;
        return undefined;
      }
    },
  };
}
