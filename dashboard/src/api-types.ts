// The read APIs' JSON as the page uses it (mirrors shared/ types; test/unit/dashboard/api-types.test.ts keeps them in step).

export interface Point {
  /** Period start, Unix epoch seconds. */
  t: number;
  v: number;
}

export type StreamDomain = 'clickstream' | 'iot' | 'payments';

export interface StreamMetrics {
  domain: StreamDomain;
  streamName: string;
  incomingRecords: Point[];
  incomingBytes: Point[];
  consumer: { functionName: string; iteratorAgeMs: Point[] };
  shards: Array<{ shardId: string; incomingRecords: Point[] }>;
}

export interface StreamsResponse {
  generatedAt: string;
  periodSeconds: number;
  streams: StreamMetrics[];
}

export interface MetricWindow {
  dimension: string;
  windowStart: string;
  windowEnd: string;
  values: Record<string, number | string>;
}

export interface MetricWindowsResponse {
  metric: string;
  items: MetricWindow[];
}

export type AlertDomain = 'iot' | 'payments' | 'video';

export interface Alert {
  entityId: string;
  alertId: string;
  rule: string;
  severity: 'low' | 'medium' | 'high' | 'critical';
  reasons: string[];
  score?: number;
  occurredAt: string;
  detectedAt: string;
  status: 'open' | 'closed';
  details: Record<string, string | number | boolean | null>;
}

export interface AlertsResponse {
  domain: AlertDomain;
  alerts: Alert[];
}

export interface Device {
  deviceId: string;
  deviceType: string;
  lastSeenAt: string;
  latestReading: { occurredAt: string; metrics: Partial<Record<string, number>> };
  lastKnownLocation?: { lat: number; lon: number; site?: string };
  counters: { readings: number; lateReadings: number };
}

export interface DevicesResponse {
  devices: Device[];
}

export interface Camera {
  cameraId: string;
  name?: string;
  labelsOfInterest: string[];
  minConfidence: number;
  createdAt: string;
}

export interface CamerasResponse {
  cameras: Camera[];
}

export interface Detection {
  cameraId: string;
  detectionId: string;
  frameAt: string;
  labels: Array<{ name: string; confidence: number }>;
  people?: { facesDetected: number; known: Array<{ externalImageId?: string; similarity: number }>; unknownFaces: number };
  /** Presigned GET URL of the analysed frame. */
  frameUrl?: string;
}

/** `detections` is the documented key; `items` is accepted too until the contract is final. */
export interface DetectionsResponse {
  cameraId?: string;
  detections?: Detection[];
  items?: Detection[];
}
