// Function host: fixture handlers bundled with esbuild and run in worker threads, as Lambda execution environments.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { InvokeOutcome, LambdaFunctionSpec } from '../../../../../scripts/local/types';
import { startFunctionHost, type FunctionHost } from '../../../../../scripts/local/functions/function-host';
import type { FunctionLogSink } from '../../../../../scripts/local/functions/log-sinks';

const projectRoot = path.resolve(__dirname, '../../../../..');
const account = '000000000000';

function spec(functionName: string, fixture: string, overrides: Partial<LambdaFunctionSpec> = {}): LambdaFunctionSpec {
  return {
    logicalId: `${functionName}LambdaFunction`,
    functionName,
    arn: `arn:aws:lambda:eu-west-1:${account}:function:${functionName}`,
    handler: `test/fixtures/functions/${fixture}`,
    environment: {},
    timeoutSeconds: 5,
    memorySizeMb: 256,
    roleArn: `arn:aws:iam::${account}:role/${functionName}`,
    ...overrides,
  };
}

function memorySink(): FunctionLogSink & { lines: string[] } {
  const lines: string[] = [];
  return { lines, write: (name, line) => lines.push(`[${name}] ${line}`), close: () => Promise.resolve() };
}

function okPayload(outcome: InvokeOutcome): Record<string, unknown> {
  if (outcome.kind !== 'ok') throw new Error(`expected ok, got ${outcome.errorType}: ${outcome.errorMessage}`);
  return outcome.payload as Record<string, unknown>;
}

