// REST API emulation over real HTTP with a fake FunctionInvoker: routing, the proxy event, responses, errors, usage plans.
import { request as httpRequest } from 'node:http';
import { gunzipSync } from 'node:zlib';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { FunctionInvoker, InvokeOutcome } from '../../../../../scripts/local/types';
import { startRestApi, type RestApi } from '../../../../../scripts/local/api-gateway/rest-api-server';
import { ACCOUNT_ID, API_ID, apiResources, FILES_ARN, INGEST_ARN, ITEMS_ARN, REGION, type ApiResourceOptions } from './rest-api-resources';

const NOV_26_0800 = Date.UTC(2026, 10, 26, 8, 0, 0);
const PRODUCER_KEY = 'producer-key-value-0000000000000000000000';

class FakeInvoker implements FunctionInvoker {
  calls: Array<{ target: string; event: APIGatewayProxyEvent }> = [];
  respond: (event: APIGatewayProxyEvent) => Promise<InvokeOutcome> = () => Promise.resolve(ok({ statusCode: 200, body: '{"accepted":1}' }));

  invoke(target: string, event: unknown): Promise<InvokeOutcome> {
    this.calls.push({ target, event: event as APIGatewayProxyEvent });
    return this.respond(event as APIGatewayProxyEvent);
  }

  lastEvent(): APIGatewayProxyEvent {
    const call = this.calls.at(-1);
    if (!call) throw new Error('the function was not invoked');
    return call.event;
  }
}

function ok(payload: unknown): InvokeOutcome {
  return { kind: 'ok', payload, durationMs: 1 };
}

interface Harness {
  api: RestApi;
  invoker: FakeInvoker;
  clock: { now: number };
  logs: string[];
  url: (path: string) => string;
}

async function startHarness(options: ApiResourceOptions & { integrationTimeoutMs?: number } = {}): Promise<Harness> {
  const invoker = new FakeInvoker();
  const clock = { now: NOV_26_0800 };
  const logs: string[] = [];
  const api = await startRestApi({
    resources: apiResources({ producerKeyValue: PRODUCER_KEY, ...options }),
    invoker,
    accountId: ACCOUNT_ID,
    region: REGION,
    clock: () => clock.now,
    integrationTimeoutMs: options.integrationTimeoutMs,
    log: (line) => logs.push(line),
  });
  return { api, invoker, clock, logs, url: (path) => `${api.baseUrls.dev ?? ''}${path}` };
}

function postEvents(harness: Harness, headers: Record<string, string> = { 'x-api-key': PRODUCER_KEY }): Promise<Response> {
  return fetch(harness.url('/clickstream/events'), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{"events":[]}' });
}

async function expectGatewayError(response: Response, status: number, message: string): Promise<void> {
  expect({ status: response.status, body: await response.json() }).toEqual({ status, body: { message } });
}

/** fetch folds repeated headers into one; node:http can send them as separate lines (Host is then ours to add). */
function sendRawHeaders(url: string, rawHeaders: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: 'GET', headers: ['Host', new URL(url).host, ...rawHeaders] }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', reject);
    request.end();
  });
}

