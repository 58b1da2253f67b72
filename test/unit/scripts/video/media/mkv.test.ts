import {
  createIpcmEncoder,
  createMkvDemuxer,
  encodeMkvCluster,
  encodeMkvHeader,
  MkvValidationError,
  renderScene,
  type MkvEvent,
} from '../../../../../scripts/video/media';
import { concatBytes, element, encodeId, MKV_ID, UNKNOWN_SIZE } from '../../../../../scripts/video/media/ebml';

/** An epoch-ms timecode whose product with the 1e6 ns TimecodeScale is not exact in a double. */
const T0 = 1_795_693_436_750;
const encoder = createIpcmEncoder({ width: 16, height: 16 });
const frame = (timecodeMs: number, keyframe = true): { timecodeMs: number; keyframe: boolean; data: Uint8Array } => ({
  timecodeMs,
  keyframe,
  data: encoder.encodeFrame(renderScene('person', { width: 16, height: 16 })),
});
const header = encodeMkvHeader({ width: 16, height: 16, codecPrivate: encoder.avcC, trackUid: 42n });
/** Where the Segment element starts, i.e. the end of the EBML header. */
const segmentStart = Buffer.from(header).indexOf(Buffer.from([0x18, 0x53, 0x80, 0x67]));

function smallClip(knownSize: boolean): Uint8Array {
  return concatBytes([
    header,
    encodeMkvCluster({ timecodeMs: T0, frames: [frame(T0), frame(T0 + 200)], knownSize }),
    encodeMkvCluster({ timecodeMs: T0 + 1000, frames: [frame(T0 + 1000), frame(T0 + 1200)], knownSize }),
  ]);
}

function demuxInChunks(bytes: Uint8Array, cuts: readonly number[]): MkvEvent[] {
  const demuxer = createMkvDemuxer();
  const events: MkvEvent[] = [];
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    events.push(...demuxer.push(bytes.subarray(start, cut)));
    start = cut;
  }
  return [...events, ...demuxer.end()];
}

const summary = (events: MkvEvent[]): unknown[] =>
  events.map((event) =>
    event.type === 'frame'
      ? { type: 'frame', timecodeMs: event.frame.timecodeMs, keyframe: event.frame.keyframe, track: event.frame.trackNumber, bytes: event.frame.data.length }
      : event.type === 'header'
        ? { type: 'header', codecId: event.tracks[0]?.codecId, uid: event.tracks[0]?.trackUid, scale: event.timecodeScaleNs }
        : event.type === 'cluster-start'
          ? { type: event.type, timecodeMs: event.timecodeMs }
          : event,
  );

describe('MKV muxer and incremental demuxer', () => {
  it.each([true, false])('round-trips a clip (cluster size known: %s)', (knownSize) => {
    const events = demuxInChunks(smallClip(knownSize), []);
    const sampleBytes = frame(T0).data.length;
    expect(summary(events)).toEqual([
      { type: 'header', codecId: 'V_MPEG4/ISO/AVC', uid: 42n, scale: 1_000_000 },
      { type: 'cluster-start', timecodeMs: T0 },
      { type: 'frame', timecodeMs: T0, keyframe: true, track: 1, bytes: sampleBytes },
      { type: 'frame', timecodeMs: T0 + 200, keyframe: true, track: 1, bytes: sampleBytes },
      { type: 'cluster-end', timecodeMs: T0, frameCount: 2 },
      { type: 'cluster-start', timecodeMs: T0 + 1000 },
      { type: 'frame', timecodeMs: T0 + 1000, keyframe: true, track: 1, bytes: sampleBytes },
      { type: 'frame', timecodeMs: T0 + 1200, keyframe: true, track: 1, bytes: sampleBytes },
      { type: 'cluster-end', timecodeMs: T0 + 1000, frameCount: 2 },
    ]);
  });

  it.each([true, false])('gives the same events whichever byte the stream is split at (cluster size known: %s)', (knownSize) => {
    const bytes = smallClip(knownSize);
    const expected = summary(demuxInChunks(bytes, []));
    for (let cut = 1; cut < bytes.length; cut += 1) expect(summary(demuxInChunks(bytes, [cut]))).toEqual(expected);
  });

  it('gives the same events when fed one byte at a time', () => {
    const bytes = smallClip(false);
    const cuts = Array.from({ length: bytes.length - 1 }, (_, index) => index + 1);
    const events = demuxInChunks(bytes, cuts);
    expect(summary(events)).toEqual(summary(demuxInChunks(bytes, [])));
    const frames = events.filter((event) => event.type === 'frame');
    expect(frames.map((event) => (event.type === 'frame' ? Buffer.from(event.frame.data).equals(Buffer.from(frame(T0).data)) : false))).toHaveLength(4);
  });

  it('accepts a second EBML header and segment in the same session', () => {
    const second = concatBytes([header, encodeMkvCluster({ timecodeMs: T0 + 2000, frames: [frame(T0 + 2000)] })]);
    const events = demuxInChunks(concatBytes([smallClip(false), second]), []);
    expect(events.filter((event) => event.type === 'header')).toHaveLength(2);
    expect(events.filter((event) => event.type === 'frame')).toHaveLength(5);
  });

  it('skips elements it does not know, such as Tags and Void', () => {
    const tags = element(MKV_ID.tags, Uint8Array.from([1, 2, 3]));
    const events = demuxInChunks(concatBytes([header, tags, element(MKV_ID.void, new Uint8Array(5)), encodeMkvCluster({ timecodeMs: T0, frames: [frame(T0)] })]), [header.length + 2]);
    expect(events.filter((event) => event.type === 'frame')).toHaveLength(1);
  });
});

