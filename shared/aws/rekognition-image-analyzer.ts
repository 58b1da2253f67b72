// ImageAnalyzer on Rekognition image APIs: DetectLabels (allow-list + threshold), DetectFaces, SearchFacesByImage.
import {
  DetectFacesCommand,
  DetectLabelsCommand,
  SearchFacesByImageCommand,
  type FaceMatch,
  type RekognitionClient,
} from '@aws-sdk/client-rekognition';
import { isEnrolledFor } from '../video/known-faces';
import { UnanalysableFrameError, type ImageAnalyzer } from '../video/ports';
import { classifyAwsError } from './aws-errors';

export interface RekognitionImageAnalyzerOptions {
  /** The known-faces collection (AWS::Rekognition::Collection). */
  collectionId: string;
  /** Minimum similarity for a known-face match (Rekognition's default is 80). */
  faceMatchThreshold?: number;
  /** Matches asked of SearchFacesByImage (the API's maximum is 4096); see searchKnownFace. */
  maxFaceMatches?: number;
}

/** Errors that a retry cannot fix for this frame: a damaged or oversized image. */
const UNANALYSABLE = new Set(['InvalidImageFormatException', 'ImageTooLargeException']);

async function guardFrame<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const { errorCode, errorMessage } = classifyAwsError(error);
    if (UNANALYSABLE.has(errorCode)) throw new UnanalysableFrameError(`${errorCode}: ${errorMessage ?? ''}`);
    throw error;
  }
}

/**
 * Image bytes go inline (at most 5 MB, far above a PNG frame); nothing is read from S3, so the role needs no
 * S3 access for Rekognition. SearchFacesByImage searches only the largest face and answers
 * InvalidParameterException when it finds none: that is "no searchable face", not a failure.
 * The collection is shared by every camera and the search cannot be filtered by ExternalImageId, so it asks for
 * every match above the threshold and keeps the best one enrolled for this camera: with MaxFaces 1, a look-alike
 * enrolled at another camera could hide this camera's own match, and a face known elsewhere would pass as known here.
 */
export function createRekognitionImageAnalyzer(client: RekognitionClient, options: RekognitionImageAnalyzerOptions): ImageAnalyzer {
  const faceMatchThreshold = options.faceMatchThreshold ?? 80;
  const maxFaceMatches = options.maxFaceMatches ?? 4096;
  return {
    detectLabels: (png, { labels, minConfidence }) =>
      guardFrame(async () => {
        const response = await client.send(
          new DetectLabelsCommand({
            Image: { Bytes: png },
            MinConfidence: minConfidence,
            Features: ['GENERAL_LABELS'],
            Settings: { GeneralLabels: { LabelInclusionFilters: [...labels] } },
          }),
        );
        return (response.Labels ?? []).flatMap((label) =>
          label.Name === undefined || label.Confidence === undefined ? [] : [{ name: label.Name, confidence: label.Confidence }],
        );
      }),

    detectFaces: (png, { minConfidence }) =>
      guardFrame(async () => {
        const response = await client.send(new DetectFacesCommand({ Image: { Bytes: png }, Attributes: ['DEFAULT'] }));
        return (response.FaceDetails ?? []).flatMap((face) =>
          face.Confidence !== undefined && face.Confidence >= minConfidence ? [face.Confidence] : [],
        );
      }),

    searchKnownFace: (png, { cameraId }) =>
      guardFrame(async () => {
        try {
          const response = await client.send(
            new SearchFacesByImageCommand({
              CollectionId: options.collectionId,
              Image: { Bytes: png },
              FaceMatchThreshold: faceMatchThreshold,
              MaxFaces: maxFaceMatches,
            }),
          );
          const best = (response.FaceMatches ?? [])
            .filter((match) => isEnrolledFor(cameraId, match.Face?.ExternalImageId))
            .reduce<FaceMatch | undefined>(
              (top, match) => (top === undefined || (match.Similarity ?? 0) > (top.Similarity ?? 0) ? match : top),
              undefined,
            );
          if (best?.Face?.FaceId === undefined || best.Similarity === undefined) return {};
          const { FaceId: faceId, ExternalImageId: externalImageId } = best.Face;
          return { match: { faceId, similarity: best.Similarity, ...(externalImageId === undefined ? {} : { externalImageId }) } };
        } catch (error) {
          if (classifyAwsError(error).errorCode === 'InvalidParameterException') return {};
          throw error;
        }
      }),
  };
}