describe('startRestApi', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.api.stop());
  beforeEach(() => {
    harness.invoker.calls = [];
    harness.invoker.respond = () => Promise.resolve(ok({ statusCode: 200, body: '{"accepted":1}' }));
  });

  it('serves each stage at an invoke-URL-shaped base URL and exposes the API keys', () => {
    expect(harness.api.baseUrls).toEqual({ dev: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/dev$/) as unknown });
    expect(harness.api.apiKeys).toEqual([
      { name: 'streaming-reference-dev-producer', id: 'key0000001', value: PRODUCER_KEY },
      { name: 'disabled', id: 'key0000002', value: 'disabled-key-value-000000000000' },
      { name: 'planless', id: 'key0000003', value: 'planless-key-value-000000000000' },
    ]);
  });

  describe('the Lambda proxy event', () => {
    it('is the exact REST API event for a key-required POST', async () => {
      const response = await fetch(harness.url('/clickstream/events'), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Api-Key': PRODUCER_KEY, 'User-Agent': 'producer/1.0' },
        body: '{"events":[]}',
      });

      expect(response.status).toBe(200);
      expect(harness.invoker.calls.map((call) => call.target)).toEqual([INGEST_ARN]);
      const event = harness.invoker.lastEvent();
      expect(event).toEqual({
        resource: '/clickstream/events',
        path: '/clickstream/events',
        httpMethod: 'POST',
        headers: expect.objectContaining({
          'Content-Type': 'application/json',
          'X-Api-Key': PRODUCER_KEY,
          'User-Agent': 'producer/1.0',
          'X-Forwarded-For': '127.0.0.1',
          'X-Forwarded-Proto': 'http',
          'X-Amzn-Trace-Id': expect.stringMatching(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/) as unknown,
        }) as unknown,
        multiValueHeaders: expect.objectContaining({ 'Content-Type': ['application/json'], 'X-Api-Key': [PRODUCER_KEY] }) as unknown,
        queryStringParameters: null,
        multiValueQueryStringParameters: null,
        pathParameters: null,
        stageVariables: null,
        requestContext: {
          resourceId: 'res0000002',
          resourcePath: '/clickstream/events',
          httpMethod: 'POST',
          extendedRequestId: expect.stringMatching(/^[A-Za-z0-9+/]{15}=$/) as unknown,
          requestTime: '26/Nov/2026:08:00:00 +0000',
          path: '/dev/clickstream/events',
          accountId: ACCOUNT_ID,
          protocol: 'HTTP/1.1',
          stage: 'dev',
          domainPrefix: '127',
          requestTimeEpoch: NOV_26_0800,
          requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
          identity: {
            cognitoIdentityPoolId: null,
            accountId: null,
            cognitoIdentityId: null,
            caller: null,
            apiKey: PRODUCER_KEY,
            apiKeyId: 'key0000001',
            sourceIp: '127.0.0.1',
            principalOrgId: null,
            accessKey: null,
            cognitoAuthenticationType: null,
            cognitoAuthenticationProvider: null,
            userArn: null,
            userAgent: 'producer/1.0',
            user: null,
            clientCert: null,
          },
          domainName: expect.stringMatching(/^127\.0\.0\.1:\d+$/) as unknown,
          apiId: API_ID,
        },
        body: '{"events":[]}',
        isBase64Encoded: false,
      });
      expect(Object.keys(event.headers).map((name) => name.toLowerCase())).not.toContain('connection');
      expect(response.headers.get('x-amzn-requestid')).toBe(event.requestContext.requestId);
      expect(response.headers.get('x-amz-apigw-id')).toBe(event.requestContext.extendedRequestId);
    });

    it('routes {param} resources, keeps path parameters as sent, and splits the query string', async () => {
      await fetch(harness.url('/items/blue%20mug?tag=a&tag=b&q=x%20y'));

      const event = harness.invoker.lastEvent();
      expect(harness.invoker.calls.map((call) => call.target)).toEqual([ITEMS_ARN]);
      expect(event).toMatchObject({
        resource: '/items/{itemId}',
        path: '/items/blue%20mug',
        httpMethod: 'GET',
        pathParameters: { itemId: 'blue%20mug' },
        queryStringParameters: { tag: 'b', q: 'x y' },
        multiValueQueryStringParameters: { tag: ['a', 'b'], q: ['x y'] },
        body: null,
        requestContext: { resourceId: 'res0000004', path: '/dev/items/blue%20mug', identity: { apiKey: null, apiKeyId: null } },
      });
    });

    it('routes any method on a greedy {proxy+} resource', async () => {
      await fetch(harness.url('/files/reports/2026/11.csv'), { method: 'DELETE' });

      expect(harness.invoker.calls.map((call) => call.target)).toEqual([FILES_ARN]);
      expect(harness.invoker.lastEvent()).toMatchObject({ resource: '/files/{path+}', httpMethod: 'DELETE', pathParameters: { path: 'reports/2026/11.csv' } });
    });

    it('keeps the last value of a repeated header in headers and all of them in multiValueHeaders', async () => {
      const status = await sendRawHeaders(harness.url('/items/1'), ['X-Tenant', 'a', 'x-tenant', 'b']);

      expect(status).toBe(200);
      expect(harness.invoker.lastEvent()).toMatchObject({ headers: { 'X-Tenant': 'b' }, multiValueHeaders: { 'X-Tenant': ['a', 'b'] } });
    });
  });

  describe('the proxy response', () => {
    it('maps statusCode, headers, multiValueHeaders and body', async () => {
      harness.invoker.respond = () =>
        Promise.resolve(ok({ statusCode: 201, headers: { 'X-Order': '7', 'Content-Type': 'text/plain' }, multiValueHeaders: { 'Set-Cookie': ['a=1', 'b=2'] }, body: 'created' }));

      const response = await postEvents(harness);

      expect(response.status).toBe(201);
      expect(await response.text()).toBe('created');
      expect(response.headers.get('x-order')).toBe('7');
      expect(response.headers.get('content-type')).toBe('text/plain');
      expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    });

    it('defaults the content type to application/json and accepts a string status code', async () => {
      harness.invoker.respond = () => Promise.resolve(ok({ statusCode: '202', body: '{}' }));

      const response = await postEvents(harness);

      expect(response.status).toBe(202);
      expect(response.headers.get('content-type')).toBe('application/json');
    });

    it('returns base64 text as is when the API has no binary media types', async () => {
      harness.invoker.respond = () => Promise.resolve(ok({ statusCode: 200, body: Buffer.from('png').toString('base64'), isBase64Encoded: true }));

      const response = await fetch(harness.url('/items/1'), { headers: { accept: 'image/png' } });

      expect(await response.text()).toBe('cG5n');
    });

    it('compresses responses of at least MinimumCompressionSize bytes when the client accepts gzip', async () => {
      const body = 'x'.repeat(2048);
      harness.invoker.respond = () => Promise.resolve(ok({ statusCode: 200, body }));

      const response = await new Promise<{ encoding: string | undefined; body: Buffer }>((resolve, reject) => {
        httpRequest(harness.url('/items/1'), { headers: { 'accept-encoding': 'gzip' } }, (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('end', () => resolve({ encoding: incoming.headers['content-encoding'], body: Buffer.concat(chunks) }));
        })
          .on('error', reject)
          .end();
      });

      expect(response.encoding).toBe('gzip');
      expect(gunzipSync(response.body).toString()).toBe(body);
    });
  });

  describe('gateway errors', () => {
    it.each([
      ['an unknown path', 'GET', '/dev/nothing/here'],
      ['a method the resource does not define', 'GET', '/dev/clickstream/events'],
      ['a resource without methods', 'POST', '/dev/clickstream'],
      ['the root resource without methods', 'GET', '/dev'],
      ['an unknown stage', 'POST', '/prod/clickstream/events'],
      ['no stage', 'GET', '/'],
    ])('answers %s with 403 Missing Authentication Token', async (_case, method, path) => {
      const origin = new URL(harness.url('')).origin;
      const response = await fetch(`${origin}${path}`, { method, headers: { 'x-api-key': PRODUCER_KEY } });

      await expectGatewayError(response, 403, 'Missing Authentication Token');
      expect(response.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
      expect(harness.invoker.calls).toEqual([]);
    });

    it.each([
      ['no key', {}],
      ['an unknown key', { 'x-api-key': 'not-a-key' }],
      ['a disabled key', { 'x-api-key': 'disabled-key-value-000000000000' }],
      ['a key in no usage plan of the stage', { 'x-api-key': 'planless-key-value-000000000000' }],
    ])('answers a key-required method called with %s with 403 Forbidden', async (_case, headers: Record<string, string>) => {
      const response = await postEvents(harness, headers);

      await expectGatewayError(response, 403, 'Forbidden');
      expect(harness.invoker.calls).toEqual([]);
    });

    it('answers a function error with 502 and logs why', async () => {
      harness.invoker.respond = () => Promise.resolve({ kind: 'function-error', errorType: 'ValidationError', errorMessage: 'bad batch', durationMs: 1 });

      await expectGatewayError(await postEvents(harness), 502, 'Internal server error');
      expect(harness.logs.at(-1)).toContain('customer function error: ValidationError: bad batch');
    });

    it.each([
      ['no statusCode', { body: 'hi' }],
      ['an object body', { statusCode: 200, body: { a: 1 } }],
      ['a null payload', null],
      ['non-string header values', { statusCode: 200, headers: { a: { b: 1 } } }],
    ])('answers a malformed proxy response (%s) with 502', async (_case, payload) => {
      harness.invoker.respond = () => Promise.resolve(ok(payload));

      await expectGatewayError(await postEvents(harness), 502, 'Internal server error');
      expect(harness.logs.at(-1)).toContain('Malformed Lambda proxy response');
    });

    it('answers a failed invoke call with 500', async () => {
      harness.invoker.respond = () => Promise.reject(new Error('ResourceNotFoundException: Function not found'));

      await expectGatewayError(await postEvents(harness), 500, 'Internal server error');
    });

    it('answers a payload over 10 MB with 413 without invoking the function', async () => {
      const response = await fetch(harness.url('/items/1'), { method: 'POST', body: 'x'.repeat(10 * 1024 * 1024 + 1) });

      await expectGatewayError(response, 413, 'Request Too Long');
      expect(harness.invoker.calls).toEqual([]);
    });
  });
});

