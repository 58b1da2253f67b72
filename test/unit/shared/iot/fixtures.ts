// Test fixtures: IoT readings, stream records, device states and a small rules document independent of the shipped one.
import type { IotRecord, Reading } from '../../../../shared/events/iot';
import type { SequencedReading } from '../../../../shared/iot/device-readings';
import { parseDeviceRules } from '../../../../shared/iot/device-rules';
import { uuid } from '../fixtures/clickstream';

export { uuid };

export const SHARD = 'shardId-000000000000';
export const T0 = '2026-11-02T10:00:00.000Z';

/** `T0` plus `seconds`, as the schema normalises timestamps. */
export const at = (seconds: number): string => new Date(Date.parse(T0) + seconds * 1000).toISOString();

/** A valid reading as a device would send it; override any field. */
export function reading(overrides: Partial<Reading> = {}): Reading {
  return {
    schemaVersion: 1,
    readingId: uuid(1),
    deviceId: 'fridge-1',
    deviceType: 'cold-storage',
    sequence: 1,
    occurredAt: T0,
    metrics: { temperature: 4, humidity: 60 },
    ...overrides,
  };
}

export function iotRecord(overrides: Partial<IotRecord> = {}): IotRecord {
  return { ...reading(), receivedAt: at(1), ...overrides };
}

/**
 * Reading number `n` of a device as stream record `streamSequence` (defaults to `n`): readingId uuid(n),
 * device sequence n, measured n minutes after T0.
 */
export function sequenced(
  n: number,
  overrides: Partial<IotRecord> = {},
  { streamSequence = n, shardId = SHARD }: { streamSequence?: number | string; shardId?: string } = {},
): SequencedReading {
  return {
    shardId,
    sequenceNumber: String(streamSequence),
    payload: iotRecord({ readingId: uuid(n), sequence: n, occurredAt: at(n * 60), receivedAt: at(n * 60 + 1), ...overrides }),
  };
}

/** Rules the tests reason about; the shipped device-rules.json may be tuned without breaking them. */
export const testRules = parseDeviceRules({
  alertWindowMinutes: 15,
  rateOfChangeMinIntervalSeconds: 60,
  deviceTypes: {
    'cold-storage': {
      thresholds: { temperature: { min: 2, max: 8 }, battery: { min: 20, severity: 'medium' } },
      rateOfChange: { temperature: { maxDeltaPerMinute: 1 } },
      heartbeat: { maxSilenceSeconds: 600, severity: 'high' },
    },
    hvac: { thresholds: { humidity: { min: 30, max: 70, severity: 'low' } } },
    pump: { thresholds: { vibration: { max: 7.1 } }, rateOfChange: { vibration: { maxDeltaPerMinute: 2, severity: 'high' } } },
  },
});

export const EVALUATION = { detectedAt: '2026-11-02T12:00:00.000Z', ttlDays: 30 };
