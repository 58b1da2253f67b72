// Runs Rekognition over one frame: labels of interest, and for a person on a known-faces camera, the face search.
import type { Camera } from '../events/camera';
import type { ImageAnalyzer } from './ports';
import { PERSON_LABEL, type FrameAnalysis } from './video-outcome';

/**
 * DetectFaces comes before SearchFacesByImage: a frame without a face would make the search fail with
 * InvalidParameterException, and the count tells how many faces the (largest-face-only) search left unchecked.
 */
export async function analyseFrame(analyzer: ImageAnalyzer, camera: Camera, frameAt: Date, png: Uint8Array): Promise<FrameAnalysis> {
  const labels = await analyzer.detectLabels(png, { labels: camera.labelsOfInterest, minConfidence: camera.minConfidence });
  const personSeen = labels.some((label) => label.name.toLowerCase() === PERSON_LABEL && label.confidence >= camera.minConfidence);
  if (!camera.knownFaces || !personSeen) return { frameAt, labels };
  const confidences = await analyzer.detectFaces(png, { minConfidence: camera.minConfidence });
  const search = confidences.length === 0 ? {} : await analyzer.searchKnownFace(png, { cameraId: camera.cameraId });
  return { frameAt, labels, faces: { confidences, search } };
}