describe('startRestApi integration timeout', () => {
  it('answers 504 when the function does not answer within the integration timeout', async () => {
    const harness = await startHarness({ integrationTimeoutMs: 20 });
    harness.invoker.respond = () => new Promise<InvokeOutcome>(() => undefined);
    try {
      await expectGatewayError(await postEvents(harness), 504, 'Endpoint request timed out');
    } finally {
      await harness.api.stop();
    }
  });
});

describe('startRestApi binary media types', () => {
  it('base64-encodes matching request bodies and decodes base64 responses for a matching Accept header', async () => {
    const harness = await startHarness({ binaryMediaTypes: ['image/*'] });
    harness.invoker.respond = () => Promise.resolve(ok({ statusCode: 200, headers: { 'Content-Type': 'image/png' }, body: Buffer.from([0x89, 0x50]).toString('base64'), isBase64Encoded: true }));
    try {
      const response = await fetch(harness.url('/files/logo.png'), { method: 'PUT', headers: { 'content-type': 'image/png', accept: 'image/png' }, body: new Uint8Array([1, 2, 255]) });

      expect(harness.invoker.lastEvent()).toMatchObject({ body: Buffer.from([1, 2, 255]).toString('base64'), isBase64Encoded: true });
      expect([...new Uint8Array(await response.arrayBuffer())]).toEqual([0x89, 0x50]);
    } finally {
      await harness.api.stop();
    }
  });
});

