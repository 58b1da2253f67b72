// Unit tests: threshold, rate-of-change and heartbeat rules, the alert keys and windows, and readable reasons.
import type { Alert } from '../../../../shared/alerts/alert';
import { alertWindowStart, formatDuration, formatNumber } from '../../../../shared/iot/device-alerts';
import type { DeviceState } from '../../../../shared/iot/device-state';
import { evaluateHeartbeat, evaluateReading } from '../../../../shared/iot/rule-evaluation';
import { at, EVALUATION, iotRecord, T0, testRules, uuid } from './fixtures';

/** A device whose latest reading is `latest` with temperature 4 °C at T0. */
function stateWith(overrides: Partial<DeviceState> = {}): DeviceState {
  return {
    deviceId: 'fridge-1',
    deviceType: 'cold-storage',
    latestReading: { readingId: uuid(1), sequence: 1, occurredAt: T0, receivedAt: at(1), metrics: { temperature: 4 } },
    lastSeenAt: T0,
    firstSeenAt: T0,
    lastMetricValues: { temperature: { value: 4, at: T0 } },
    counters: { readings: 1, lateReadings: 0 },
    lastSequenceByShard: { 'shardId-000000000000': '1' },
    ...overrides,
  };
}

const evaluate = (state: DeviceState | undefined, overrides: Parameters<typeof iotRecord>[0]) =>
  evaluateReading(testRules, state, iotRecord({ readingId: uuid(2), sequence: 2, occurredAt: at(120), ...overrides }), EVALUATION);
const summary = (alerts: Alert[]) => alerts.map((alert) => [alert.alertId, alert.reasons[0]]);

describe('evaluateReading: thresholds', () => {
  it('raises above-max and below-min with the value, the limit and the unit in the reason', () => {
    const alerts = evaluate(undefined, { metrics: { temperature: 9.1, battery: 12 } });
    expect(summary(alerts)).toEqual([
      ['2026-11-02T10:00:00.000Z#above-max#temperature', 'temperature 9.1 °C above max 8 °C'],
      ['2026-11-02T10:00:00.000Z#below-min#battery', 'battery 12 % below min 20 %'],
    ]);
    expect(alerts[0]).toEqual({
      entityId: 'device#fridge-1',
      alertId: '2026-11-02T10:00:00.000Z#above-max#temperature',
      rule: 'above-max',
      severity: 'high',
      reasons: ['temperature 9.1 °C above max 8 °C'],
      occurredAt: at(120),
      detectedAt: EVALUATION.detectedAt,
      status: 'open',
      details: { deviceId: 'fridge-1', readingId: uuid(2), sequence: 2, metric: 'temperature', value: 9.1, unit: '°C', max: 8 },
      expiresAt: Date.parse(EVALUATION.detectedAt) / 1000 + 30 * 86_400,
    });
    expect(alerts[1]?.severity).toBe('medium');
  });

  it('treats a value equal to a limit as fine, and ignores metrics without a rule', () => {
    expect(evaluate(undefined, { metrics: { temperature: 8, humidity: 99 } })).toEqual([]);
    expect(evaluate(undefined, { metrics: { temperature: 2 } })).toEqual([]);
  });

  it('uses the rules of the reading’s device type', () => {
    const alerts = evaluate(undefined, { deviceId: 'ahu-1', deviceType: 'hvac', metrics: { temperature: 40, humidity: 75 } });
    expect(summary(alerts)).toEqual([['2026-11-02T10:00:00.000Z#above-max#humidity', 'humidity 75 % above max 70 %']]);
    expect(alerts[0]?.severity).toBe('low');
  });

  it('keys an alert on the window that contains the reading’s event time', () => {
    expect(evaluate(undefined, { occurredAt: '2026-11-02T10:14:59.999Z', metrics: { temperature: 9 } })[0]?.alertId).toBe(
      '2026-11-02T10:00:00.000Z#above-max#temperature',
    );
    expect(evaluate(undefined, { occurredAt: '2026-11-02T10:15:00.000Z', metrics: { temperature: 9 } })[0]?.alertId).toBe(
      '2026-11-02T10:15:00.000Z#above-max#temperature',
    );
  });
});

describe('evaluateReading: rate of change', () => {
  it('compares with the metric’s previous value and names the direction and the elapsed time', () => {
    const risen = evaluate(stateWith(), { metrics: { temperature: 7 } }); // +3 °C in 2 min
    expect(summary(risen)).toEqual([
      ['2026-11-02T10:00:00.000Z#rate-of-change#temperature', 'temperature rose 3 °C in 2 min (max 1 °C/min)'],
    ]);
    expect(risen[0]?.details).toMatchObject({ previousValue: 4, previousAt: T0, elapsedSeconds: 120, ratePerMinute: 1.5 });
    expect(risen[0]?.severity).toBe('medium');

    const fallen = evaluate(stateWith(), { metrics: { temperature: 2.5 }, occurredAt: at(60) });
    expect(fallen[0]?.reasons).toEqual(['temperature fell 1.5 °C in 60 s (max 1 °C/min)']);
  });

  it('allows changes within the limit', () => {
    expect(evaluate(stateWith(), { metrics: { temperature: 6 } })).toEqual([]); // 1 °C/min exactly
  });

  it('measures over at least the minimum interval, so noise between readings seconds apart is no rate', () => {
    expect(evaluate(stateWith(), { metrics: { temperature: 4.5 }, occurredAt: at(5) })).toEqual([]);
    expect(evaluate(stateWith(), { metrics: { temperature: 5.5 }, occurredAt: at(5) })[0]?.rule).toBe('rate-of-change');
  });

  it('uses the last value of that metric even when the latest reading did not carry it', () => {
    const state = stateWith({
      latestReading: { readingId: uuid(1), sequence: 1, occurredAt: at(600), receivedAt: at(601), metrics: { humidity: 60 } },
      lastSeenAt: at(600),
    });
    // Previous temperature is from T0, 10 minutes before: 5 °C in 10 min is fine.
    expect(evaluate(state, { occurredAt: at(600 + 60), sequence: 2, metrics: { temperature: 9 } }).map((a) => a.rule)).toEqual([
      'above-max',
    ]);
  });

  it('has nothing to compare with for a device’s first reading of a metric', () => {
    expect(evaluate(undefined, { metrics: { temperature: 7 } })).toEqual([]);
    expect(evaluate(stateWith({ lastMetricValues: {} }), { metrics: { temperature: 7 } })).toEqual([]);
  });
});

