// PutMedia client: a SigV4-signed (service "kinesisvideo") chunked POST /putMedia that streams MKV bytes while it
// reads the acknowledgement stream, and settles once every fragment is PERSISTED or one fails.
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createAckParser, describeAck, type PutMediaAck } from './put-media-acks';

export class PutMediaError extends Error {
  override name = 'PutMediaError';
  constructor(
    message: string,
    /** The ERROR acknowledgement, when the service sent one. */
    readonly ack?: PutMediaAck,
    readonly statusCode?: number,
  ) {
    super(message);
  }
}

export interface PutMediaSigningInput {
  /** The PUT_MEDIA data endpoint from GetDataEndpoint, e.g. https://s-1234abcd.kinesisvideo.eu-west-1.amazonaws.com */
  dataEndpoint: string;
  streamName: string;
  region: string;
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Producer timestamp of the first fragment, ms since the epoch. */
  producerStartTimestampMs: number;
  signingDate?: Date;
}

/** "seconds.milliseconds", as the KVS producer SDKs send x-amzn-producer-start-timestamp. */
export function formatProducerTimestamp(ms: number): string {
  return `${Math.floor(ms / 1000)}.${String(ms % 1000).padStart(3, '0')}`;
}

/**
 * Headers of a signed PutMedia request. The payload is streamed, so the signature covers the empty payload's hash
 * (as the KVS producer SDKs do); transfer-encoding is left unsigned, as SigV4 signers always treat it.
 */
export async function signPutMediaRequest(input: PutMediaSigningInput): Promise<Record<string, string>> {
  const url = new URL('/putMedia', input.dataEndpoint);
  const signer = new SignatureV4({ service: 'kinesisvideo', region: input.region, credentials: input.credentials, sha256: Sha256, applyChecksum: false });
  const signed = await signer.sign(
    {
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port === '' ? {} : { port: Number(url.port) }),
      path: url.pathname,
      query: {},
      headers: {
        host: url.host,
        'x-amzn-stream-name': input.streamName,
        'x-amzn-fragment-timecode-type': 'ABSOLUTE',
        'x-amzn-producer-start-timestamp': formatProducerTimestamp(input.producerStartTimestampMs),
        'x-amzn-fragment-acknowledgment-required': '1',
      },
    },
    input.signingDate === undefined ? {} : { signingDate: input.signingDate },
  );
  return { ...signed.headers, 'transfer-encoding': 'chunked' };
}

export interface PutMediaOptions extends PutMediaSigningInput {
  /** The MKV: header first, then clusters; pacing is up to the iterable. */
  body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
  /** Fragment (cluster) timecodes that must be PERSISTED before the call succeeds. */
  expectedFragments: readonly number[];
  onAck?: (ack: PutMediaAck) => void;
  /** Give up waiting for acknowledgements after this long (default 60 s). */
  timeoutMs?: number;
}

export interface PutMediaResult {
  acks: PutMediaAck[];
  persisted: number[];
}

async function writeBody(request: ClientRequest, body: PutMediaOptions['body'], stopped: () => boolean): Promise<void> {
  for await (const chunk of body) {
    if (stopped()) return;
    if (!request.write(chunk)) await new Promise<void>((resolve) => request.once('drain', resolve));
  }
  if (!stopped()) request.end();
}

function readErrorResponse(response: IncomingMessage): Promise<PutMediaError> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    response.on('data', (part: Buffer) => parts.push(part));
    response.on('end', () => {
      const type = response.headers['x-amzn-errortype'];
      const text = Buffer.concat(parts).toString('utf8').slice(0, 500);
      resolve(new PutMediaError(`PutMedia answered HTTP ${response.statusCode}${typeof type === 'string' ? ` ${type.split(':')[0]}` : ''}: ${text}`, undefined, response.statusCode));
    });
  });
}

export async function putMedia(options: PutMediaOptions): Promise<PutMediaResult> {
  const headers = await signPutMediaRequest(options);
  const url = new URL('/putMedia', options.dataEndpoint);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const waiting = new Set(options.expectedFragments);
  const acks: PutMediaAck[] = [];
  const persisted: number[] = [];
  return new Promise<PutMediaResult>((resolve, reject) => {
    let settled = false;
    const request = send(url, { method: 'POST', headers });
    const timer = setTimeout(() => finish(new PutMediaError(`no PERSISTED acknowledgement within ${options.timeoutMs ?? 60_000} ms for fragments ${[...waiting].join(', ')}`)), options.timeoutMs ?? 60_000);
    function finish(error?: Error): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      if (error === undefined) resolve({ acks, persisted });
      else reject(error);
    }
    const onAck = (ack: PutMediaAck): void => {
      acks.push(ack);
      options.onAck?.(ack);
      if (ack.EventType === 'ERROR') finish(new PutMediaError(`PutMedia failed: ${describeAck(ack)}`, ack));
      if (ack.EventType === 'PERSISTED' && ack.FragmentTimecode !== undefined && waiting.delete(ack.FragmentTimecode)) persisted.push(ack.FragmentTimecode);
      if (waiting.size === 0) finish();
    };
    request.on('error', (error) => finish(new PutMediaError(`PutMedia connection failed: ${error.message}`)));
    request.on('response', (response) => {
      if (response.statusCode !== 200) {
        void readErrorResponse(response).then(finish);
        return;
      }
      const parser = createAckParser();
      const handle = (produce: () => PutMediaAck[]): void => {
        try {
          produce().forEach(onAck);
        } catch (error) {
          finish(error as Error);
        }
      };
      response.on('data', (chunk: Buffer) => handle(() => parser.push(chunk)));
      response.on('end', () => {
        handle(() => parser.end());
        finish(new PutMediaError(`PutMedia closed the acknowledgement stream before fragments ${[...waiting].join(', ')} were PERSISTED`));
      });
      response.on('error', (error) => finish(new PutMediaError(`acknowledgement stream failed: ${error.message}`)));
    });
    writeBody(request, options.body, () => settled).catch((error: unknown) => finish(error instanceof Error ? error : new Error(String(error))));
  });
}
