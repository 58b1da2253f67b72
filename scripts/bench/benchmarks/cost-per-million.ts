// Benchmark 4: AWS cost per million events, from the call counts and payload sizes benchmark 1 measured, priced with scripts/cost.
import { estimateMonthlyCost, DEFAULT_ASSUMPTIONS, type Assumptions, type DeploymentSettings } from '../../cost/estimate';
import type { PriceTable } from '../../cost/prices';
import type { Domain } from '../domain-pipeline';
import { formatTable } from '../table';
import type { DomainCalls } from './aws-calls';
import type { ConsumerCompute } from './consumer-compute';

export interface CostPerMillionOptions {
  /** Rate at which the monthly bill is computed; per-million figures fall as fixed stream-hours spread out. */
  eventsPerSecond: number;
  /** Assumed in-region latency of one AWS call; sequential calls set how long a Lambda waits (and is billed). */
  roundTripMs: number;
}

export interface CostPerMillion {
  domain: Domain;
  project: { usdPerMillion: number; byService: Record<string, number> };
  naive: { usdPerMillion: number; byService: Record<string, number> };
}

const BASE64_INFLATION = 4 / 3;

/** Per-event cost by service; the stack's fixed monthly costs (alarms, keys: module 'shared') are not per event. */
function byService(lines: ReturnType<typeof estimateMonthlyCost>['lines'], eventsPerMonth: number): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const line of lines.filter((entry) => !entry.alternative && entry.module !== 'shared')) totals[line.service] = (totals[line.service] ?? 0) + (line.usd / eventsPerMonth) * 1e6;
  return Object.fromEntries(Object.entries(totals).map(([service, usd]) => [service, Math.round(usd * 1000) / 1000]));
}

function perMillion(estimate: ReturnType<typeof estimateMonthlyCost>): { usdPerMillion: number; byService: Record<string, number> } {
  const services = byService(estimate.lines, estimate.eventsPerMonth);
  const perEventUsd = estimate.lines.filter((entry) => !entry.alternative && entry.module !== 'shared').reduce((sum, entry) => sum + entry.usd, 0);
  return { usdPerMillion: (perEventUsd / estimate.eventsPerMonth) * 1e6, byService: services };
}

function assumptionsFor(domain: Domain, overrides: Partial<Assumptions>, domainOverrides: Partial<Assumptions['domains'][Domain]>): Assumptions {
  return {
    ...DEFAULT_ASSUMPTIONS,
    ...overrides,
    domains: { ...DEFAULT_ASSUMPTIONS.domains, [domain]: { ...DEFAULT_ASSUMPTIONS.domains[domain], ...domainOverrides } },
  };
}

export function costPerMillion(
  calls: readonly DomainCalls[],
  compute: readonly ConsumerCompute[] | undefined,
  settings: DeploymentSettings,
  prices: PriceTable,
  options: CostPerMillionOptions,
): CostPerMillion[] {
  return calls.map((result) => {
    const { measured } = result;
    const cpuMsPerRecord = compute?.find((entry) => entry.domain === result.domain)?.cpuMsPerRecord ?? DEFAULT_ASSUMPTIONS.consumerMsPerRecord;
    const workload = { eventsPerSecond: options.eventsPerSecond, eventBytes: measured.kinesisRecordBytes, modules: [result.domain] };
    const archiveBytesRatio = measured.firehoseRequestBytesPerRecord / BASE64_INFLATION / measured.kinesisRecordBytes;
    const putRecordsPerRequest = (result.producer.project['Kinesis.PutRecords'] ?? 0) / 10;
    const project = estimateMonthlyCost(
      workload,
      settings,
      prices,
      assumptionsFor(
        result.domain,
        {
          ingestMsPerRequest: 5 + putRecordsPerRequest * options.roundTripMs,
          consumerMsPerInvocation: measured.consumerRoundTripsPerInvocation * options.roundTripMs,
          consumerMsPerRecord: cpuMsPerRecord,
        },
        {
          itemsWrittenPerEvent: measured.dynamoDbPutsPerEvent,
          itemsReadPerEvent: measured.dynamoDbKeysReadPerEvent,
          itemBytes: measured.dynamoDbItemBytes,
          alertsPerEvent: 0,
          archiveBytesRatio,
        },
      ),
    );
    const naive = estimateMonthlyCost(
      workload,
      settings,
      prices,
      assumptionsFor(
        result.domain,
        {
          ingestMsPerRequest: 5 + DEFAULT_ASSUMPTIONS.eventsPerApiRequest * options.roundTripMs,
          consumerMsPerInvocation: measured.naiveConsumerRoundTripsPerInvocation * options.roundTripMs,
          consumerMsPerRecord: cpuMsPerRecord,
        },
        { itemsWrittenPerEvent: 1, itemsReadPerEvent: 0, itemBytes: measured.naiveDynamoDbItemBytes, alertsPerEvent: 0, archiveBytesRatio: 1 },
      ),
    );
    return {
      domain: result.domain,
      project: perMillion(project),
      naive: perMillion(naive),
    };
  });
}

export function formatCostPerMillion(results: readonly CostPerMillion[]): string {
  const rows: string[][] = [];
  for (const result of results) {
    const services = [...new Set([...Object.keys(result.project.byService), ...Object.keys(result.naive.byService)])];
    for (const service of services) {
      rows.push([result.domain, service, (result.project.byService[service] ?? 0).toFixed(3), (result.naive.byService[service] ?? 0).toFixed(3)]);
    }
    rows.push([result.domain, 'total', result.project.usdPerMillion.toFixed(3), result.naive.usdPerMillion.toFixed(3)]);
  }
  return formatTable(['domain', 'service', 'project $/M events', 'naive $/M events'], rows, [2, 3]);
}
