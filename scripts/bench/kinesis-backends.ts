// Benchmark of the two local Kinesis backends (kinesis-local, moto): speed, memory and how faithfully each behaves like AWS.
import {
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  KinesisClient,
  ListShardsCommand,
  PutRecordCommand,
  PutRecordsCommand,
  StartStreamEncryptionCommand,
  type PutRecordsRequestEntry,
  type ShardIteratorType,
} from '@aws-sdk/client-kinesis';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { Agent } from 'node:http';
import { startKinesisLocal, startMoto, localAccountId, localRegion, type KinesisBackend } from '../local/emulators';
import { projectRoot } from '../local/emulators/process';
import { machineInfo } from './machine';
import type { Stoppable } from '../local/types';

const recordCount = 20_000;
const recordsPerCall = 500;
const recordBytes = 500;
const shardCount = 4;
const outputFile = join(projectRoot, 'bench-results', 'kinesis-backends.json');

interface FidelityCheck {
  pass: boolean;
  detail: string;
}

interface BackendResult {
  backend: KinesisBackend;
  startupMs: number;
  putRecordsPerSecond: number;
  readRecordsPerSecond: number;
  putRetries: number;
  /** Milliseconds of the first and the last 500-record call: kinesis-local slows down as the stream fills. */
  putCallMsFirstLast: [number, number];
  rssMbAfterLoad: number | undefined;
  fidelity: Record<string, FidelityCheck>;
}

interface RunningBackend extends Stoppable {
  endpoint: string;
  pid: number;
}

async function startBackend(backend: KinesisBackend): Promise<RunningBackend> {
  return backend === 'moto' ? startMoto({ name: 'bench-moto' }) : startKinesisLocal({ name: 'bench-kinesis-local' });
}

function kinesisClient(endpoint: string): KinesisClient {
  return new KinesisClient({
    endpoint,
    region: localRegion,
    credentials: { accessKeyId: localAccountId, secretAccessKey: 'bench' },
    // HTTP/1.1 (the emulators fail on HTTP/2), with room for kinesis-local's slow calls on a full stream.
    requestHandler: new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: true }), requestTimeout: 120_000 }),
    // Retries would hide a backend's errors (and double-count records after a half-failed call).
    maxAttempts: 1,
  });
}

async function benchmarkBackend(backend: KinesisBackend): Promise<BackendResult> {
  const started = performance.now();
  const server = await startBackend(backend);
  const startupMs = performance.now() - started;
  const kinesis = kinesisClient(server.endpoint);
  try {
    const streamName = 'bench-provisioned';
    await kinesis.send(new CreateStreamCommand({ StreamName: streamName, ShardCount: shardCount }));
    const streamArn = await waitUntilActive(kinesis, streamName);
    const sent = makeRecords(recordCount);

    const putStarted = performance.now();
    const { sequenceNumbers, retries, callMs } = await putAll(kinesis, streamName, sent);
    const putSeconds = (performance.now() - putStarted) / 1000;

    const readStarted = performance.now();
    const received = await readAll(kinesis, streamName, 'TRIM_HORIZON');
    const readSeconds = (performance.now() - readStarted) / 1000;

    const fidelity: Record<string, FidelityCheck> = {
      'all records read back once, intact': checkRoundTrip(sent, received),
      'sequence numbers AWS-shaped (56 digits)': checkSequenceNumbers(sequenceNumbers),
      'ListShards by StreamARN only': await check(() => checkListShardsByArn(kinesis, streamArn)),
      'AT_TIMESTAMP iterator': await check(() => checkAtTimestamp(kinesis, streamName)),
      '500-record PutRecords limit': await check(() => checkRecordLimit(kinesis, streamName)),
      '>1 MiB record rejected': await check(() => checkOversizeRecord(kinesis, streamName)),
      'on-demand stream mode': await check(() => checkOnDemand(kinesis)),
      'KMS encryption': await check(() => checkEncryption(kinesis)),
    };
    return {
      backend,
      startupMs: Math.round(startupMs),
      putRecordsPerSecond: Math.round(recordCount / putSeconds),
      readRecordsPerSecond: Math.round(received.length / readSeconds),
      putRetries: retries,
      putCallMsFirstLast: [Math.round(callMs[0] ?? 0), Math.round(callMs.at(-1) ?? 0)],
      rssMbAfterLoad: residentSetMb(server.pid),
      fidelity,
    };
  } finally {
    kinesis.destroy();
    await server.stop();
  }
}

function makeRecords(count: number): PutRecordsRequestEntry[] {
  const padding = 'x'.repeat(recordBytes);
  return Array.from({ length: count }, (_, index) => {
    const body = JSON.stringify({ id: index, user: `user-${index % 997}`, padding });
    return { PartitionKey: `user-${index % 997}`, Data: Buffer.from(body.slice(0, recordBytes - 1) + '}') };
  });
}

