// Maps a validated motion request to CameraEventsStream records: partition key = camera id keeps a camera's events in order.
import type { MotionIngestRequest, MotionRecord } from '../events/camera';

export interface MotionOutgoingRecord {
  id: string;
  partitionKey: string;
  payload: MotionRecord;
}

export function toMotionRecords(cameraId: string, request: MotionIngestRequest, receivedAt: string): MotionOutgoingRecord[] {
  return request.events.map((event) => ({
    id: event.eventId,
    partitionKey: cameraId,
    payload: { schemaVersion: 1, cameraId, ...event, receivedAt },
  }));
}
