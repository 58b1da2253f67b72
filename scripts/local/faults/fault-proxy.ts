// A fault-injecting HTTP proxy between the SDK clients of the local cloud and its emulators: throttles, partial batch
// failures, crashes after a write, and outages, all seeded and counted so a test can prove the faults happened.
import { createServer, request as httpRequest, Agent, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Stoppable } from '../types';
import {
  JSON_CONTENT_TYPE,
  identifyCall,
  matchesCall,
  planEntryFailures,
  supportsEntryFailures,
  throttleResponse,
  type AwsCall,
  type SyntheticResponse,
} from './aws-json-faults';
import { seededRandom, type SeededRandom } from './seeded-random';

/** Patterns are "<service>.<Operation>" ("kinesis.PutRecords"), "<service>.*" or "*"; the first matching pattern wins. */
export interface FaultPlan {
  /** Share of matching calls answered with the service's throttling error instead of being forwarded. */
  throttle?: Record<string, number>;
  /** Share of the entries of PutRecords / PutRecordBatch / BatchWriteItem / BatchGetItem reported failed (never forwarded). */
  failEntries?: Record<string, number>;
  crashes?: CrashRule[];
}

/** After the emulator has applied a matching call, the function that made it dies before it sees the answer. */
export interface CrashRule {
  /** E.g. "dynamodb.PutItem". */
  operation: string;
  /** Only calls naming this table (the request's TableName). */
  tableName?: string;
  /** Its invocations in progress are ended, like a Lambda execution environment that crashes. */
  functionName: string;
  probability: number;
  /** Stop crashing after this many crashes (default: no limit). */
  maxCrashes?: number;
}

/** Where calls go after the proxy, by signing service; `default` serves every other service (moto). */
export type ProxyUpstreams = Record<string, string> & { default: string };

export interface FaultProxyOptions {
  upstreams: ProxyUpstreams;
  seed: number;
  /** Named in throttling messages, as AWS does. */
  accountId: string;
  host?: string;
  port?: number;
  /** Sees every forwarded call with its answer (not the faults the proxy answers itself), e.g. to follow a consumer's reads. */
  onExchange?: (exchange: ProxiedExchange) => void;
}

/** One call the proxy forwarded, with the upstream's answer. */
export interface ProxiedExchange {
  call: AwsCall;
  /** When the proxy received the request (epoch ms). */
  receivedAt: number;
  request: Record<string, unknown> | undefined;
  status: number;
  answer: Record<string, unknown> | undefined;
}

/** Injected faults so far, by "<kind> <service>.<Operation>"; kinds: throttle, failed-entry, partial-call, crash, refused. */
export type FaultCounters = Record<string, number>;

export type FaultKind = 'throttle' | 'failed-entry' | 'partial-call' | 'crash' | 'refused';

export interface FaultProxy extends Stoppable {
  url: string;
  seed: number;
  /** Replaces the plan; `{}` forwards everything untouched. */
  configure(plan: FaultPlan): void;
  /** Re-points a service, e.g. at a restarted emulator. */
  setUpstream(service: string, url: string): void;
  /** While unavailable every connection is dropped, as if the emulators were down. */
  setAvailable(available: boolean): void;
  /** Ends the running invocations of a function and resolves with how many; wired to the function host. */
  crashHandler: ((functionName: string) => Promise<number>) | undefined;
  counters(): FaultCounters;
  /** The sum of one kind of fault over the calls `pattern` names (default every call). */
  injected(kind: FaultKind, pattern?: string): number;
}

interface UpstreamAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'host', 'proxy-connection', 'upgrade']);

function firstShare(shares: Record<string, number> | undefined, call: AwsCall): number {
  const match = Object.entries(shares ?? {}).find(([pattern]) => matchesCall(pattern, call));
  return match?.[1] ?? 0;
}

function parseJsonObject(body: Buffer): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(body.toString('utf8')) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function readBody(message: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    message.on('data', (chunk: Buffer) => chunks.push(chunk));
    message.once('end', () => resolve(Buffer.concat(chunks)));
    message.once('error', reject);
  });
}

function forwardedHeaders(headers: IncomingHttpHeaders, bodyLength: number): Record<string, string | string[]> {
  const kept = Object.entries(headers).filter(
    (entry): entry is [string, string | string[]] => entry[1] !== undefined && !HOP_BY_HOP.has(entry[0]),
  );
  return { ...Object.fromEntries(kept), 'content-length': String(bodyLength) };
}

function sendAnswer(res: ServerResponse, answer: UpstreamAnswer): void {
  res.writeHead(answer.status, forwardedHeaders(answer.headers, answer.body.byteLength));
  res.end(answer.body);
}

