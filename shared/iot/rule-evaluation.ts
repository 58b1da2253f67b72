// Pure rule evaluation: a reading against its device type's thresholds and rates of change; a device against its heartbeat.
import type { Alert } from '../alerts/alert';
import { isoUtcMillis } from '../events/iso-utc';
import { METRIC_UNITS, METRICS, type DeviceType, type Metric, type Reading } from '../events/iot';
import { formatDuration, formatNumber, toDeviceAlert, type AlertContext, type RuleFinding } from './device-alerts';
import type { DeviceRules, DeviceTypeRules, ThresholdRule } from './device-rules';
import type { DeviceState } from './device-state';
import { compareToLatest } from './reading-order';

export interface EvaluationContext {
  /** When the rules ran (ISO UTC); becomes the alerts' `detectedAt`. */
  detectedAt: string;
  /** Alerts expire (DynamoDB TTL) this many days after they were raised. */
  ttlDays: number;
}

/** A reading as the rules see it: the contract's fields (a stream record with `receivedAt` qualifies). */
export type EvaluatedReading = Pick<Reading, 'readingId' | 'deviceId' | 'deviceType' | 'sequence' | 'occurredAt' | 'metrics'>;

/** The part of a device's state the heartbeat rule needs (what the stale scan projects). */
export interface DeviceHeartbeat {
  deviceId: string;
  deviceType: DeviceType;
  lastSeenAt: string;
}

/*
 * Every reading of every device goes through these functions, and nearly all of them raise nothing: the
 * findings (strings, details) are only built once a rule fires.
 */

/** The reading's metrics that carry a value, in METRICS order. */
function measured(reading: EvaluatedReading): Array<[Metric, number]> {
  const values: Array<[Metric, number]> = [];
  for (const metric of METRICS) {
    const value = reading.metrics[metric];
    if (value !== undefined) values.push([metric, value]);
  }
  return values;
}

function thresholdFinding(rule: ThresholdRule, reading: EvaluatedReading, metric: Metric, value: number): RuleFinding | undefined {
  const { max, min } = rule;
  const unit = METRIC_UNITS[metric];
  const found = (name: 'above-max' | 'below-min', limit: string, bound: { max: number } | { min: number }): RuleFinding => ({
    rule: name,
    subject: metric,
    severity: rule.severity,
    occurredAt: reading.occurredAt,
    reason: `${metric} ${formatNumber(value)} ${unit} ${limit} ${unit}`,
    details: { readingId: reading.readingId, sequence: reading.sequence, metric, value, unit, ...bound },
  });
  if (max !== undefined && value > max) return found('above-max', `above max ${formatNumber(max)}`, { max });
  if (min !== undefined && value < min) return found('below-min', `below min ${formatNumber(min)}`, { min });
  return undefined;
}

function thresholdFindings(rules: DeviceTypeRules, reading: EvaluatedReading, values: ReadonlyArray<[Metric, number]>): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const [metric, value] of values) {
    const rule = rules.thresholds[metric];
    const finding = rule === undefined ? undefined : thresholdFinding(rule, reading, metric, value);
    if (finding !== undefined) findings.push(finding);
  }
  return findings;
}

/**
 * Compares each metric with its last value in the state (per metric, since readings may carry only some).
 * The elapsed time is floored at `minIntervalSeconds`, so noise between readings seconds apart is not a "rate".
 */
