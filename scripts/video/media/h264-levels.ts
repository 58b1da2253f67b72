// H.264 level limits (ITU-T H.264 Table A-1) used to pick the lowest level an I_PCM stream conforms to.

export interface LevelLimits {
  levelIdc: number;
  /** Max macroblocks per second. */
  maxMbps: number;
  /** Max frame size in macroblocks. */
  maxFs: number;
  /** Max video bit rate in units of 1200 bit/s for Baseline (cpbBrVclFactor). */
  maxBr: number;
}

export const LEVEL_LIMITS: readonly LevelLimits[] = [
  { levelIdc: 10, maxMbps: 1_485, maxFs: 99, maxBr: 64 },
  { levelIdc: 11, maxMbps: 3_000, maxFs: 396, maxBr: 192 },
  { levelIdc: 12, maxMbps: 6_000, maxFs: 396, maxBr: 384 },
  { levelIdc: 13, maxMbps: 11_880, maxFs: 396, maxBr: 768 },
  { levelIdc: 20, maxMbps: 11_880, maxFs: 396, maxBr: 2_000 },
  { levelIdc: 21, maxMbps: 19_800, maxFs: 792, maxBr: 4_000 },
  { levelIdc: 22, maxMbps: 20_250, maxFs: 1_620, maxBr: 4_000 },
  { levelIdc: 30, maxMbps: 40_500, maxFs: 1_620, maxBr: 10_000 },
  { levelIdc: 31, maxMbps: 108_000, maxFs: 3_600, maxBr: 14_000 },
  { levelIdc: 32, maxMbps: 216_000, maxFs: 5_120, maxBr: 20_000 },
  { levelIdc: 40, maxMbps: 245_760, maxFs: 8_192, maxBr: 20_000 },
  { levelIdc: 41, maxMbps: 245_760, maxFs: 8_192, maxBr: 50_000 },
  { levelIdc: 42, maxMbps: 522_240, maxFs: 8_704, maxBr: 50_000 },
  { levelIdc: 50, maxMbps: 589_824, maxFs: 22_080, maxBr: 135_000 },
  { levelIdc: 51, maxMbps: 983_040, maxFs: 36_864, maxBr: 240_000 },
  { levelIdc: 52, maxMbps: 2_073_600, maxFs: 36_864, maxBr: 240_000 },
];

/** Bits of one I_PCM macroblock in our stream: mb_type (9 bits) + alignment (7) + 384 samples. */
export const IPCM_MACROBLOCK_BITS = (2 + 384) * 8;

/**
 * The lowest level whose frame size, macroblock rate and bit rate admit the stream. I_PCM is uncompressed, so the
 * bit rate usually decides. (Table A-1's MinCR bounds picture size by compression ratio; I_PCM cannot meet it at
 * any level, a documented deviation that decoders, GetImages included, do not enforce.)
 */
export function chooseLevel(widthInMbs: number, heightInMbs: number, fps: number): number {
  const frameMbs = widthInMbs * heightInMbs;
  const bitRate = frameMbs * IPCM_MACROBLOCK_BITS * fps;
  const fits = (limits: LevelLimits): boolean =>
    frameMbs <= limits.maxFs &&
    Math.max(widthInMbs, heightInMbs) ** 2 <= 8 * limits.maxFs &&
    frameMbs * fps <= limits.maxMbps &&
    bitRate <= limits.maxBr * 1200;
  const level = LEVEL_LIMITS.find(fits);
  if (level === undefined) throw new RangeError(`${widthInMbs * 16}×${heightInMbs * 16} at ${fps} fps exceeds every H.264 level as I_PCM`);
  return level.levelIdc;
}
