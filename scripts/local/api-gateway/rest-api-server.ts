// Serves the template's REST API (v1) over HTTP at /<stage>/<path>: API keys, usage plans, Lambda proxy integrations.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import type { FunctionInvoker, InvokeOutcome, ResolvedResource, Stoppable } from '../types';
import { gatewayResponse } from './gateway-responses';
import { buildProxyEvent, type ProxyRequest } from './proxy-event';
import { mapProxyResult, type HttpResponse } from './proxy-response';
import { findMethod, matchResource } from './resource-router';
import { compressResponse } from './response-compression';
import { buildRestApiModel, type ApiMethod, type ApiStage, type RestApiModel } from './rest-api-model';
import { UsagePlanEnforcer } from './usage-plans';
import { closeServer, listenOn, readBoundedBody } from '../http-endpoint';

/** REST API payload limit. */
export const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
/** REST API default integration timeout. */
export const DEFAULT_INTEGRATION_TIMEOUT_MS = 29_000;

/** Hop-by-hop headers end at the gateway; they are not part of the proxy event. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'upgrade']);

export interface RestApiOptions {
  resources: ResolvedResource[];
  invoker: FunctionInvoker;
  accountId: string;
  region: string;
  host?: string;
  /** 0 (default): an ephemeral port. */
  port?: number;
  /** Epoch milliseconds; drives usage-plan limits and the event's request time. */
  clock?: () => number;
  /** Used when a method's integration sets no TimeoutInMillis. */
  integrationTimeoutMs?: number;
  generateApiKeyValue?: () => string;
  /** Why requests failed (like API Gateway execution logs). Default: stderr. */
  log?: (line: string) => void;
}

export interface ApiKeyInfo {
  name: string;
  id: string;
  value: string;
}

export interface RestApi extends Stoppable {
  apiId: string;
  /** Invoke URL per stage, e.g. { dev: "http://127.0.0.1:54321/dev" }. */
  baseUrls: Record<string, string>;
  apiKeys: ApiKeyInfo[];
}

interface RequestIds {
  requestId: string;
  extendedRequestId: string;
  traceId: string;
}

type IntegrationResult = { kind: 'outcome'; outcome: InvokeOutcome } | { kind: 'timeout' } | { kind: 'invoke-failed'; error: unknown };

function newRequestIds(now: number): RequestIds {
  return {
    requestId: randomUUID(),
    extendedRequestId: randomBytes(11).toString('base64'),
    traceId: `Root=1-${Math.floor(now / 1000).toString(16)}-${randomBytes(12).toString('hex')}`,
  };
}

/** Reads the whole body; past the limit it keeps draining (so the client can read the 413) but stops storing. */
/** "/dev/clickstream/events?x=1" → stage "dev", path "/clickstream/events", query "x=1". */
function splitTarget(url: string): { stage: string; path: string; rawQuery: string | undefined } {
  const queryAt = url.indexOf('?');
  const pathname = queryAt < 0 ? url : url.slice(0, queryAt);
  const [, stage = '', ...rest] = pathname.split('/');
  return { stage, path: `/${rest.join('/')}`, rawQuery: queryAt < 0 ? undefined : url.slice(queryAt + 1) };
}

