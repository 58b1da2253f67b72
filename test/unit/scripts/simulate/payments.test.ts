// `npm run simulate:payments` end to end against a loopback HTTP server: request body, --fraud-share, truth file.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { paymentsIngestRequestSchema, type Transaction } from '../../../../shared/events/payments';
import { parseTruthLog } from '../../../../scripts/simulate/ground-truth';
import { paymentsSimulator } from '../../../../scripts/simulate/payments';
import type { PaymentTruth } from '../../../../scripts/simulate/payments-fraud';
import { runSimulatorCli } from '../../../../scripts/simulate/simulator-cli';

describe('simulate:payments', () => {
  let server: Server | undefined;
  let directory: string;
  let output: string[];

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'simulate-payments-'));
    output = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((text) => output.push(String(text)) > 0);
    jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await new Promise<void>((resolve) => {
      server?.closeAllConnections();
      if (server === undefined) resolve();
      else server.close(() => resolve());
    });
    server = undefined;
    rmSync(directory, { recursive: true, force: true });
  });

  /** Accepts valid requests like the real API; returns its base URL and what it took. */
  async function startReceiver(): Promise<{ url: string; paths: Set<string>; accepted: Transaction[] }> {
    const paths = new Set<string>();
    const accepted: Transaction[] = [];
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        paths.add(`${request.method} ${request.url}`);
        const parsed = paymentsIngestRequestSchema.safeParse(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        if (parsed.success) accepted.push(...parsed.data.transactions);
        response.writeHead(parsed.success ? 202 : 400, { 'content-type': 'application/json' });
        response.end(JSON.stringify(parsed.success ? { accepted: parsed.data.transactions.length, failed: 0 } : { message: 'Invalid' }));
      });
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}/local`, paths, accepted };
  }

  it('posts { transactions } to /payments/transactions and writes the truth of every accepted transaction', async () => {
    const receiver = await startReceiver();
    const truthFile = join(directory, 'truth.jsonl');

    const code = await runSimulatorCli(paymentsSimulator, [
      ...['--events', '1500', '--rate', '1500', '--linger', '5', '--batch-size', '250', '--fraud-share', '0.2'],
      ...['--api-url', receiver.url, '--api-key', 'k', '--truth-file', truthFile],
    ]);

    expect(code).toBe(0);
    expect([...receiver.paths]).toEqual(['POST /local/payments/transactions']);
    expect(receiver.accepted).toHaveLength(1500);
    const truth = parseTruthLog<PaymentTruth>(readFileSync(truthFile, 'utf8'));
    expect(truth.map((line) => line.id).sort()).toEqual(receiver.accepted.map((transaction) => transaction.transactionId).sort());
    // One simulated second: only the first transactions of the episodes begun have come due.
    const fraudulent = truth.filter((line) => line.truth.fraud);
    expect(fraudulent.length).toBeGreaterThan(10);
    expect(fraudulent.every((line) => line.truth.pattern !== undefined && line.truth.episodeId !== undefined)).toBe(true);
    expect(output.join('')).toContain('Card payments simulation: count reached');
  });

  it('exits 2 on a fraud share outside [0, 1)', async () => {
    const receiver = await startReceiver();
    expect(await runSimulatorCli(paymentsSimulator, ['--fraud-share', '1', '--api-url', receiver.url, '--api-key', 'k'])).toBe(2);
    expect(receiver.paths.size).toBe(0);
  });
});