describe('evaluateReading: late and duplicate readings', () => {
  const newerState = stateWith({
    latestReading: { readingId: uuid(5), sequence: 5, occurredAt: at(600), receivedAt: at(601), metrics: { temperature: 4 } },
    lastSeenAt: at(600),
    lastMetricValues: { temperature: { value: 4, at: at(600) } },
  });

  it('evaluates thresholds of a late reading (an anomaly that arrived late is still one) but not its rate of change', () => {
    const alerts = evaluate(newerState, { occurredAt: at(300), sequence: 3, metrics: { temperature: 12 } });
    expect(alerts.map((alert) => alert.rule)).toEqual(['above-max']);
    expect(alerts[0]?.occurredAt).toBe(at(300));
  });

  it('raises nothing for a duplicate of the latest reading', () => {
    expect(evaluate(newerState, { occurredAt: at(600), sequence: 5, metrics: { temperature: 12 } })).toEqual([]);
  });

  it('orders readings with the same event time by the device sequence', () => {
    const sameTime = { occurredAt: at(600), metrics: { temperature: 12 } };
    expect(evaluate(newerState, { ...sameTime, sequence: 6 }).map((a) => a.rule)).toEqual(['above-max']); // newer, no elapsed time
    expect(evaluate(newerState, { ...sameTime, sequence: 4 }).map((a) => a.rule)).toEqual(['above-max']); // late
  });
});

describe('evaluateHeartbeat', () => {
  const device = { deviceId: 'fridge-1', deviceType: 'cold-storage' as const, lastSeenAt: '2026-11-02T10:03:00.000Z' };

  it('raises a stale alert once the device has been silent for longer than its type allows', () => {
    expect(evaluateHeartbeat(testRules, device, new Date('2026-11-02T10:13:00.000Z'), { ttlDays: 30 })).toBeUndefined();
    const alert = evaluateHeartbeat(testRules, device, new Date('2026-11-02T10:17:30.000Z'), { ttlDays: 30 });
    expect(alert).toEqual({
      entityId: 'device#fridge-1',
      alertId: '2026-11-02T10:00:00.000Z#stale#heartbeat',
      rule: 'stale',
      severity: 'high',
      reasons: ['no reading for 14.5 min (max silence 10 min)'],
      occurredAt: '2026-11-02T10:03:00.000Z',
      detectedAt: '2026-11-02T10:17:30.000Z',
      status: 'open',
      details: {
        deviceId: 'fridge-1',
        lastSeenAt: '2026-11-02T10:03:00.000Z',
        overdueSince: '2026-11-02T10:13:00.000Z',
        silentSeconds: 870,
        maxSilenceSeconds: 600,
      },
      expiresAt: Date.parse('2026-11-02T10:17:30.000Z') / 1000 + 30 * 86_400,
    });
  });

  it('keeps one key for one silence however often the scan runs', () => {
    const later = evaluateHeartbeat(testRules, device, new Date('2026-11-02T13:00:00.000Z'), { ttlDays: 30 });
    expect(later?.alertId).toBe('2026-11-02T10:00:00.000Z#stale#heartbeat');
    expect(later?.reasons).toEqual(['no reading for 2.95 h (max silence 10 min)']);
  });

  it('never raises for a device type without a heartbeat rule', () => {
    const pump = { ...device, deviceId: 'pump-1', deviceType: 'pump' as const };
    expect(evaluateHeartbeat(testRules, pump, new Date('2026-12-01T00:00:00.000Z'), { ttlDays: 30 })).toBeUndefined();
  });
});

describe('formatting', () => {
  it('rounds to two decimals without trailing zeros and picks a readable duration unit', () => {
    expect([formatNumber(9.1), formatNumber(8), formatNumber(1 / 3), formatNumber(-0.004)]).toEqual(['9.1', '8', '0.33', '0']);
    expect([formatDuration(45), formatDuration(840), formatDuration(3 * 3_600)]).toEqual(['45 s', '14 min', '3 h']);
  });

  it('aligns windows to round times of day', () => {
    expect(alertWindowStart('2026-11-02T10:44:59.999Z', 15)).toBe('2026-11-02T10:30:00.000Z');
    expect(alertWindowStart('2026-11-02T10:44:59.999Z', 60)).toBe('2026-11-02T10:00:00.000Z');
  });
});