/** Sends every record in 500-record calls, resending the entries a response reports as failed. */
async function putAll(
  kinesis: KinesisClient,
  streamName: string,
  records: PutRecordsRequestEntry[],
): Promise<{ sequenceNumbers: string[]; retries: number; callMs: number[] }> {
  const sequenceNumbers: string[] = [];
  const callMs: number[] = [];
  let retries = 0;
  for (let offset = 0; offset < records.length; offset += recordsPerCall) {
    let pending = records.slice(offset, offset + recordsPerCall);
    while (pending.length) {
      const started = performance.now();
      const response = await kinesis.send(new PutRecordsCommand({ StreamName: streamName, Records: pending }));
      callMs.push(performance.now() - started);
      const failed: PutRecordsRequestEntry[] = [];
      (response.Records ?? []).forEach((result, index) => {
        if (result.SequenceNumber) sequenceNumbers.push(result.SequenceNumber);
        else failed.push(pending[index]!);
      });
      retries += failed.length;
      pending = failed;
    }
  }
  return { sequenceNumbers, retries, callMs };
}

interface ReceivedRecord {
  data: string;
  arrival: Date | undefined;
}

async function readAll(kinesis: KinesisClient, streamName: string, type: ShardIteratorType, timestamp?: Date): Promise<ReceivedRecord[]> {
  const { Shards: shards = [] } = await kinesis.send(new ListShardsCommand({ StreamName: streamName }));
  const perShard = await Promise.all(shards.map((shard) => readShard(kinesis, streamName, shard.ShardId!, type, timestamp)));
  return perShard.flat();
}

async function readShard(kinesis: KinesisClient, streamName: string, shardId: string, type: ShardIteratorType, timestamp?: Date): Promise<ReceivedRecord[]> {
  const received: ReceivedRecord[] = [];
  let { ShardIterator: iterator } = await kinesis.send(
    new GetShardIteratorCommand({ StreamName: streamName, ShardId: shardId, ShardIteratorType: type, Timestamp: timestamp }),
  );
  // An open shard always returns a next iterator: stop at an empty page at the tip (or after a few empty pages).
  for (let emptyPages = 0; iterator && emptyPages < 5; ) {
    const page = await kinesis.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 10_000 }));
    for (const record of page.Records ?? []) received.push({ data: Buffer.from(record.Data ?? []).toString(), arrival: record.ApproximateArrivalTimestamp });
    if (!page.Records?.length && (page.MillisBehindLatest ?? 0) === 0) break;
    emptyPages = page.Records?.length ? 0 : emptyPages + 1;
    iterator = page.NextShardIterator;
  }
  return received;
}

function checkRoundTrip(sent: PutRecordsRequestEntry[], received: ReceivedRecord[]): FidelityCheck {
  const expected = new Set(sent.map((record) => Buffer.from(record.Data!).toString()));
  const unique = new Set(received.map((record) => record.data));
  const intact = [...unique].every((data) => expected.has(data));
  const pass = received.length === sent.length && unique.size === sent.length && intact;
  return { pass, detail: `${received.length} read, ${unique.size} distinct, ${intact ? 'payloads intact' : 'payloads differ'}` };
}

function checkSequenceNumbers(sequenceNumbers: string[]): FidelityCheck {
  const shaped = sequenceNumbers.filter((sequence) => /^\d{56}$/.test(sequence)).length;
  return { pass: shaped === sequenceNumbers.length, detail: `e.g. "${sequenceNumbers[0] ?? ''}" (${shaped}/${sequenceNumbers.length} shaped)` };
}

async function checkListShardsByArn(kinesis: KinesisClient, streamArn: string): Promise<FidelityCheck> {
  const { Shards: shards = [] } = await kinesis.send(new ListShardsCommand({ StreamARN: streamArn }));
  return { pass: shards.length === shardCount, detail: `${shards.length} shards listed` };
}

/** Records written after time T, read with AT_TIMESTAMP T, must be exactly the later ones. */
async function checkAtTimestamp(kinesis: KinesisClient, streamName: string): Promise<FidelityCheck> {
  await sleep(1_100);
  const cutoff = new Date();
  await sleep(100);
  const later = makeRecords(10).map((record, index) => ({ ...record, Data: Buffer.from(`later-${index}`) }));
  await kinesis.send(new PutRecordsCommand({ StreamName: streamName, Records: later }));
  const received = await readAll(kinesis, streamName, 'AT_TIMESTAMP', cutoff);
  const pass = received.length === later.length && received.every((record) => record.data.startsWith('later-'));
  return { pass, detail: `${received.length} records at/after the timestamp (expected ${later.length})` };
}

async function checkRecordLimit(kinesis: KinesisClient, streamName: string): Promise<FidelityCheck> {
  const error = await failure(() => kinesis.send(new PutRecordsCommand({ StreamName: streamName, Records: makeRecords(501) })));
  return { pass: error !== undefined, detail: error ? `501 records → ${error}` : '501 records accepted' };
}

async function checkOversizeRecord(kinesis: KinesisClient, streamName: string): Promise<FidelityCheck> {
  const data = Buffer.alloc(1024 * 1024 + 1, 'a');
  const error = await failure(() => kinesis.send(new PutRecordCommand({ StreamName: streamName, PartitionKey: 'k', Data: data })));
  return { pass: error !== undefined, detail: error ? `1 MiB + 1 B → ${error}` : '1 MiB + 1 B accepted' };
}

