// PNG encoder (8-bit RGB) and decoder (8-bit grey, grey+alpha, RGB, RGBA, palette; non-interlaced) on node:zlib.
import { deflateSync, inflateSync } from 'node:zlib';
import type { RgbImage } from './types';

export class PngDecodeError extends Error {
  override name = 'PngDecodeError';
}

const SIGNATURE = Uint8Array.from([137, 80, 78, 71, 13, 10, 26, 10]);

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(parts: readonly Uint8Array[]): number {
  let crc = 0xffffffff;
  for (const part of parts) for (const byte of part) crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const typeBytes = Buffer.from(type, 'latin1');
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  typeBytes.copy(out, 4);
  out.set(data, 8);
  out.writeUInt32BE(crc32([typeBytes, data]), 8 + data.length);
  return out;
}

const paeth = (a: number, b: number, c: number): number => {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
};

/** Filter type 0-4 of byte i in a row (§9.2); `left`/`up`/`upLeft` are the already-reconstructed neighbours. */
function predictor(type: number, left: number, up: number, upLeft: number): number {
  switch (type) {
    case 0:
      return 0;
    case 1:
      return left;
    case 2:
      return up;
    case 3:
      return (left + up) >> 1;
    case 4:
      return paeth(left, up, upLeft);
    default:
      throw new PngDecodeError(`unknown filter type ${type}`);
  }
}

function filterRow(type: number, row: Uint8Array, previous: Uint8Array, bytesPerPixel: number): Uint8Array {
  const out = new Uint8Array(row.length + 1);
  out[0] = type;
  for (let i = 0; i < row.length; i += 1) {
    const left = i >= bytesPerPixel ? (row[i - bytesPerPixel] as number) : 0;
    const upLeft = i >= bytesPerPixel ? (previous[i - bytesPerPixel] as number) : 0;
    out[i + 1] = ((row[i] as number) - predictor(type, left, previous[i] as number, upLeft)) & 0xff;
  }
  return out;
}

/** Per row, the filter with the smallest sum of absolute (signed) residuals: the usual libpng heuristic. */
function bestFilteredRow(row: Uint8Array, previous: Uint8Array, bytesPerPixel: number): Uint8Array {
  let best: Uint8Array | undefined;
  let bestCost = Infinity;
  for (let type = 0; type <= 4; type += 1) {
    const candidate = filterRow(type, row, previous, bytesPerPixel);
    let cost = 0;
    for (let i = 1; i < candidate.length; i += 1) cost += Math.min(candidate[i] as number, 256 - (candidate[i] as number));
    if (cost < bestCost) {
      best = candidate;
      bestCost = cost;
    }
  }
  return best as Uint8Array;
}

