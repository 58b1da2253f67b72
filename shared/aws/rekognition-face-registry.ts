// KnownFaceRegistry on a Rekognition collection: a camera's enrolled faces are those with ExternalImageId "<cameraId>:…".
import { DeleteFacesCommand, ListFacesCommand, type RekognitionClient } from '@aws-sdk/client-rekognition';
import { chunkByCount } from '../batching/chunk';
import { isEnrolledFor } from '../video/known-faces';
import type { KnownFaceRegistry } from '../video/ports';
import { classifyAwsError } from './aws-errors';

/** DeleteFaces accepts at most 4096 face ids per call. */
const DELETE_FACES_MAX = 4096;

/**
 * ListFaces pages through the whole (shared) collection: there is no server-side filter by ExternalImageId.
 * A missing collection means there is nothing to delete.
 */
export function createRekognitionFaceRegistry(client: RekognitionClient, options: { collectionId: string }): KnownFaceRegistry {
  const { collectionId } = options;

  async function cameraFaceIds(cameraId: string): Promise<string[]> {
    const ids: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await client.send(new ListFacesCommand({ CollectionId: collectionId, MaxResults: 4096, NextToken: nextToken }));
      for (const face of page.Faces ?? []) {
        if (face.FaceId !== undefined && isEnrolledFor(cameraId, face.ExternalImageId)) ids.push(face.FaceId);
      }
      nextToken = page.NextToken;
    } while (nextToken !== undefined);
    return ids;
  }

  return {
    async deleteCameraFaces(cameraId) {
      let ids: string[];
      try {
        ids = await cameraFaceIds(cameraId);
      } catch (error) {
        if (classifyAwsError(error).errorCode === 'ResourceNotFoundException') return 0;
        throw error;
      }
      let deleted = 0;
      for (const chunk of chunkByCount(ids, DELETE_FACES_MAX)) {
        const response = await client.send(new DeleteFacesCommand({ CollectionId: collectionId, FaceIds: chunk }));
        deleted += response.DeletedFaces?.length ?? 0;
      }
      return deleted;
    },
  };
}
