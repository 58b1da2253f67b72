// Benchmark 2: consumer compute, records per CPU-second, for decode + validate alone and for the whole handler with AWS answered in-process.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KinesisStreamEvent } from 'aws-lambda';
import { decodeKinesisRecord } from '../../../shared/lambda/kinesis-records';
import {
  apiEvent,
  applyFunctionEnvironment,
  DOMAIN_SPECS,
  DOMAINS,
  generatePayloads,
  installInProcessAws,
  kinesisEvents,
  lambdaContext,
  STREAM_NAME,
  type Domain,
} from '../domain-pipeline';
import { createInMemoryConsumer } from '../in-memory-ports';
import { summarizeSamples, type SampleSummary } from '../stats';
import { formatTable } from '../table';

export interface ConsumerComputeOptions {
  events: number;
  ratePerSecond: number;
  consumerBatchSize: number;
  warmupRuns: number;
  runs: number;
}

export interface ConsumerCompute {
  domain: Domain;
  records: number;
  /** Records per CPU-second (user + system time of this process), per run. */
  decodeAndValidate: SampleSummary;
  /** createKinesisConsumer + the domain step with in-memory stores: decode, validate and domain logic, I/O stubbed at the ports. */
  domainStep: SampleSummary;
  /** The deployed handler module (Middy, Powertools, SDK clients) with every AWS call answered in-process. */
  handler: SampleSummary;
  /** Records per wall-clock second of the handler runs, for comparison (differs from CPU under load). */
  handlerWall: SampleSummary;
  cpuMsPerRecord: number;
}

/** Target from the issue: a consumer must not be the bottleneck of a shard, with plenty of room. */
export const TARGET_RECORDS_PER_CORE_SECOND = 50_000;

/**
 * What one process measures. Each measure of each consumer runs in a fresh Node process, as on Lambda, where a
 * process only ever runs one consumer: in one shared process, V8's inline caches and heap would carry the other
 * consumers' (and the other measures') object shapes and garbage into the code measured, and each figure would
 * depend on what ran before it. The events are produced (through the producer handler) by the parent process and
 * read from a file, so the measuring process holds the events and what it measures, not the producer's leftovers:
 * a heap twice as large made the same decoding ≈ 20 % slower (more garbage-collection work per allocation).
 */
export const MEASURES = ['decodeAndValidate', 'domainStep', 'handler'] as const;
export type Measure = (typeof MEASURES)[number];

export interface MeasureRequest {
  domain: Domain;
  measure: Measure;
  /** A JSON file of the Kinesis events to consume (prepareEvents' output). */
  eventsFile: string;
  options: ConsumerComputeOptions;
}

export interface MeasureSamples {
  records: number;
  /** Records per CPU-second (user + system time of the process), one per measured run. */
  cpuRates: number[];
  /** Records per wall-clock second, one per measured run. */
  wallRates: number[];
}

const WORKER = join(__dirname, 'consumer-compute-process.ts');

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

async function prepareEvents(domain: Domain, options: ConsumerComputeOptions): Promise<KinesisStreamEvent[]> {
  const aws = installInProcessAws(() => undefined);
  try {
    const ingest = await DOMAIN_SPECS[domain].loadIngest();
    const payloads = generatePayloads(domain, options.events, options.ratePerSecond);
    for (let start = 0; start < payloads.length; start += 100) {
      await ingest(apiEvent(domain, payloads.slice(start, start + 100)), lambdaContext(`${domain}-ingest`));
    }
    return kinesisEvents(aws.current().takeKinesisRecords(STREAM_NAME), options.consumerBatchSize);
  } finally {
    aws.restore();
  }
}

/** One pass over all events; `prepare` runs untimed before it (fresh stores, so every run does the same work). */
type Pass = { prepare: () => void; run: (event: KinesisStreamEvent) => unknown };

