import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { formatProducerTimestamp, putMedia, PutMediaError, signPutMediaRequest } from '../../../../scripts/camera/put-media';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const signingDate = new Date('2026-01-01T00:00:00Z');

describe('PutMedia signing', () => {
  it('signs the stream headers with SigV4 for the kinesisvideo service', async () => {
    const headers = await signPutMediaRequest({
      dataEndpoint: 'https://s-1234abcd.kinesisvideo.eu-west-1.amazonaws.com',
      streamName: 'streaming-reference-dev-camera-front-door',
      region: 'eu-west-1',
      credentials,
      producerStartTimestampMs: 1_767_225_600_042,
      signingDate,
    });
    expect(headers).toMatchObject({
      host: 's-1234abcd.kinesisvideo.eu-west-1.amazonaws.com',
      'x-amz-date': '20260101T000000Z',
      'x-amzn-stream-name': 'streaming-reference-dev-camera-front-door',
      'x-amzn-fragment-timecode-type': 'ABSOLUTE',
      'x-amzn-producer-start-timestamp': '1767225600.042',
      'transfer-encoding': 'chunked',
    });
    expect(headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20260101\/eu-west-1\/kinesisvideo\/aws4_request, SignedHeaders=host;x-amz-date;x-amzn-fragment-acknowledgment-required;x-amzn-fragment-timecode-type;x-amzn-producer-start-timestamp;x-amzn-stream-name, Signature=[0-9a-f]{64}$/,
    );
    const again = await signPutMediaRequest({ dataEndpoint: 'https://s-1234abcd.kinesisvideo.eu-west-1.amazonaws.com', streamName: 'streaming-reference-dev-camera-front-door', region: 'eu-west-1', credentials, producerStartTimestampMs: 1_767_225_600_042, signingDate });
    expect(again.authorization).toBe(headers.authorization);
  });

  it('formats producer timestamps as seconds with milliseconds', () => {
    expect(formatProducerTimestamp(1_767_225_600_005)).toBe('1767225600.005');
  });
});

describe('putMedia', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())));
    server = undefined;
  });

  async function serve(answer: (body: Buffer, headers: IncomingHttpHeaders) => string[]): Promise<string> {
    server = createServer((request, response) => {
      const parts: Buffer[] = [];
      request.on('data', (part: Buffer) => parts.push(part));
      request.on('end', () => {
        response.writeHead(200, { 'content-type': 'application/json' });
        for (const line of answer(Buffer.concat(parts), request.headers)) response.write(`${line}\n`);
        response.end();
      });
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server?.address() as AddressInfo).port}`;
  }

  const base = { streamName: 'camera-stream', region: 'us-east-1', credentials, producerStartTimestampMs: 1000, signingDate };

  it('streams the body chunked and resolves once every fragment is PERSISTED', async () => {
    let received: { body: string; headers: IncomingHttpHeaders } | undefined;
    const dataEndpoint = await serve((body, headers) => {
      received = { body: body.toString(), headers };
      return ['{"EventType":"RECEIVED","FragmentTimecode":1000}', '{"EventType":"PERSISTED","FragmentTimecode":1000}', '{"EventType":"PERSISTED","FragmentTimecode":2000}'];
    });
    const seen: string[] = [];
    const result = await putMedia({ ...base, dataEndpoint, body: [Buffer.from('head'), Buffer.from('er')], expectedFragments: [1000, 2000], onAck: (ack) => seen.push(ack.EventType) });
    expect(result.persisted).toEqual([1000, 2000]);
    expect(seen).toEqual(['RECEIVED', 'PERSISTED', 'PERSISTED']);
    expect(received?.body).toBe('header');
    expect(received?.headers['transfer-encoding']).toBe('chunked');
    expect(received?.headers.authorization).toMatch(/kinesisvideo\/aws4_request/);
  });

  it('fails with the ERROR acknowledgement', async () => {
    const dataEndpoint = await serve(() => ['{"EventType":"ERROR","FragmentTimecode":1000,"ErrorId":4006,"ErrorCode":"INVALID_MKV_DATA"}']);
    const failure = await putMedia({ ...base, dataEndpoint, body: [Buffer.from('x')], expectedFragments: [1000] }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PutMediaError);
    expect((failure as PutMediaError).ack?.ErrorCode).toBe('INVALID_MKV_DATA');
  });

  it('fails when the stream closes before every fragment is PERSISTED', async () => {
    const dataEndpoint = await serve(() => ['{"EventType":"PERSISTED","FragmentTimecode":1000}']);
    await expect(putMedia({ ...base, dataEndpoint, body: [Buffer.from('x')], expectedFragments: [1000, 2000] })).rejects.toThrow(
      new PutMediaError('PutMedia closed the acknowledgement stream before fragments 2000 were PERSISTED'),
    );
  });
});
