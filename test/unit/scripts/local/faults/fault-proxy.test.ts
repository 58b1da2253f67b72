// The proxy against a recording upstream: throttles and failed entries never reach it, crashes happen after it answered.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFaultProxy, type FaultProxy, type ProxiedExchange } from '../../../../../scripts/local/faults';

const signed = (service: string, target: string) => ({
  authorization: `AWS4-HMAC-SHA256 Credential=123456789012/20260726/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=0`,
  'x-amz-target': target,
  'content-type': 'application/x-amz-json-1.1',
});

describe('startFaultProxy', () => {
  let upstream: Server;
  let proxy: FaultProxy;
  const received: Array<Record<string, unknown>> = [];
  const exchanges: ProxiedExchange[] = [];

  beforeAll(async () => {
    upstream = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const request = JSON.parse(body || '{}') as { Records?: unknown[] };
        received.push(request);
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify({ FailedRecordCount: 0, Records: (request.Records ?? []).map((_, index) => ({ SequenceNumber: String(index + 1), ShardId: 'shardId-000000000000' })) }));
      });
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    proxy = await startFaultProxy({ upstreams: { default: url, kinesis: url }, seed: 42, accountId: '123456789012', onExchange: (exchange) => exchanges.push(exchange) });
  });

  afterAll(async () => {
    await proxy.stop();
    await new Promise((resolve) => upstream.close(resolve));
  });

  beforeEach(() => {
    received.length = 0;
    exchanges.length = 0;
    proxy.configure({});
  });

  const putRecords = (records: number) =>
    fetch(proxy.url, {
      method: 'POST',
      headers: signed('kinesis', 'Kinesis_20131202.PutRecords'),
      body: JSON.stringify({ StreamName: 'clicks', Records: Array.from({ length: records }, (_, index) => ({ PartitionKey: String(index), Data: 'eA==' })) }),
    });

  test('forwards untouched without a plan', async () => {
    const response = await putRecords(3);
    expect(response.status).toBe(200);
    expect(received).toHaveLength(1);
    expect((received[0]?.Records as unknown[]).length).toBe(3);
  });

  test('each forwarded call is shown to the observer with its request, answer and arrival time', async () => {
    const before = Date.now();
    await putRecords(2);
    expect(exchanges).toHaveLength(1);
    const [exchange] = exchanges;
    expect(exchange?.call.key).toBe('kinesis.PutRecords');
    expect(exchange?.status).toBe(200);
    expect((exchange?.request?.Records as unknown[]).length).toBe(2);
    expect(exchange?.answer).toMatchObject({ FailedRecordCount: 0 });
    expect(exchange?.receivedAt).toBeGreaterThanOrEqual(before);
  });

  test('a throttled call is answered with HTTP 400 and the AWS error shape, and never forwarded', async () => {
    proxy.configure({ throttle: { 'kinesis.*': 1 } });
    const before = proxy.injected('throttle', 'kinesis.PutRecords');
    const response = await putRecords(2);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ __type: 'ProvisionedThroughputExceededException' });
    expect(received).toHaveLength(0);
    expect(exchanges).toHaveLength(0);
    expect(proxy.injected('throttle', 'kinesis.PutRecords')).toBe(before + 1);
  });

  test('entries reported failed are not forwarded; the answer still has one result per entry', async () => {
    proxy.configure({ failEntries: { 'kinesis.PutRecords': 0.5 } });
    const response = await putRecords(40);
    const body = (await response.json()) as { FailedRecordCount: number; Records: Array<{ ErrorCode?: string }> };
    expect(body.Records).toHaveLength(40);
    const failed = body.Records.filter((record) => record.ErrorCode !== undefined).length;
    expect(failed).toBeGreaterThan(0);
    expect(body.FailedRecordCount).toBe(failed);
    expect((received[0]?.Records as unknown[]).length).toBe(40 - failed);
  });

  test('a crash rule lets the call through, then ends the function and drops the answer', async () => {
    const crashed: string[] = [];
    proxy.crashHandler = (functionName) => {
      crashed.push(functionName);
      return Promise.resolve(1);
    };
    proxy.configure({ crashes: [{ operation: 'kinesis.PutRecords', functionName: 'consumer', probability: 1, maxCrashes: 1 }] });
    await expect(putRecords(1)).rejects.toThrow();
    expect(received).toHaveLength(1);
    expect(crashed).toEqual(['consumer']);
    expect((await putRecords(1)).status).toBe(200); // maxCrashes reached
  });

  test('while unavailable every connection is dropped', async () => {
    proxy.setAvailable(false);
    // On a new connection: one kept alive from an earlier test is closed by setAvailable before a request reaches the proxy.
    const onNewConnection = new Promise<number | undefined>((resolve, reject) => {
      const call = request(proxy.url, { method: 'POST', agent: false, headers: signed('kinesis', 'Kinesis_20131202.PutRecords') }, (answer) => resolve(answer.statusCode));
      call.once('error', reject);
      call.end(JSON.stringify({ StreamName: 'clicks', Records: [{ PartitionKey: '1', Data: 'eA==' }] }));
    });
    await expect(onNewConnection).rejects.toThrow();
    proxy.setAvailable(true);
    expect(received).toHaveLength(0);
    expect(proxy.injected('refused')).toBeGreaterThan(0);
  });
});
