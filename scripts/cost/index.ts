// `npm run cost`: the monthly AWS estimate for an event rate, as a table (with the prices used) or as JSON.
import { parseArgs } from 'node:util';
import { readDeploymentSettings } from './deployment-settings';
import { estimateMonthlyCost, HOURLY_MODULES, STREAM_MODULES, type CostEstimate, type CostModule } from './estimate';
import { pricesFor, type Price, type PriceTable, type TieredPrice } from './prices';
import { formatTable } from '../bench/table';

const HELP = `npm run cost -- [--events-per-sec N --event-bytes B] [options]

Estimates the monthly AWS bill of this app (us-east-1 list prices, no free tier) from serverless.yml's settings.

  --events-per-sec N   events per second over all selected stream modules, split evenly
                       (required with a stream module; flink and video alone need no event rate)
  --event-bytes B      bytes of one event as the producer sends it (required with a stream module)
  --modules LIST       comma-separated: ${[...STREAM_MODULES, ...HOURLY_MODULES].join(',')}
                       (default: ${STREAM_MODULES.join(',')}; flink and video bill by the hour and are opt-in)
  --region R           only us-east-1 is tabulated
  --json               machine-readable output
  --help`;

const ALL_MODULES: readonly string[] = [...STREAM_MODULES, ...HOURLY_MODULES];

function fail(message: string): never {
  console.error(`cost: ${message}\n\n${HELP}`);
  process.exit(2);
}

function positive(name: string, value: string | undefined): number {
  const parsed = Number(value);
  if (value === undefined || !Number.isFinite(parsed) || parsed <= 0) fail(`--${name} must be a positive number`);
  return parsed;
}

function parseModules(value: string | undefined): CostModule[] {
  if (value === undefined) return [...STREAM_MODULES];
  const modules = value.split(',').map((name) => name.trim()).filter((name) => name.length > 0);
  const unknown = modules.filter((name) => !ALL_MODULES.includes(name));
  if (unknown.length > 0) fail(`unknown module(s): ${unknown.join(', ')}`);
  return modules as CostModule[];
}

const usd = (value: number): string => `$${value < 10 ? value.toFixed(2) : value.toFixed(0)}`;
const quantity = (value: number): string =>
  value >= 1e6 ? `${(value / 1e6).toFixed(1)}M` : value >= 1e3 ? `${(value / 1e3).toFixed(1)}k` : value.toFixed(value < 10 ? 2 : 0);

function printEstimate(estimate: CostEstimate, prices: PriceTable): void {
  const { workload, settings } = estimate;
  const rate = estimate.eventsPerMonth > 0
    ? `${workload.eventsPerSecond} events/s of ${workload.eventBytes} B (${(estimate.eventsPerMonth / 1e6).toFixed(0)} M events/month), `
    : '';
  console.log(
    `Monthly estimate, ${prices.region}: ${rate}modules ${workload.modules.join(', ')}\n` +
      `serverless.yml: Kinesis ${settings.streamMode}, consumer batch ${settings.consumerBatchSize} / ${settings.consumerBatchWindowSeconds} s, ` +
      `Lambda ${settings.ingestMemoryMb} MB ingest / ${settings.consumerMemoryMb} MB consumer (arm64)\n`,
  );
  const rows = estimate.lines.map((entry) => [
    entry.service + (entry.alternative ? ' *' : ''),
    entry.module,
    entry.item,
    quantity(entry.quantity),
    entry.unit,
    usd(entry.usd),
  ]);
  console.log(formatTable(['service', 'module', 'item', 'quantity', 'unit', 'USD/month'], rows, [3, 5]));
  const perMillion = estimate.eventsPerMonth > 0 ? ` (${usd(estimate.usdPerMillionEvents)} per million events)` : '';
  console.log(`\nTotal: ${usd(estimate.totalUsd)}/month${perMillion}`);
  console.log(`* not in the total: Kinesis in the other capacity mode; total with it instead: ${usd(estimate.totalWithOtherKinesisModeUsd)}/month`);
  console.log('Assumptions (scripts/cost/estimate.ts DEFAULT_ASSUMPTIONS):');
  console.log(`  ${JSON.stringify(estimate.assumptions)}\n`);
  printPrices(prices);
}

function describePrice(price: Price | TieredPrice): string {
  return 'tiers' in price
    ? price.tiers.map((tier) => `$${tier.usd}${tier.upTo === undefined ? '' : ` ≤${quantity(tier.upTo)}`}`).join(', ')
    : `$${price.usd}`;
}

function printPrices(prices: PriceTable): void {
  const entries = Object.entries(prices).filter((entry): entry is [string, Price | TieredPrice] => typeof entry[1] === 'object');
  const rows = entries.map(([name, price]) => [name, describePrice(price), price.unit, price.confidence, price.asOf, price.source]);
  console.log('Prices used (scripts/cost/prices.ts; "unconfirmed" = not found in a source while writing, check before relying on it):');
  console.log(formatTable(['price', 'USD', 'per', 'confidence', 'as of', 'source'], rows, [1]));
}

function main(): void {
  const { values } = parseArgs({
    options: {
      'events-per-sec': { type: 'string' },
      'event-bytes': { type: 'string' },
      modules: { type: 'string' },
      region: { type: 'string', default: 'us-east-1' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const modules = parseModules(values.modules);
  const hasStreamModule = modules.some((module) => (STREAM_MODULES as readonly string[]).includes(module));
  const workload = {
    eventsPerSecond: hasStreamModule ? positive('events-per-sec', values['events-per-sec']) : 0,
    eventBytes: hasStreamModule ? positive('event-bytes', values['event-bytes']) : 0,
    modules,
  };
  let prices: PriceTable;
  try {
    prices = pricesFor(values.region ?? 'us-east-1');
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const estimate = estimateMonthlyCost(workload, readDeploymentSettings(), prices);
  if (values.json) console.log(JSON.stringify({ ...estimate, prices }, null, 2));
  else printEstimate(estimate, prices);
}

main();
