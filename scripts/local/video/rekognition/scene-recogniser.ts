// Recognises an image as one of the fixture scenes (perceptual fingerprint) and answers with that scene's known contents.
import { decodePng, matchScene, PngDecodeError, sceneContents, type RgbImage, type SceneContents } from '../media';
import type { BoundingBox } from './collections';
import { NOTHING_RECOGNISED, type ImageContents } from './image-contents';

interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * PNG only: JPEG passes Rekognition's format check but the fake has no JPEG decoder, so a JPEG is "nothing known".
 * An undecodable PNG is what Rekognition calls an invalid image format, which the caller reports.
 */
export function recogniseFixtureScene(bytes: Uint8Array): ImageContents {
  const image = decodeIfPng(bytes);
  if (!image) return NOTHING_RECOGNISED;
  const match = matchScene(image);
  return match ? { scene: match.scene, ...knownContents(sceneContents(match.scene)) } : NOTHING_RECOGNISED;
}

function decodeIfPng(bytes: Uint8Array): RgbImage | undefined {
  if (bytes[0] !== 0x89) return undefined;
  try {
    return decodePng(bytes);
  } catch (error) {
    if (error instanceof PngDecodeError) return undefined;
    throw error;
  }
}

function knownContents(contents: SceneContents): Omit<ImageContents, 'scene'> {
  return {
    labels: contents.labels.map((label) => ({
      name: label.name,
      confidence: label.confidence,
      parents: label.parents,
      categories: [],
      instances: label.instances.map((box) => ({ boundingBox: boundingBox(box), confidence: label.confidence })),
    })),
    faces: contents.faces.map((face) => ({ boundingBox: boundingBox(face.boundingBox), confidence: face.confidence, identity: face.personId })),
  };
}

function boundingBox(box: Box): BoundingBox {
  return { Width: box.width, Height: box.height, Left: box.left, Top: box.top };
}
