// Number, duration and time formatting on the dashboard.
import { entityName, formatAge, formatClock, formatCount, formatDuration, formatNumber, formatPercent, formatRate, formatWindow } from '../../../../dashboard/src/model/format';

test('numbers keep two decimals when small, one when medium, and go compact when large', () => {
  expect([0, 0.25, 1.5, 2, 12.34, 999.96, 15_300, Number.NaN].map(formatNumber)).toEqual(['0', '0.25', '1.5', '2', '12.3', '1,000', '15.3K', '–']);
  expect(formatRate(12.34)).toBe('12.3/s');
  expect(formatCount(1234.4)).toBe('1,234');
});

test('durations pick the unit a reader expects for consumer lag', () => {
  expect([0, 850, 1_500, 90_000, 5_400_000].map(formatDuration)).toEqual(['0 ms', '850 ms', '1.5 s', '1.5 min', '1.5 h']);
});

test('ages are relative to the injected now', () => {
  const now = Date.parse('2026-03-01T12:00:00.000Z');
  const ago = (ms: number): string => formatAge(new Date(now - ms).toISOString(), now);
  expect([ago(1_000), ago(42_000), ago(180_000), ago(7_200_000), ago(2 * 86_400_000)]).toEqual(['just now', '42 s ago', '3 min ago', '2 h ago', '2 d ago']);
  expect(formatAge('not a time', now)).toBe('–');
});

test('clock times and windows are 24-hour in the given time zone', () => {
  expect(formatClock('2026-03-01T14:05:09.000Z', 'UTC')).toBe('14:05:09');
  expect(formatWindow('2026-03-01T14:05:00.000Z', '2026-03-01T14:06:00.000Z', 'UTC')).toBe('14:05:00–14:06:00');
  expect(formatClock('garbage')).toBe('–');
});

test('percentages round and entity ids lose their namespace', () => {
  expect(formatPercent(0.795)).toBe('80%');
  expect(entityName('card#c-123')).toBe('c-123');
  expect(entityName('plain')).toBe('plain');
});