function sendJson(res: ServerResponse, call: AwsCall, status: number, body: string, errorType?: string): void {
  const bytes = Buffer.from(body);
  res.writeHead(status, {
    'content-type': JSON_CONTENT_TYPE[call.service] ?? 'application/json',
    'content-length': String(bytes.byteLength),
    'x-amzn-requestid': randomUUID(),
    ...(errorType === undefined ? {} : { 'x-amzn-errortype': errorType }),
  });
  res.end(bytes);
}

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const upstreams: Record<string, string> = { ...options.upstreams };
  const random: SeededRandom = seededRandom(options.seed);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const counts = new Map<string, number>();
  const crashesByRule = new Map<CrashRule, number>();
  let plan: FaultPlan = {};
  let available = true;

  const count = (kind: FaultKind, call: AwsCall | undefined, amount = 1): void => {
    const key = `${kind} ${call?.key ?? 'unsigned'}`;
    counts.set(key, (counts.get(key) ?? 0) + amount);
  };

  function forward(req: IncomingMessage, call: AwsCall | undefined, body: Buffer): Promise<UpstreamAnswer> {
    const base = (call && upstreams[call.service]) ?? upstreams.default;
    const target = new URL(req.url ?? '/', base);
    return new Promise((resolve, reject) => {
      const upstream = httpRequest(
        target,
        { method: req.method, headers: { ...forwardedHeaders(req.headers, body.byteLength), host: target.host }, agent },
        (answer) => {
          readBody(answer)
            .then((answerBody) => resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: answerBody }))
            .catch(reject);
        },
      );
      upstream.once('error', reject);
      upstream.end(body);
    });
  }

  function crashRuleFor(call: AwsCall, request: Record<string, unknown> | undefined): CrashRule | undefined {
    return plan.crashes?.find(
      (rule) =>
        matchesCall(rule.operation, call) &&
        (rule.tableName === undefined || request?.TableName === rule.tableName) &&
        (rule.maxCrashes === undefined || (crashesByRule.get(rule) ?? 0) < rule.maxCrashes),
    );
  }

  async function answerWithEntryFailures(
    req: IncomingMessage,
    res: ServerResponse,
    call: AwsCall,
    request: Record<string, unknown>,
  ): Promise<boolean> {
    const share = firstShare(plan.failEntries, call);
    if (share <= 0 || !supportsEntryFailures(call)) return false;
    const failures = planEntryFailures(call, request, share, { accountId: options.accountId, random });
    if (failures === undefined) return false;
    let upstreamAnswer: Record<string, unknown> | undefined;
    if (failures.forward !== undefined) {
      const answer = await forward(req, call, Buffer.from(JSON.stringify(failures.forward)));
      // A rejected survivor request (validation, missing stream) is the client's answer as it stands.
      if (answer.status !== 200) {
        sendAnswer(res, answer);
        return true;
      }
      upstreamAnswer = parseJsonObject(answer.body);
    }
    count('failed-entry', call, failures.failedEntries);
    count('partial-call', call);
    sendJson(res, call, 200, JSON.stringify(failures.merge(upstreamAnswer)));
    return true;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = Date.now();
    const body = await readBody(req);
    if (!available) {
      count('refused', identifyCall(req.headers));
      req.socket.destroy();
      return;
    }
    const call = identifyCall(req.headers);
    const request = call === undefined ? undefined : parseJsonObject(body);
    if (call !== undefined && request !== undefined) {
      const throttle: SyntheticResponse | undefined = random.chance(firstShare(plan.throttle, call))
        ? throttleResponse(call, request, options.accountId, random)
        : undefined;
      if (throttle !== undefined) {
        count('throttle', call);
        sendJson(res, call, throttle.status, throttle.body, throttle.errorType);
        return;
      }
      if (await answerWithEntryFailures(req, res, call, request)) return;
    }
    const answer = await forward(req, call, body);
    if (call !== undefined) options.onExchange?.({ call, receivedAt, request, status: answer.status, answer: parseJsonObject(answer.body) });
    const crash = call === undefined || answer.status !== 200 ? undefined : crashRuleFor(call, request);
    if (crash !== undefined && random.chance(crash.probability)) {
      crashesByRule.set(crash, (crashesByRule.get(crash) ?? 0) + 1);
      count('crash', call, (await proxy.crashHandler?.(crash.functionName)) ?? 0);
      req.socket.destroy();
      return;
    }
    sendAnswer(res, answer);
  }

  const server = createServer((req, res) => {
    // An unreachable upstream (an emulator restarting) looks to the client like a dropped connection, as it would directly.
    handle(req, res).catch(() => req.socket.destroy());
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const { address, port } = server.address() as AddressInfo;
  let stopping: Promise<void> | undefined;

  const proxy: FaultProxy = {
    url: `http://${address}:${port}`,
    seed: options.seed,
    crashHandler: undefined,
    configure: (next) => {
      plan = next;
      crashesByRule.clear();
    },
    setUpstream: (service, url) => {
      upstreams[service] = url;
    },
    setAvailable: (next) => {
      available = next;
      // Kept-alive connections would otherwise carry on as if nothing happened.
      if (!next) server.closeIdleConnections();
    },
    counters: () => Object.fromEntries(counts),
    injected: (kind, pattern = '*') =>
      [...counts].reduce((sum, [key, value]) => {
        const [countedKind, callKey = ''] = key.split(' ');
        const [service = '', operation = ''] = callKey.split('.');
        return countedKind === kind && matchesCall(pattern, { service, operation, key: callKey }) ? sum + value : sum;
      }, 0),
    stop: () =>
      (stopping ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      })),
  };
  return proxy;
}
