// Perceptual fingerprint (8×8 grid of mean Y, Cb, Cr) and nearest-scene matching, so the Rekognition fake can tell
// which fixture a frame shows after H.264 4:2:0 coding, PNG encoding or resizing, and ignore unrelated images.
import { renderScene, SCENE_NAMES, type SceneName } from './scenes';
import type { RgbImage } from './types';

const GRID = 8;

/** 3 × 8 × 8 cell means (Y, then Cb, then Cr), each 0-255 in BT.601 terms. */
export type ImageFingerprint = Float64Array;

/**
 * RMS distance below which a frame counts as a scene. A 4:2:0 round trip moves fixtures by < 1, the closest
 * two scenes are > 9 apart (see the fingerprint tests), and unrelated images land far above.
 */
export const DEFAULT_MATCH_TOLERANCE = 4;

export function fingerprintImage(image: RgbImage): ImageFingerprint {
  const sums = new Float64Array(3 * GRID * GRID);
  const counts = new Float64Array(GRID * GRID);
  for (let y = 0; y < image.height; y += 1) {
    const cellRow = Math.min(GRID - 1, Math.floor((y * GRID) / image.height));
    for (let x = 0; x < image.width; x += 1) {
      const cell = cellRow * GRID + Math.min(GRID - 1, Math.floor((x * GRID) / image.width));
      const source = (y * image.width + x) * 3;
      const r = image.data[source] as number;
      const g = image.data[source + 1] as number;
      const b = image.data[source + 2] as number;
      sums[cell] = (sums[cell] as number) + 0.299 * r + 0.587 * g + 0.114 * b;
      sums[GRID * GRID + cell] = (sums[GRID * GRID + cell] as number) + 128 - 0.168736 * r - 0.331264 * g + 0.5 * b;
      sums[2 * GRID * GRID + cell] = (sums[2 * GRID * GRID + cell] as number) + 128 + 0.5 * r - 0.418688 * g - 0.081312 * b;
      counts[cell] = (counts[cell] as number) + 1;
    }
  }
  return sums.map((sum, index) => sum / Math.max(1, counts[index % (GRID * GRID)] as number));
}

export function fingerprintDistance(a: ImageFingerprint, b: ImageFingerprint): number {
  let squares = 0;
  for (let index = 0; index < a.length; index += 1) squares += ((a[index] as number) - (b[index] as number)) ** 2;
  return Math.sqrt(squares / a.length);
}

export interface SceneMatch {
  scene: SceneName;
  distance: number;
}

let sceneFingerprints: Map<SceneName, ImageFingerprint> | undefined;

function fixtureFingerprints(): Map<SceneName, ImageFingerprint> {
  sceneFingerprints ??= new Map(SCENE_NAMES.map((name) => [name, fingerprintImage(renderScene(name))]));
  return sceneFingerprints;
}

/** The nearest fixture scene within the tolerance, or undefined for an image that is none of them. */
export function matchScene(image: RgbImage, options: { tolerance?: number } = {}): SceneMatch | undefined {
  const fingerprint = fingerprintImage(image);
  let best: SceneMatch | undefined;
  for (const [scene, candidate] of fixtureFingerprints()) {
    const distance = fingerprintDistance(fingerprint, candidate);
    if (best === undefined || distance < best.distance) best = { scene, distance };
  }
  return best !== undefined && best.distance <= (options.tolerance ?? DEFAULT_MATCH_TOLERANCE) ? best : undefined;
}
