// Matroska muxer for a live H.264 stream as Kinesis Video Streams expects it: EBML header, a Segment of unknown
// size, Info (1 ms timecodes), one V_MPEG4/ISO/AVC track with avcC CodecPrivate, then one Cluster per fragment
// that starts with a keyframe and carries an absolute timecode.
import {
  MKV_ID,
  TRACK_TYPE_VIDEO,
  UNKNOWN_SIZE,
  concatBytes,
  element,
  encodeId,
  masterElement,
  stringElement,
  unsignedElement,
} from './ebml';

export const AVC_CODEC_ID = 'V_MPEG4/ISO/AVC';
/** Every timecode is in milliseconds: KVS fragment timecodes and GetImages timestamps have that resolution. */
const TIMECODE_SCALE_NS = 1_000_000;

export interface MkvHeaderOptions {
  width: number;
  height: number;
  codecPrivate: Uint8Array;
  codecId?: string;
  trackUid?: bigint;
  trackName?: string;
  /** Nanoseconds per frame, a hint for players. */
  defaultDurationNs?: number;
  muxingApp?: string;
  writingApp?: string;
}

export interface MkvClusterInput {
  /** Absolute cluster timecode in ms; with x-amzn-fragment-timecode-type ABSOLUTE, the producer timestamp. */
  timecodeMs: number;
  frames: readonly { timecodeMs: number; keyframe: boolean; data: Uint8Array }[];
  /** Writes the cluster's size (default) or leaves it unknown, as live muxers that cannot seek back do. */
  knownSize?: boolean;
}

function ebmlHeader(): Uint8Array {
  return masterElement(MKV_ID.ebml, [
    unsignedElement(MKV_ID.ebmlVersion, 1),
    unsignedElement(MKV_ID.ebmlReadVersion, 1),
    unsignedElement(MKV_ID.ebmlMaxIdLength, 4),
    unsignedElement(MKV_ID.ebmlMaxSizeLength, 8),
    stringElement(MKV_ID.docType, 'matroska'),
    unsignedElement(MKV_ID.docTypeVersion, 4),
    unsignedElement(MKV_ID.docTypeReadVersion, 2),
  ]);
}

function trackEntry(options: MkvHeaderOptions): Uint8Array {
  return masterElement(MKV_ID.trackEntry, [
    unsignedElement(MKV_ID.trackNumber, 1),
    unsignedElement(MKV_ID.trackUid, options.trackUid ?? 1n),
    unsignedElement(MKV_ID.trackType, TRACK_TYPE_VIDEO),
    unsignedElement(MKV_ID.flagLacing, 0),
    ...(options.trackName === undefined ? [] : [stringElement(MKV_ID.name, options.trackName)]),
    ...(options.defaultDurationNs === undefined ? [] : [unsignedElement(MKV_ID.defaultDuration, options.defaultDurationNs)]),
    stringElement(MKV_ID.codecId, options.codecId ?? AVC_CODEC_ID),
    element(MKV_ID.codecPrivate, options.codecPrivate),
    masterElement(MKV_ID.video, [unsignedElement(MKV_ID.pixelWidth, options.width), unsignedElement(MKV_ID.pixelHeight, options.height)]),
  ]);
}

/** Everything before the first cluster: EBML header, Segment start (unknown size), Info, Tracks. */
export function encodeMkvHeader(options: MkvHeaderOptions): Uint8Array {
  const info = masterElement(MKV_ID.info, [
    unsignedElement(MKV_ID.timecodeScale, TIMECODE_SCALE_NS),
    stringElement(MKV_ID.muxingApp, options.muxingApp ?? 'streaming-reference mkv-muxer'),
    stringElement(MKV_ID.writingApp, options.writingApp ?? 'streaming-reference camera simulator'),
  ]);
  return concatBytes([ebmlHeader(), encodeId(MKV_ID.segment), UNKNOWN_SIZE, info, masterElement(MKV_ID.tracks, [trackEntry(options)])]);
}

function simpleBlock(clusterTimecodeMs: number, frame: MkvClusterInput['frames'][number]): Uint8Array {
  const offset = frame.timecodeMs - clusterTimecodeMs;
  if (!Number.isInteger(offset) || offset < -32768 || offset > 32767) {
    throw new RangeError(`frame at ${frame.timecodeMs} ms is ${offset} ms from its cluster; a block offset is a signed 16-bit count`);
  }
  const header = Uint8Array.from([0x81, (offset >> 8) & 0xff, offset & 0xff, frame.keyframe ? 0x80 : 0x00]); // track 1, offset, flags
  return element(MKV_ID.simpleBlock, concatBytes([header, frame.data]));
}

export function encodeMkvCluster(input: MkvClusterInput): Uint8Array {
  if (input.frames[0]?.keyframe !== true) throw new RangeError('a cluster must start with a keyframe (KVS fragments begin with an IDR picture)');
  const children = [unsignedElement(MKV_ID.timecode, input.timecodeMs), ...input.frames.map((frame) => simpleBlock(input.timecodeMs, frame))];
  if (input.knownSize ?? true) return masterElement(MKV_ID.cluster, children);
  return concatBytes([encodeId(MKV_ID.cluster), UNKNOWN_SIZE, ...children]);
}
