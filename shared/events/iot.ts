// The IoT telemetry contract: one sensor reading per device and time; the schemas are the source of truth for types.
import { z } from 'zod';
import { checkBatchItems, clockAheadMessage as clockAheadMessageFor, isTooFarAheadOfReceipt, isoUtcTimestamp, MAX_CLOCK_AHEAD_MS, opaqueId } from './fields';

export { MAX_CLOCK_AHEAD_MS };

export const DEVICE_TYPES = ['cold-storage', 'hvac', 'pump'] as const;

export const METRICS = ['temperature', 'humidity', 'vibration', 'battery'] as const;

/** The unit each metric's value is in. */
export const METRIC_UNITS: Readonly<Record<Metric, string>> = {
  temperature: '°C',
  humidity: '%',
  vibration: 'mm/s',
  battery: '%',
};

export const MAX_READINGS_PER_REQUEST = 500;

/**
 * Physically plausible ranges, not alert thresholds (those are rules configuration): a value outside them is a
 * broken sensor or client, rejected at the edge rather than alerted on.
 */
const metrics = z
  .strictObject({
    temperature: z.number().min(-100).max(200).optional(),
    humidity: z.number().min(0).max(100).optional(),
    vibration: z.number().min(0).max(1_000).optional(),
    battery: z.number().min(0).max(100).optional(),
  })
  .refine((values) => Object.values(values).some((value) => value !== undefined), {
    message: `At least one metric is required (${METRICS.join(', ')})`,
  });

const location = z.strictObject({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  /** The customer's name for the place (warehouse, plant), not an address. */
  site: opaqueId.optional(),
});

/**
 * One reading, version 1. `sequence` is the device's own counter (increasing per device); with `occurredAt` it
 * orders readings, which is what keeps an older reading from overwriting a newer one.
 */
export const readingSchema = z.strictObject({
  schemaVersion: z.literal(1),
  readingId: z.uuid(),
  deviceId: opaqueId,
  deviceType: z.enum(DEVICE_TYPES),
  sequence: z.number().int().nonnegative(),
  occurredAt: isoUtcTimestamp,
  metrics,
  location: location.optional(),
});

const clockAheadMessage = clockAheadMessageFor('device');

/**
 * Body of `POST /iot/telemetry`. Reading ids must be unique (a client retries exactly the failed ones), and a
 * device cannot report two readings with one sequence number. `now` is injectable so tests are deterministic.
 */
export function createIotIngestRequestSchema(now: () => number = Date.now) {
  const readings = z.array(readingSchema).min(1).max(MAX_READINGS_PER_REQUEST);
  return z.strictObject({ readings }).superRefine(({ readings }, ctx) => {
    checkBatchItems(readings, ctx, { field: 'readings', idField: 'readingId', sender: 'device', nowMs: now() });
    const deviceSequences = new Set<string>();
    readings.forEach((reading, index) => {
      const deviceSequence = JSON.stringify([reading.deviceId, reading.sequence]);
      if (deviceSequences.has(deviceSequence)) {
        ctx.addIssue({ code: 'custom', path: ['readings', index, 'sequence'], message: 'Duplicate sequence for this device in request' });
      }
      deviceSequences.add(deviceSequence);
    });
  });
}

export const iotIngestRequestSchema = createIotIngestRequestSchema();

/**
 * What the producer writes to Kinesis (and the consumer archives): the reading plus the time the API received it.
 * The clock bound is checked again against `receivedAt`, so a producer that bypasses the API cannot pin a state.
 */
export const iotRecordSchema = readingSchema
  .extend({ receivedAt: isoUtcTimestamp })
  .refine((record) => !isTooFarAheadOfReceipt(record.occurredAt, record.receivedAt), {
    path: ['occurredAt'],
    message: clockAheadMessage,
  });

export type DeviceType = (typeof DEVICE_TYPES)[number];
export type Metric = (typeof METRICS)[number];
export type Reading = z.infer<typeof readingSchema>;
export type ReadingMetrics = Reading['metrics'];
export type IotIngestRequest = z.infer<ReturnType<typeof createIotIngestRequestSchema>>;
export type IotRecord = z.infer<typeof iotRecordSchema>;
