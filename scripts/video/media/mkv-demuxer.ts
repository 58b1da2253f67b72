// Incremental Matroska demuxer: takes a PutMedia body in chunks split anywhere, reports the header, clusters and
// frames as they complete, and rejects what Kinesis Video Streams rejects, with KVS's error code names.
//
// Checks: EBML header first (EBMLReadVersion 1, DocType matroska|webm, DocTypeReadVersion ≤ 4); Segment after it;
// unknown sizes only on Segment and Cluster; child elements inside their parent; Tracks before the first Cluster,
// 1-3 tracks with distinct numbers and a CodecID; a V_MPEG4/ISO/AVC track's CodecPrivate is a valid avcC; the
// allowed codec list if given; each Cluster has a Timecode before its blocks, its first block is a keyframe,
// cluster timecodes strictly increase across the session (also across concatenated segments), frame timecodes
// strictly increase per track (no B-frame reordering), blocks name a declared track, no lacing, fragment size
// and duration within limits. Unknown elements are skipped. Not checked: CRC-32 elements, Cues/SeekHead contents,
// tags, codec bitstreams (the H.264 decoder does that).
import { parseAvcDecoderConfiguration } from './avcc';
import { MKV_ID, readString, readUnsigned, readUnsignedBig, readVint } from './ebml';
import { AVC_CODEC_ID } from './mkv-muxer';
import type { MkvEvent, MkvFrame, MkvVideoTrack } from './types';

/** KVS PutMedia ErrorCode names (API_dataplane_PutMedia) a malformed MKV maps to. */
export type MkvErrorCode =
  | 'INVALID_MKV_DATA'
  | 'FRAGMENT_TIMECODE_LESSER_THAN_PREVIOUS'
  | 'MORE_THAN_ALLOWED_TRACKS_FOUND'
  | 'TRACK_NUMBER_MISMATCH'
  | 'MAX_FRAGMENT_SIZE_REACHED'
  | 'MAX_FRAGMENT_DURATION_REACHED';

export class MkvValidationError extends Error {
  override name = 'MkvValidationError';
  constructor(
    readonly code: MkvErrorCode,
    message: string,
    /** Byte offset in the stream where the problem was found. */
    readonly offset: number,
  ) {
    super(`${message} (at byte ${offset})`);
  }
}

export interface MkvDemuxerOptions {
  /** Codec IDs accepted for tracks; default any. */
  allowedCodecIds?: readonly string[];
  /** KVS limit: 50 MB per fragment. */
  maxFragmentBytes?: number;
  /** KVS limit: 20 s per fragment. */
  maxFragmentDurationMs?: number;
  /** Largest element buffered whole (a block, Tracks); default the fragment limit. */
  maxElementBytes?: number;
}

export interface MkvDemuxer {
  /** Feeds the next bytes; returns the events they complete, in order. Throws MkvValidationError. */
  push(chunk: Uint8Array): MkvEvent[];
  /** Declares the end of the stream: closes the open cluster; throws if it ends inside an element. */
  end(): MkvEvent[];
  /** Bytes consumed so far (the offset of the next unread byte). */
  readonly offset: number;
}

const MAX_TRACKS = 3;
const SEGMENT_CHILDREN = new Set<number>([
  MKV_ID.seekHead,
  MKV_ID.info,
  MKV_ID.tracks,
  MKV_ID.cluster,
  MKV_ID.cues,
  MKV_ID.tags,
  MKV_ID.chapters,
  MKV_ID.attachments,
]);
const ANYWHERE = new Set<number>([MKV_ID.void, MKV_ID.crc32]);

interface OpenElement {
  id: number;
  /** Absolute offset of the first byte after it; undefined for unknown size. */
  end: number | undefined;
}

interface ClusterState {
  timecode?: number;
  start: number;
  frameCount: number;
}

interface ElementHeader {
  id: number;
  size: number | undefined;
  headerLength: number;
}