function sourceIpOf(request: IncomingMessage): string {
  return (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
}

/** The client's headers as sent, plus the ones API Gateway adds in front of the integration. */
function forwardedHeaders(request: IncomingMessage, ids: RequestIds, sourceIp: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  const raw = request.rawHeaders;
  for (let index = 0; index + 1 < raw.length; index += 2) {
    const name = raw[index] as string;
    const lower = name.toLowerCase();
    if (HOP_BY_HOP.has(lower) || lower === 'x-forwarded-for' || lower === 'x-forwarded-port' || lower === 'x-forwarded-proto' || lower === 'x-amzn-trace-id') continue;
    pairs.push([name, raw[index + 1] as string]);
  }
  const clientForwardedFor = request.headers['x-forwarded-for'];
  const forwardedFor = [clientForwardedFor, sourceIp].filter(Boolean).join(', ');
  pairs.push(['X-Amzn-Trace-Id', ids.traceId], ['X-Forwarded-For', forwardedFor], ['X-Forwarded-Port', String(request.socket.localPort ?? '')], ['X-Forwarded-Proto', 'http']);
  return pairs;
}

function firstHeader(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function send(response: ServerResponse, result: HttpResponse, ids: RequestIds): void {
  response.statusCode = result.statusCode;
  for (const { name, values } of result.headers.values()) response.setHeader(name, values.length === 1 ? (values[0] as string) : values);
  response.setHeader('x-amzn-RequestId', ids.requestId);
  response.setHeader('x-amz-apigw-id', ids.extendedRequestId);
  response.setHeader('X-Amzn-Trace-Id', ids.traceId);
  response.end(result.body);
}

async function invokeWithTimeout(invoker: FunctionInvoker, functionArn: string, event: unknown, timeoutMs: number): Promise<IntegrationResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<IntegrationResult>((resolve) => (timer = setTimeout(() => resolve({ kind: 'timeout' }), timeoutMs)));
  const invocation = invoker.invoke(functionArn, event).then(
    (outcome): IntegrationResult => ({ kind: 'outcome', outcome }),
    (error: unknown): IntegrationResult => ({ kind: 'invoke-failed', error }),
  );
  try {
    return await Promise.race([invocation, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

class RestApiHandler {
  private readonly enforcer: UsagePlanEnforcer;

  constructor(
    private readonly model: RestApiModel,
    private readonly options: RestApiOptions & { clock: () => number; log: (line: string) => void },
  ) {
    this.enforcer = new UsagePlanEnforcer(model, options.clock);
  }

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const receivedAt = this.options.clock();
    const ids = newRequestIds(receivedAt);
    const result = await this.respond(request, receivedAt, ids).catch((error: unknown) => {
      this.options.log(`${ids.requestId} Execution failed: ${String(error)}`);
      return gatewayResponse('INTEGRATION_FAILURE');
    });
    try {
      send(response, compressResponse(result, this.model.minimumCompressionSize, firstHeader(request, 'accept-encoding')), ids);
    } catch (error) {
      // Node refuses header values API Gateway would also reject (control characters): a malformed response.
      this.options.log(`${ids.requestId} Execution failed due to configuration error: Malformed Lambda proxy response (${String(error)})`);
      for (const name of response.getHeaderNames()) response.removeHeader(name);
      send(response, gatewayResponse('BAD_GATEWAY'), ids);
    }
  }

  private async respond(request: IncomingMessage, receivedAt: number, ids: RequestIds): Promise<HttpResponse> {
    const body = await readBoundedBody(request, MAX_PAYLOAD_BYTES);
    if (body === 'too-large') return gatewayResponse('REQUEST_TOO_LARGE');
    const target = splitTarget(request.url ?? '/');
    const stage = this.model.stages.get(target.stage);
    const match = stage && matchResource(this.model.root, target.path);
    const method = match && findMethod(match.resource, request.method ?? 'GET');
    if (!stage || !match || !method) return gatewayResponse('MISSING_AUTHENTICATION_TOKEN');
    let apiKey = null;
    if (method.apiKeyRequired) {
      const check = this.enforcer.check(firstHeader(request, 'x-api-key'), stage.name);
      if (!check.allowed) return gatewayResponse(check.rejection);
      apiKey = check.apiKey;
    }
    const sourceIp = sourceIpOf(request);
    const proxyRequest: ProxyRequest = {
      httpMethod: request.method ?? 'GET',
      path: target.path,
      rawQuery: target.rawQuery,
      headers: forwardedHeaders(request, ids, sourceIp),
      body,
      sourceIp,
      protocol: `HTTP/${request.httpVersion}`,
    };
    const event = buildProxyEvent(proxyRequest, match, {
      accountId: this.options.accountId,
      apiId: this.model.id,
      stage,
      domainName: firstHeader(request, 'host') ?? `${this.model.id}.execute-api.${this.options.region}.amazonaws.com`,
      requestId: ids.requestId,
      extendedRequestId: ids.extendedRequestId,
      requestTimeEpochMs: receivedAt,
      apiKey,
      binaryMediaTypes: this.model.binaryMediaTypes,
    });
    return this.integrate(method, stage, event, firstHeader(request, 'accept'), ids);
  }

  private async integrate(method: ApiMethod, stage: ApiStage, event: unknown, accept: string | undefined, ids: RequestIds): Promise<HttpResponse> {
    const timeoutMs = method.timeoutMs ?? this.options.integrationTimeoutMs ?? DEFAULT_INTEGRATION_TIMEOUT_MS;
    const result = await invokeWithTimeout(this.options.invoker, method.functionArn, event, timeoutMs);
    const log = (line: string): void => this.options.log(`${ids.requestId} (${stage.name} ${method.httpMethod}) ${line}`);
    if (result.kind === 'timeout') {
      log(`Execution failed due to a timeout error after ${timeoutMs} ms`);
      return gatewayResponse('INTEGRATION_TIMEOUT');
    }
    if (result.kind === 'invoke-failed') {
      log(`Execution failed due to configuration error: ${String(result.error)}`);
      return gatewayResponse('INTEGRATION_FAILURE');
    }
    if (result.outcome.kind === 'function-error') {
      log(`Lambda execution failed due to customer function error: ${result.outcome.errorType}: ${result.outcome.errorMessage}`);
      return gatewayResponse('BAD_GATEWAY');
    }
    const mapped = mapProxyResult(result.outcome.payload, accept, this.model.binaryMediaTypes);
    if (!mapped.ok) {
      log(`Execution failed due to configuration error: Malformed Lambda proxy response (${mapped.reason})`);
      return gatewayResponse('BAD_GATEWAY');
    }
    return mapped.response;
  }
}



export async function startRestApi(options: RestApiOptions): Promise<RestApi> {
  const model = buildRestApiModel(options.resources, { generateApiKeyValue: options.generateApiKeyValue });
  const handler = new RestApiHandler(model, {
    ...options,
    clock: options.clock ?? Date.now,
    log: options.log ?? ((line) => process.stderr.write(`[api ${model.id}] ${line}\n`)),
  });
  const inFlight = new Set<Promise<void>>();
  const server = createServer((request, response) => {
    const handling = handler.handle(request, response);
    inFlight.add(handling);
    void handling.finally(() => inFlight.delete(handling));
  });
  const host = options.host ?? '127.0.0.1';
  const address = await listenOn(server, host, options.port ?? 0);
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  let stopping: Promise<void> | undefined;
  return {
    apiId: model.id,
    baseUrls: Object.fromEntries([...model.stages.keys()].map((stage) => [stage, `${origin}/${stage}`])),
    apiKeys: model.apiKeys.map(({ name, id, value }) => ({ name, id, value })),
    stop(): Promise<void> {
      stopping ??= (async () => {
        const closed = closeServer(server);
        await Promise.allSettled([...inFlight]);
        server.closeAllConnections();
        await closed;
      })();
      return stopping;
    },
  };
}
