// Benchmark 2: consumer compute, records per CPU-second, for decode + validate alone and for the whole handler with AWS answered in-process.
import type { KinesisStreamEvent } from 'aws-lambda';
import { decodeKinesisRecord } from '../../../shared/lambda/kinesis-records';
import {
  apiEvent,
  applyFunctionEnvironment,
  DOMAIN_SPECS,
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

async function measureDomain(domain: Domain, options: ConsumerComputeOptions): Promise<ConsumerCompute> {
  const events = await prepareEvents(domain, options);
  const records = events.reduce((sum, event) => sum + event.Records.length, 0);
  const schema = DOMAIN_SPECS[domain].recordSchema;
  const consume = await DOMAIN_SPECS[domain].loadConsumer();
  const aws = installInProcessAws(() => undefined);
  try {
    const decodeRates: number[] = [];
    const stepRates: number[] = [];
    const handlerRates: number[] = [];
    const wallRates: number[] = [];
    for (let run = 0; run < options.warmupRuns + options.runs; run += 1) {
      const decodeStart = process.cpuUsage();
      for (const event of events) for (const record of event.Records) decodeKinesisRecord(record, schema);
      const decodeCpu = cpuSeconds(decodeStart);

      const step = createInMemoryConsumer(domain);
      const stepStart = process.cpuUsage();
      for (const event of events) await step(event, lambdaContext(`${domain}-consume`));
      const stepCpu = cpuSeconds(stepStart);

      // A fresh in-process AWS per run, so every run does the same work (first writes, no replays).
      aws.reset();
      const wallStart = performance.now();
      const handlerStart = process.cpuUsage();
      for (const event of events) await consume(event, lambdaContext(`${domain}-consume`));
      const handlerCpu = cpuSeconds(handlerStart);
      const wall = (performance.now() - wallStart) / 1000;
      if (run < options.warmupRuns) continue;
      decodeRates.push(records / decodeCpu);
      stepRates.push(records / stepCpu);
      handlerRates.push(records / handlerCpu);
      wallRates.push(records / wall);
    }
    const handler = summarizeSamples(handlerRates);
    return {
      domain,
      records,
      decodeAndValidate: summarizeSamples(decodeRates),
      domainStep: summarizeSamples(stepRates),
      handler,
      handlerWall: summarizeSamples(wallRates),
      cpuMsPerRecord: 1000 / handler.median,
    };
  } finally {
    aws.restore();
  }
}

export async function runConsumerCompute(options: ConsumerComputeOptions): Promise<ConsumerCompute[]> {
  applyFunctionEnvironment();
  const results: ConsumerCompute[] = [];
  for (const domain of Object.keys(DOMAIN_SPECS) as Domain[]) results.push(await measureDomain(domain, options));
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