describe('startFunctionHost', () => {
  let buildDir: string;
  let host: FunctionHost;
  const logs = memorySink();

  beforeAll(async () => {
    buildDir = await mkdtemp(path.join(tmpdir(), 'function-host-'));
    host = await startFunctionHost({
      projectRoot,
      buildDir,
      baseEnv: { AWS_ENDPOINT_URL: 'http://127.0.0.1:4566', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', GREETING: 'from base' },
      logSink: logs,
      maxEnvironmentsPerFunction: 2,
      functions: [
        spec('echo', 'echo.handler', { memorySizeMb: 384 }),
        spec('english', 'read-env.handler', { environment: { GREETING: 'hello' } }),
        spec('french', 'read-env.handler', { environment: { GREETING: 'bonjour' } }),
        spec('base-only', 'read-env.handler'),
        spec('throws', 'throws.handler'),
        spec('sleeps', 'sleeps.handler', { timeoutSeconds: 0.5 }),
        spec('callback', 'callback-style.handler'),
        spec('missing-export', 'echo.notExported'),
        spec('forgets-await', 'forgets-await.handler'),
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await host.stop();
    await rm(buildDir, { recursive: true, force: true });
  });

  it('returns the handler value after a JSON round trip, with a Lambda context', async () => {
    const outcome = await host.invoke('echo', { orderId: 'o-1', nested: { n: 1 } });

    const payload = okPayload(outcome);
    expect(payload.event).toEqual({ orderId: 'o-1', nested: { n: 1 } });
    expect(payload.at).toBe('1970-01-01T00:00:00.000Z');
    expect(payload.context).toEqual({
      functionName: 'echo',
      functionVersion: '$LATEST',
      invokedFunctionArn: `arn:aws:lambda:eu-west-1:${account}:function:echo`,
      memoryLimitInMB: '384',
      awsRequestId: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
      logGroupName: '/aws/lambda/echo',
      logStreamName: expect.stringMatching(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/) as unknown,
      remainingTimeIsPositive: true,
      callbackWaitsForEmptyEventLoop: true,
    });
  });

  it('answers to the function ARN and keeps the ARN the caller used', async () => {
    const arn = `arn:aws:lambda:eu-west-1:${account}:function:echo:$LATEST`;
    const payload = okPayload(await host.invoke(arn, {}));
    expect((payload.context as { invokedFunctionArn: string }).invokedFunctionArn).toBe(arn);
  });

  it('turns an undefined return value into a null payload', async () => {
    expect(await host.invoke('echo', { returnUndefined: true })).toMatchObject({ kind: 'ok', payload: null });
  });

  it('rejects an unknown function like the Invoke API', async () => {
    await expect(host.invoke('nope', {})).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('gives each function its own environment variables, also at module init', async () => {
    const [english, french, baseOnly] = await Promise.all([host.invoke('english', {}), host.invoke('french', {}), host.invoke('base-only', {})]);

    expect(okPayload(english)).toMatchObject({ greetingAtInit: 'hello', greeting: 'hello', functionName: 'english' });
    expect(okPayload(french)).toMatchObject({ greetingAtInit: 'bonjour', greeting: 'bonjour', functionName: 'french' });
    expect(okPayload(baseOnly)).toMatchObject({
      greeting: 'from base',
      memorySize: '256',
      version: '$LATEST',
      region: 'eu-west-1',
      defaultRegion: 'eu-west-1',
      logGroupName: '/aws/lambda/base-only',
      endpoint: 'http://127.0.0.1:4566',
    });
    expect(process.env.GREETING).toBeUndefined();
  });

  it('reports a thrown error by its name and message', async () => {
    const outcome = await host.invoke('throws', { reason: 'out of stock' });

    expect(outcome).toMatchObject({ kind: 'function-error', errorType: 'OrderRejectedError', errorMessage: 'out of stock' });
    expect(logs.lines).toContainEqual(expect.stringMatching(/^\[throws\] \S+Z\t[0-9a-f-]{36}\tERROR\trejecting order$/));
  });

  it('supports callback-style handlers', async () => {
    expect(await host.invoke('callback', { name: 'Ada' })).toMatchObject({ kind: 'ok', payload: { hello: 'Ada' } });
  });

  it('reports a missing handler export as Runtime.HandlerNotFound', async () => {
    expect(await host.invoke('missing-export', {})).toMatchObject({
      kind: 'function-error',
      errorType: 'Runtime.HandlerNotFound',
      errorMessage: 'test/fixtures/functions/echo.notExported is undefined or not exported',
    });
  });

  it('ends the environment on an unhandled rejection and starts a fresh one', async () => {
    expect(await host.invoke('forgets-await', { fail: false })).toMatchObject({ kind: 'ok', payload: 1 });
    expect(await host.invoke('forgets-await', { fail: true })).toMatchObject({
      kind: 'function-error',
      errorType: 'Runtime.UnhandledPromiseRejection',
      errorMessage: 'forgotten await',
    });
    expect(await host.invoke('forgets-await', { fail: false })).toMatchObject({ kind: 'ok', payload: 1 });
  });

  it('reuses a warm environment: module state survives between invocations', async () => {
    const first = okPayload(await host.invoke('echo', {}));
    const second = okPayload(await host.invoke('echo', {}));
    expect(second.invocationsInThisEnvironment).toBe((first.invocationsInThisEnvironment as number) + 1);
  });

  it('times out like Lambda and replaces the environment', async () => {
    const outcome = await host.invoke('sleeps', { ms: 60_000 });

    expect(outcome).toMatchObject({
      kind: 'function-error',
      errorType: 'Sandbox.Timedout',
      errorMessage: expect.stringMatching(/^RequestId: [0-9a-f-]{36} Error: Task timed out after 0\.50 seconds$/) as unknown,
    });
    expect(await host.invoke('sleeps', { ms: 1 })).toMatchObject({ kind: 'ok', payload: { maxOverlap: 1 } });
    expect(host.stats().find((stats) => stats.functionName === 'sleeps')).toMatchObject({ timeouts: 1, coldStarts: 2 });
  });

  it('runs one invocation per environment and starts more environments up to the limit', async () => {
    const outcomes = await Promise.all([1, 2, 3, 4, 5].map(() => host.invoke('sleeps', { ms: 50 })));

    const payloads = outcomes.map(okPayload);
    expect(payloads.every((payload) => payload.maxOverlap === 1)).toBe(true);
    expect(new Set(payloads.map((payload) => payload.logStreamName)).size).toBe(2);
    expect(host.stats().find((stats) => stats.functionName === 'sleeps')).toMatchObject({ environments: 2, busy: 0, queued: 0 });
  });

  it('writes START, END and REPORT lines for each invocation', () => {
    expect(logs.lines).toContainEqual(expect.stringMatching(/^\[echo\] START RequestId: [0-9a-f-]{36} Version: \$LATEST$/));
    expect(logs.lines).toContainEqual(expect.stringMatching(/^\[echo\] REPORT RequestId: [0-9a-f-]{36}\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 384 MB/));
  });
});
