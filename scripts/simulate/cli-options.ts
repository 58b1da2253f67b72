// Command-line flags every traffic simulator shares (rate, duration, batching, seed, API), parsed with node:util.
import { parseArgs } from 'node:util';
import { MAX_BATCH_SIZE } from './traffic-runner';

export interface TrafficCliOptions {
  rate: number;
  /** Undefined when only --events bounds the run. */
  durationMs?: number;
  maxItems?: number;
  batchSize: number;
  lingerMs: number;
  concurrency: number;
  seed: string;
  apiUrl?: string;
  apiKey?: string;
  /** Values of the simulator's own flags (see SimulatorDescription.flags) that were given, by flag name. */
  extra?: Readonly<Record<string, string>>;
}

export type ParsedCli = { kind: 'help'; text: string } | { kind: 'run'; options: TrafficCliOptions };

export interface SimulatorDescription {
  /** The npm script, e.g. "simulate". */
  command: string;
  /** One line: what it sends and where. */
  summary: string;
  /** What one item is called in help text ("events", "readings"). */
  itemNoun: string;
  /** Flags only this simulator has (fraud share, truth file …), listed in its help after the shared ones. */
  flags?: readonly SimulatorFlag[];
}

/** A simulator's own flag. It always takes a value, kept as text: the simulator checks it (see fraction). */
export interface SimulatorFlag {
  /** Without the dashes, e.g. "fraud-share". */
  name: string;
  /** Placeholder in help text, e.g. "<0-1>". */
  value: string;
  description: string;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

export const DEFAULTS = { rate: 100, durationSeconds: 60, batchSize: 100, lingerMs: 200, concurrency: 4, seed: '42' } as const;

const FLAGS = {
  rate: { type: 'string', short: 'r' },
  duration: { type: 'string', short: 'd' },
  events: { type: 'string', short: 'n' },
  'batch-size': { type: 'string' },
  linger: { type: 'string' },
  concurrency: { type: 'string', short: 'c' },
  seed: { type: 'string' },
  'api-url': { type: 'string' },
  'api-key': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** In the column of the shared options; a flag too long for it gets its description on the next line. */
function flagLine({ name, value, description }: SimulatorFlag): string {
  const flag = `    --${name} ${value}`;
  return flag.length <= 22 ? `  ${flag.padEnd(22)}  ${description}\n` : `  ${flag}\n${' '.repeat(26)}${description}\n`;
}

export function helpText({ command, summary, itemNoun, flags = [] }: SimulatorDescription): string {
  return `${summary}

Usage: npm run ${command} -- [options]

Options:
  -r, --rate <n>          target ${itemNoun} per second (default ${DEFAULTS.rate})
  -d, --duration <s>      seconds to run (default ${DEFAULTS.durationSeconds}, or unlimited with --events)
  -n, --events <n>        stop after this many ${itemNoun}
      --batch-size <n>    ${itemNoun} per request, 1-${MAX_BATCH_SIZE} (default ${DEFAULTS.batchSize})
      --linger <ms>       send a partial batch after this long (default ${DEFAULTS.lingerMs})
  -c, --concurrency <n>   requests in flight (default ${DEFAULTS.concurrency})
      --seed <value>      random seed: the same seed and options give the same ${itemNoun} (default ${DEFAULTS.seed})
      --api-url <url>     producer API base URL (default: $API_URL, else .local/cloud.json from \`npm start\`)
      --api-key <key>     API key (default: $API_KEY, else .local/cloud.json)
${flags.map(flagLine).join('')}  -h, --help              show this help

Ctrl-C stops generating, delivers what is pending and prints the summary; press it twice to quit at once.
Exit status: 0 when all ${itemNoun} were accepted, 1 when any failed or were rejected, 2 on a usage error.

Example: npm run ${command} -- --rate 200 --duration 60`;
}

export function positiveNumber(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0) throw new UsageError(`--${flag} must be a positive number, got "${text}"`);
  return value;
}

function integerInRange(flag: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < min || value > max) {
    throw new UsageError(`--${flag} must be an integer from ${min} to ${max}, got "${text}"`);
  }
  return value;
}

/** A share such as "0.02" (2 %): from 0 up to, but not including, 1. */
export function fraction(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value >= 1) {
    throw new UsageError(`--${flag} must be a number from 0 to below 1 (a share, e.g. 0.02), got "${text}"`);
  }
  return value;
}

function simulatorFlagValues(
  flags: readonly SimulatorFlag[],
  values: Readonly<Record<string, unknown>>,
): Record<string, string> {
  const given: Record<string, string> = {};
  for (const { name } of flags) {
    const value = values[name];
    if (typeof value === 'string') given[name] = value;
  }
  return given;
}

export function parseTrafficCli(argv: readonly string[], description: SimulatorDescription): ParsedCli {
  const ownFlags = description.flags ?? [];
  const accepted = {
    ...Object.fromEntries(ownFlags.map(({ name }) => [name, { type: 'string' as const }])),
    ...FLAGS,
  };
  let values;
  try {
    ({ values } = parseArgs({ args: [...argv], options: accepted, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help === true) return { kind: 'help', text: helpText(description) };

  const maxItems =
    values.events === undefined ? undefined : integerInRange('events', values.events, 0, 1, Number.MAX_SAFE_INTEGER);
  const durationSeconds =
    values.duration === undefined && maxItems !== undefined
      ? undefined
      : positiveNumber('duration', values.duration, DEFAULTS.durationSeconds);
  const options: TrafficCliOptions = {
    rate: positiveNumber('rate', values.rate, DEFAULTS.rate),
    batchSize: integerInRange('batch-size', values['batch-size'], DEFAULTS.batchSize, 1, MAX_BATCH_SIZE),
    lingerMs: integerInRange('linger', values.linger, DEFAULTS.lingerMs, 0, 60_000),
    concurrency: integerInRange('concurrency', values.concurrency, DEFAULTS.concurrency, 1, 256),
    seed: values.seed ?? DEFAULTS.seed,
  };
  if (durationSeconds !== undefined) options.durationMs = Math.round(durationSeconds * 1000);
  if (maxItems !== undefined) options.maxItems = maxItems;
  if (values['api-url'] !== undefined) options.apiUrl = values['api-url'];
  if (values['api-key'] !== undefined) options.apiKey = values['api-key'];
  if (ownFlags.length > 0) options.extra = simulatorFlagValues(ownFlags, values);
  return { kind: 'run', options };
}
