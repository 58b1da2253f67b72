// Counts AWS SDK calls at the middleware level (every HTTP attempt, retries included) and can answer them in-process instead of over the network.
import { KinesisClient } from '@aws-sdk/client-kinesis';

/** One HTTP attempt of an SDK call, as AWS would bill or throttle it. */
export interface SdkCall {
  /** From X-Amz-Target, e.g. "Kinesis_20131202.PutRecords" → service "Kinesis", operation "PutRecords". */
  service: string;
  operation: string;
  requestBytes: number;
  /** Records, messages or keys the request carries (1 for single-item calls). */
  entries: number;
  /** The parsed JSON request body (every service the app writes to speaks a JSON protocol). */
  body: unknown;
}

/** Answers a call without the network: status and a JSON body, exactly as the service would send them. */
export type InProcessTransport = (call: SdkCall) => { status: number; body: unknown };

export type SdkCallListener = (call: SdkCall) => void;

interface HttpRequestLike {
  headers?: Record<string, string>;
  body?: unknown;
}

interface MiddlewareStackLike {
  add(middleware: unknown, options: { step: string; priority: string; name: string; override: boolean }): void;
}

type Handler = (args: { request?: unknown }) => Promise<unknown>;

const SERVICE_PREFIXES: ReadonlyArray<[RegExp, string]> = [
  [/^Kinesis_\d+$/, 'Kinesis'],
  [/^Firehose_\d+$/, 'Firehose'],
  [/^DynamoDB_\d+$/, 'DynamoDB'],
  [/^AmazonSQS$/, 'SQS'],
];

function headerValue(headers: Record<string, string> | undefined, name: string): string | undefined {
  const key = Object.keys(headers ?? {}).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : headers?.[key];
}

const utf8 = new TextDecoder();

function bodyText(body: unknown): string {
  if (typeof body === 'string') return body;
  // TextDecoder reads the bytes; the SDK's JSON body type warns when used as a string.
  if (body instanceof Uint8Array) return utf8.decode(body);
  return '';
}

/** Records of PutRecords/PutRecordBatch, SQS batch entries, keys of BatchGetItem, requests of BatchWriteItem; else 1. */
export function entriesOf(body: unknown): number {
  if (typeof body !== 'object' || body === null) return 1;
  const { Records, Entries, RequestItems } = body as { Records?: unknown; Entries?: unknown; RequestItems?: unknown };
  if (Array.isArray(Records)) return Records.length;
  if (Array.isArray(Entries)) return Entries.length;
  if (typeof RequestItems === 'object' && RequestItems !== null) {
    return Object.values(RequestItems).reduce<number>((sum, table: unknown) => {
      if (Array.isArray(table)) return sum + table.length;
      const keys = (table as { Keys?: unknown }).Keys;
      return sum + (Array.isArray(keys) ? keys.length : 0);
    }, 0);
  }
  return 1;
}

/** Pure: what a serialized request is, from its X-Amz-Target header and JSON body. */
export function describeRequest(request: HttpRequestLike): SdkCall {
  const target = headerValue(request.headers, 'x-amz-target') ?? 'Unknown.Unknown';
  const [prefix = 'Unknown', operation = 'Unknown'] = target.split('.');
  const service = SERVICE_PREFIXES.find(([pattern]) => pattern.test(prefix))?.[1] ?? prefix;
  const text = bodyText(request.body);
  let body: unknown = undefined;
  try {
    body = text.length > 0 ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    body = undefined;
  }
  return { service, operation, requestBytes: Buffer.byteLength(text), entries: entriesOf(body), body };
}

const CONTENT_TYPES: Record<string, string> = {
  Kinesis: 'application/x-amz-json-1.1',
  Firehose: 'application/x-amz-json-1.1',
  DynamoDB: 'application/x-amz-json-1.0',
  SQS: 'application/x-amz-json-1.0',
};

/**
 * The innermost middleware (deserialize step, low priority: below the SDK's deserializer), so it sees each signed
 * HTTP attempt. With a transport it returns the HTTP response itself, which the SDK's own deserializer then parses.
 */
export function createSdkCallMiddleware(listener: SdkCallListener, transport?: InProcessTransport) {
  return (next: Handler): Handler =>
    async (args) => {
      const call = describeRequest((args.request ?? {}));
      listener(call);
      if (transport === undefined) return next(args);
      const { status, body } = transport(call);
      const response = {
        statusCode: status,
        headers: { 'content-type': CONTENT_TYPES[call.service] ?? 'application/json', 'x-amzn-requestid': 'bench' },
        body: Buffer.from(JSON.stringify(body)),
      };
      return { response };
    };
}

/** Takes any SDK v3 client (their stacks differ in type parameters only). */
export function addSdkCallMiddleware(client: { middlewareStack: object }, listener: SdkCallListener, transport?: InProcessTransport): void {
  (client.middlewareStack as MiddlewareStackLike).add(createSdkCallMiddleware(listener, transport), {
    step: 'deserialize',
    priority: 'low',
    name: 'benchSdkCalls',
    override: true,
  });
}

type Send = (this: SendingClient, ...args: unknown[]) => unknown;

interface SendingClient {
  middlewareStack: MiddlewareStackLike;
  send: Send;
}

/**
 * Every SDK v3 client (handlers create theirs at module scope, through shared/aws/clients.ts) extends one smithy
 * `Client` class: wrapping its `send` adds the middleware to each client's stack on first use, without touching
 * the application. The DocumentClient shares its DynamoDB client's stack, hence the per-stack bookkeeping.
 */
export function instrumentAllSdkClients(listener: SdkCallListener, transport?: InProcessTransport): { restore(): void } {
  const base = Object.getPrototypeOf(KinesisClient.prototype) as SendingClient;
  const originalSend = base.send;
  const instrumented = new WeakSet<object>();
  let activeListener = listener;
  let activeTransport = transport ?? ((): { status: number; body: unknown } => ({ status: 500, body: {} }));
  base.send = function send(this: SendingClient, ...args: unknown[]): unknown {
    if (!instrumented.has(this.middlewareStack)) {
      addSdkCallMiddleware(this, (call) => activeListener(call), transport === undefined ? undefined : (call) => activeTransport(call));
      instrumented.add(this.middlewareStack);
    }
    return originalSend.apply(this, args);
  };
  return {
    restore: () => {
      base.send = originalSend;
      activeListener = () => undefined;
      activeTransport = () => ({ status: 500, body: { __type: 'BenchFinished', message: 'instrumentation removed' } });
    },
  };
}

/** Call counts by "Service.Operation", with entries and bytes, for reports. */
export interface CallTally {
  calls: number;
  entries: number;
  requestBytes: number;
}

export function createCallCounter(): { listener: SdkCallListener; tallies: () => Record<string, CallTally>; reset(): void } {
  let tallies = new Map<string, CallTally>();
  return {
    listener: (call) => {
      const key = `${call.service}.${call.operation}`;
      const tally = tallies.get(key) ?? { calls: 0, entries: 0, requestBytes: 0 };
      tally.calls += 1;
      tally.entries += call.entries;
      tally.requestBytes += call.requestBytes;
      tallies.set(key, tally);
    },
    // Copies, so a snapshot taken before a step can be compared with one taken after it.
    tallies: () => Object.fromEntries([...tallies].sort(([left], [right]) => left.localeCompare(right)).map(([key, tally]) => [key, { ...tally }])),
    reset: () => {
      tallies = new Map();
    },
  };
}
