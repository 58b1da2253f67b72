// The command-line shell every simulator shares: flags, API discovery, Ctrl-C handling, live progress, summary, exit code.
import { ApiTargetError, endpointUrl, readLocalCloudSettings, resolveApiTarget, type ApiSettings } from './api-target';
import { parseTrafficCli, UsageError, type SimulatorDescription, type SimulatorFlag, type TrafficCliOptions } from './cli-options';
import { createTruthLog, type TruthLog } from './ground-truth';
import { createHttpBatchSender } from './http-batch-sender';
import { createProgressDisplay, formatSummary } from './progress';
import type { TrafficGenerator } from './traffic';
import { runTraffic, type TrafficSummary } from './traffic-runner';

export interface SimulatorSpec<P, T> extends SimulatorDescription {
  /** Heading of the summary, e.g. "Clickstream simulation". */
  title: string;
  /** Resource path under the API's stage URL, e.g. "clickstream/events". */
  endpointPath: string;
  /** What the generator's active entities are ("sessions", "devices"). */
  activeLabel: string;
  /** May throw UsageError for a bad value of one of the simulator's own flags. */
  createGenerator(options: TrafficCliOptions): TrafficGenerator<P, T>;
  /** Wraps a batch into the request body, e.g. `{ readings }`; the default is `{ events }`. */
  requestBody?: (payloads: readonly P[]) => unknown;
  /** Offers --truth-file: the generator's items carry ground truth worth keeping. */
  recordsTruth?: boolean;
}

export const TRUTH_FILE_FLAG: SimulatorFlag = {
  name: 'truth-file',
  value: '<path>',
  description: 'write one JSON line { id, truth } per accepted item (ground truth)',
};

/** Where API settings come from; injectable so tests do not depend on the developer's shell or local cloud. */
export interface CliEnvironment {
  env: Readonly<Record<string, string | undefined>>;
  readLocalCloud: () => ApiSettings | undefined;
}

const processEnvironment: CliEnvironment = { env: process.env, readLocalCloud: () => readLocalCloudSettings() };

export const EXIT_OK = 0;
export const EXIT_DELIVERY_FAILED = 1;
export const EXIT_USAGE = 2;
/** 128 + SIGINT, what shells expect from a program quit with Ctrl-C. */
const EXIT_INTERRUPTED = 130;

function describePlan(options: TrafficCliOptions, itemNoun: string, url: string, source: string): string {
  const bound = [
    options.durationMs !== undefined ? `for ${options.durationMs / 1000} s` : undefined,
    options.maxItems !== undefined ? `up to ${options.maxItems.toLocaleString('en-US')} ${itemNoun}` : undefined,
  ]
    .filter((part) => part !== undefined)
    .join(', ');
  return (
    `Sending ${itemNoun} to ${url} (from ${source}) at ${options.rate}/s ${bound}\n` +
    `  seed ${options.seed} · batches of up to ${options.batchSize} · ${options.concurrency} requests in flight · Ctrl-C stops\n`
  );
}