function rateOfChangeFindings(
  rules: DeviceTypeRules,
  previous: DeviceState['lastMetricValues'],
  reading: EvaluatedReading,
  values: ReadonlyArray<[Metric, number]>,
  minIntervalSeconds: number,
): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const [metric, value] of values) {
    const rule = rules.rateOfChange[metric];
    const baseline = previous[metric];
    if (rule === undefined || baseline === undefined || baseline.at >= reading.occurredAt) continue;
    const elapsedSeconds = (isoUtcMillis(reading.occurredAt) - isoUtcMillis(baseline.at)) / 1000;
    const delta = value - baseline.value;
    const ratePerMinute = Math.abs(delta) / (Math.max(elapsedSeconds, minIntervalSeconds) / 60);
    if (ratePerMinute <= rule.maxDeltaPerMinute) continue;
    const unit = METRIC_UNITS[metric];
    const change = `${delta > 0 ? 'rose' : 'fell'} ${formatNumber(Math.abs(delta))} ${unit} in ${formatDuration(elapsedSeconds)}`;
    findings.push({
      rule: 'rate-of-change',
      subject: metric,
      severity: rule.severity,
      occurredAt: reading.occurredAt,
      reason: `${metric} ${change} (max ${formatNumber(rule.maxDeltaPerMinute)} ${unit}/min)`,
      details: {
        readingId: reading.readingId,
        sequence: reading.sequence,
        metric,
        value,
        unit,
        previousValue: baseline.value,
        previousAt: baseline.at,
        elapsedSeconds,
        ratePerMinute: Math.round(ratePerMinute * 1000) / 1000,
        maxDeltaPerMinute: rule.maxDeltaPerMinute,
      },
    });
  }
  return findings;
}

/**
 * The alerts a reading raises given the device's state before it. Thresholds apply to every reading, late ones
 * included: an out-of-range value that arrived late is still an anomaly. Rate of change applies only to a reading
 * newer than the state: for a late one, the stored values are newer than it, so the "change" would be measured
 * backwards against a later reading and its real predecessor is unknown. A duplicate of the latest reading raises
 * nothing (it was evaluated when it first arrived).
 */
export function evaluateReading(
  rules: DeviceRules,
  previous: DeviceState | undefined,
  reading: EvaluatedReading,
  context: EvaluationContext,
): Alert[] {
  const order = compareToLatest(reading, previous?.latestReading);
  if (order === 'duplicate') return [];
  const typeRules = rules.deviceTypes[reading.deviceType];
  const values = measured(reading);
  const findings = thresholdFindings(typeRules, reading, values);
  if (order === 'newer') {
    const previousValues = previous?.lastMetricValues ?? {};
    findings.push(...rateOfChangeFindings(typeRules, previousValues, reading, values, rules.rateOfChangeMinIntervalSeconds));
  }
  if (findings.length === 0) return [];
  const alertContext: AlertContext = { detectedAt: context.detectedAt, ttlDays: context.ttlDays, alertWindowMinutes: rules.alertWindowMinutes };
  return findings.map((finding) => toDeviceAlert(reading.deviceId, finding, alertContext));
}

/**
 * A `stale` alert when the device's type has a heartbeat rule and its latest reading is older than allowed at
 * `now`. The alert's window is that of the last contact, so a device that stays silent raises one alert for the
 * silence rather than one per window; it raises a new one after it has reported again and gone silent again.
 */
export function evaluateHeartbeat(
  rules: DeviceRules,
  device: DeviceHeartbeat,
  now: Date,
  context: Pick<EvaluationContext, 'ttlDays'>,
): Alert | undefined {
  const rule = rules.deviceTypes[device.deviceType].heartbeat;
  if (rule === undefined) return undefined;
  const lastSeenMs = Date.parse(device.lastSeenAt);
  const silentSeconds = (now.getTime() - lastSeenMs) / 1000;
  if (silentSeconds <= rule.maxSilenceSeconds) return undefined;
  const finding: RuleFinding = {
    rule: 'stale',
    subject: 'heartbeat',
    severity: rule.severity,
    occurredAt: device.lastSeenAt,
    reason: `no reading for ${formatDuration(silentSeconds)} (max silence ${formatDuration(rule.maxSilenceSeconds)})`,
    details: {
      lastSeenAt: device.lastSeenAt,
      overdueSince: new Date(lastSeenMs + rule.maxSilenceSeconds * 1000).toISOString(),
      silentSeconds: Math.round(silentSeconds),
      maxSilenceSeconds: rule.maxSilenceSeconds,
    },
  };
  return toDeviceAlert(device.deviceId, finding, {
    detectedAt: now.toISOString(),
    alertWindowMinutes: rules.alertWindowMinutes,
    ttlDays: context.ttlDays,
  });
}
