// The producer APIs fuzzed (fast-check): malformed and boundary requests get a 4xx, never a 5xx, and a rejected
// request writes nothing. 10,000 runs per API through the real handler with a recording Kinesis stub, then a
// sample through the local cloud's HTTP API against the real stream.
import fc from 'fast-check';
import { mockClient } from 'aws-sdk-client-mock';
import { KinesisClient, PutRecordsCommand, type PutRecordsCommandInput } from '@aws-sdk/client-kinesis';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { coffeeTransaction } from '../fixtures';
import { useLocalCloud } from '../local-cloud-fixture';
import { producerRequests, type ProducerApi, type ProducerRequest } from './producer-inputs';

const seed = Number(process.env.FUZZ_SEED ?? 8_2026);
const IN_PROCESS_RUNS = 10_000;
const HTTP_RUNS = 300;

let counter = 0;
const nextUuid = (): string => `00000000-0000-4000-8000-${(++counter).toString(16).padStart(12, '0')}`;
const past = (minutes: number): string => new Date(Date.now() - minutes * 60_000).toISOString();

/** `consumer`: the function whose mapping reads the API's stream. */
const apis: Array<ProducerApi & { module: string; consumer: string }> = [
  {
    module: '../../../functions/clickstream/ingest',
    consumer: 'clickstreamConsume',
    path: 'clickstream/events',
    field: 'events',
    valid: () => ({
      schemaVersion: 1,
      eventId: nextUuid(),
      eventType: 'page_view',
      occurredAt: past(1),
      sessionId: 'fuzz-session',
      anonymousId: 'fuzz-anon',
      page: { url: 'https://shop.example.com/p/1', path: '/p/1' },
      device: { type: 'desktop' },
    }),
  },
  {
    module: '../../../functions/iot/ingest',
    consumer: 'iotConsume',
    path: 'iot/telemetry',
    field: 'readings',
    valid: () => ({
      schemaVersion: 1,
      readingId: nextUuid(),
      deviceId: 'fuzz-device',
      deviceType: 'cold-storage',
      sequence: 1,
      occurredAt: past(1),
      metrics: { temperature: 4.5, humidity: 60, battery: 90 },
    }),
  },
  {
    module: '../../../functions/payments/ingest',
    consumer: 'paymentsScore',
    path: 'payments/transactions',
    field: 'transactions',
    valid: () => coffeeTransaction('card_fuzz', past(1), { transactionId: nextUuid(), merchantId: 'm-fuzz' }),
  },
];

type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

const context = { functionName: 'fuzz', awsRequestId: 'fuzz-request', invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:fuzz' } as Context;

function proxyEvent(path: string, request: ProducerRequest): APIGatewayProxyEvent {
  return { ...request, httpMethod: 'POST', path: `/${path}`, resource: `/${path}` } as unknown as APIGatewayProxyEvent;
}

const acceptedCount = (result: { statusCode: number; body: string }): number =>
  result.statusCode === 202 ? Number((JSON.parse(result.body) as { accepted?: number }).accepted ?? 0) : 0;

describe(`producer APIs, fuzzed in process through the real handlers (FUZZ_SEED=${seed})`, () => {
  const kinesis = mockClient(KinesisClient);
  const written: PutRecordsCommandInput[] = [];

  beforeAll(() => {
    Object.assign(process.env, {
      STREAM_NAME: 'fuzz-stream',
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'fuzz',
      AWS_SECRET_ACCESS_KEY: 'fuzz',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      POWERTOOLS_METRICS_DISABLED: 'true',
      POWERTOOLS_METRICS_NAMESPACE: 'fuzz',
    });
    kinesis.on(PutRecordsCommand).callsFake((input: PutRecordsCommandInput) => {
      written.push(input);
      return { FailedRecordCount: 0, Records: (input.Records ?? []).map((_, index) => ({ SequenceNumber: String(index + 1), ShardId: 'shardId-000000000000' })) };
    });
  });
  afterAll(() => kinesis.restore());
  // Powertools Metrics warns after every invocation without metrics: 30,000 identical lines.
  const restore: Array<() => void> = [];
  beforeAll(() => restore.push(...[process.stdout, process.stderr].map((stream) => dropLines(stream, 'No application metrics to publish'))));
  afterAll(() => restore.forEach((undo) => undo()));

  test.each(apis)('$path: 4xx for what it rejects, never 5xx, and nothing written unless accepted', async (api) => {
    const { handler } = (await import(api.module)) as { handler: Handler };
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(producerRequests(api), async (request) => {
        written.length = 0;
        const result = await handler(proxyEvent(api.path, request), context);
        statuses.set(result.statusCode, (statuses.get(result.statusCode) ?? 0) + 1);
        const records = written.reduce((sum, input) => sum + (input.Records?.length ?? 0), 0);
        if (result.statusCode === 202) return records === acceptedCount(result);
        return result.statusCode >= 400 && result.statusCode < 500 && records === 0;
      }),
      { numRuns: IN_PROCESS_RUNS, seed },
    );
    // Not vacuous: the generator reaches every rejection the handler has.
    expect([...statuses.keys()].sort()).toEqual(expect.arrayContaining([400, 413, 415]));
  }, 180_000);
});

describe(`producer APIs, fuzzed through the local cloud's HTTP API (FUZZ_SEED=${seed})`, () => {
  const cloud = useLocalCloud();

  test.each(apis)('$path: 4xx for what it rejects, and the stream only holds what was accepted', async (api) => {
    const mapping = cloud().mappings.find((candidate) => candidate.config.functionName.endsWith(api.consumer));
    expect(mapping).toBeDefined();
    await cloud().drainStreams();
    const before = mapping!.stats().totals.recordsRead;
    let accepted = 0;
    const problems: string[] = [];
    for (const request of fc.sample(producerRequests(api), { numRuns: HTTP_RUNS, seed })) {
      const { status, body } = await postUntilNotThrottled(cloud().apiUrl, cloud().apiKeys[0]?.value ?? '', api.path, request);
      if (status === 202) accepted += acceptedCount({ statusCode: status, body });
      else if (status < 400 || status >= 500) problems.push(`${status} for ${JSON.stringify(request).slice(0, 300)}`);
    }
    await cloud().drainStreams();
    expect({ seed, problems, written: mapping!.stats().totals.recordsRead - before }).toEqual({ seed, problems: [], written: accepted });
  }, 180_000);
});

/** The usage plan allows 100 requests/s; a 429 comes from API Gateway before the function, so the same request is sent again. */
async function postUntilNotThrottled(apiUrl: string, apiKey: string, path: string, request: ProducerRequest): Promise<{ status: number; body: string }> {
  for (;;) {
    const body = request.body === null ? undefined : Buffer.from(request.body, request.isBase64Encoded ? 'base64' : 'utf8');
    const response = await fetch(`${apiUrl}/${path}`, { method: 'POST', headers: { ...request.headers, 'x-api-key': apiKey }, body });
    const text = await response.text();
    if (response.status !== 429) return { status: response.status, body: text };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Drops writes containing `text`; returns the undo. */
function dropLines(stream: NodeJS.WriteStream, text: string): () => void {
  const write = stream.write.bind(stream);
  const filtered = (chunk: string | Uint8Array, ...rest: unknown[]): boolean =>
    String(chunk).includes(text) ? true : (write as (...args: unknown[]) => boolean)(chunk, ...rest);
  stream.write = filtered;
  return () => {
    stream.write = write;
  };
}
