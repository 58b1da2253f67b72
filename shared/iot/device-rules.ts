// Per-device-type alert rules as validated configuration: thresholds, rate of change and heartbeat.
import { z } from 'zod';
import type { AlertSeverity } from '../alerts/alert';
import { DEVICE_TYPES, METRICS } from '../events/iot';
import { formatPath } from '../events/validation-errors';
import bundledRules from './device-rules.json';

/*
 * Why JSON and not a .ts module: rules are data that operators tune, not code. A JSON document goes through the
 * same zod validation whether it is bundled (as here) or later fetched from AppConfig/S3, and a typo such as
 * "temprature" or min > max fails the function at cold start with the path named, instead of silently never firing.
 */

const MINUTES_PER_DAY = 1_440;

const severity = z.enum(['low', 'medium', 'high', 'critical']) satisfies z.ZodType<AlertSeverity>;

const thresholdRule = z
  .strictObject({ min: z.number().optional(), max: z.number().optional(), severity: severity.default('high') })
  .refine((rule) => rule.min !== undefined || rule.max !== undefined, { message: 'Set min, max or both' })
  .refine((rule) => rule.min === undefined || rule.max === undefined || rule.min < rule.max, {
    message: 'min must be below max',
  });

const rateOfChangeRule = z.strictObject({
  /** Largest allowed change of the metric per minute, in either direction. */
  maxDeltaPerMinute: z.number().positive(),
  severity: severity.default('medium'),
});

const heartbeatRule = z.strictObject({
  /** A device silent for longer than this (by its latest reading's event time) raises a `stale` alert. */
  maxSilenceSeconds: z.number().int().positive(),
  severity: severity.default('medium'),
});

const deviceTypeRules = z.strictObject({
  thresholds: z.partialRecord(z.enum(METRICS), thresholdRule).default({}),
  rateOfChange: z.partialRecord(z.enum(METRICS), rateOfChangeRule).default({}),
  heartbeat: heartbeatRule.optional(),
});

export const deviceRulesSchema = z.strictObject({
  /** Alerts of one rule and metric within one window are one alert (the de-duplication key includes the window). */
  alertWindowMinutes: z
    .number()
    .int()
    .positive()
    .refine((minutes) => MINUTES_PER_DAY % minutes === 0, {
      message: 'Must divide a day evenly, so windows start at round times (e.g. 5, 15, 60)',
    }),
  /**
   * Rate of change is computed over at least this long: two readings seconds apart would otherwise turn sensor
   * noise (0.1 °C in 2 s = 3 °C/min) into alerts.
   */
  rateOfChangeMinIntervalSeconds: z.number().int().positive().default(60),
  /** Every device type needs an entry (possibly `{}`), so adding a type without deciding its rules fails loudly. */
  deviceTypes: z.record(z.enum(DEVICE_TYPES), deviceTypeRules),
});

export type DeviceRules = z.infer<typeof deviceRulesSchema>;
export type DeviceTypeRules = DeviceRules['deviceTypes'][keyof DeviceRules['deviceTypes']];
export type ThresholdRule = z.infer<typeof thresholdRule>;
export type RateOfChangeRule = z.infer<typeof rateOfChangeRule>;
export type HeartbeatRule = z.infer<typeof heartbeatRule>;

/** Validates a rules document; the error lists every problem with its path (`deviceTypes.pump.heartbeat`). */
export function parseDeviceRules(document: unknown): DeviceRules {
  const result = deviceRulesSchema.safeParse(document);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
    throw new Error(`Invalid device rules: ${problems.join('; ')}`);
  }
  return result.data;
}

/** The rules shipped with the functions (shared/iot/device-rules.json), validated when the module loads. */
export const deviceRules: DeviceRules = parseDeviceRules(bundledRules);
