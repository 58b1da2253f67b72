// The simulator shell end to end against a loopback HTTP server: flags, real fetch, retries, summary, exit codes.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { clickEventSchema, type ClickEvent } from '../../../../shared/events/clickstream';
import { createClickstreamGenerator } from '../../../../scripts/simulate/clickstream-sessions';
import { runSimulatorCli, type SimulatorSpec } from '../../../../scripts/simulate/simulator-cli';

const spec: SimulatorSpec<ClickEvent, undefined> = {
  command: 'simulate',
  title: 'Clickstream simulation',
  summary: 'Simulates shoppers.',
  itemNoun: 'events',
  activeLabel: 'sessions',
  endpointPath: 'clickstream/events',
  createGenerator: ({ seed, rate }) => createClickstreamGenerator({ seed, targetRate: rate }),
};

type Handler = (events: ClickEvent[], request: IncomingMessage, response: ServerResponse) => void;

interface Receiver {
  url: string;
  events: ClickEvent[];
  close(): Promise<void>;
}

async function startReceiver(handle: Handler): Promise<Receiver> {
  const events: ClickEvent[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { events: ClickEvent[] };
      handle(body.events, request, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/local`,
    events,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const json = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
};

describe('runSimulatorCli', () => {
  let receiver: Receiver | undefined;
  let output: string[];
  let errors: string[];

  beforeEach(() => {
    output = [];
    errors = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((text) => output.push(String(text)) > 0);
    jest.spyOn(process.stderr, 'write').mockImplementation((text) => errors.push(String(text)) > 0);
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await receiver?.close();
    receiver = undefined;
  });

  it('posts valid events with the API key, retries only the ids a 503 names, and exits 0', async () => {
    let requests = 0;
    let failed: string[] = [];
    const batches: string[][] = [];
    const targets = new Set<string>();
    receiver = await startReceiver((events, request, response) => {
      targets.add(`${request.method} ${request.url} ${String(request.headers['x-api-key'])}`);
      requests++;
      if (requests === 1) {
        failed = events.slice(0, 2).map((event) => event.eventId);
        receiver!.events.push(...events.slice(2));
        return json(response, 503, { message: 'Partial failure', failed: failed.map((eventId) => ({ eventId })) }, { 'retry-after': '0' });
      }
      batches.push(events.map((event) => event.eventId));
      receiver!.events.push(...events);
      json(response, 202, { accepted: events.length, failed: 0 });
    });

    const code = await runSimulatorCli(spec, ['--events', '40', '--rate', '2000', '--batch-size', '20', '--api-url', receiver.url, '--api-key', 'test-key']);

    expect(errors).toEqual([]);
    expect(code).toBe(0);
    expect([...targets]).toEqual(['POST /local/clickstream/events test-key']);
    expect(receiver.events).toHaveLength(40);
    expect(new Set(receiver.events.map((event) => event.eventId)).size).toBe(40);
    expect(receiver.events.every((event) => clickEventSchema.safeParse(event).success)).toBe(true);
    expect(batches.filter((ids) => ids.some((id) => failed.includes(id)))).toEqual([failed]);
    const printed = output.join('');
    expect(printed).toContain(`Sending events to ${receiver.url}/clickstream/events (from flags)`);
    expect(printed).toContain('40 generated · 40 sent · 40 accepted · 0 rejected · 0 failed · 2 re-sent');
  });

  it('halts on 403 and exits 1 with the reason', async () => {
    receiver = await startReceiver((_events, _request, response) => json(response, 403, { message: 'Forbidden' }));

    const code = await runSimulatorCli(spec, ['--duration', '30', '--rate', '100', '--api-url', receiver.url, '--api-key', 'wrong']);

    expect(code).toBe(1);
    expect(output.join('')).toContain('halted by   403 Forbidden: check the API key');
  });

  it('exits 2 with a usage hint on a bad flag, and with directions when no API is configured', async () => {
    expect(await runSimulatorCli(spec, ['--rate', 'lots'])).toBe(2);
    expect(errors.join('')).toContain('npm run simulate -- --help');
    errors.length = 0;
    expect(await runSimulatorCli(spec, [], { env: {}, readLocalCloud: () => undefined })).toBe(2);
    expect(errors.join('')).toContain('npm start');
  });

  it('prints help and exits 0', async () => {
    expect(await runSimulatorCli(spec, ['--help'])).toBe(0);
    expect(output.join('')).toContain('Usage: npm run simulate -- [options]');
  });
});