describe('MKV validation (what KVS rejects)', () => {
  const rejects = (bytes: Uint8Array, code: string, message: RegExp): void => {
    let caught: unknown;
    try {
      demuxInChunks(bytes, []);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MkvValidationError);
    expect((caught as MkvValidationError).code).toBe(code);
    expect((caught as MkvValidationError).message).toMatch(message);
  };

  it('requires the EBML header first', () => {
    rejects(header.subarray(segmentStart), 'INVALID_MKV_DATA', /Segment without an EBML header|expected an EBML header/);
    rejects(Uint8Array.from([0x42, 0x86, 0x81, 0x01]), 'INVALID_MKV_DATA', /expected an EBML header/);
  });

  it('requires every cluster to start with a keyframe', () => {
    const cluster = concatBytes([encodeId(MKV_ID.cluster), UNKNOWN_SIZE, element(MKV_ID.timecode, Uint8Array.from([1])), element(MKV_ID.simpleBlock, Uint8Array.from([0x81, 0, 0, 0x00, 9]))]);
    rejects(concatBytes([header, cluster]), 'INVALID_MKV_DATA', /does not start with a keyframe/);
  });

  it('requires increasing cluster timecodes', () => {
    const clip = concatBytes([header, encodeMkvCluster({ timecodeMs: T0, frames: [frame(T0)] }), encodeMkvCluster({ timecodeMs: T0 - 1000, frames: [frame(T0 - 1000)] })]);
    rejects(clip, 'FRAGMENT_TIMECODE_LESSER_THAN_PREVIOUS', /does not follow/);
  });

  it('requires increasing frame timecodes within a track', () => {
    rejects(concatBytes([header, encodeMkvCluster({ timecodeMs: T0, frames: [frame(T0 + 400), frame(T0 + 200, false)] })]), 'INVALID_MKV_DATA', /no reordering/);
  });

  it('rejects blocks for undeclared tracks and clusters before Tracks', () => {
    const cluster = concatBytes([encodeId(MKV_ID.cluster), UNKNOWN_SIZE, element(MKV_ID.timecode, Uint8Array.from([1])), element(MKV_ID.simpleBlock, Uint8Array.from([0x82, 0, 0, 0x80, 9]))]);
    rejects(concatBytes([header, cluster]), 'TRACK_NUMBER_MISMATCH', /undeclared track 2/);
    const ebmlOnly = header.subarray(0, segmentStart + 12);
    rejects(concatBytes([ebmlOnly, cluster]), 'INVALID_MKV_DATA', /Cluster before Tracks/);
  });

  it('rejects a codec outside the allowed list and a stream that ends inside an element', () => {
    expect(() => createMkvDemuxer({ allowedCodecIds: ['V_MPEGH/ISO/HEVC'] }).push(smallClip(true))).toThrow(/V_MPEG4\/ISO\/AVC is not one of/);
    const demuxer = createMkvDemuxer();
    demuxer.push(smallClip(true).subarray(0, header.length + 20));
    expect(() => demuxer.end()).toThrow(/ends inside/);
  });

  it('rejects fragments above the size limit', () => {
    let caught: unknown;
    try {
      createMkvDemuxer({ maxFragmentBytes: 500 }).push(smallClip(true));
    } catch (error) {
      caught = error;
    }
    expect((caught as MkvValidationError).code).toBe('MAX_FRAGMENT_SIZE_REACHED');
  });
});
