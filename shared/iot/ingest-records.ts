// Maps a validated telemetry request to Kinesis records: partition key = deviceId keeps a device on one shard, in order.
import type { IotIngestRequest, IotRecord } from '../events/iot';

export interface IotOutgoingRecord {
  id: string;
  partitionKey: string;
  payload: IotRecord;
}

export function toIotRecords(request: IotIngestRequest, receivedAt: string): IotOutgoingRecord[] {
  return request.readings.map((reading) => ({
    id: reading.readingId,
    partitionKey: reading.deviceId,
    payload: { ...reading, receivedAt },
  }));
}