/** First Ctrl-C: stop generating and deliver what is pending. Second: quit at once. */
function interruptOnCtrlC(controller: AbortController): () => void {
  const onSigint = (): void => {
    if (controller.signal.aborted) {
      process.stderr.write('\nQuitting without waiting for pending requests.\n');
      process.exit(EXIT_INTERRUPTED);
    }
    process.stderr.write('\nStopping: delivering pending requests (Ctrl-C again to quit now)…\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  return () => process.off('SIGINT', onSigint);
}

export function exitCodeFor(summary: TrafficSummary): number {
  return summary.failed + summary.rejected > 0 || summary.stopReason === 'fatal' ? EXIT_DELIVERY_FAILED : EXIT_OK;
}

/** The spec's own flags, plus --truth-file when its items carry truth. */
function describeFlags<P, T>(spec: SimulatorSpec<P, T>): SimulatorDescription {
  const flags = [...(spec.flags ?? []), ...(spec.recordsTruth === true ? [TRUTH_FILE_FLAG] : [])];
  return flags.length === 0 ? spec : { ...spec, flags };
}

function openTruthLog(options: TrafficCliOptions): TruthLog | undefined {
  const path = options.extra?.[TRUTH_FILE_FLAG.name];
  if (path === undefined) return undefined;
  try {
    return createTruthLog(path);
  } catch (error) {
    throw new UsageError(`--${TRUTH_FILE_FLAG.name}: cannot write ${path} (${(error as Error).message})`);
  }
}

interface PreparedRun<P, T> {
  options: TrafficCliOptions;
  generator: TrafficGenerator<P, T>;
  url: string;
  apiKey: string;
  source: string;
  truthLog?: TruthLog;
}

/** Everything that can fail because of what the user typed, checked before anything is sent. */
function prepareRun<P, T>(
  spec: SimulatorSpec<P, T>,
  argv: readonly string[],
  environment: CliEnvironment,
): { kind: 'help'; text: string } | { kind: 'run'; run: PreparedRun<P, T> } {
  const parsed = parseTrafficCli(argv, describeFlags(spec));
  if (parsed.kind === 'help') return parsed;
  const { options } = parsed;
  const generator = spec.createGenerator(options);
  const target = resolveApiTarget(options, environment.env, environment.readLocalCloud);
  const run: PreparedRun<P, T> = {
    options,
    generator,
    url: endpointUrl(target.apiUrl, spec.endpointPath),
    apiKey: target.apiKey,
    source: target.source,
  };
  const truthLog = openTruthLog(options);
  if (truthLog !== undefined) run.truthLog = truthLog;
  return { kind: 'run', run };
}

export async function runSimulatorCli<P, T>(
  spec: SimulatorSpec<P, T>,
  argv: readonly string[],
  environment: CliEnvironment = processEnvironment,
): Promise<number> {
  let prepared: PreparedRun<P, T>;
  try {
    const outcome = prepareRun(spec, argv, environment);
    if (outcome.kind === 'help') {
      process.stdout.write(`${outcome.text}\n`);
      return EXIT_OK;
    }
    prepared = outcome.run;
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof ApiTargetError)) throw error;
    const hint = error instanceof UsageError ? `\nRun \`npm run ${spec.command} -- --help\` for the options.` : '';
    process.stderr.write(`${error.message}${hint}\n`);
    return EXIT_USAGE;
  }

  const { options, generator, url, apiKey, source, truthLog } = prepared;
  process.stdout.write(describePlan(options, spec.itemNoun, url, source));
  const controller = new AbortController();
  const stopListening = interruptOnCtrlC(controller);
  const display = createProgressDisplay(process.stdout, { activeLabel: spec.activeLabel });
  try {
    const summary = await runTraffic<P, T>({
      generator,
      send: createHttpBatchSender<P>({ url, apiKey, ...(spec.requestBody === undefined ? {} : { body: spec.requestBody }) }),
      rate: options.rate,
      durationMs: options.durationMs,
      maxItems: options.maxItems,
      batchSize: options.batchSize,
      lingerMs: options.lingerMs,
      concurrency: options.concurrency,
      signal: controller.signal,
      progressIntervalMs: process.stdout.isTTY ? 250 : 1_000,
      onProgress: (stats) => display.update(stats),
      onSettled: (items, outcome) => {
        if (outcome === 'accepted') truthLog?.record(items);
      },
    });
    display.finish();
    process.stdout.write(`${formatSummary(summary, spec)}\n`);
    if (truthLog !== undefined) {
      const labels = truthLog.written.toLocaleString('en-US');
      process.stdout.write(`  ground truth of ${labels} accepted ${spec.itemNoun} written to ${truthLog.path}\n`);
    }
    return exitCodeFor(summary);
  } finally {
    truthLog?.close();
    stopListening();
  }
}

/** Runs a simulator as the process's main program: sets the exit code, reports crashes. */
export function mainSimulator<P, T>(spec: SimulatorSpec<P, T>): void {
  runSimulatorCli(spec, process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = EXIT_DELIVERY_FAILED;
    },
  );
}
