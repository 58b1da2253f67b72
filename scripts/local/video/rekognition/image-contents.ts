// What the Rekognition fake knows about an image: the known contents of the fixture scene it recognises, if any.
import type { BoundingBox } from './collections';

export interface KnownLabel {
  name: string;
  confidence: number;
  parents: string[];
  categories: string[];
  /** Boxes for labels that are objects (Person, Car, Dog); empty for scene-level labels. */
  instances: { boundingBox: BoundingBox; confidence: number }[];
}

export interface KnownFace {
  boundingBox: BoundingBox;
  confidence: number;
  /** The person the face belongs to when the fixture names one (e.g. the known person); undefined for strangers. */
  identity?: string;
}

export interface ImageContents {
  /** The scene the image was recognised as, for logs; undefined when nothing matched. */
  scene?: string;
  labels: KnownLabel[];
  faces: KnownFace[];
}

export const NOTHING_RECOGNISED: ImageContents = { labels: [], faces: [] };

/** Recognises decoded image bytes (PNG or JPEG); an image that matches no fixture gets empty contents. */
export type ImageRecogniser = (bytes: Uint8Array) => ImageContents;
