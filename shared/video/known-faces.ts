// Known faces are enrolled per camera in one shared collection: ExternalImageId "<cameraId>:<person>".

/** The ExternalImageId to enrol a known face for one camera with (IndexFaces by the operator). */
export const knownFaceExternalId = (cameraId: string, person: string): string => `${cameraId}:${person}`;

/** Whether a face of the collection was enrolled for this camera; a face known at another camera is a stranger here. */
export const isEnrolledFor = (cameraId: string, externalImageId: string | undefined): boolean =>
  externalImageId?.startsWith(knownFaceExternalId(cameraId, '')) === true;
