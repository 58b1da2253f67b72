// Pure decisions over Rekognition's answers for one motion event: which frames are detections, which labels alert.
import type { Alert, AlertSeverity } from '../alerts/alert';
import type { Camera, Detection, MotionRecord, VideoAlertMessage } from '../events/camera';
import { frameKeyFor } from './camera';
import type { DetectedLabel, FaceSearchResult } from './ports';

/** What Rekognition said about one frame; `faces` only when a person was seen and the camera searches known faces. */
export interface FrameAnalysis {
  frameAt: Date;
  labels: DetectedLabel[];
  faces?: { confidences: number[]; search: FaceSearchResult };
}

export interface VideoOutcomeOptions {
  /** ISO time of the analysis (the detections' `analysedAt`, the alerts' `detectedAt`). */
  analysedAt: string;
  detectionTtlDays: number;
  alertTtlDays: number;
  /** One alert per camera and label in each window of this length (aligned to the epoch). */
  alertWindowSeconds: number;
}

export interface RaisedVideoAlert {
  alert: Alert;
  message: VideoAlertMessage;
}

export interface VideoOutcome {
  /** One per frame showing a label of interest; their `frameKey`s are the frames kept as evidence. */
  detections: Detection[];
  alerts: RaisedVideoAlert[];
}

export const PERSON_LABEL = 'person';
export const ALERT_RULE = 'label-detected';

const DAY_SECONDS = 86_400;
const isPerson = (label: string): boolean => label.toLowerCase() === PERSON_LABEL;
const expiresAt = (fromIso: string, days: number): number => Math.floor(Date.parse(fromIso) / 1000) + days * DAY_SECONDS;
const round1 = (value: number): number => Math.round(value * 10) / 10;

/** Rekognition already filters, but the camera's settings are the contract: re-check names and the threshold here. */
function labelsOfInterest(camera: Camera, labels: readonly DetectedLabel[]): DetectedLabel[] {
  const wanted = new Map(camera.labelsOfInterest.map((label) => [label.toLowerCase(), label]));
  return labels.flatMap((label) => {
    const name = wanted.get(label.name.toLowerCase());
    return name !== undefined && label.confidence >= camera.minConfidence ? [{ name, confidence: round1(label.confidence) }] : [];
  });
}

function peopleOf(frame: FrameAnalysis): Detection['people'] {
  if (frame.faces === undefined) return undefined;
  const { match } = frame.faces.search;
  const known = match === undefined ? [] : [{ ...match, similarity: round1(match.similarity) }];
  const facesDetected = frame.faces.confidences.length;
  return { facesDetected, known, unknownFaces: Math.max(0, facesDetected - known.length) };
}

function toDetection(camera: Camera, event: MotionRecord, frame: FrameAnalysis, options: VideoOutcomeOptions): Detection | undefined {
  const labels = labelsOfInterest(camera, frame.labels);
  if (labels.length === 0) return undefined;
  const frameAt = frame.frameAt.toISOString();
  const people = labels.some((label) => isPerson(label.name)) ? peopleOf(frame) : undefined;
  return {
    cameraId: camera.cameraId,
    detectionId: `${frameAt}#${event.eventId}`,
    eventId: event.eventId,
    frameAt,
    labels,
    ...(people === undefined ? {} : { people }),
    frameKey: frameKeyFor(camera.cameraId, event.eventId, frame.frameAt),
    analysedAt: options.analysedAt,
    expiresAt: expiresAt(options.analysedAt, options.detectionTtlDays),
  };
}

/**
 * With known faces on, a person who only ever showed known faces is not alerted on; an unknown face, or a person
 * whose face was never visible, is (the conservative reading: nobody vouched for them).
 */
function personReasons(camera: Camera, detections: readonly Detection[]): { alert: boolean; reasons: string[] } {
  if (!camera.knownFaces) return { alert: true, reasons: [] };
  const people = detections.flatMap((detection) => (detection.people === undefined ? [] : [detection.people]));
  const unknown = people.reduce((sum, person) => sum + person.unknownFaces, 0);
  const knownIds = [...new Set(people.flatMap((person) => person.known.map((face) => face.externalImageId ?? face.faceId)))];
  if (unknown > 0) return { alert: true, reasons: [`${unknown} unknown face(s)`] };
  if (knownIds.length > 0) return { alert: false, reasons: [] };
  return { alert: true, reasons: ['no face visible to compare with known faces'] };
}

const severityOf = (label: string): AlertSeverity => (isPerson(label) ? 'high' : 'medium');

function windowStartOf(event: MotionRecord, windowSeconds: number): string {
  const windowMs = windowSeconds * 1000;
  return new Date(Math.floor(Date.parse(event.detectedAt) / windowMs) * windowMs).toISOString();
}

function alertFor(
  camera: Camera,
  event: MotionRecord,
  label: string,
  detections: readonly Detection[],
  options: VideoOutcomeOptions,
): RaisedVideoAlert | undefined {
  const withLabel = detections.filter((detection) => detection.labels.some((found) => found.name === label));
  const first = withLabel[0];
  if (first === undefined) return undefined;
  const person = isPerson(label) ? personReasons(camera, withLabel) : { alert: true, reasons: [] };
  if (!person.alert) return undefined;
  const confidence = Math.max(...withLabel.flatMap((detection) => detection.labels.filter((found) => found.name === label).map((found) => found.confidence)));
  const windowStartAt = windowStartOf(event, options.alertWindowSeconds);
  const alertId = `${windowStartAt}#${ALERT_RULE}#${label}`;
  const reasons = [`${label} seen in ${withLabel.length} frame(s), confidence up to ${confidence}%`, ...person.reasons];
  const frameKeys = withLabel.map((detection) => detection.frameKey);
  const severity = severityOf(label);
  const alert: Alert = {
    entityId: `camera#${camera.cameraId}`,
    alertId,
    rule: ALERT_RULE,
    severity,
    reasons,
    score: confidence,
    occurredAt: first.frameAt,
    detectedAt: options.analysedAt,
    status: 'open',
    details: { cameraId: camera.cameraId, label, eventId: event.eventId, frames: withLabel.length, frameKey: first.frameKey, windowStartAt },
    expiresAt: expiresAt(options.analysedAt, options.alertTtlDays),
  };
  const message: VideoAlertMessage = {
    schemaVersion: 1,
    cameraId: camera.cameraId,
    ...(camera.name === undefined ? {} : { cameraName: camera.name }),
    label,
    alertId,
    severity,
    eventId: event.eventId,
    windowStartAt,
    occurredAt: first.frameAt,
    confidence,
    frameKeys,
    reasons,
  };
  return { alert, message };
}

/** The detections (one per frame showing a label of interest) and the alerts (one per label) of one event. */
export function decideVideoOutcome(
  camera: Camera,
  event: MotionRecord,
  frames: readonly FrameAnalysis[],
  options: VideoOutcomeOptions,
): VideoOutcome {
  const detections = frames.flatMap((frame) => toDetection(camera, event, frame, options) ?? []);
  const labels = [...new Set(detections.flatMap((detection) => detection.labels.map((label) => label.name)))];
  const alerts = labels.flatMap((label) => alertFor(camera, event, label, detections, options) ?? []);
  return { detections, alerts };
}
