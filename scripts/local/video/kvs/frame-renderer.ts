// Turns a stored I_PCM H.264 frame into the PNG GetImages returns: decode, scale, encode.
import { H264DecodeError, createIpcmDecoder, encodePng, resizeRgb, type RgbImage } from '../media';
import type { FrameRenderer, OutputSize } from './get-images';
import type { StoredTrack } from './fragment-store';

type Decoder = ReturnType<typeof createIpcmDecoder>;

/**
 * Frames the fake cannot decode (anything but I_PCM macroblocks, i.e. media from a real encoder) become MEDIA_ERROR,
 * which is what GetImages answers for media it cannot make an image of.
 */
export function createPngFrameRenderer(log: (line: string) => void): FrameRenderer {
  const decoders = new WeakMap<StoredTrack, Decoder>();
  const decoderFor = (track: StoredTrack): Decoder => {
    const existing = decoders.get(track);
    if (existing) return existing;
    const created = createIpcmDecoder(track.codecPrivate);
    decoders.set(track, created);
    return created;
  };
  return (track, frame, size) => {
    try {
      return encodePng(scaled(decoderFor(track).decodeToRgb(frame.data), size));
    } catch (error) {
      if (!(error instanceof H264DecodeError)) throw error;
      log(`video fakes: GetImages answers MEDIA_ERROR for a frame the fake cannot decode: ${error.message}`);
      return undefined;
    }
  };
}

export function outputDimensions(image: Pick<RgbImage, 'width' | 'height'>, size: OutputSize): { width: number; height: number } {
  if (size.width !== undefined && size.height !== undefined) return { width: size.width, height: size.height };
  if (size.height !== undefined) return { width: Math.max(1, Math.round((image.width * size.height) / image.height)), height: size.height };
  return { width: image.width, height: image.height };
}

function scaled(image: RgbImage, size: OutputSize): RgbImage {
  const { width, height } = outputDimensions(image, size);
  return width === image.width && height === image.height ? image : resizeRgb(image, width, height);
}
