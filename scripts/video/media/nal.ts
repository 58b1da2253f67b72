// NAL unit framing: header byte and emulation prevention (ITU-T H.264 §7.3.1, §7.4.1).

export const NAL_UNIT_TYPE = {
  nonIdrSlice: 1,
  idrSlice: 5,
  sei: 6,
  sps: 7,
  pps: 8,
  accessUnitDelimiter: 9,
} as const;

/** Inserts 0x03 after every two zero bytes that precede a byte ≤ 0x03, so no start code appears inside a NAL unit. */
export function addEmulationPrevention(rbsp: Uint8Array): Uint8Array {
  const out: number[] = [];
  let zeros = 0;
  for (const byte of rbsp) {
    if (zeros === 2 && byte <= 3) {
      out.push(3);
      zeros = 0;
    }
    out.push(byte);
    zeros = byte === 0 ? zeros + 1 : 0;
  }
  // A trailing 0x00 would join the next start code: cabac_zero_words aside, RBSPs never end in 0x00.
  return Uint8Array.from(out);
}

/** Drops each 0x03 that follows two zero bytes. */
export function removeEmulationPrevention(payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(payload.length);
  let length = 0;
  let zeros = 0;
  for (const byte of payload) {
    if (zeros === 2 && byte === 3) {
      zeros = 0;
      continue;
    }
    out[length] = byte;
    length += 1;
    zeros = byte === 0 ? zeros + 1 : 0;
  }
  return out.subarray(0, length);
}

/** A NAL unit: header byte (forbidden_zero_bit, nal_ref_idc, nal_unit_type) and the escaped RBSP. */
export function buildNalUnit(nalRefIdc: number, nalUnitType: number, rbsp: Uint8Array): Uint8Array {
  const escaped = addEmulationPrevention(rbsp);
  const unit = new Uint8Array(escaped.length + 1);
  unit[0] = ((nalRefIdc & 3) << 5) | (nalUnitType & 31);
  unit.set(escaped, 1);
  return unit;
}

export interface ParsedNalUnit {
  nalRefIdc: number;
  nalUnitType: number;
  rbsp: Uint8Array;
}

export function parseNalUnit(unit: Uint8Array): ParsedNalUnit {
  const header = unit[0];
  if (header === undefined) throw new RangeError('empty NAL unit');
  if ((header & 0x80) !== 0) throw new RangeError('NAL unit has forbidden_zero_bit set');
  return { nalRefIdc: (header >> 5) & 3, nalUnitType: header & 31, rbsp: removeEmulationPrevention(unit.subarray(1)) };
}
