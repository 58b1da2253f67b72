import fc from 'fast-check';
import { BitWriter } from '../../../../../scripts/video/media/bit-stream';
import { buildNalUnit } from '../../../../../scripts/video/media/nal';
import {
  addEmulationPrevention,
  chooseLevel,
  createIpcmDecoder,
  createIpcmEncoder,
  encodeAvcDecoderConfiguration,
  H264DecodeError,
  parseAvcDecoderConfiguration,
  parsePps,
  parseSps,
  readAvccSample,
  removeEmulationPrevention,
  renderScene,
  rgbToYuv420,
  writeAvccSample,
  type RgbImage,
} from '../../../../../scripts/video/media';

const noise = (width: number, height: number, seed: number): RgbImage => {
  const data = new Uint8Array(width * height * 3);
  let state = seed;
  for (let index = 0; index < data.length; index += 1) {
    state = (state * 1103515245 + 12345) >>> 0;
    data[index] = state >>> 24;
  }
  return { width, height, data };
};

describe('I_PCM H.264 encoder and decoder', () => {
  it.each([
    [320, 240],
    [326, 242],
    [18, 2],
  ])('decodes %i×%i pictures to exactly the YUV 4:2:0 samples that were encoded', (width, height) => {
    const encoder = createIpcmEncoder({ width, height });
    const decoder = createIpcmDecoder(encoder.avcC);
    const image = noise(width, height, width + height);
    const decoded = decoder.decode(encoder.encodeFrame(image));
    const expected = rgbToYuv420(image);
    expect(decoded.width).toBe(width);
    expect(decoded.height).toBe(height);
    expect(Buffer.from(decoded.y).equals(Buffer.from(expected.y))).toBe(true);
    expect(Buffer.from(decoded.u).equals(Buffer.from(expected.u))).toBe(true);
    expect(Buffer.from(decoded.v).equals(Buffer.from(expected.v))).toBe(true);
  });

  it('writes a Constrained Baseline SPS with POC type 2, progressive frames and cropping to the exact size', () => {
    const encoder = createIpcmEncoder({ width: 326, height: 242, fps: 5 });
    expect(Array.from(encoder.spsNal.subarray(0, 3))).toEqual([0x67, 66, 0xc0]);
    expect(parseSps(encoder.spsNal)).toEqual({
      profileIdc: 66,
      constraintFlags: 0xc0,
      levelIdc: 30,
      seqParameterSetId: 0,
      log2MaxFrameNum: 4,
      picOrderCntType: 2,
      maxNumRefFrames: 1,
      frameMbsOnly: true,
      widthInMbs: 21,
      heightInMbs: 16,
      crop: { left: 0, right: 10, top: 0, bottom: 14 },
      width: 326,
      height: 242,
    });
    expect(parsePps(encoder.ppsNal)).toMatchObject({ entropyCodingModeFlag: false, picInitQp: 26, deblockingFilterControlPresent: true });
  });

  it('writes each macroblock as mb_type 25, alignment zeros and 384 raw samples', () => {
    const encoder = createIpcmEncoder({ width: 16, height: 16 });
    const sample = encoder.encodeFrame(renderScene('empty', { width: 16, height: 16 }));
    const [slice] = readAvccSample(sample);
    expect(slice?.[0]).toBe(0x65); // nal_ref_idc 3, IDR slice
    // Slice header (first_mb 0, slice_type 7, pps 0, frame_num, idr_pic_id 0, marking, qp delta, deblocking idc 1),
    // then ue(25) = 000011010 and 7 alignment zeros, then the samples, then the stop bit.
    expect(slice?.length).toBe(1 + 3 + 1 + 384 + 1);
  });

  it('chooses the level from frame size, macroblock rate and the I_PCM bit rate', () => {
    expect(chooseLevel(20, 15, 5)).toBe(21);
    expect(chooseLevel(20, 15, 1)).toBe(20);
    expect(chooseLevel(80, 45, 1)).toBe(31);
    expect(() => chooseLevel(240, 135, 60)).toThrow(RangeError);
  });

  it('rejects odd frame sizes and frames of the wrong size', () => {
    expect(() => createIpcmEncoder({ width: 33, height: 32 })).toThrow(/even/);
    expect(() => createIpcmEncoder({ width: 32, height: 32 }).encodeFrame(noise(16, 16, 1))).toThrow(/32×32/);
  });

  it('alternates idr_pic_id between consecutive pictures', () => {
    const encoder = createIpcmEncoder({ width: 16, height: 16 });
    const image = noise(16, 16, 3);
    expect(Buffer.from(encoder.encodeFrame(image)).equals(Buffer.from(encoder.encodeFrame(image)))).toBe(false);
    expect(Buffer.from(encoder.encodeFrame(image, 1)).equals(Buffer.from(encoder.encodeFrame(image, 1)))).toBe(true);
  });
});

