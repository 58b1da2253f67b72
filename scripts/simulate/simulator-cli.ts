// The command-line shell every simulator shares: flags, API discovery, Ctrl-C handling, live progress, summary, exit code.
import { ApiTargetError, endpointUrl, readLocalCloudSettings, resolveApiTarget, type ApiSettings } from './api-target';
import { parseTrafficCli, UsageError, type SimulatorDescription, type TrafficCliOptions } from './cli-options';
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
  createGenerator(options: TrafficCliOptions): TrafficGenerator<P, T>;
}

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

export async function runSimulatorCli<P, T>(
  spec: SimulatorSpec<P, T>,
  argv: readonly string[],
  environment: CliEnvironment = processEnvironment,
): Promise<number> {
  let options: TrafficCliOptions;
  let target;
  try {
    const parsed = parseTrafficCli(argv, spec);
    if (parsed.kind === 'help') {
      process.stdout.write(`${parsed.text}\n`);
      return EXIT_OK;
    }
    options = parsed.options;
    target = resolveApiTarget(options, environment.env, environment.readLocalCloud);
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof ApiTargetError)) throw error;
    const hint = error instanceof UsageError ? `\nRun \`npm run ${spec.command} -- --help\` for the options.` : '';
    process.stderr.write(`${error.message}${hint}\n`);
    return EXIT_USAGE;
  }

  const url = endpointUrl(target.apiUrl, spec.endpointPath);
  process.stdout.write(describePlan(options, spec.itemNoun, url, target.source));
  const controller = new AbortController();
  const stopListening = interruptOnCtrlC(controller);
  const display = createProgressDisplay(process.stdout, { activeLabel: spec.activeLabel });
  try {
    const summary = await runTraffic({
      generator: spec.createGenerator(options),
      send: createHttpBatchSender<P>({ url, apiKey: target.apiKey }),
      rate: options.rate,
      durationMs: options.durationMs,
      maxItems: options.maxItems,
      batchSize: options.batchSize,
      lingerMs: options.lingerMs,
      concurrency: options.concurrency,
      signal: controller.signal,
      progressIntervalMs: process.stdout.isTTY ? 250 : 1_000,
      onProgress: (stats) => display.update(stats),
    });
    display.finish();
    process.stdout.write(`${formatSummary(summary, spec)}\n`);
    return exitCodeFor(summary);
  } finally {
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
