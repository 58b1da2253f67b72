// The stored shape of a device (one DynamoDB item per device); the schema checks items read back from the table.
import { z } from 'zod';
import { DEVICE_TYPES, METRICS } from '../events/iot';
import { recentEventIdsSchema } from '../streams/recent-event-ids';

/**
 * Reading ids remembered per device to recognise a client's resend of a reading that is no longer the latest
 * (a resend of the latest is recognised by its position). Devices report every few seconds (5 s in the
 * simulator), so 12 cover a minute of readings, twice API Gateway's 29 s timeout after which a client resends,
 * for 12 × 22 + 16 = 280 bytes: a typical device item stays within one 1 KB write unit.
 */
export const RECENT_READING_IDS_PER_DEVICE = 12;

const metricValues = z.partialRecord(z.enum(METRICS), z.number());

const location = z.object({ lat: z.number(), lon: z.number(), site: z.string().optional() });

export const latestReadingSchema = z.object({
  readingId: z.string(),
  sequence: z.number().int().nonnegative(),
  occurredAt: z.string(),
  receivedAt: z.string(),
  metrics: metricValues,
  location: location.optional(),
});

export const deviceStateSchema = z.object({
  deviceId: z.string(),
  deviceType: z.enum(DEVICE_TYPES),
  /** The newest reading by (occurredAt, sequence); a late reading never replaces it. */
  latestReading: latestReadingSchema,
  /** `latestReading.occurredAt`, kept at the top level for the stale-device scan's projection. */
  lastSeenAt: z.string(),
  /** Earliest `occurredAt` applied (late readings can move it back). */
  firstSeenAt: z.string(),
  /** From the newest reading that carried one: devices send their position only now and then. */
  lastKnownLocation: location.optional(),
  /**
   * The latest value of each metric and when it was measured: the baseline for rate-of-change. Per metric
   * because a reading may carry only some metrics, so the previous temperature can be older than the latest reading.
   */
  lastMetricValues: z.partialRecord(z.enum(METRICS), z.object({ value: z.number(), at: z.string() })),
  counters: z.object({
    /** Readings applied, late ones included; resent readings and duplicates of the latest one are not counted. */
    readings: z.number().int().nonnegative(),
    /** Readings older than the latest one when they arrived. */
    lateReadings: z.number().int().nonnegative(),
  }),
  /** Highest applied Kinesis sequence number per shard (see shared/streams/shard-sequence.ts). */
  lastSequenceByShard: z.record(z.string(), z.string().regex(/^\d+$/)),
  /**
   * The last RECENT_READING_IDS_PER_DEVICE applied `readingId`s (see shared/streams/recent-event-ids.ts).
   * Absent in items written before it.
   */
  recentReadingIds: recentEventIdsSchema.optional(),
});

export type DeviceState = z.infer<typeof deviceStateSchema>;
export type LatestReading = z.infer<typeof latestReadingSchema>;

/** What `GET /iot/devices/{id}` shows of a device: the state without the stream bookkeeping. */
export type DeviceView = Omit<DeviceState, 'lastSequenceByShard' | 'recentReadingIds'>;

export function toDeviceView(state: DeviceState): DeviceView {
  const { lastSequenceByShard: _positions, recentReadingIds: _ids, ...view } = state;
  return view;
}

/** Namespaced id under which a device's alerts are stored. */
export const deviceEntityId = (deviceId: string): string => `device#${deviceId}`;
