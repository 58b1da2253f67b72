// PutMedia session rules over demuxed MKV events: ack sequence, timecode order, keyframe-first, retention, deleted stream.
import { ManualVideoClock } from '../../../../../../scripts/local/video/clock';
import { FragmentNumbers } from '../../../../../../scripts/local/video/kvs/fragment-number';
import { PutMediaSession, type FragmentTimecodeType } from '../../../../../../scripts/local/video/kvs/put-media-session';
import { StreamRegistry } from '../../../../../../scripts/local/video/kvs/stream-registry';
import { AVC_CODEC_ID, createIpcmEncoder, type MkvEvent } from '../../../../../../scripts/video/media';

const t0 = Date.UTC(2026, 0, 1, 8);
const encoder = createIpcmEncoder({ width: 16, height: 16 });
const header: MkvEvent = {
  type: 'header',
  docType: 'matroska',
  timecodeScaleNs: 1_000_000,
  tracks: [{ trackNumber: 1, trackUid: 1n, codecId: AVC_CODEC_ID, codecPrivate: encoder.avcC, width: 16, height: 16 }],
};
const clusterStart = (timecodeMs: number): MkvEvent => ({ type: 'cluster-start', timecodeMs, offset: 0 });
const frame = (timecodeMs: number, keyframe = true, trackNumber = 1): MkvEvent => ({ type: 'frame', frame: { trackNumber, timecodeMs, keyframe, data: Uint8Array.of(1) } });
const clusterEnd = (timecodeMs: number): MkvEvent => ({ type: 'cluster-end', timecodeMs, frameCount: 1 });

function session(options: { retentionHours?: number; timecodeType?: FragmentTimecodeType; producerStartMs?: number } = {}) {
  const clock = new ManualVideoClock(t0 + 60_000);
  const streams = new StreamRegistry('us-east-1', '123456789012', clock);
  const stream = streams.create({ name: 'camera', dataRetentionInHours: options.retentionHours ?? 24 });
  let active = true;
  const putMedia = new PutMediaSession({
    stream,
    timecodeType: options.timecodeType ?? 'ABSOLUTE',
    producerStartMs: options.producerStartMs,
    clock,
    fragmentNumbers: new FragmentNumbers(),
    isStreamActive: () => active,
  });
  const feed = (...events: MkvEvent[]) => events.flatMap((event) => putMedia.accept(event)).map((ack) => (ack.EventType === 'ERROR' ? `ERROR ${ack.ErrorCode}` : ack.EventType));
  return { feed, stream, putMedia, deactivate: () => (active = false) };
}

describe('PutMediaSession', () => {
  it('acks each fragment and stores frames with producer and server timestamps', () => {
    const { feed, stream, putMedia } = session();
    expect(feed(header, clusterStart(t0), frame(t0), frame(t0 + 200), clusterEnd(t0), clusterStart(t0 + 400), frame(t0 + 400))).toEqual([
      'BUFFERING', 'RECEIVED', 'PERSISTED', 'BUFFERING',
    ]);
    expect(putMedia.finish().map((ack) => ack.EventType)).toEqual(['RECEIVED', 'PERSISTED']);
    const [first] = stream.media.all();
    expect(first?.frames.map((stored) => [stored.producerTimestampMs - t0, stored.serverTimestampMs - (t0 + 60_000)])).toEqual([
      [0, 0],
      [200, 200],
    ]);
    expect(first?.durationMs).toBe(400);
  });

  it('counts RELATIVE timecodes from the producer start timestamp', () => {
    const { feed, stream } = session({ timecodeType: 'RELATIVE', producerStartMs: t0 });
    feed(header, clusterStart(1_000), frame(1_000), clusterEnd(1_000));
    expect(stream.media.all()[0]?.producerStartMs).toBe(t0 + 1_000);
  });

  it.each([
    ['a cluster timecode that goes back', [header, clusterStart(t0 + 1_000), frame(t0 + 1_000), clusterEnd(t0 + 1_000), clusterStart(t0)], 'FRAGMENT_TIMECODE_LESSER_THAN_PREVIOUS'],
    ['a fragment that does not start with a keyframe', [header, clusterStart(t0), frame(t0, false)], 'INVALID_MKV_DATA'],
    ['a frame of another track', [header, clusterStart(t0), frame(t0, true, 2)], 'TRACK_NUMBER_MISMATCH'],
    ['frames whose timecodes do not increase', [header, clusterStart(t0), frame(t0 + 100), frame(t0 + 100)], 'INVALID_MKV_DATA'],
    ['a cluster before the track header', [clusterStart(t0)], 'INVALID_MKV_DATA'],
    ['an empty cluster', [header, clusterStart(t0), clusterEnd(t0)], 'FRAMES_MISSING_FOR_TRACK'],
    ['relative timecodes sent as ABSOLUTE', [header, clusterStart(0)], 'INVALID_PRODUCER_TIMESTAMP'],
  ])('ends the session with an ERROR ack for %s', (_case, events, code) => {
    const { feed } = session();
    expect(feed(...events).at(-1)).toBe(`ERROR ${code}`);
  });

  it('keeps nothing and sends no PERSISTED for a stream without retention', () => {
    const { feed, stream } = session({ retentionHours: 0 });
    expect(feed(header, clusterStart(t0), frame(t0), clusterEnd(t0))).toEqual(['BUFFERING', 'RECEIVED']);
    expect(stream.media.all()).toHaveLength(0);
  });

  it('fails with STREAM_NOT_ACTIVE once the stream is deleted, then ignores the rest', () => {
    const { feed, deactivate } = session();
    feed(header, clusterStart(t0));
    deactivate();
    expect(feed(frame(t0), clusterEnd(t0))).toEqual(['ERROR STREAM_NOT_ACTIVE']);
  });
});
