// How numbers, durations and times read on the page: short, unit-bearing and the same in every panel.

const compact = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1, notation: 'compact' });
const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** 0.25 → "0.25", 12.34 → "12.3", 15300 → "15.3K": rates span several orders of magnitude. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '–';
  const magnitude = Math.abs(value);
  if (magnitude >= 10_000) return compact.format(value);
  if (magnitude >= 10 || value === 0) return oneDecimal.format(value);
  return value.toFixed(2).replace(/\.?0+$/, '');
}

export const formatRate = (perSecond: number): string => `${formatNumber(perSecond)}/s`;

export const formatCount = (count: number): string => (Number.isFinite(count) ? whole.format(count) : '–');

/** Iterator age and other lags: ms below a second, then s, min, h. */
export function formatDuration(milliseconds: number): string {
  if (!Number.isFinite(milliseconds)) return '–';
  if (milliseconds < 1_000) return `${Math.round(milliseconds)} ms`;
  if (milliseconds < 60_000) return `${oneDecimal.format(milliseconds / 1_000)} s`;
  if (milliseconds < 3_600_000) return `${oneDecimal.format(milliseconds / 60_000)} min`;
  return `${oneDecimal.format(milliseconds / 3_600_000)} h`;
}

/** "just now", "42 s ago", "3 min ago", "2 h ago": how fresh a row is matters more than its exact time. */
export function formatAge(iso: string, nowMs: number): string {
  const ageMs = nowMs - Date.parse(iso);
  if (!Number.isFinite(ageMs)) return '–';
  if (ageMs < 5_000) return 'just now';
  if (ageMs < 60_000) return `${Math.floor(ageMs / 1_000)} s ago`;
  if (ageMs < 3_600_000) return `${Math.floor(ageMs / 60_000)} min ago`;
  if (ageMs < 86_400_000) return `${Math.floor(ageMs / 3_600_000)} h ago`;
  return `${Math.floor(ageMs / 86_400_000)} d ago`;
}

/** Wall-clock time of day, 24-hour; the time zone is a parameter so tests do not depend on the machine's. */
export function formatClock(iso: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '–';
  return date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false, timeZone });
}

/** A window as "14:05:00–14:06:00". */
export const formatWindow = (startIso: string, endIso: string, timeZone?: string): string =>
  `${formatClock(startIso, timeZone)}–${formatClock(endIso, timeZone)}`;

export const formatPercent = (fraction: number): string => (Number.isFinite(fraction) ? `${Math.round(fraction * 100)}%` : '–');

/** "device#fridge-1" → "fridge-1": the namespace is the panel's, not the reader's, concern. */
export function entityName(entityId: string): string {
  const hash = entityId.indexOf('#');
  return hash < 0 ? entityId : entityId.slice(hash + 1);
}
