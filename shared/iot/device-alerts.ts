// Turns a rule finding into an Alert: the de-duplication key (window + rule + metric), TTL and readable numbers.
import type { Alert, AlertSeverity } from '../alerts/alert';
import { isoUtcMillis, isoUtcString } from '../events/iso-utc';
import { deviceEntityId } from './device-state';

export type DeviceRuleName = 'above-max' | 'below-min' | 'rate-of-change' | 'stale';

/** What a rule found, before it becomes an alert. */
export interface RuleFinding {
  rule: DeviceRuleName;
  /** The metric the rule looked at; `heartbeat` for the stale rule. */
  subject: string;
  severity: AlertSeverity;
  reason: string;
  /** Event time the finding is about; it picks the de-duplication window. */
  occurredAt: string;
  details: Alert['details'];
}

export interface AlertContext {
  /** When the rule ran (ISO UTC). */
  detectedAt: string;
  alertWindowMinutes: number;
  ttlDays: number;
}

const SECONDS_PER_DAY = 86_400;

/** Start of the fixed window (aligned to the epoch, hence to round times of day) that contains `at`. */
export function alertWindowStart(at: string, windowMinutes: number): string {
  const windowMs = windowMinutes * 60_000;
  return isoUtcString(Math.floor(isoUtcMillis(at) / windowMs) * windowMs);
}

/**
 * `<window start>#<rule>#<subject>`. The window comes first so the alerts table's sort key orders a device's
 * alerts by time, and a Query with ScanIndexForward=false lists them newest first.
 */
export const deviceAlertId = (windowStart: string, rule: DeviceRuleName, subject: string): string =>
  `${windowStart}#${rule}#${subject}`;

export function toDeviceAlert(deviceId: string, finding: RuleFinding, context: AlertContext): Alert {
  return {
    entityId: deviceEntityId(deviceId),
    alertId: deviceAlertId(alertWindowStart(finding.occurredAt, context.alertWindowMinutes), finding.rule, finding.subject),
    rule: finding.rule,
    severity: finding.severity,
    reasons: [finding.reason],
    occurredAt: finding.occurredAt,
    detectedAt: context.detectedAt,
    status: 'open',
    details: { deviceId, ...finding.details },
    expiresAt: Math.floor(Date.parse(context.detectedAt) / 1000) + context.ttlDays * SECONDS_PER_DAY,
  };
}

/** At most two decimals, no trailing zeros: 9.1, 8, 0.33. */
export const formatNumber = (value: number): string => String(Math.round(value * 100) / 100);

/** "45 s", "14 min", "3.5 h". */
export function formatDuration(seconds: number): string {
  if (seconds < 120) return `${formatNumber(seconds)} s`;
  if (seconds < 2 * 3_600) return `${formatNumber(seconds / 60)} min`;
  return `${formatNumber(seconds / 3_600)} h`;
}
