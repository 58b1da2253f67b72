// Bit-level writer and reader for H.264 RBSPs: fixed-width fields and Exp-Golomb codes (ITU-T H.264 §7.2, §9.1).

export class BitWriter {
  private readonly bytes: number[] = [];
  private current = 0;
  private bitCount = 0;

  bit(value: number): this {
    this.current = (this.current << 1) | (value & 1);
    this.bitCount += 1;
    if (this.bitCount === 8) {
      this.bytes.push(this.current);
      this.current = 0;
      this.bitCount = 0;
    }
    return this;
  }

  /** u(n): n ≤ 32 bits, most significant first. */
  bits(value: number, width: number): this {
    for (let shift = width - 1; shift >= 0; shift -= 1) this.bit(Math.floor(value / 2 ** shift) & 1);
    return this;
  }

  /** ue(v): unsigned Exp-Golomb. */
  unsignedExpGolomb(value: number): this {
    const codeNum = value + 1;
    const length = Math.floor(Math.log2(codeNum));
    return this.bits(0, length).bits(codeNum, length + 1);
  }

  /** se(v): signed Exp-Golomb (k > 0 maps to 2k − 1, k ≤ 0 to −2k). */
  signedExpGolomb(value: number): this {
    return this.unsignedExpGolomb(value > 0 ? 2 * value - 1 : -2 * value);
  }

  get byteAligned(): boolean {
    return this.bitCount === 0;
  }

  /** Whole bytes; only valid when byte-aligned (callers pad first). */
  rawBytes(data: Uint8Array): this {
    if (!this.byteAligned) throw new Error('rawBytes needs a byte-aligned writer');
    for (const byte of data) this.bytes.push(byte);
    return this;
  }

  alignWithZeros(): this {
    while (!this.byteAligned) this.bit(0);
    return this;
  }

  /** rbsp_trailing_bits(): a stop bit, then zeros to the byte boundary. */
  trailingBits(): this {
    return this.bit(1).alignWithZeros();
  }

  toBytes(): Uint8Array {
    if (!this.byteAligned) throw new Error('bit stream is not byte-aligned; write trailing bits first');
    return Uint8Array.from(this.bytes);
  }
}

export class BitReader {
  private position = 0;

  constructor(private readonly data: Uint8Array) {}

  get bitPosition(): number {
    return this.position;
  }

  get bitsLeft(): number {
    return this.data.length * 8 - this.position;
  }

  bit(): number {
    if (this.position >= this.data.length * 8) throw new RangeError('read past the end of the RBSP');
    const byte = this.data[this.position >> 3] as number;
    const value = (byte >> (7 - (this.position & 7))) & 1;
    this.position += 1;
    return value;
  }

  bits(width: number): number {
    let value = 0;
    for (let index = 0; index < width; index += 1) value = value * 2 + this.bit();
    return value;
  }

  flag(): boolean {
    return this.bit() === 1;
  }

  unsignedExpGolomb(): number {
    let leadingZeros = 0;
    while (this.bit() === 0) {
      leadingZeros += 1;
      if (leadingZeros > 31) throw new RangeError('Exp-Golomb code longer than 32 bits');
    }
    return 2 ** leadingZeros - 1 + this.bits(leadingZeros);
  }

  signedExpGolomb(): number {
    const codeNum = this.unsignedExpGolomb();
    return codeNum % 2 === 1 ? (codeNum + 1) / 2 : -(codeNum / 2);
  }

  get byteAligned(): boolean {
    return (this.position & 7) === 0;
  }

  skipToByteBoundary(): number[] {
    const skipped: number[] = [];
    while (!this.byteAligned) skipped.push(this.bit());
    return skipped;
  }

  /** Whole bytes from a byte-aligned position, without copying. */
  bytes(count: number): Uint8Array {
    if (!this.byteAligned) throw new Error('bytes() needs a byte-aligned reader');
    const start = this.position >> 3;
    if (start + count > this.data.length) throw new RangeError('read past the end of the RBSP');
    this.position += count * 8;
    return this.data.subarray(start, start + count);
  }

  /** more_rbsp_data(): true while data remains before the final stop bit (§7.2). */
  moreRbspData(): boolean {
    let lastByte = this.data.length - 1;
    while (lastByte >= 0 && this.data[lastByte] === 0) lastByte -= 1;
    if (lastByte < 0) return false;
    const byte = this.data[lastByte] as number;
    let stopBit = 7;
    while (((byte >> (7 - stopBit)) & 1) === 0) stopBit -= 1;
    return this.position < lastByte * 8 + stopBit;
  }
}
