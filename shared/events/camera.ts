// The camera contract: registration, motion events (API body and stream record), detections and video alerts.
import { z } from 'zod';
import { isoUtcTimestamp, opaqueId } from './fields';

export const MAX_MOTION_EVENTS_PER_REQUEST = 100;
export const MAX_LABELS_OF_INTEREST = 20;

/**
 * Lower case, digits and dashes: the id becomes part of a KVS stream name, an S3 key and a DynamoDB key, and the
 * IAM policies match camera streams by the prefix `<service>-<stage>-camera-`, so the id must not contain `/` or `*`.
 */
export const cameraId = z.string().regex(/^[a-z0-9-]{3,64}$/, 'Use 3-64 lower-case letters, digits and dashes');

/** A Rekognition label name as DetectLabels spells it ("Person", "Car", "Dog"). */
const labelName = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9 &'()-]*$/, 'Use a Rekognition label name such as "Person"');

/** Body of `POST /cameras`. Strict, so a misspelt setting is a 400 instead of a silently ignored default. */
export const cameraRegistrationSchema = z.strictObject({
  cameraId,
  name: z.string().min(1).max(128).optional(),
  labelsOfInterest: z
    .array(labelName)
    .min(1)
    .max(MAX_LABELS_OF_INTEREST)
    .refine((labels) => new Set(labels.map((label) => label.toLowerCase())).size === labels.length, {
      message: 'Labels must be unique',
    }),
  /** Rekognition confidence, 0-100: labels and faces below it are not detections. */
  minConfidence: z.number().min(0).max(100),
  /** Search faces in the known-faces collection when a person is seen (known vs unknown person). */
  knownFaces: z.boolean(),
});

/** What the cameras table keeps per camera (and `GET /cameras` lists). */
export const cameraSchema = cameraRegistrationSchema.extend({
  streamName: z.string(),
  streamArn: z.string(),
  createdAt: isoUtcTimestamp,
  /** Set only in stream-processor mode. */
  streamProcessorName: z.string().optional(),
});

/**
 * One motion event as a camera reports it. The optional window says which seconds of video to analyse; without
 * it the sampler centres its default window on `detectedAt`. Timestamps are the camera's producer timestamps.
 */
export const motionEventSchema = z
  .strictObject({
    eventId: opaqueId,
    detectedAt: isoUtcTimestamp,
    windowStartAt: isoUtcTimestamp.optional(),
    windowEndAt: isoUtcTimestamp.optional(),
    /** The camera's own motion score, kept for display (cameras use 0-1 or 0-100). */
    score: z.number().min(0).max(100).optional(),
  })
  .refine(
    ({ windowStartAt, windowEndAt }) => windowStartAt === undefined || windowEndAt === undefined || windowStartAt <= windowEndAt,
    { path: ['windowEndAt'], message: 'windowEndAt must not be before windowStartAt' },
  );

/** Body of `POST /cameras/{id}/motion`; the camera id comes from the path. Event ids are unique per request. */
export const motionIngestRequestSchema = z
  .strictObject({ events: z.array(motionEventSchema).min(1).max(MAX_MOTION_EVENTS_PER_REQUEST) })
  .superRefine(({ events }, ctx) => {
    const seen = new Set<string>();
    events.forEach((event, index) => {
      if (seen.has(event.eventId)) ctx.addIssue({ code: 'custom', path: ['events', index, 'eventId'], message: 'Duplicate eventId in request' });
      seen.add(event.eventId);
    });
  });

/** What the ingest function writes to CameraEventsStream (partition key: camera id). */
export const motionRecordSchema = z.strictObject({
  schemaVersion: z.literal(1),
  cameraId,
  eventId: opaqueId,
  detectedAt: isoUtcTimestamp,
  windowStartAt: isoUtcTimestamp.optional(),
  windowEndAt: isoUtcTimestamp.optional(),
  score: z.number().min(0).max(100).optional(),
  receivedAt: isoUtcTimestamp,
});

const knownFace = z.object({
  faceId: z.string(),
  externalImageId: z.string().optional(),
  similarity: z.number(),
});

/**
 * One analysed frame with at least one label of interest. Key: (cameraId, detectionId) with detectionId =
 * `<frame time ISO>#<eventId>`, so a retried event rewrites the same items and a camera's detections sort by time.
 */
export const detectionSchema = z.object({
  cameraId,
  detectionId: z.string(),
  eventId: opaqueId,
  frameAt: isoUtcTimestamp,
  labels: z.array(z.object({ name: z.string(), confidence: z.number() })),
  /** Present when a person was seen on a camera with known faces on: what the face search found. */
  people: z
    .object({
      facesDetected: z.number().int().nonnegative(),
      known: z.array(knownFace),
      unknownFaces: z.number().int().nonnegative(),
    })
    .optional(),
  /** S3 key of the PNG that was analysed. */
  frameKey: z.string(),
  analysedAt: isoUtcTimestamp,
  /** DynamoDB TTL, epoch seconds. */
  expiresAt: z.number().int(),
});

/** The SNS message for a new (not de-duplicated) alert. */
export const videoAlertMessageSchema = z.object({
  schemaVersion: z.literal(1),
  cameraId,
  cameraName: z.string().optional(),
  label: z.string(),
  alertId: z.string(),
  severity: z.enum(['low', 'medium', 'high', 'critical']),
  eventId: opaqueId,
  windowStartAt: isoUtcTimestamp,
  occurredAt: isoUtcTimestamp,
  confidence: z.number(),
  frameKeys: z.array(z.string()),
  reasons: z.array(z.string()),
});

export type CameraRegistration = z.infer<typeof cameraRegistrationSchema>;
export type Camera = z.infer<typeof cameraSchema>;
export type MotionEvent = z.infer<typeof motionEventSchema>;
export type MotionIngestRequest = z.infer<typeof motionIngestRequestSchema>;
export type MotionRecord = z.infer<typeof motionRecordSchema>;
export type Detection = z.infer<typeof detectionSchema>;
export type KnownFaceMatch = z.infer<typeof knownFace>;
export type VideoAlertMessage = z.infer<typeof videoAlertMessageSchema>;
