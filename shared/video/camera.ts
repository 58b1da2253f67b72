// Camera naming rules: the KVS stream per camera, its tags, and where its analysed frames live in S3.
import type { Camera, CameraRegistration } from '../events/camera';

/** `<service>-<stage>-camera-<cameraId>`; the prefix comes from serverless.yml (CAMERA_STREAM_PREFIX), as IAM matches it. */
export const streamNameFor = (streamPrefix: string, cameraId: string): string => `${streamPrefix}${cameraId}`;

/** KVS tags: who owns the stream, so an orphan (registration failed after CreateStream) can be traced to its camera. */
export const streamTagsFor = (registration: CameraRegistration, application: string): Record<string, string> => ({
  application,
  cameraId: registration.cameraId,
});

/** All of a camera's frames, for deletion. */
export const cameraFramesPrefix = (cameraId: string): string => `video/frames/${cameraId}/`;

/** `video/frames/<camera>/<YYYY-MM-DD>/<eventId>/<epoch ms>.png`: one object per analysed frame, deterministic for retries. */
export const frameKeyFor = (cameraId: string, eventId: string, frameAt: Date): string =>
  `${cameraFramesPrefix(cameraId)}${frameAt.toISOString().slice(0, 10)}/${eventId}/${frameAt.getTime()}.png`;

export const toCamera = (
  registration: CameraRegistration,
  stream: { streamName: string; streamArn: string },
  createdAt: string,
  streamProcessorName?: string,
): Camera => ({
  ...registration,
  streamName: stream.streamName,
  streamArn: stream.streamArn,
  createdAt,
  ...(streamProcessorName === undefined ? {} : { streamProcessorName }),
});