describe('startRestApi usage plans', () => {
  it('throttles each key with a token bucket: BurstLimit at once, then RateLimit per second', async () => {
    const harness = await startHarness({ throttle: { BurstLimit: 2, RateLimit: 1 } });
    try {
      const statuses: number[] = [];
      for (let request = 0; request < 3; request += 1) statuses.push((await postEvents(harness)).status);
      expect(statuses).toEqual([200, 200, 429]);
      await expectGatewayError(await postEvents(harness), 429, 'Too Many Requests');

      harness.clock.now += 1000;
      expect((await postEvents(harness)).status).toBe(200);
      expect((await postEvents(harness)).status).toBe(429);
    } finally {
      await harness.api.stop();
    }
  });

  it('enforces the daily quota per key and resets it at midnight UTC', async () => {
    const harness = await startHarness({ quota: { Limit: 2, Period: 'DAY' } });
    try {
      expect((await postEvents(harness)).status).toBe(200);
      expect((await postEvents(harness)).status).toBe(200);
      await expectGatewayError(await postEvents(harness), 429, 'Limit Exceeded');

      harness.clock.now = Date.UTC(2026, 10, 27, 0, 0, 0);
      expect((await postEvents(harness)).status).toBe(200);
    } finally {
      await harness.api.stop();
    }
  });

  it('generates a 40-character value for a key without Value and accepts it', async () => {
    const invoker = new FakeInvoker();
    const api = await startRestApi({ resources: apiResources(), invoker, accountId: ACCOUNT_ID, region: REGION, log: () => undefined });
    try {
      const producer = api.apiKeys.find((key) => key.id === 'key0000001');
      expect(producer?.value).toMatch(/^[A-Za-z0-9]{40}$/);

      const response = await fetch(`${api.baseUrls.dev ?? ''}/clickstream/events`, { method: 'POST', headers: { 'x-api-key': producer?.value ?? '' }, body: '{}' });
      expect(response.status).toBe(200);
    } finally {
      await api.stop();
    }
  });
});
