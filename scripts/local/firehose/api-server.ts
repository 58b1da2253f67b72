// The Firehose JSON 1.1 endpoint (X-Amz-Target: Firehose_20150804.<Operation>) that the real SDK client talks to.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { FirehoseApiError, invokeOperation, type FirehoseApiContext } from './api-operations';
import type { FirehoseLogger } from './logger';
import { baseUrlOf, closeServer, listenOn, readBoundedBody } from '../http-endpoint';

export interface FirehoseApiServerOptions {
  host: string;
  /** 0 picks a free port; the bound one is in `url`. */
  port: number;
  context: FirehoseApiContext;
  logger: FirehoseLogger;
}

export interface FirehoseApiServer {
  /** e.g. http://127.0.0.1:4573, the value for AWS_ENDPOINT_URL_FIREHOSE. */
  url: string;
  close(): Promise<void>;
}

const TARGET_PREFIX = 'Firehose_20150804.';
const CONTENT_TYPE = 'application/x-amz-json-1.1';
/** 4 MiB of records grow by a third in base64; anything far beyond that is not a Firehose request. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;
const CLOSE_GRACE_MS = 5_000;

/**
 * Requests are not authenticated: SigV4 signatures are accepted unchecked, as a local endpoint with fake
 * credentials must, so any access key works.
 */
export async function startFirehoseApiServer({ host, port, context, logger }: FirehoseApiServerOptions): Promise<FirehoseApiServer> {
  const server = createServer((request, response) => void handleRequest(request, response, context, logger));
  const url = baseUrlOf(await listenOn(server, host, port));
  return { url, close: () => closeServer(server, { forceAfterMs: CLOSE_GRACE_MS }) };
}

async function handleRequest(request: IncomingMessage, response: ServerResponse, context: FirehoseApiContext, logger: FirehoseLogger): Promise<void> {
  try {
    const operation = operationOf(request);
    const input = parseJson(await readBody(request));
    reply(response, 200, invokeOperation(operation, input, context));
  } catch (error) {
    if (error instanceof FirehoseApiError) {
      reply(response, error.statusCode, { __type: error.type, message: error.message });
      return;
    }
    logger.error('request failed inside the emulator', { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    reply(response, 500, { __type: 'InternalFailure', message: 'The local Firehose failed to process the request; see its log.' });
  }
}

function operationOf(request: IncomingMessage): string {
  const target = request.headers['x-amz-target'];
  if (request.method !== 'POST' || typeof target !== 'string' || !target.startsWith(TARGET_PREFIX)) {
    throw new FirehoseApiError('UnknownOperationException', `Expected POST with X-Amz-Target: ${TARGET_PREFIX}<Operation>`);
  }
  return target.slice(TARGET_PREFIX.length);
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const body = await readBoundedBody(request, MAX_BODY_BYTES);
  if (body === 'too-large') throw new FirehoseApiError('RequestEntityTooLargeException', `Request body larger than ${MAX_BODY_BYTES} bytes`, 413);
  return body;
}

function parseJson(body: Buffer): unknown {
  if (body.byteLength === 0) return {};
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw new FirehoseApiError('SerializationException', 'The request body is not valid JSON');
  }
}

function reply(response: ServerResponse, statusCode: number, body: unknown): void {
  const payload = Buffer.from(JSON.stringify(body));
  response.writeHead(statusCode, {
    'content-type': CONTENT_TYPE,
    'content-length': payload.byteLength,
    'x-amzn-requestid': randomUUID(),
  });
  response.end(payload);
}

