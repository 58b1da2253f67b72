// EBML (RFC 8794) building blocks for the Matroska muxer and demuxer: variable-size integers and element framing.

/** Matroska element IDs (RFC 9559), written with their length-marker bits as they appear on the wire. */
export const MKV_ID = {
  ebml: 0x1a45dfa3,
  ebmlVersion: 0x4286,
  ebmlReadVersion: 0x42f7,
  ebmlMaxIdLength: 0x42f2,
  ebmlMaxSizeLength: 0x42f3,
  docType: 0x4282,
  docTypeVersion: 0x4287,
  docTypeReadVersion: 0x4285,
  segment: 0x18538067,
  seekHead: 0x114d9b74,
  info: 0x1549a966,
  timecodeScale: 0x2ad7b1,
  muxingApp: 0x4d80,
  writingApp: 0x5741,
  segmentUid: 0x73a4,
  tracks: 0x1654ae6b,
  trackEntry: 0xae,
  trackNumber: 0xd7,
  trackUid: 0x73c5,
  trackType: 0x83,
  flagLacing: 0x9c,
  defaultDuration: 0x23e383,
  name: 0x536e,
  codecId: 0x86,
  codecPrivate: 0x63a2,
  video: 0xe0,
  pixelWidth: 0xb0,
  pixelHeight: 0xba,
  cluster: 0x1f43b675,
  timecode: 0xe7,
  position: 0xa7,
  prevSize: 0xab,
  simpleBlock: 0xa3,
  blockGroup: 0xa0,
  block: 0xa1,
  referenceBlock: 0xfb,
  blockDuration: 0x9b,
  cues: 0x1c53bb6b,
  tags: 0x1254c367,
  chapters: 0x1043a770,
  attachments: 0x1941a469,
  void: 0xec,
  crc32: 0xbf,
} as const;

export const TRACK_TYPE_VIDEO = 1;

/** 8-byte size with every value bit set: "unknown size", how live streams leave Segment and Cluster open. */
export const UNKNOWN_SIZE = Uint8Array.from([0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);

export function encodeId(id: number): Uint8Array {
  const bytes: number[] = [];
  for (let value = id; value > 0; value = Math.floor(value / 256)) bytes.unshift(value & 0xff);
  return Uint8Array.from(bytes);
}

/** The shortest vint for `size` (a length of n bytes holds 7n bits, minus the all-ones "unknown" value). */
export function encodeSize(size: number): Uint8Array {
  let length = 1;
  while (size >= 2 ** (7 * length) - 1) length += 1;
  if (length > 8) throw new RangeError(`EBML size ${size} is too large`);
  const bytes = new Uint8Array(length);
  let value = size;
  for (let index = length - 1; index >= 0; index -= 1) {
    bytes[index] = value % 256;
    value = Math.floor(value / 256);
  }
  bytes[0] = (bytes[0] as number) | (0x80 >> (length - 1));
  return bytes;
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export const element = (id: number, payload: Uint8Array): Uint8Array => concatBytes([encodeId(id), encodeSize(payload.length), payload]);

export const masterElement = (id: number, children: readonly Uint8Array[]): Uint8Array => element(id, concatBytes(children));

export function unsignedElement(id: number, value: number | bigint): Uint8Array {
  const bytes: number[] = [];
  for (let rest = BigInt(value); rest > 0n; rest >>= 8n) bytes.unshift(Number(rest & 0xffn));
  return element(id, Uint8Array.from(bytes.length === 0 ? [0] : bytes));
}

export const stringElement = (id: number, value: string): Uint8Array => element(id, new TextEncoder().encode(value));

export interface Vint {
  /** undefined for an all-ones value, i.e. "unknown size". */
  value: number | undefined;
  length: number;
}

/** Reads a vint at offset; undefined when the buffer ends first. Throws on a first byte of 0 (length > 8). */
export function readVint(bytes: Uint8Array, offset: number, keepMarker: boolean): Vint | undefined {
  const first = bytes[offset];
  if (first === undefined) return undefined;
  if (first === 0) throw new RangeError(`invalid EBML variable-size integer at byte ${offset}`);
  const length = Math.clz32(first) - 23;
  if (offset + length > bytes.length) return undefined;
  const marker = 0x80 >> (length - 1);
  let value = keepMarker ? first : first & (marker - 1);
  let allOnes = (first & (marker - 1)) === marker - 1;
  for (let index = 1; index < length; index += 1) {
    const byte = bytes[offset + index] as number;
    value = value * 256 + byte;
    allOnes &&= byte === 0xff;
  }
  return { value: !keepMarker && allOnes ? undefined : value, length };
}

export function readUnsigned(payload: Uint8Array): number {
  let value = 0;
  for (const byte of payload) value = value * 256 + byte;
  return value;
}

export function readUnsignedBig(payload: Uint8Array): bigint {
  let value = 0n;
  for (const byte of payload) value = (value << 8n) | BigInt(byte);
  return value;
}

export const readString = (payload: Uint8Array): string => new TextDecoder().decode(payload).replace(/\0+$/, '');
