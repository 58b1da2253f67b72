// Maps a validated ingest request to Kinesis records: partition key = sessionId keeps a session on one shard, in order.
import type { ClickstreamIngestRequest, ClickstreamRecord } from '../events/clickstream';

export interface ClickstreamOutgoingRecord {
  id: string;
  partitionKey: string;
  payload: ClickstreamRecord;
}

export function toClickstreamRecords(request: ClickstreamIngestRequest, receivedAt: string): ClickstreamOutgoingRecord[] {
  return request.events.map((event) => ({
    id: event.eventId,
    partitionKey: event.sessionId,
    payload: { ...event, receivedAt },
  }));
}
