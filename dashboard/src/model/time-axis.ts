// The x axis of time charts: the window the API was asked for, and whole-minute ticks that read as HH:MM.

/** Epoch seconds, uPlot's time unit. */
export interface TimeRange {
  from: number;
  to: number;
}

const MINUTE = 60;
/** Tick steps people read at a glance; never below a minute, since the labels show minutes. */
const STEPS_MINUTES = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440];

/**
 * The window a response covers: generatedAt − minutes … generatedAt. Fixing the axis to it (rather than to the
 * data) keeps a lone first point where it belongs, at the recent end, and keeps the axis still between refreshes.
 */
export function requestedWindow(generatedAtIso: string, minutes: number): TimeRange | undefined {
  const to = Math.floor(Date.parse(generatedAtIso) / 1000);
  if (!Number.isFinite(to) || !(minutes > 0)) return undefined;
  return { from: to - minutes * MINUTE, to };
}

/** A range to draw even when the data has one timestamp (or none): a minute either side of it. */
export function drawableRange(min: number, max: number): TimeRange {
  return min < max ? { from: min, to: max } : { from: min - MINUTE, to: max + MINUTE };
}

/** The smallest step in whole minutes that keeps at most maxTicks ticks inside the range. */
export function tickStepSeconds(range: TimeRange, maxTicks: number): number {
  const span = Math.max(0, range.to - range.from);
  const limit = Math.max(1, Math.floor(maxTicks));
  for (const minutes of STEPS_MINUTES) if (span / (minutes * MINUTE) < limit) return minutes * MINUTE;
  return (STEPS_MINUTES.at(-1) ?? 1440) * MINUTE;
}

/** Ticks on whole multiples of the step (12:00, 12:05, …), so no two share a label. */
export function minuteTicks(range: TimeRange, maxTicks: number): number[] {
  const step = tickStepSeconds(range, maxTicks);
  const ticks: number[] = [];
  for (let tick = Math.ceil(range.from / step) * step; tick <= range.to; tick += step) ticks.push(tick);
  return ticks;
}

/** 24-hour "HH:MM"; the time zone is a parameter so tests do not depend on the machine's. */
export function formatTickTime(seconds: number, timeZone?: string): string {
  const date = new Date(seconds * 1000);
  if (Number.isNaN(date.getTime())) return '–';
  return date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone });
}
