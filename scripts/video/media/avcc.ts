// AVCDecoderConfigurationRecord (ISO/IEC 14496-15 §5.3.3.1) and length-prefixed AVCC samples.
import type { AvcDecoderConfiguration } from './types';

export function encodeAvcDecoderConfiguration(config: { sps: Uint8Array[]; pps: Uint8Array[]; nalLengthSize?: number }): Uint8Array {
  const first = config.sps[0];
  if (first === undefined || first.length < 4) throw new RangeError('an avcC needs at least one SPS');
  const nalLengthSize = config.nalLengthSize ?? 4;
  if (![1, 2, 4].includes(nalLengthSize)) throw new RangeError(`NAL length size must be 1, 2 or 4, not ${nalLengthSize}`);
  const parts: number[] = [1, first[1] as number, first[2] as number, first[3] as number, 0xfc | (nalLengthSize - 1)];
  parts.push(0xe0 | config.sps.length);
  for (const sps of config.sps) parts.push(sps.length >> 8, sps.length & 0xff, ...sps);
  parts.push(config.pps.length);
  for (const pps of config.pps) parts.push(pps.length >> 8, pps.length & 0xff, ...pps);
  return Uint8Array.from(parts);
}

function readParameterSets(bytes: Uint8Array, offset: number, count: number): { sets: Uint8Array[]; offset: number } {
  const sets: Uint8Array[] = [];
  let position = offset;
  for (let index = 0; index < count; index += 1) {
    if (position + 2 > bytes.length) throw new RangeError('avcC is truncated');
    const length = ((bytes[position] as number) << 8) | (bytes[position + 1] as number);
    position += 2;
    if (position + length > bytes.length) throw new RangeError('avcC is truncated');
    sets.push(bytes.slice(position, position + length));
    position += length;
  }
  return { sets, offset: position };
}

export function parseAvcDecoderConfiguration(bytes: Uint8Array): AvcDecoderConfiguration {
  if (bytes.length < 7) throw new RangeError(`avcC of ${bytes.length} bytes is too short`);
  if (bytes[0] !== 1) throw new RangeError(`avcC configurationVersion is ${bytes[0]}, expected 1`);
  const nalLengthSize = ((bytes[4] as number) & 3) + 1;
  if (nalLengthSize === 3) throw new RangeError('avcC lengthSizeMinusOne 2 is reserved');
  const sps = readParameterSets(bytes, 6, (bytes[5] as number) & 0x1f);
  if (sps.offset >= bytes.length) throw new RangeError('avcC is truncated before numOfPictureParameterSets');
  const pps = readParameterSets(bytes, sps.offset + 1, bytes[sps.offset] as number);
  if (sps.sets.length === 0 || pps.sets.length === 0) throw new RangeError('avcC has no SPS or no PPS');
  return {
    profileIdc: bytes[1] as number,
    profileCompatibility: bytes[2] as number,
    levelIdc: bytes[3] as number,
    nalLengthSize,
    sps: sps.sets,
    pps: pps.sets,
  };
}

/** Concatenates NAL units, each preceded by its big-endian length. */
export function writeAvccSample(nalUnits: readonly Uint8Array[], nalLengthSize = 4): Uint8Array {
  const total = nalUnits.reduce((sum, unit) => sum + nalLengthSize + unit.length, 0);
  const sample = new Uint8Array(total);
  let offset = 0;
  for (const unit of nalUnits) {
    if (unit.length >= 2 ** (8 * nalLengthSize)) throw new RangeError(`NAL unit of ${unit.length} bytes does not fit a ${nalLengthSize}-byte length`);
    for (let byte = nalLengthSize - 1; byte >= 0; byte -= 1) {
      sample[offset] = Math.floor(unit.length / 2 ** (8 * byte)) & 0xff;
      offset += 1;
    }
    sample.set(unit, offset);
    offset += unit.length;
  }
  return sample;
}

export function readAvccSample(sample: Uint8Array, nalLengthSize = 4): Uint8Array[] {
  const units: Uint8Array[] = [];
  let offset = 0;
  while (offset < sample.length) {
    if (offset + nalLengthSize > sample.length) throw new RangeError('AVCC sample ends inside a NAL length');
    let length = 0;
    for (let byte = 0; byte < nalLengthSize; byte += 1) length = length * 256 + (sample[offset + byte] as number);
    offset += nalLengthSize;
    if (offset + length > sample.length) throw new RangeError(`AVCC NAL unit of ${length} bytes overruns the sample`);
    units.push(sample.subarray(offset, offset + length));
    offset += length;
  }
  return units;
}
