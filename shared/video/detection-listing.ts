// GET /cameras/{id}/detections: a camera's newest detections, each with a short-lived link to its analysed frame.
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { z } from 'zod';
import { cameraId as cameraIdSchema, type Detection } from '../events/camera';
import type { StructuredLogger } from '../lambda/powertools';
import type { CameraReader } from './camera-cache';

export const DEFAULT_DETECTIONS_LIMIT = 20;
export const MAX_DETECTIONS_LIMIT = 100;

/** Newest first (by frame time), at most `limit`. */
export interface DetectionReader {
  latest(cameraId: string, limit: number): Promise<Detection[]>;
}

/** A URL a browser can GET the frame with, without AWS credentials, for a limited time. */
export interface FrameUrlSigner {
  urlFor(frameKey: string): Promise<string>;
}

export interface DetectionListItem {
  detectionId: string;
  /** When the frame was analysed. */
  detectedAt: string;
  /** Producer timestamp of the analysed frame. */
  frameAt: string;
  labels: Array<{ name: string; confidence: number }>;
  /** Known people by name, and faces no enrolled person matched; empty when the camera does not search faces. */
  faces: { known: string[]; unknown: number };
  frameUrl: string;
}

export interface DetectionListing {
  cameraId: string;
  items: DetectionListItem[];
}

/** Enrolled faces carry ExternalImageId "<cameraId>:<person>": the dashboard shows the person, not the camera again. */
function knownName(cameraId: string, face: { faceId: string; externalImageId?: string }): string {
  const external = face.externalImageId;
  if (external === undefined) return face.faceId;
  return external.startsWith(`${cameraId}:`) ? external.slice(cameraId.length + 1) : external;
}

export async function toListItem(detection: Detection, signer: FrameUrlSigner): Promise<DetectionListItem> {
  const people = detection.people;
  return {
    detectionId: detection.detectionId,
    detectedAt: detection.analysedAt,
    frameAt: detection.frameAt,
    labels: detection.labels.map(({ name, confidence }) => ({ name, confidence })),
    faces: {
      known: (people?.known ?? []).map((face) => knownName(detection.cameraId, face)),
      unknown: people?.unknownFaces ?? 0,
    },
    frameUrl: await signer.urlFor(detection.frameKey),
  };
}

/**
 * undefined for a camera that is not registered (404): detections of a deleted camera are deleted with it, and a
 * typo in the id should not look like a quiet camera. The camera read and the query run side by side.
 */
export function createDetectionListing(deps: { cameras: CameraReader; detections: DetectionReader; frameUrls: FrameUrlSigner }) {
  return async (cameraId: string, limit: number): Promise<DetectionListing | undefined> => {
    const [camera, detections] = await Promise.all([deps.cameras.get(cameraId), deps.detections.latest(cameraId, limit)]);
    if (camera === undefined) return undefined;
    return { cameraId, items: await Promise.all(detections.map((detection) => toListItem(detection, deps.frameUrls))) };
  };
}

const limitSchema = z.coerce
  .number()
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(MAX_DETECTIONS_LIMIT, `must be at most ${MAX_DETECTIONS_LIMIT}`);

/** Signed URLs expire, so no cache may keep an answer past them. */
const json = (statusCode: number, body: unknown): APIGatewayProxyResult => ({
  statusCode,
  headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
  body: JSON.stringify(body),
});

const invalid = (path: string, message: string): APIGatewayProxyResult =>
  json(400, { message: `Invalid ${path}`, errors: [{ path, message }] });

export function createListDetectionsHandler(options: {
  list: (cameraId: string, limit: number) => Promise<DetectionListing | undefined>;
  logger: StructuredLogger;
}): (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult> {
  return async (event) => {
    const id = cameraIdSchema.safeParse(event.pathParameters?.id);
    if (!id.success) return invalid('id', id.error.issues[0]?.message ?? 'Invalid value');
    const limitText = event.queryStringParameters?.limit;
    const limit = limitSchema.safeParse(limitText === undefined || limitText === '' ? DEFAULT_DETECTIONS_LIMIT : limitText);
    if (!limit.success) return invalid('limit', limit.error.issues[0]?.message ?? 'Invalid value');
    try {
      const listing = await options.list(id.data, limit.data);
      return listing === undefined ? json(404, { message: 'Camera not found' }) : json(200, listing);
    } catch (error) {
      options.logger.error('Listing detections failed', error instanceof Error ? error : String(error));
      return json(500, { message: 'Internal error' });
    }
  };
}
