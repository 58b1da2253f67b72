// RGB ↔ YUV 4:2:0 in BT.601 limited range (Y 16-235, Cb/Cr 16-240): what H.264 decoders assume when a stream
// carries no colour description, and what our SPS's VUI states explicitly (matrix 6, limited range).
import type { RgbImage, Yuv420Image } from './types';

const clampByte = (value: number): number => (value < 0 ? 0 : value > 255 ? 255 : Math.round(value));

export const chromaSize = (luma: number): number => Math.ceil(luma / 2);

function lumaOf(r: number, g: number, b: number): number {
  return 16 + (65.481 * r + 128.553 * g + 24.966 * b) / 255;
}
function blueDifferenceOf(r: number, g: number, b: number): number {
  return 128 + (-37.797 * r - 74.203 * g + 112 * b) / 255;
}
function redDifferenceOf(r: number, g: number, b: number): number {
  return 128 + (112 * r - 93.786 * g - 18.214 * b) / 255;
}

/** Chroma of each 2×2 block is the mean of its pixels' chroma (edge blocks use the pixels that exist). */
export function rgbToYuv420(image: RgbImage): Yuv420Image {
  const { width, height, data } = image;
  if (data.length !== width * height * 3) throw new RangeError(`RGB data is ${data.length} bytes, expected ${width * height * 3}`);
  const chromaWidth = chromaSize(width);
  const chromaHeight = chromaSize(height);
  const y = new Uint8Array(width * height);
  const uSum = new Float64Array(chromaWidth * chromaHeight);
  const vSum = new Float64Array(chromaWidth * chromaHeight);
  const count = new Uint8Array(chromaWidth * chromaHeight);
  for (let row = 0; row < height; row += 1) {
    for (let column = 0; column < width; column += 1) {
      const pixel = row * width + column;
      const r = data[pixel * 3] as number;
      const g = data[pixel * 3 + 1] as number;
      const b = data[pixel * 3 + 2] as number;
      y[pixel] = clampByte(lumaOf(r, g, b));
      const chroma = (row >> 1) * chromaWidth + (column >> 1);
      uSum[chroma] = (uSum[chroma] as number) + blueDifferenceOf(r, g, b);
      vSum[chroma] = (vSum[chroma] as number) + redDifferenceOf(r, g, b);
      count[chroma] = (count[chroma] as number) + 1;
    }
  }
  const u = new Uint8Array(chromaWidth * chromaHeight);
  const v = new Uint8Array(chromaWidth * chromaHeight);
  for (let index = 0; index < u.length; index += 1) {
    const n = count[index] as number;
    u[index] = clampByte((uSum[index] as number) / n);
    v[index] = clampByte((vSum[index] as number) / n);
  }
  return { width, height, y, u, v };
}

/** Chroma is upsampled by replication: exact for flat areas, which is all the fixtures need. */
export function yuv420ToRgb(image: Yuv420Image): RgbImage {
  const { width, height } = image;
  const chromaWidth = chromaSize(width);
  const data = new Uint8Array(width * height * 3);
  for (let row = 0; row < height; row += 1) {
    for (let column = 0; column < width; column += 1) {
      const pixel = row * width + column;
      const chroma = (row >> 1) * chromaWidth + (column >> 1);
      const luma = 1.164383 * ((image.y[pixel] as number) - 16);
      const cb = (image.u[chroma] as number) - 128;
      const cr = (image.v[chroma] as number) - 128;
      data[pixel * 3] = clampByte(luma + 1.596027 * cr);
      data[pixel * 3 + 1] = clampByte(luma - 0.391762 * cb - 0.812968 * cr);
      data[pixel * 3 + 2] = clampByte(luma + 2.017232 * cb);
    }
  }
  return { width, height, data };
}

/** Box-filtered resize (area average), used where GetImages is asked for WidthPixels/HeightPixels. */
export function resizeRgb(image: RgbImage, width: number, height: number): RgbImage {
  if (width === image.width && height === image.height) return { width, height, data: image.data.slice() };
  if (width < 1 || height < 1) throw new RangeError(`cannot resize to ${width}×${height}`);
  const data = new Uint8Array(width * height * 3);
  for (let row = 0; row < height; row += 1) {
    const top = Math.floor((row * image.height) / height);
    const bottom = Math.max(top + 1, Math.floor(((row + 1) * image.height) / height));
    for (let column = 0; column < width; column += 1) {
      const left = Math.floor((column * image.width) / width);
      const right = Math.max(left + 1, Math.floor(((column + 1) * image.width) / width));
      const sums = [0, 0, 0];
      for (let sourceRow = top; sourceRow < bottom; sourceRow += 1) {
        for (let sourceColumn = left; sourceColumn < right; sourceColumn += 1) {
          const source = (sourceRow * image.width + sourceColumn) * 3;
          for (let channel = 0; channel < 3; channel += 1) sums[channel] = (sums[channel] as number) + (image.data[source + channel] as number);
        }
      }
      const area = (bottom - top) * (right - left);
      for (let channel = 0; channel < 3; channel += 1) data[(row * width + column) * 3 + channel] = Math.round((sums[channel] as number) / area);
    }
  }
  return { width, height, data };
}
