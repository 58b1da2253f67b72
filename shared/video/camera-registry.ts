// Registering and deleting cameras: the KVS stream, the settings item, and everything a camera leaves behind.
import type { Camera, CameraRegistration } from '../events/camera';
import { cameraFramesPrefix, streamNameFor, streamTagsFor, toCamera } from './camera';
import type { CameraStore, DetectionStore, FrameStore, KnownFaceRegistry, StreamProcessors, VideoStreams } from './ports';

export type RegistrationResult =
  | { status: 'created'; camera: Camera }
  | { status: 'exists' }
  /** A stream of that name is still being deleted (a camera deleted a moment ago): retry later. */
  | { status: 'stream-deleting' };

export interface CameraRegistrationDependencies {
  cameras: CameraStore;
  streams: VideoStreams;
  /** Only in stream-processor mode. */
  streamProcessors?: StreamProcessors;
  /** `<service>-<stage>-camera-`, as the IAM policies name the camera streams. */
  streamPrefix: string;
  retentionHours: number;
  /** The `application` tag on each stream. */
  application: string;
  now?: () => Date;
}

/**
 * Order: stream first, settings item last. A failed CreateStream stores nothing. If the item write fails after
 * the stream exists, the stream is left in place and a retry adopts it (CreateStream answers ResourceInUse, the
 * adapter describes the existing stream): a compensating DeleteStream could fail too, and could delete the stream
 * of a concurrent registration of the same id that won the conditional put. The conditional put decides the race:
 * the loser answers 409 and leaves the (shared) stream alone.
 */
export function createCameraRegistration(deps: CameraRegistrationDependencies) {
  const now = deps.now ?? (() => new Date());
  return async (registration: CameraRegistration): Promise<RegistrationResult> => {
    if ((await deps.cameras.get(registration.cameraId)) !== undefined) return { status: 'exists' };
    const stream = await deps.streams.createOrAdopt({
      streamName: streamNameFor(deps.streamPrefix, registration.cameraId),
      retentionHours: deps.retentionHours,
      tags: streamTagsFor(registration, deps.application),
    });
    if (stream.status === 'DELETING') return { status: 'stream-deleting' };
    const processorName = await deps.streamProcessors?.start(registration, stream.streamArn);
    const camera = toCamera(registration, stream, now().toISOString(), processorName);
    return (await deps.cameras.create(camera)) === 'created' ? { status: 'created', camera } : { status: 'exists' };
  };
}

export interface CameraDeletionDependencies {
  cameras: CameraStore;
  streams: VideoStreams;
  faces: KnownFaceRegistry;
  frames: FrameStore;
  detections: DetectionStore;
  streamProcessors?: StreamProcessors;
}

export type DeletionResult =
  | { status: 'not-found' }
  | { status: 'deleted'; facesDeleted: number; framesDeleted: number; detectionsDeleted: number };

/**
 * Deletes the stream (KVS deletes its media with it), the camera's enrolled known faces, its analysed frames and
 * its detections, and the settings item LAST: every step is idempotent, so a DELETE that fails half way can be
 * repeated and finds the camera still there. Alerts stay until their TTL: they hold no images, only frame keys.
 */
export function createCameraDeletion(deps: CameraDeletionDependencies) {
  return async (cameraId: string): Promise<DeletionResult> => {
    const camera = await deps.cameras.get(cameraId);
    if (camera === undefined) return { status: 'not-found' };
    if (camera.streamProcessorName !== undefined) await deps.streamProcessors?.delete(camera.streamProcessorName);
    await deps.streams.delete(camera.streamName);
    const [facesDeleted, framesDeleted, detectionsDeleted] = await Promise.all([
      deps.faces.deleteCameraFaces(cameraId),
      deps.frames.deletePrefix(cameraFramesPrefix(cameraId)),
      deps.detections.deleteCamera(cameraId),
    ]);
    await deps.cameras.delete(cameraId);
    return { status: 'deleted', facesDeleted, framesDeleted, detectionsDeleted };
  };
}
