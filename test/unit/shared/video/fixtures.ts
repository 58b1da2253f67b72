// Test fixtures for the video domain: a camera, a motion record, frame analyses and in-memory ports.
import type { Camera, Detection, MotionRecord } from '../../../../shared/events/camera';
import type { Alert } from '../../../../shared/alerts/alert';
import type { FrameAnalysis } from '../../../../shared/video/video-outcome';

export function camera(overrides: Partial<Camera> = {}): Camera {
  return {
    cameraId: 'front-door',
    name: 'Front door',
    labelsOfInterest: ['Person', 'Car'],
    minConfidence: 80,
    knownFaces: false,
    streamName: 'streaming-reference-test-camera-front-door',
    streamArn: 'arn:aws:kinesisvideo:eu-west-1:123456789012:stream/streaming-reference-test-camera-front-door/1700000000000',
    createdAt: '2026-11-02T09:00:00.000Z',
    ...overrides,
  };
}

export function motion(overrides: Partial<MotionRecord> = {}): MotionRecord {
  return {
    schemaVersion: 1,
    cameraId: 'front-door',
    eventId: 'motion-1',
    detectedAt: '2026-11-02T10:00:02.000Z',
    receivedAt: '2026-11-02T10:00:03.000Z',
    ...overrides,
  };
}

export const at = (second: number): Date => new Date(Date.parse('2026-11-02T10:00:00.000Z') + second * 1000);

export const frame = (second: number, labels: Array<[string, number]>, faces?: FrameAnalysis['faces']): FrameAnalysis => ({
  frameAt: at(second),
  labels: labels.map(([name, confidence]) => ({ name, confidence })),
  ...(faces === undefined ? {} : { faces }),
});

export const OUTCOME_OPTIONS = {
  analysedAt: '2026-11-02T10:00:05.000Z',
  detectionTtlDays: 30,
  alertTtlDays: 90,
  alertWindowSeconds: 300,
};

/** An AWS SDK-shaped error. */
export const awsError = (name: string, fault: 'client' | 'server' = 'client', status = fault === 'server' ? 500 : 400) =>
  Object.assign(new Error(name), { name, $fault: fault, $metadata: { httpStatusCode: status } });

/** The alert table's claim rule, in memory: new key, or this event's own unnotified claim. */
export function memoryAlertStore() {
  const items = new Map<string, Alert & { notifiedAt?: string }>();
  const key = (alert: Alert) => `${alert.entityId}|${alert.alertId}`;
  return {
    items,
    claim(alert: Alert, eventId: string): Promise<boolean> {
      const existing = items.get(key(alert));
      if (existing !== undefined && !(existing.details.eventId === eventId && existing.notifiedAt === undefined)) return Promise.resolve(false);
      items.set(key(alert), { ...alert });
      return Promise.resolve(true);
    },
    markNotified(alert: Alert, notifiedAt: string): Promise<void> {
      const existing = items.get(key(alert));
      if (existing !== undefined) existing.notifiedAt = notifiedAt;
      return Promise.resolve();
    },
  };
}

export function memoryDetectionStore() {
  const items = new Map<string, Detection>();
  return {
    items,
    put(detections: readonly Detection[]): Promise<void> {
      for (const detection of detections) items.set(`${detection.cameraId}|${detection.detectionId}`, detection);
      return Promise.resolve();
    },
    deleteCamera(cameraId: string): Promise<number> {
      const keys = [...items.keys()].filter((key) => key.startsWith(`${cameraId}|`));
      keys.forEach((key) => items.delete(key));
      return Promise.resolve(keys.length);
    },
  };
}