function children(payload: Uint8Array, offset: number, visit: (id: number, data: Uint8Array) => void): void {
  let position = 0;
  while (position < payload.length) {
    const id = readVint(payload, position, true);
    const size = id === undefined ? undefined : readVint(payload, position + id.length, false);
    if (id === undefined || size === undefined || size.value === undefined) throw new MkvValidationError('INVALID_MKV_DATA', 'truncated or unknown-size child element', offset + position);
    const start = position + id.length + size.length;
    if (start + size.value > payload.length) throw new MkvValidationError('INVALID_MKV_DATA', `element 0x${(id.value as number).toString(16)} overruns its parent`, offset + position);
    visit(id.value as number, payload.subarray(start, start + size.value));
    position = start + size.value;
  }
}

export function createMkvDemuxer(options: MkvDemuxerOptions = {}): MkvDemuxer {
  const maxFragmentBytes = options.maxFragmentBytes ?? 50 * 1024 * 1024;
  const maxFragmentDurationMs = options.maxFragmentDurationMs ?? 20_000;
  const maxElementBytes = options.maxElementBytes ?? maxFragmentBytes;
  let buffer = new Uint8Array(0);
  /** Absolute offset of buffer[0]. */
  let base = 0;
  let skipUntil = 0;
  const stack: OpenElement[] = [];
  let sawEbmlHeader = false;
  let docType = '';
  let timecodeScaleNs = 1_000_000;
  let muxingApp: string | undefined;
  let writingApp: string | undefined;
  let tracks: MkvVideoTrack[] | undefined;
  let headerEmitted = false;
  let cluster: ClusterState | undefined;
  let lastClusterTimecode: number | undefined;
  const lastFrameTimecode = new Map<number, number>();
  let events: MkvEvent[] = [];

  const fail = (code: MkvErrorCode, message: string, at = base): never => {
    throw new MkvValidationError(code, message, at);
  };
  // Scale first: ticks × 1e6 would exceed 2^53 for epoch-millisecond timecodes and lose exactness.
  const toMs = (ticks: number): number => ticks * (timecodeScaleNs / 1_000_000);

  function parseEbmlHeader(payload: Uint8Array, at: number): void {
    let readVersion = 1;
    let docTypeReadVersion = 1;
    docType = '';
    children(payload, at, (id, data) => {
      if (id === MKV_ID.ebmlReadVersion) readVersion = readUnsigned(data);
      else if (id === MKV_ID.docType) docType = readString(data);
      else if (id === MKV_ID.docTypeReadVersion) docTypeReadVersion = readUnsigned(data);
      else if (id === MKV_ID.ebmlMaxSizeLength && readUnsigned(data) > 8) fail('INVALID_MKV_DATA', 'EBMLMaxSizeLength above 8', at);
    });
    if (readVersion !== 1) fail('INVALID_MKV_DATA', `EBMLReadVersion ${readVersion} is not supported`, at);
    if (docType !== 'matroska' && docType !== 'webm') fail('INVALID_MKV_DATA', `DocType "${docType}" is not matroska`, at);
    if (docTypeReadVersion > 4) fail('INVALID_MKV_DATA', `DocTypeReadVersion ${docTypeReadVersion} is not supported`, at);
    sawEbmlHeader = true;
    tracks = undefined;
    headerEmitted = false;
    timecodeScaleNs = 1_000_000;
    muxingApp = undefined;
    writingApp = undefined;
  }

  function parseInfo(payload: Uint8Array, at: number): void {
    children(payload, at, (id, data) => {
      if (id === MKV_ID.timecodeScale) timecodeScaleNs = readUnsigned(data);
      else if (id === MKV_ID.muxingApp) muxingApp = readString(data);
      else if (id === MKV_ID.writingApp) writingApp = readString(data);
    });
    if (timecodeScaleNs <= 0) fail('INVALID_MKV_DATA', 'TimecodeScale must be positive', at);
  }

  function parseTrackEntry(payload: Uint8Array, at: number): MkvVideoTrack {
    const track: MkvVideoTrack = { trackNumber: 0, trackUid: 0n, codecId: '', codecPrivate: new Uint8Array(0), width: 0, height: 0 };
    children(payload, at, (id, data) => {
      if (id === MKV_ID.trackNumber) track.trackNumber = readUnsigned(data);
      else if (id === MKV_ID.trackUid) track.trackUid = readUnsignedBig(data);
      else if (id === MKV_ID.codecId) track.codecId = readString(data);
      else if (id === MKV_ID.codecPrivate) track.codecPrivate = data.slice();
      else if (id === MKV_ID.name) track.name = readString(data);
      else if (id === MKV_ID.video) {
        children(data, at, (videoId, value) => {
          if (videoId === MKV_ID.pixelWidth) track.width = readUnsigned(value);
          else if (videoId === MKV_ID.pixelHeight) track.height = readUnsigned(value);
        });
      }
    });
    if (track.trackNumber === 0) fail('INVALID_MKV_DATA', 'TrackEntry without a TrackNumber', at);
    if (track.codecId === '') fail('INVALID_MKV_DATA', `track ${track.trackNumber} has no CodecID`, at);
    if (options.allowedCodecIds !== undefined && !options.allowedCodecIds.includes(track.codecId)) {
      fail('INVALID_MKV_DATA', `track ${track.trackNumber} codec ${track.codecId} is not one of ${options.allowedCodecIds.join(', ')}`, at);
    }
    if (track.codecId === AVC_CODEC_ID) {
      try {
        parseAvcDecoderConfiguration(track.codecPrivate);
      } catch (error) {
        fail('INVALID_MKV_DATA', `track ${track.trackNumber} CodecPrivate is not an AVCDecoderConfigurationRecord: ${(error as Error).message}`, at);
      }
    }
    return track;
  }

  function parseTracks(payload: Uint8Array, at: number): void {
    const found: MkvVideoTrack[] = [];
    children(payload, at, (id, data) => {
      if (id === MKV_ID.trackEntry) found.push(parseTrackEntry(data, at));
    });
    if (found.length === 0) fail('INVALID_MKV_DATA', 'Tracks holds no TrackEntry', at);
    if (found.length > MAX_TRACKS) fail('MORE_THAN_ALLOWED_TRACKS_FOUND', `${found.length} tracks; KVS allows ${MAX_TRACKS}`, at);
    if (new Set(found.map((track) => track.trackNumber)).size !== found.length) fail('INVALID_MKV_DATA', 'two tracks share a TrackNumber', at);
    tracks = found;
  }

  function startCluster(at: number): void {
    if (tracks === undefined) fail('INVALID_MKV_DATA', 'Cluster before Tracks', at);
    if (!headerEmitted) {
      events.push({ type: 'header', docType, timecodeScaleNs, ...(muxingApp === undefined ? {} : { muxingApp }), ...(writingApp === undefined ? {} : { writingApp }), tracks: tracks as MkvVideoTrack[] });
      headerEmitted = true;
    }
    cluster = { start: at, frameCount: 0 };
  }

  function closeCluster(): void {
    if (cluster === undefined) return;
    if (cluster.timecode !== undefined) events.push({ type: 'cluster-end', timecodeMs: toMs(cluster.timecode), frameCount: cluster.frameCount });
    cluster = undefined;
  }

  function readClusterTimecode(payload: Uint8Array, at: number): void {
    const open = cluster as ClusterState;
    if (open.timecode !== undefined) fail('INVALID_MKV_DATA', 'Cluster has two Timecode elements', at);
    const timecode = readUnsigned(payload);
    if (lastClusterTimecode !== undefined && toMs(timecode) <= lastClusterTimecode) {
      fail('FRAGMENT_TIMECODE_LESSER_THAN_PREVIOUS', `cluster timecode ${toMs(timecode)} ms does not follow ${lastClusterTimecode} ms`, at);
    }
    open.timecode = timecode;
    lastClusterTimecode = toMs(timecode);
    events.push({ type: 'cluster-start', timecodeMs: toMs(timecode), offset: open.start });
  }

  function emitBlock(payload: Uint8Array, at: number, keyframe: (flags: number) => boolean): void {
    const open = cluster as ClusterState;
    if (open.timecode === undefined) fail('INVALID_MKV_DATA', 'block before the Cluster Timecode', at);
    const trackNumber = readVint(payload, 0, false);
    if (trackNumber?.value === undefined || payload.length < trackNumber.length + 3) fail('INVALID_MKV_DATA', 'truncated block header', at);
    const { value: track, length } = trackNumber as { value: number; length: number };
    if (!(tracks as MkvVideoTrack[]).some((entry) => entry.trackNumber === track)) fail('TRACK_NUMBER_MISMATCH', `block for undeclared track ${track}`, at);
    const relative = (((payload[length] as number) << 24) >> 16) | (payload[length + 1] as number);
    const flags = payload[length + 2] as number;
    if ((flags & 0x06) !== 0) fail('INVALID_MKV_DATA', 'laced blocks are not supported', at);
    const timecodeMs = toMs((open.timecode as number) + relative);
    const frame: MkvFrame = { trackNumber: track, timecodeMs, keyframe: keyframe(flags), data: payload.slice(length + 3) };
    if (open.frameCount === 0 && !frame.keyframe) fail('INVALID_MKV_DATA', `cluster at ${toMs(open.timecode as number)} ms does not start with a keyframe`, at);
    const previous = lastFrameTimecode.get(track);
    if (previous !== undefined && timecodeMs <= previous) fail('INVALID_MKV_DATA', `track ${track} frame at ${timecodeMs} ms does not follow ${previous} ms (no reordering allowed)`, at);
    if (timecodeMs - toMs(open.timecode as number) > maxFragmentDurationMs) fail('MAX_FRAGMENT_DURATION_REACHED', `fragment longer than ${maxFragmentDurationMs} ms`, at);
    lastFrameTimecode.set(track, timecodeMs);
    open.frameCount += 1;
    events.push({ type: 'frame', frame });
  }

  function emitBlockGroup(payload: Uint8Array, at: number): void {
    let block: Uint8Array | undefined;
    let referenced = false;
    children(payload, at, (id, data) => {
      if (id === MKV_ID.block) block = data;
      else if (id === MKV_ID.referenceBlock) referenced = true;
    });
    if (block === undefined) fail('INVALID_MKV_DATA', 'BlockGroup without a Block', at);
    emitBlock(block as Uint8Array, at, () => !referenced);
  }

  /** Elements read whole once buffered; everything else either opens (Segment, Cluster) or is skipped. */
  function wholeElementHandler(parent: number | undefined, id: number): ((payload: Uint8Array, at: number) => void) | undefined {
    if (parent === undefined && id === MKV_ID.ebml) return parseEbmlHeader;
    if (parent === MKV_ID.segment && id === MKV_ID.info) return parseInfo;
    if (parent === MKV_ID.segment && id === MKV_ID.tracks) return parseTracks;
    if (parent === MKV_ID.cluster && id === MKV_ID.timecode) return readClusterTimecode;
    if (parent === MKV_ID.cluster && id === MKV_ID.simpleBlock) return (payload, at) => emitBlock(payload, at, (flags) => (flags & 0x80) !== 0);
    if (parent === MKV_ID.cluster && id === MKV_ID.blockGroup) return emitBlockGroup;
    return undefined;
  }

  /** An unknown-size parent ends where an element that cannot be its child begins (RFC 8794 §6.2). */
  function endsUnknownSizeParent(parent: number, id: number): boolean {
    if (parent === MKV_ID.cluster) return SEGMENT_CHILDREN.has(id) || id === MKV_ID.ebml || id === MKV_ID.segment;
    if (parent === MKV_ID.segment) return id === MKV_ID.ebml || id === MKV_ID.segment;
    return false;
  }

  function readHeader(): ElementHeader | undefined {
    const at = 0;
    let id;
    let size;
    try {
      id = readVint(buffer, at, true);
      size = id === undefined ? undefined : readVint(buffer, at + id.length, false);
    } catch (error) {
      return fail('INVALID_MKV_DATA', (error as Error).message.replace(/ at byte \d+/, ''));
    }
    if (id === undefined || size === undefined) return undefined;
    if (id.length > 4) fail('INVALID_MKV_DATA', 'element ID longer than 4 bytes');
    return { id: id.value as number, size: size.value, headerLength: id.length + size.length };
  }

  function consume(count: number): void {
    buffer = buffer.subarray(count);
    base += count;
  }

  function closeFinishedElements(): void {
    for (let top = stack.at(-1); top?.end !== undefined && top.end <= base; top = stack.at(-1)) {
      if (top.id === MKV_ID.cluster) closeCluster();
      stack.pop();
    }
  }

  function checkFragmentSize(): void {
    if (cluster !== undefined && base - cluster.start > maxFragmentBytes) fail('MAX_FRAGMENT_SIZE_REACHED', `fragment larger than ${maxFragmentBytes} bytes`);
  }

  function openElement(header: ElementHeader, parent: OpenElement | undefined): void {
    const { id, size, headerLength } = header;
    const at = base;
    if (id === MKV_ID.segment && parent === undefined) {
      if (!sawEbmlHeader) fail('INVALID_MKV_DATA', 'Segment without an EBML header');
      stack.push({ id, end: size === undefined ? undefined : at + headerLength + size });
    } else {
      startCluster(at);
      stack.push({ id, end: size === undefined ? undefined : at + headerLength + size });
    }
    consume(headerLength);
  }

  /** Handles one element header or returns false when more bytes are needed. */
  function step(): boolean {
    if (skipUntil > base) {
      const skip = Math.min(buffer.length, skipUntil - base);
      consume(skip);
      checkFragmentSize();
      if (skipUntil > base) return false;
    }
    closeFinishedElements();
    const header = readHeader();
    if (header === undefined) return false;
    const parent = stack.at(-1);
    if (parent !== undefined && parent.end === undefined && endsUnknownSizeParent(parent.id, header.id)) {
      if (parent.id === MKV_ID.cluster) closeCluster();
      stack.pop();
      return true;
    }
    const { id, size, headerLength } = header;
    const opens = (id === MKV_ID.segment && parent === undefined) || (id === MKV_ID.cluster && parent?.id === MKV_ID.segment);
    if (size === undefined && !opens) fail('INVALID_MKV_DATA', `element 0x${id.toString(16)} has unknown size`);
    if (size !== undefined && parent?.end !== undefined && base + headerLength + size > parent.end) fail('INVALID_MKV_DATA', `element 0x${id.toString(16)} overruns its parent`);
    if (opens) {
      openElement(header, parent);
      return true;
    }
    const elementSize = size as number;
    if (parent === undefined && id !== MKV_ID.ebml && !ANYWHERE.has(id)) fail('INVALID_MKV_DATA', `expected an EBML header or Segment, found element 0x${id.toString(16)}`);
    const handler = wholeElementHandler(parent?.id, id);
    if (handler === undefined) {
      skipUntil = base + headerLength + elementSize;
      consume(Math.min(buffer.length, headerLength));
      return true;
    }
    if (elementSize > maxElementBytes) fail(parent?.id === MKV_ID.cluster ? 'MAX_FRAGMENT_SIZE_REACHED' : 'INVALID_MKV_DATA', `element of ${elementSize} bytes is too large`);
    if (buffer.length < headerLength + elementSize) return false;
    handler(buffer.subarray(headerLength, headerLength + elementSize), base);
    consume(headerLength + elementSize);
    checkFragmentSize();
    return true;
  }

  function drain(): MkvEvent[] {
    while (buffer.length > 0 || (skipUntil <= base && stack.some((open) => open.end !== undefined && open.end <= base))) {
      if (!step()) break;
    }
    const done = events;
    events = [];
    return done;
  }

  return {
    push(chunk) {
      if (chunk.length === 0) return [];
      const joined = new Uint8Array(buffer.length + chunk.length);
      joined.set(buffer);
      joined.set(chunk, buffer.length);
      buffer = joined;
      return drain();
    },
    end() {
      const pending = drain();
      if (buffer.length > 0 || skipUntil > base) fail('INVALID_MKV_DATA', 'stream ends inside an element');
      if (stack.some((open) => open.end !== undefined && open.end > base)) fail('INVALID_MKV_DATA', 'stream ends inside a Segment or Cluster of known size');
      closeCluster();
      stack.length = 0;
      return [...pending, ...events.splice(0)];
    },
    get offset() {
      return base;
    },
  };
}