export function encodePng(image: RgbImage): Uint8Array {
  const { width, height, data } = image;
  if (data.length !== width * height * 3) throw new RangeError(`RGB data is ${data.length} bytes, expected ${width * height * 3}`);
  const stride = width * 3;
  const rows: Uint8Array[] = [];
  let previous: Uint8Array = new Uint8Array(stride);
  for (let y = 0; y < height; y += 1) {
    const row = data.subarray(y * stride, (y + 1) * stride);
    rows.push(bestFilteredRow(row, previous, 3));
    previous = row;
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // bit depth 8, colour type 2 (RGB), deflate, adaptive filtering, no interlace
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', new Uint8Array(0))]);
}

interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlace: number;
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

function readChunks(bytes: Uint8Array): { header: PngHeader; palette?: Uint8Array; idat: Uint8Array } {
  if (bytes.length < 8 || SIGNATURE.some((byte, index) => bytes[index] !== byte)) throw new PngDecodeError('not a PNG (bad signature)');
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 8;
  let header: PngHeader | undefined;
  let palette: Uint8Array | undefined;
  const idat: Uint8Array[] = [];
  while (offset + 12 <= view.length) {
    const length = view.readUInt32BE(offset);
    const type = view.toString('latin1', offset + 4, offset + 8);
    if (offset + 12 + length > view.length) throw new PngDecodeError(`chunk ${type} is truncated`);
    const data = view.subarray(offset + 8, offset + 8 + length);
    if (crc32([view.subarray(offset + 4, offset + 8), data]) !== view.readUInt32BE(offset + 8 + length)) throw new PngDecodeError(`chunk ${type} has a bad CRC`);
    offset += 12 + length;
    if (type === 'IHDR') {
      header = { width: data.readUInt32BE(0), height: data.readUInt32BE(4), bitDepth: data[8] as number, colorType: data[9] as number, interlace: data[12] as number };
    } else if (type === 'PLTE') palette = data;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
  }
  if (header === undefined) throw new PngDecodeError('PNG has no IHDR');
  if (idat.length === 0) throw new PngDecodeError('PNG has no IDAT');
  return { header, ...(palette === undefined ? {} : { palette }), idat: Buffer.concat(idat) };
}

function checkSupported(header: PngHeader, palette: Uint8Array | undefined): number {
  const channels = CHANNELS[header.colorType];
  if (channels === undefined) throw new PngDecodeError(`colour type ${header.colorType} is invalid`);
  if (header.bitDepth !== 8) throw new PngDecodeError(`bit depth ${header.bitDepth} is not supported (only 8)`);
  if (header.interlace !== 0) throw new PngDecodeError('interlaced (Adam7) PNGs are not supported');
  if (header.colorType === 3 && palette === undefined) throw new PngDecodeError('palette PNG has no PLTE chunk');
  return channels;
}

function unfilter(raw: Uint8Array, header: PngHeader, channels: number): Uint8Array {
  const stride = header.width * channels;
  if (raw.length < header.height * (stride + 1)) throw new PngDecodeError('image data is shorter than the image');
  const pixels = new Uint8Array(header.height * stride);
  for (let y = 0; y < header.height; y += 1) {
    const type = raw[y * (stride + 1)] as number;
    const row = y * stride;
    for (let i = 0; i < stride; i += 1) {
      const left = i >= channels ? (pixels[row + i - channels] as number) : 0;
      const up = y > 0 ? (pixels[row - stride + i] as number) : 0;
      const upLeft = y > 0 && i >= channels ? (pixels[row - stride + i - channels] as number) : 0;
      pixels[row + i] = ((raw[y * (stride + 1) + 1 + i] as number) + predictor(type, left, up, upLeft)) & 0xff;
    }
  }
  return pixels;
}

/** Alpha is dropped, not composited: analysis frames come from video, which has none. */
function toRgb(pixels: Uint8Array, header: PngHeader, channels: number, palette: Uint8Array | undefined): Uint8Array {
  const count = header.width * header.height;
  const rgb = new Uint8Array(count * 3);
  for (let pixel = 0; pixel < count; pixel += 1) {
    const source = pixel * channels;
    if (header.colorType === 3) {
      const entry = (pixels[source] as number) * 3;
      if (palette === undefined || entry + 2 >= palette.length) throw new PngDecodeError('palette index out of range');
      rgb.set(palette.subarray(entry, entry + 3), pixel * 3);
    } else if (header.colorType === 0 || header.colorType === 4) {
      rgb.fill(pixels[source] as number, pixel * 3, pixel * 3 + 3);
    } else {
      rgb.set(pixels.subarray(source, source + 3), pixel * 3);
    }
  }
  return rgb;
}

export function decodePng(bytes: Uint8Array): RgbImage {
  const { header, palette, idat } = readChunks(bytes);
  const channels = checkSupported(header, palette);
  let raw: Uint8Array;
  try {
    raw = inflateSync(idat);
  } catch (error) {
    throw new PngDecodeError(`image data does not inflate: ${(error as Error).message}`);
  }
  return { width: header.width, height: header.height, data: toRgb(unfilter(raw, header, channels), header, channels, palette) };
}
