// `npm run simulate:iot` end to end against a loopback HTTP server: request body, own flags, truth file of accepted readings.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createIotIngestRequestSchema, type Reading } from '../../../../shared/events/iot';
import { parseTruthLog } from '../../../../scripts/simulate/ground-truth';
import { iotSimulator } from '../../../../scripts/simulate/iot';
import type { IotTruth } from '../../../../scripts/simulate/iot-devices';
import { runSimulatorCli } from '../../../../scripts/simulate/simulator-cli';

interface Receiver {
  url: string;
  paths: string[];
  accepted: Reading[];
  close(): Promise<void>;
}

/** Validates each request like the real API and answers 400 to the request numbers in `rejectRequests`. */
async function startReceiver(rejectRequests: ReadonlySet<number> = new Set()): Promise<Receiver> {
  const requestSchema = createIotIngestRequestSchema();
  const paths: string[] = [];
  const accepted: Reading[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      paths.push(`${request.method} ${request.url}`);
      const parsed = requestSchema.safeParse(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      const status = !parsed.success || rejectRequests.has(paths.length) ? 400 : 202;
      if (status === 202 && parsed.success) accepted.push(...parsed.data.readings);
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(status === 202 ? { accepted: 1, failed: 0 } : { message: 'Request validation failed' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/local`,
    paths,
    accepted,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('simulate:iot', () => {
  let receiver: Receiver | undefined;
  let directory: string;
  let output: string[];
  let errors: string[];

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'simulate-iot-'));
    output = [];
    errors = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((text) => output.push(String(text)) > 0);
    jest.spyOn(process.stderr, 'write').mockImplementation((text) => errors.push(String(text)) > 0);
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await receiver?.close();
    receiver = undefined;
    rmSync(directory, { recursive: true, force: true });
  });

  const run = (url: string, ...flags: string[]): Promise<number> =>
    runSimulatorCli(iotSimulator, ['--rate', '5000', '--linger', '5', '--api-url', url, '--api-key', 'k', ...flags]);

  it('posts { readings } to /iot/telemetry and writes the truth of every accepted reading', async () => {
    receiver = await startReceiver();
    const truthFile = join(directory, 'truth.jsonl');

    const code = await run(receiver.url, '--events', '1200', '--batch-size', '200', '--duplicate-share', '0.05', '--truth-file', truthFile);

    expect(errors).toEqual([]);
    expect(code).toBe(0);
    expect(new Set(receiver.paths)).toEqual(new Set(['POST /local/iot/telemetry']));
    expect(receiver.accepted).toHaveLength(1200);
    const truth = parseTruthLog<IotTruth>(readFileSync(truthFile, 'utf8'));
    expect(truth.map((line) => line.id).sort()).toEqual(receiver.accepted.map((reading) => reading.readingId).sort());
    expect(truth.filter((line) => line.truth.delivery === 'duplicate').length).toBeGreaterThan(0);
    const byId = new Map(receiver.accepted.map((reading) => [reading.readingId, reading]));
    expect(truth.every((line) => line.truth.deviceId === byId.get(line.id)?.deviceId)).toBe(true);
    expect(output.join('')).toContain(`ground truth of 1,200 accepted readings written to ${truthFile}`);
  });

  it('keeps the truth of rejected readings out of the truth file', async () => {
    receiver = await startReceiver(new Set([2]));
    const truthFile = join(directory, 'truth.jsonl');

    const code = await run(receiver.url, '--events', '300', '--batch-size', '100', '--concurrency', '1', '--truth-file', truthFile);

    expect(code).toBe(1);
    const truth = parseTruthLog<IotTruth>(readFileSync(truthFile, 'utf8'));
    expect(truth.length).toBeLessThan(300);
    expect(truth.map((line) => line.id).sort()).toEqual(receiver.accepted.map((reading) => reading.readingId).sort());
  });

  it('lists its own flags in the help, and exits 2 on a bad or foreign flag before sending anything', async () => {
    expect(await runSimulatorCli(iotSimulator, ['--help'])).toBe(0);
    const help = output.join('');
    for (const flag of ['--anomaly-share', '--dropout-share', '--dropout-minutes', '--out-of-order-share', '--duplicate-share', '--truth-file']) {
      expect(help).toContain(flag);
    }
    receiver = await startReceiver();
    expect(await run(receiver.url, '--anomaly-share', '1.5')).toBe(2);
    expect(await run(receiver.url, '--dropout-minutes', '0')).toBe(2);
    expect(await run(receiver.url, '--fraud-share', '0.1')).toBe(2);
    expect(await run(receiver.url, '--truth-file', join(directory, 'missing', 'truth.jsonl'))).toBe(2);
    expect(errors.join('')).toContain('--anomaly-share must be a number from 0 to below 1');
    expect(errors.join('')).toContain('npm run simulate:iot -- --help');
    expect(receiver.paths).toEqual([]);
  });
});