describe('emulation prevention', () => {
  it.each([
    [[0, 0, 0], [0, 0, 3, 0]],
    [[0, 0, 1], [0, 0, 3, 1]],
    [[0, 0, 2], [0, 0, 3, 2]],
    [[0, 0, 3], [0, 0, 3, 3]],
    [[0, 0, 4], [0, 0, 4]],
    [[0, 0, 0, 0, 0], [0, 0, 3, 0, 0, 3, 0]],
    [[1, 0, 0, 1, 0, 0], [1, 0, 0, 3, 1, 0, 0]],
  ])('escapes %j as %j', (rbsp, escaped) => {
    expect(Array.from(addEmulationPrevention(Uint8Array.from(rbsp)))).toEqual(escaped);
    expect(Array.from(removeEmulationPrevention(Uint8Array.from(escaped)))).toEqual(rbsp);
  });

  it('round-trips any payload and never leaves a start-code prefix inside it', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }).map((bytes) => bytes.map((byte) => byte % 4)), (rbsp) => {
        const escaped = addEmulationPrevention(rbsp);
        expect(Array.from(removeEmulationPrevention(escaped))).toEqual(Array.from(rbsp));
        for (let index = 0; index + 2 < escaped.length; index += 1) {
          expect(escaped[index] === 0 && escaped[index + 1] === 0 && (escaped[index + 2] as number) <= 2).toBe(false);
        }
      }),
    );
  });
});

describe('AVCC', () => {
  it('round-trips the decoder configuration record and length-prefixed samples', () => {
    const encoder = createIpcmEncoder({ width: 64, height: 48 });
    expect(parseAvcDecoderConfiguration(encoder.avcC)).toEqual({
      profileIdc: 66,
      profileCompatibility: 0xc0,
      levelIdc: encoder.sps.levelIdc,
      nalLengthSize: 4,
      sps: [encoder.spsNal],
      pps: [encoder.ppsNal],
    });
    const units = [Uint8Array.from([0x65, 1, 2]), Uint8Array.from([0x06, 9])];
    expect(readAvccSample(writeAvccSample(units, 2), 2).map((unit) => Array.from(unit))).toEqual([
      [0x65, 1, 2],
      [0x06, 9],
    ]);
    expect(() => readAvccSample(Uint8Array.from([0, 0, 0, 9, 1]))).toThrow(/overruns/);
  });
});

describe('decoder limits', () => {
  const encoder = createIpcmEncoder({ width: 16, height: 16 });

  it('rejects a CABAC picture parameter set', () => {
    const writer = new BitWriter().unsignedExpGolomb(0).unsignedExpGolomb(0).bit(1).bit(0).unsignedExpGolomb(0).trailingBits();
    const avcC = encodeAvcDecoderConfiguration({ sps: [encoder.spsNal], pps: [buildNalUnit(3, 8, writer.toBytes())] });
    expect(() => createIpcmDecoder(avcC)).toThrow(new H264DecodeError('CABAC entropy coding is not supported (only CAVLC I_PCM)'));
  });

  it('rejects a macroblock that is not I_PCM and a P slice', () => {
    const decoder = createIpcmDecoder(encoder.avcC);
    const slice = (sliceType: number, mbType: number): Uint8Array => {
      const writer = new BitWriter().unsignedExpGolomb(0).unsignedExpGolomb(sliceType).unsignedExpGolomb(0).bits(0, 4).unsignedExpGolomb(0);
      writer.bit(0).bit(0).signedExpGolomb(0).unsignedExpGolomb(1).unsignedExpGolomb(mbType).trailingBits();
      return writeAvccSample([buildNalUnit(3, 5, writer.toBytes())]);
    };
    expect(() => decoder.decode(slice(7, 0))).toThrow(/mb_type 0 at macroblock 0 is not supported \(only I_PCM, 25\)/);
    expect(() => decoder.decode(slice(5, 0))).toThrow(/slice_type 5 is not supported/);
  });

  it('reports truncated pictures as decode errors', () => {
    const decoder = createIpcmDecoder(encoder.avcC);
    const sample = encoder.encodeFrame(noise(16, 16, 9));
    const [slice] = readAvccSample(sample);
    expect(() => decoder.decode(writeAvccSample([(slice as Uint8Array).subarray(0, 100)]))).toThrow(H264DecodeError);
  });
});
