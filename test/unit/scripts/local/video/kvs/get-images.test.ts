// GetImages request rules, sampling, pagination and NO_MEDIA/MEDIA_ERROR answers, with a stand-in frame renderer.
import { ManualVideoClock } from '../../../../../../scripts/local/video/clock';
import { getImages, sampleTimes, type FrameRenderer } from '../../../../../../scripts/local/video/kvs/get-images';
import type { StoredFragment } from '../../../../../../scripts/local/video/kvs/fragment-store';
import { StreamRegistry } from '../../../../../../scripts/local/video/kvs/stream-registry';
import { ServiceError } from '../../../../../../scripts/local/video/service-error';

function thrownBy(call: () => unknown): ServiceError {
  try {
    call();
  } catch (error) {
    if (error instanceof ServiceError) return error;
    throw error;
  }
  throw new Error('expected a ServiceError');
}

const startMs = Date.UTC(2026, 0, 1, 12);
const track = { codecId: 'V_MPEG4/ISO/AVC', codecPrivate: new Uint8Array([1]), width: 16, height: 16 };

/** Renders a frame as its single data byte, and refuses frames whose byte is 255 (an undecodable frame). */
const renderFrame: FrameRenderer = (_track, frame) => (frame.data[0] === 255 ? undefined : Uint8Array.of(frame.data[0] ?? 0));

function oneSecondFragment(producerStartMs: number, marker: number): StoredFragment {
  const frames = Array.from({ length: 10 }, (_, index) => ({
    producerTimestampMs: producerStartMs + index * 100,
    serverTimestampMs: producerStartMs + index * 100,
    keyframe: true,
    data: Uint8Array.of(marker),
  }));
  return { fragmentNumber: String(marker), fragmentTimecode: producerStartMs, producerStartMs, serverStartMs: producerStartMs, durationMs: 1_000, track, frames };
}

function setup(retentionHours = 24) {
  const clock = new ManualVideoClock(startMs + 60_000);
  const streams = new StreamRegistry('us-east-1', '123456789012', clock);
  const stream = streams.create({ name: 'camera-1', dataRetentionInHours: retentionHours });
  stream.media.add(oneSecondFragment(startMs, 1));
  stream.media.add(oneSecondFragment(startMs + 1_000, 255));
  stream.media.add(oneSecondFragment(startMs + 5_000, 3));
  return { context: { streams, clock, renderFrame }, stream };
}

const request = (overrides: Record<string, unknown> = {}) => ({
  StreamName: 'camera-1',
  ImageSelectorType: 'PRODUCER_TIMESTAMP',
  StartTimestamp: startMs / 1000,
  EndTimestamp: (startMs + 5_500) / 1000,
  SamplingInterval: 500,
  Format: 'PNG',
  ...overrides,
});

describe('getImages', () => {
  it('samples every interval, answering images, MEDIA_ERROR and NO_MEDIA for gaps', () => {
    const { context } = setup();
    const { Images, NextToken } = getImages(request(), context);
    expect(NextToken).toBeUndefined();
    expect(Images.map((image) => image.ImageContent ?? image.Error)).toEqual([
      'AQ==', 'AQ==', 'MEDIA_ERROR', 'MEDIA_ERROR', 'NO_MEDIA', 'NO_MEDIA', 'NO_MEDIA', 'NO_MEDIA', 'NO_MEDIA', 'NO_MEDIA', 'Aw==', 'Aw==',
    ]);
    expect(Images[1]?.TimeStamp).toBe((startMs + 500) / 1000);
  });

  it('pages by MaxResults (at most 25) with a NextToken that continues where the page ended', () => {
    const { context } = setup();
    const first = getImages(request({ SamplingInterval: 200, MaxResults: 100 }), context);
    expect(first.Images).toHaveLength(25);
    const second = getImages(request({ SamplingInterval: 200, MaxResults: 100, NextToken: first.NextToken }), context);
    expect(second.Images[0]?.TimeStamp).toBe((startMs + 25 * 200) / 1000);
    const small = getImages(request({ MaxResults: 5 }), context);
    expect(small.Images).toHaveLength(5);
  });

  it('returns the start image when the window is shorter than the interval', () => {
    expect(sampleTimes({ startMs: 1_000, endMs: 1_100, intervalMs: 500 })).toEqual([1_000]);
  });

  it.each([
    [{ EndTimestamp: (startMs + 300_001) / 1000 }, /300 seconds/],
    [{ EndTimestamp: (startMs - 1) / 1000 }, /must not be before/],
    [{ SamplingInterval: 199 }, /at least 200 ms/],
    [{ SamplingInterval: undefined }, /SamplingInterval is required/],
    [{ Format: 'JPEG' }, /PNG/],
    [{ WidthPixels: 100 }, /WidthPixels needs HeightPixels/],
    [{ ImageSelectorType: 'ARRIVAL' }, /ImageSelectorType/],
  ])('refuses %p with InvalidArgumentException', (overrides, message) => {
    const { context } = setup();
    const error = thrownBy(() => getImages(request(overrides), context));
    expect(error.code).toBe('InvalidArgumentException');
    expect(error.message).toMatch(message);
  });

  it('answers NoDataRetentionException for a stream that keeps nothing and ResourceNotFoundException for no stream', () => {
    const { context } = setup(0);
    expect(thrownBy(() => getImages(request(), context)).code).toBe('NoDataRetentionException');
    expect(thrownBy(() => getImages(request({ StreamName: 'nope' }), context))).toMatchObject({ code: 'ResourceNotFoundException', statusCode: 404 });
  });

  it('forgets media older than the retention period', () => {
    const { context } = setup(1);
    context.clock.advanceBy(2 * 3_600_000);
    expect(getImages(request(), context).Images.every((image) => image.Error === 'NO_MEDIA')).toBe(true);
  });
});