async function checkOnDemand(kinesis: KinesisClient): Promise<FidelityCheck> {
  await kinesis.send(new CreateStreamCommand({ StreamName: 'bench-on-demand', StreamModeDetails: { StreamMode: 'ON_DEMAND' } }));
  await waitUntilActive(kinesis, 'bench-on-demand');
  const { StreamDescriptionSummary: summary } = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'bench-on-demand' }));
  const mode = summary?.StreamModeDetails?.StreamMode;
  return { pass: mode === 'ON_DEMAND' && summary?.OpenShardCount === 4, detail: `mode ${mode}, ${summary?.OpenShardCount} open shards (AWS starts with 4)` };
}

async function checkEncryption(kinesis: KinesisClient): Promise<FidelityCheck> {
  await kinesis.send(new CreateStreamCommand({ StreamName: 'bench-encrypted', ShardCount: 1 }));
  await waitUntilActive(kinesis, 'bench-encrypted');
  await kinesis.send(new StartStreamEncryptionCommand({ StreamName: 'bench-encrypted', EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' }));
  await waitUntilActive(kinesis, 'bench-encrypted');
  const { StreamDescriptionSummary: summary } = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'bench-encrypted' }));
  const put = await kinesis.send(new PutRecordsCommand({ StreamName: 'bench-encrypted', Records: makeRecords(1) }));
  const pass = summary?.EncryptionType === 'KMS' && put.EncryptionType === 'KMS';
  return { pass, detail: `stream ${summary?.EncryptionType}, PutRecords says ${put.EncryptionType ?? 'nothing'}` };
}

async function waitUntilActive(kinesis: KinesisClient, streamName: string): Promise<string> {
  for (let attempt = 0; attempt < 400; attempt += 1) {
    const { StreamDescriptionSummary: summary } = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: streamName }));
    if (summary?.StreamStatus === 'ACTIVE') return summary.StreamARN ?? '';
    await sleep(25);
  }
  throw new Error(`${streamName} did not become ACTIVE`);
}

async function check(run: () => Promise<FidelityCheck>): Promise<FidelityCheck> {
  try {
    return await run();
  } catch (error) {
    return { pass: false, detail: `error: ${describeError(error)}` };
  }
}

async function failure(run: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await run();
    return undefined;
  } catch (error) {
    return describeError(error);
  }
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return `${error.name}: ${error.message.split('\n')[0]?.slice(0, 100)}`;
}

function residentSetMb(pid: number): number | undefined {
  try {
    return Math.round(Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) / 1024);
  } catch {
    return undefined;
  }
}

function versions(): Record<string, string> {
  const kinesisLocal = JSON.parse(readFileSync(join(projectRoot, 'node_modules', 'kinesis-local', 'package.json'), 'utf8')) as { version: string };
  const sitePackages = join(projectRoot, '.venv', 'lib');
  const moto = readdirSync(sitePackages)
    .flatMap((python) => readdirSync(join(sitePackages, python, 'site-packages')))
    .find((entry) => /^moto-[\d.]+\.dist-info$/.test(entry));
  return { node: process.version, 'kinesis-local': kinesisLocal.version, moto: moto?.replace(/^moto-|\.dist-info$/g, '') ?? 'unknown' };
}

function printTable(results: BackendResult[]): void {
  const header = ['', ...results.map((result) => result.backend)];
  const rows: string[][] = [
    header,
    ['startup (ms)', ...results.map((result) => String(result.startupMs))],
    [`PutRecords (records/s, ${recordsPerCall}/call)`, ...results.map((result) => String(result.putRecordsPerSecond))],
    ['GetRecords (records/s)', ...results.map((result) => String(result.readRecordsPerSecond))],
    ['first / last PutRecords call (ms)', ...results.map((result) => result.putCallMsFirstLast.join(' / '))],
    ['entries resent after failures', ...results.map((result) => String(result.putRetries))],
    ['RSS after load (MB)', ...results.map((result) => String(result.rssMbAfterLoad ?? '?'))],
  ];
  for (const name of Object.keys(results[0]?.fidelity ?? {})) {
    rows.push([name, ...results.map((result) => `${result.fidelity[name]?.pass ? 'yes' : 'NO'}: ${result.fidelity[name]?.detail ?? ''}`)]);
  }
  const widths = header.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  for (const row of rows) console.log(row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  '));
}

async function main(): Promise<void> {
  const results: BackendResult[] = [];
  for (const backend of ['kinesis-local', 'moto'] as const) {
    console.log(`bench: ${backend}: ${recordCount} records of ${recordBytes} B into ${shardCount} shards…`);
    results.push(await benchmarkBackend(backend));
  }
  printTable(results);
  mkdirSync(join(outputFile, '..'), { recursive: true });
  const report = { benchmark: 'kinesis-backends', machine: machineInfo(), versions: versions(), recordCount, recordBytes, shardCount, results };
  writeFileSync(outputFile, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`bench: written to ${outputFile}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
