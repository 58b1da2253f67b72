import { deflateSync } from 'node:zlib';
import { decodePng, encodePng, PngDecodeError, renderScene, type RgbImage } from '../../../../../scripts/video/media';

/** A PNG assembled by hand, to decode colour types and filters our encoder does not write. */
function handMadePng(width: number, height: number, colorType: number, rows: number[][], palette?: number[]): Uint8Array {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    let crc = 0xffffffff;
    for (const byte of body) crc = (crcTable[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
    const out = Buffer.alloc(8);
    out.writeUInt32BE(data.length, 0);
    return Buffer.concat([out.subarray(0, 4), body, Buffer.from([(crc ^ 0xffffffff) >>> 24, ((crc ^ 0xffffffff) >>> 16) & 255, ((crc ^ 0xffffffff) >>> 8) & 255, (crc ^ 0xffffffff) & 255])]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, colorType, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    ...(palette === undefined ? [] : [chunk('PLTE', Buffer.from(palette))]),
    chunk('IDAT', deflateSync(Buffer.from(rows.flat()))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('PNG', () => {
  it('round-trips RGB images exactly', () => {
    for (const image of [renderScene('car'), renderScene('dog', { width: 64, height: 48 }), { width: 1, height: 1, data: Uint8Array.from([1, 2, 3]) }]) {
      const decoded = decodePng(encodePng(image));
      expect(decoded.width).toBe(image.width);
      expect(decoded.height).toBe(image.height);
      expect(Buffer.from(decoded.data).equals(Buffer.from(image.data))).toBe(true);
    }
  });

  it('decodes RGBA with every filter type, dropping alpha', () => {
    // Two pixels per row: (10,20,30,255) then (40,50,60,128); filters None, Sub, Up, Average, Paeth.
    const pixels = [10, 20, 30, 255, 40, 50, 60, 128];
    const rows = [
      [0, ...pixels],
      [1, 10, 20, 30, 255, 30, 30, 30, 129], // Sub: second pixel minus the first
      [2, 0, 0, 0, 0, 0, 0, 0, 0], // Up: same as the row above
      [3, 5, 10, 15, 128, 15, 15, 15, 0], // Average of left and up: (0+10)/2=5 … (40+40)/2=40 → 0
      [4, 0, 0, 0, 0, 0, 0, 0, 0], // Paeth picks up (same as above)
    ];
    const decoded = decodePng(handMadePng(2, 5, 6, rows));
    const expected: RgbImage = { width: 2, height: 5, data: Uint8Array.from(Array.from({ length: 5 }, () => [10, 20, 30, 40, 50, 60]).flat()) };
    expect(Array.from(decoded.data)).toEqual(Array.from(expected.data));
  });

  it('decodes grey, grey+alpha and palette images', () => {
    expect(Array.from(decodePng(handMadePng(2, 1, 0, [[0, 7, 200]])).data)).toEqual([7, 7, 7, 200, 200, 200]);
    expect(Array.from(decodePng(handMadePng(1, 1, 4, [[0, 9, 255]])).data)).toEqual([9, 9, 9]);
    expect(Array.from(decodePng(handMadePng(2, 1, 3, [[0, 1, 0]], [1, 2, 3, 4, 5, 6])).data)).toEqual([4, 5, 6, 1, 2, 3]);
  });

  it('fails clearly on what it does not support or cannot trust', () => {
    const png = Buffer.from(encodePng(renderScene('empty', { width: 8, height: 8 })));
    const corrupted = Buffer.from(png);
    corrupted[40] = (corrupted[40] as number) ^ 0xff;
    expect(() => decodePng(corrupted)).toThrow(PngDecodeError);
    expect(() => decodePng(Buffer.from('GIF89a'))).toThrow(/not a PNG/);
    const interlaced = Buffer.from(handMadePng(1, 1, 2, [[0, 0, 0, 0]]));
    interlaced[28] = 1; // IHDR interlace method: the CRC no longer matches either
    expect(() => decodePng(interlaced)).toThrow(/bad CRC/);
  });
});
