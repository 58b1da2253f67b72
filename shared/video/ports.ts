// The video domain's ports: what registration, deletion and frame sampling need from storage and AWS services.
import type { Camera, Detection, VideoAlertMessage } from '../events/camera';
import type { Alert } from '../alerts/alert';

export interface CameraStore {
  /** Writes the camera unless one with its id exists ('exists' then). */
  create(camera: Camera): Promise<'created' | 'exists'>;
  get(cameraId: string): Promise<Camera | undefined>;
  list(): Promise<Camera[]>;
  delete(cameraId: string): Promise<void>;
}

export interface VideoStreamSettings {
  streamName: string;
  retentionHours: number;
  tags: Record<string, string>;
}

export type VideoStreamStatus = 'CREATING' | 'ACTIVE' | 'UPDATING' | 'DELETING';

export interface VideoStreamInfo {
  streamName: string;
  streamArn: string;
  status: VideoStreamStatus;
}

/** The KVS control plane, per camera stream. */
export interface VideoStreams {
  /** Creates the stream, or returns the existing one of that name (a retried registration adopts it). */
  createOrAdopt(settings: VideoStreamSettings): Promise<VideoStreamInfo>;
  /** Deletes the stream and its media; resolves for a stream that does not exist. */
  delete(streamName: string): Promise<void>;
}

/** Rekognition stream processors (only in stream-processor mode, closed to new AWS customers). */
export interface StreamProcessors {
  /** Creates (or adopts) and starts the processor for a camera; resolves with its name, undefined if it needs none. */
  start(camera: Pick<Camera, 'cameraId' | 'knownFaces' | 'minConfidence'>, streamArn: string): Promise<string | undefined>;
  /** Stops and deletes it; resolves for one that does not exist. */
  delete(name: string): Promise<void>;
}

export interface FrameWindow {
  start: Date;
  end: Date;
  samplingIntervalMs: number;
  maxFrames: number;
}

/** One sampled frame: the PNG bytes, or why there are none at that time. */
export type SampledFrame =
  | { timestamp: Date; kind: 'image'; png: Uint8Array }
  | { timestamp: Date; kind: 'no-media' | 'media-error' };

export interface FrameSource {
  /**
   * Frames of the stream inside the window (producer timestamps), at most `maxFrames`, in time order; undefined
   * when the stream does not exist (deleted with its camera while the event was in flight).
   */
  sample(streamName: string, window: FrameWindow): Promise<SampledFrame[] | undefined>;
}

export interface DetectedLabel {
  name: string;
  confidence: number;
}

export interface FaceSearchResult {
  /** The largest face's best match among the camera's enrolled faces (SearchFacesByImage searches only that face), if above the match threshold. */
  match?: { faceId: string; externalImageId?: string; similarity: number };
}

/** Rekognition image APIs, one frame at a time. */
export interface ImageAnalyzer {
  detectLabels(png: Uint8Array, options: { labels: readonly string[]; minConfidence: number }): Promise<DetectedLabel[]>;
  /** Confidence of each face found; only faces at or above `minConfidence` are returned. */
  detectFaces(png: Uint8Array, options: { minConfidence: number }): Promise<number[]>;
  /**
   * Searches the known-faces collection for a face enrolled for `cameraId` (ExternalImageId "<cameraId>:…"); a
   * frame without a searchable face is `{}`, not an error.
   */
  searchKnownFace(png: Uint8Array, options: { cameraId: string }): Promise<FaceSearchResult>;
}

/** Known faces enrolled for a camera (ExternalImageId `<cameraId>:<name>`), for opt-out on camera deletion. */
export interface KnownFaceRegistry {
  /** Removes the camera's faces from the collection; resolves with how many were deleted. */
  deleteCameraFaces(cameraId: string): Promise<number>;
}

export interface FrameStore {
  /** Idempotent: the same key always gets the same bytes. */
  put(key: string, png: Uint8Array): Promise<void>;
  /** Deletes every frame under the prefix; resolves with how many objects were deleted. */
  deletePrefix(prefix: string): Promise<number>;
}

export interface DetectionStore {
  /** Puts (overwrites) each detection: the key is deterministic, so a retry writes the same items. */
  put(detections: readonly Detection[]): Promise<void>;
  deleteCamera(cameraId: string): Promise<number>;
}

/** Claims alert windows (one alert per camera, label and window) and remembers which were notified. */
export interface VideoAlertStore {
  /**
   * Writes the alert unless its (entityId, alertId) exists, or exists as this event's own claim that was never
   * notified (a retry after a failed publish). Resolves true when the caller must publish it.
   */
  claim(alert: Alert, eventId: string): Promise<boolean>;
  markNotified(alert: Alert, at: string): Promise<void>;
}

export interface AlertPublisher {
  publish(message: VideoAlertMessage): Promise<void>;
}

/** A frame Rekognition cannot read (bad format, too large): recorded and skipped, since a retry would fail the same way. */
export class UnanalysableFrameError extends Error {
  override readonly name = 'UnanalysableFrameError';
}