async function passFor(domain: Domain, measure: Measure): Promise<{ pass: Pass; restore: () => void }> {
  const context = lambdaContext(`${domain}-consume`);
  if (measure === 'decodeAndValidate') {
    const schema = DOMAIN_SPECS[domain].recordSchema;
    const run = (event: KinesisStreamEvent): void => {
      for (const record of event.Records) decodeKinesisRecord(record, schema);
    };
    return { pass: { prepare: () => undefined, run }, restore: () => undefined };
  }
  if (measure === 'domainStep') {
    let step = createInMemoryConsumer(domain);
    const pass = { prepare: () => (step = createInMemoryConsumer(domain)), run: (event: KinesisStreamEvent) => step(event, context) };
    return { pass, restore: () => undefined };
  }
  const consume = await DOMAIN_SPECS[domain].loadConsumer();
  const aws = installInProcessAws(() => undefined);
  // A fresh in-process AWS per run, so every run does the same work (first writes, no replays).
  return { pass: { prepare: () => aws.reset(), run: (event) => consume(event, context) }, restore: () => aws.restore() };
}

/** Runs one measure of one consumer in this process (the worker's side of runConsumerCompute). */
export async function measureInThisProcess({ domain, measure, eventsFile, options }: MeasureRequest): Promise<MeasureSamples> {
  applyFunctionEnvironment();
  const events = JSON.parse(readFileSync(eventsFile, 'utf8')) as KinesisStreamEvent[];
  const records = events.reduce((sum, event) => sum + event.Records.length, 0);
  const { pass, restore } = await passFor(domain, measure);
  try {
    const cpuRates: number[] = [];
    const wallRates: number[] = [];
    for (let run = 0; run < options.warmupRuns + options.runs; run += 1) {
      pass.prepare();
      const wallStart = performance.now();
      const cpuStart = process.cpuUsage();
      for (const event of events) await pass.run(event);
      const cpu = cpuSeconds(cpuStart);
      const wall = (performance.now() - wallStart) / 1000;
      if (run < options.warmupRuns) continue;
      cpuRates.push(records / cpu);
      wallRates.push(records / wall);
    }
    return { records, cpuRates, wallRates };
  } finally {
    restore();
  }
}

function measureInFreshProcess(request: MeasureRequest, directory: string): MeasureSamples {
  const output = join(directory, `${request.measure}.json`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', WORKER, JSON.stringify(request), output], { stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`${request.domain} ${request.measure} exited with ${run.status ?? run.signal}`);
  return JSON.parse(readFileSync(output, 'utf8')) as MeasureSamples;
}

async function measureDomain(domain: Domain, options: ConsumerComputeOptions): Promise<ConsumerCompute> {
  const directory = mkdtempSync(join(tmpdir(), `consumer-compute-${domain}-`));
  try {
    const eventsFile = join(directory, 'events.json');
    writeFileSync(eventsFile, JSON.stringify(await prepareEvents(domain, options)));
    const measure = (which: Measure): MeasureSamples => measureInFreshProcess({ domain, measure: which, eventsFile, options }, directory);
    const decode = measure('decodeAndValidate');
    const step = measure('domainStep');
    const handler = measure('handler');
    const handlerSummary = summarizeSamples(handler.cpuRates);
    return {
      domain,
      records: step.records,
      decodeAndValidate: summarizeSamples(decode.cpuRates),
      domainStep: summarizeSamples(step.cpuRates),
      handler: handlerSummary,
      handlerWall: summarizeSamples(handler.wallRates),
      cpuMsPerRecord: 1000 / handlerSummary.median,
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

export async function runConsumerCompute(options: ConsumerComputeOptions): Promise<ConsumerCompute[]> {
  applyFunctionEnvironment();
  const results: ConsumerCompute[] = [];
  for (const domain of DOMAINS) results.push(await measureDomain(domain, options));
  return results;
}

const rate = (summary: SampleSummary): string => `${Math.round(summary.median).toLocaleString('en-US')} ±${Math.round(summary.spreadPercent / 2)}%`;

export function formatConsumerCompute(results: readonly ConsumerCompute[]): string {
  const rows = results.map((result) => [
    result.domain,
    String(result.records),
    rate(result.decodeAndValidate),
    rate(result.domainStep),
    rate(result.handler),
    rate(result.handlerWall),
    result.cpuMsPerRecord.toFixed(4),
    result.domainStep.median >= TARGET_RECORDS_PER_CORE_SECOND ? 'yes' : 'NO',
  ]);
  return formatTable(
    ['consumer', 'records', 'decode+validate', 'domain step', 'handler+SDK', 'handler+SDK wall', 'handler CPU ms/rec', `step ≥${TARGET_RECORDS_PER_CORE_SECOND / 1000}k`],
    rows,
    [1, 2, 3, 4, 5, 6],
  );
}
