// The live progress line (redrawn in place on a terminal, logged every few seconds otherwise) and the final summary.
import type { StopReason, TrafficStats, TrafficSummary } from './traffic-runner';

export interface ProgressOutput {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressDisplay {
  update(stats: TrafficStats): void;
  /** Clears the live line so the summary starts on a clean line. */
  finish(): void;
}

export interface ProgressDisplayOptions {
  /** What the generator's active entities are ("sessions", "devices"). */
  activeLabel: string;
  /** Without a terminal, one line per this many milliseconds of run time (default 5 s). */
  logEveryMs?: number;
}

const integer = (value: number): string => Math.round(value).toLocaleString('en-US');
const milliseconds = (value: number): string => `${integer(value)} ms`;

function clock(elapsedMs: number): string {
  const seconds = Math.floor(elapsedMs / 1000);
  return `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
}

/** "sessionsStarted" → "sessions started". */
const words = (name: string): string => name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();

export function formatProgressLine(stats: TrafficStats, activeLabel: string): string {
  const parts = [
    clock(stats.elapsedMs),
    `${integer(stats.rate)}/s of ${integer(stats.targetRate)}/s`,
    `sent ${integer(stats.sent)} · accepted ${integer(stats.accepted)} · rejected ${integer(stats.rejected)} · retried ${integer(stats.retried)} · failed ${integer(stats.failed)}`,
    `${integer(stats.active)} ${activeLabel}`,
    `${stats.inFlight} in flight`,
    `p50 ${milliseconds(stats.latencyMs.p50)} · p95 ${milliseconds(stats.latencyMs.p95)} · p99 ${milliseconds(stats.latencyMs.p99)}`,
  ];
  const troubled = stats.retried + stats.rejected + stats.failed > 0;
  if (troubled && stats.lastError !== undefined) parts.push(`last error: ${stats.lastError}`);
  return parts.join(' | ');
}

const STOP_REASONS: Record<StopReason, string> = {
  duration: 'duration reached',
  'item-limit': 'count reached',
  exhausted: 'generator finished',
  aborted: 'interrupted',
  fatal: 'halted',
};

export interface SummaryLabels {
  /** Heading, e.g. "Clickstream simulation". */
  title: string;
  itemNoun: string;
  activeLabel: string;
}

export function formatSummary(summary: TrafficSummary, labels: SummaryLabels): string {
  const { latencyMs: latency } = summary;
  const responses = Object.entries(summary.responses)
    .sort(([left], [right]) => left.localeCompare(right))
    .map(([label, count]) => `${label} ×${integer(count)}`)
    .join(', ');
  const counters = Object.entries(summary.counters).map(([name, value]) => `${words(name)} ${integer(value)}`);
  const width = Math.max(labels.itemNoun.length, labels.activeLabel.length, 'last error'.length) + 2;
  const row = (label: string, text: string): string => `  ${label.padEnd(width)}${text}`;
  const lines = [
    `${labels.title}: ${STOP_REASONS[summary.stopReason]} after ${(summary.elapsedMs / 1000).toFixed(1)} s`,
    row(
      labels.itemNoun,
      `${integer(summary.generated)} generated · ${integer(summary.sent)} sent · ${integer(summary.accepted)} accepted · ${integer(summary.rejected)} rejected · ${integer(summary.failed)} failed · ${integer(summary.retried)} re-sent`,
    ),
    row(
      'requests',
      `${integer(summary.requests)}${responses === '' ? '' : ` (${responses})`} · latency p50 ${milliseconds(latency.p50)} · p95 ${milliseconds(latency.p95)} · p99 ${milliseconds(latency.p99)} · max ${milliseconds(latency.max)}`,
    ),
    row('rate', `${summary.rate.toFixed(1)}/s (target ${integer(summary.targetRate)}/s)`),
    row(labels.activeLabel, [`${integer(summary.active)} active at the end`, ...counters].join(' · ')),
  ];
  if (summary.fatalError !== undefined) lines.push(row('halted by', summary.fatalError));
  else if (summary.failed + summary.rejected > 0 && summary.lastError !== undefined) lines.push(row('last error', summary.lastError));
  return lines.join('\n');
}

const CLEAR_LINE = '\r\x1b[2K';

/** A line wider than the terminal wraps, and "\r" then redraws only its last row: cut it to fit instead. */
function fitToWidth(line: string, columns: number | undefined): string {
  if (columns === undefined || columns < 10 || line.length < columns) return line;
  return `${line.slice(0, columns - 2)}…`;
}

export function createProgressDisplay(output: ProgressOutput, options: ProgressDisplayOptions): ProgressDisplay {
  const logEveryMs = options.logEveryMs ?? 5_000;
  let drawn = false;
  let nextLogAt = logEveryMs;
  return {
    update(stats) {
      const line = formatProgressLine(stats, options.activeLabel);
      if (output.isTTY === true) {
        output.write(`${CLEAR_LINE}${fitToWidth(line, output.columns)}`);
        drawn = true;
      } else if (stats.elapsedMs >= nextLogAt) {
        output.write(`${line}\n`);
        // Run time, not wall time, decides when to log, so logs are the same for the same run.
        nextLogAt = (Math.floor(stats.elapsedMs / logEveryMs) + 1) * logEveryMs;
      }
    },
    finish() {
      if (drawn) output.write(CLEAR_LINE);
      drawn = false;
    },
  };
}
