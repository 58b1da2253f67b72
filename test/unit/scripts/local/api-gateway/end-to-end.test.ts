// The REST API in front of the real function host: an HTTP request reaches a bundled handler in a worker and back.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startRestApi, type RestApi } from '../../../../../scripts/local/api-gateway/rest-api-server';
import { startFunctionHost, type FunctionHost } from '../../../../../scripts/local/functions/function-host';
import { ACCOUNT_ID, apiResources, INGEST_ARN, REGION } from './rest-api-resources';

const projectRoot = path.resolve(__dirname, '../../../../..');

describe('REST API with the function host', () => {
  let buildDir: string;
  let host: FunctionHost;
  let api: RestApi;

  beforeAll(async () => {
    buildDir = await mkdtemp(path.join(tmpdir(), 'api-end-to-end-'));
    host = await startFunctionHost({
      projectRoot,
      buildDir,
      baseEnv: {},
      logSink: { write: () => undefined, close: () => Promise.resolve() },
      functions: [
        {
          logicalId: 'ClickstreamIngestLambdaFunction',
          functionName: 'streaming-reference-dev-clickstreamIngest',
          arn: INGEST_ARN,
          handler: 'test/fixtures/functions/api-echo.handler',
          environment: {},
          timeoutSeconds: 10,
          memorySizeMb: 256,
          roleArn: `arn:aws:iam::${ACCOUNT_ID}:role/ingest`,
        },
      ],
    });
    api = await startRestApi({ resources: apiResources(), invoker: host, accountId: ACCOUNT_ID, region: REGION, log: () => undefined });
  }, 60_000);

  afterAll(async () => {
    await api.stop();
    await host.stop();
    await rm(buildDir, { recursive: true, force: true });
  });

  it('invokes the integrated function with the proxy event and returns its response', async () => {
    const key = api.apiKeys.find((apiKey) => apiKey.name === 'streaming-reference-dev-producer');

    const response = await fetch(`${api.baseUrls.dev ?? ''}/clickstream/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key?.value ?? '' },
      body: '{"events":[{"eventId":"e-1"}]}',
    });

    expect(response.status).toBe(201);
    expect(response.headers.get('x-function')).toBe('streaming-reference-dev-clickstreamIngest');
    expect(await response.json()).toEqual({ resource: '/clickstream/events', pathParameters: null, body: '{"events":[{"eventId":"e-1"}]}', apiKeyId: 'key0000001' });
  });
});
