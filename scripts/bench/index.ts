// `npm run bench [-- names…]`: runs every benchmark (or the named ones), prints tables and writes bench-results/<name>.json.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readDeploymentSettings } from '../cost/deployment-settings';
import { pricesFor } from '../cost/prices';
import { formatAwsCalls, runAwsCalls, type DomainCalls } from './benchmarks/aws-calls';
import { costPerMillion, formatCostPerMillion } from './benchmarks/cost-per-million';
import { formatConsumerCompute, runConsumerCompute, TARGET_RECORDS_PER_CORE_SECOND, type ConsumerCompute } from './benchmarks/consumer-compute';
import { formatLocalEndToEnd, runLocalEndToEnd } from './benchmarks/local-e2e';
import { machineInfo } from './machine';
import { writeBenchResult } from './results';

const BENCHMARKS = ['aws-calls', 'consumer-compute', 'cost-per-million', 'local-e2e', 'kinesis-backends'] as const;
type BenchmarkName = (typeof BENCHMARKS)[number];

const HELP = `npm run bench [-- [names…] [options]]

Benchmarks (all by default, in this order): ${BENCHMARKS.join(', ')}
  aws-calls          AWS calls per 1,000 events per domain path: project vs naive per-record vs batching lower bound
  consumer-compute   consumer records per CPU-second: decode+validate, domain step (ports in memory), handler (+SDK)
  cost-per-million   AWS $ per million events from the measured calls and sizes (scripts/cost prices)
  local-e2e          local cloud: sustained events/s and API-accept → DynamoDB-visible latency at rising rates, RSS
  kinesis-backends   kinesis-local vs moto: speed, memory and AWS fidelity

Options:
  --long             bigger runs (more events, more iterations, longer rate steps)
  --events N         events per domain for aws-calls / consumer-compute (default 3000; --long 20000)
  --runs N           measured iterations of consumer-compute (default 5; --long 15), after 2 warm-up runs
  --rates LIST       local-e2e target rates, comma-separated (default 100,200,400,800; --long up to 3200)
  --step-seconds S   local-e2e seconds per rate (default 8; --long 30)
  --kinesis NAME     local-e2e Kinesis backend: moto (default) or kinesis-local
  --round-trip-ms N  assumed in-region AWS call latency for cost-per-million (default 5)
  --help`;

function numberOption(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`--${name} must be a positive number, got "${value}"`);
  return parsed;
}

function selectBenchmarks(names: string[]): BenchmarkName[] {
  const unknown = names.filter((name) => !(BENCHMARKS as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`unknown benchmark(s): ${unknown.join(', ')} (known: ${BENCHMARKS.join(', ')})`);
  return names.length === 0 ? [...BENCHMARKS] : BENCHMARKS.filter((name) => names.includes(name));
}

function report(name: string, table: string, result: unknown, options: Record<string, unknown>, caption?: string): void {
  console.log(`\n== ${name}${caption ? ` — ${caption}` : ''}\n${table}`);
  console.log(`bench: written to ${writeBenchResult(name, result, options)}`);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      long: { type: 'boolean', default: false },
      events: { type: 'string' },
      runs: { type: 'string' },
      rates: { type: 'string' },
      'step-seconds': { type: 'string' },
      kinesis: { type: 'string', default: 'moto' },
      'round-trip-ms': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const selected = selectBenchmarks(positionals);
  const long = values.long ?? false;
  const events = numberOption('events', values.events, long ? 20_000 : 3_000);
  const settings = readDeploymentSettings();
  const common = { events, ratePerSecond: 100, eventsPerRequest: 100, consumerBatchSize: settings.consumerBatchSize };
  const machine = machineInfo();
  console.log(`bench: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGb} GB, Node ${machine.node}`);

  let calls: DomainCalls[] | undefined;
  let compute: ConsumerCompute[] | undefined;
  const failed: string[] = [];
  for (const name of selected) {
    console.log(`\nbench: ${name}…`);
    try {
      if (name === 'aws-calls' || (name === 'cost-per-million' && calls === undefined)) {
        calls = await runAwsCalls(common);
        if (name === 'aws-calls') report(name, formatAwsCalls(calls), calls, common, 'calls per 1,000 events');
      }
      if (name === 'consumer-compute') {
        const options = { ...common, warmupRuns: 2, runs: numberOption('runs', values.runs, long ? 15 : 5) };
        compute = await runConsumerCompute(options);
        report(name, formatConsumerCompute(compute), compute, options, `records per CPU-second, median ±half-spread; target ${TARGET_RECORDS_PER_CORE_SECOND.toLocaleString('en-US')} for the domain step`);
      }
      if (name === 'cost-per-million' && calls !== undefined) {
        const options = { eventsPerSecond: 1000, roundTripMs: numberOption('round-trip-ms', values['round-trip-ms'], 5) };
        const result = costPerMillion(calls, compute, settings, pricesFor('us-east-1'), options);
        report(name, formatCostPerMillion(result), result, options, `us-east-1, ${options.eventsPerSecond} events/s per domain`);
      }
      if (name === 'local-e2e') {
        const rates = (values.rates ?? (long ? '100,200,400,800,1600,3200' : '100,200,400,800')).split(',').map((rate) => numberOption('rates', rate, 100));
        const options = {
          rates,
          stepSeconds: numberOption('step-seconds', values['step-seconds'], long ? 30 : 8),
          drainSeconds: 20,
          sampleEverySessions: 5,
          kinesisBackend: values.kinesis === 'kinesis-local' ? ('kinesis-local' as const) : ('moto' as const),
        };
        const result = await runLocalEndToEnd(options);
        report(name, formatLocalEndToEnd(result), result, options, `clickstream, local cloud (${result.kinesisBackend}) started in ${(result.startupMs / 1000).toFixed(1)} s`);
      }
      if (name === 'kinesis-backends') {
        // A script of its own (it predates the runner and is run on its own too); it writes its own JSON.
        const run = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'kinesis-backends.ts')], { stdio: 'inherit' });
        if (run.status !== 0) throw new Error(`kinesis-backends exited with ${run.status ?? run.signal}`);
      }
    } catch (error) {
      // One broken benchmark should not hide the others' results.
      console.error(`bench: ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
      failed.push(name);
    }
  }
  if (failed.length > 0) throw new Error(`bench: failed: ${failed.join(', ')}`);
}

main().then(
  // The SDK clients' keep-alive agents would hold the process open.
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
