// One HTTP server for both fakes: Rekognition by X-Amz-Target (JSON 1.1), KVS by path (REST-JSON), PutMedia streaming.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { ServiceError } from './service-error';
import { baseUrlOf, closeServer, listenOn, readBoundedBody } from '../http-endpoint';

export interface VideoRoutes {
  /** Rekognition operations by name (the part after "RekognitionService."). */
  rekognition: (operation: string, input: unknown) => Promise<unknown>;
  /** KVS REST-JSON operations (control plane and archived media) by path. */
  kvs: (path: string) => ((input: unknown) => unknown) | undefined;
  /** POST /putMedia: reads the body as it streams in and writes acknowledgements as it goes. */
  putMedia: (request: IncomingMessage, response: ServerResponse) => Promise<void>;
}

export interface VideoHttpServer {
  url: string;
  close(): Promise<void>;
}

const REKOGNITION_TARGET = 'RekognitionService.';
/** A 5 MB image grows by a third in base64; far beyond that is not a Rekognition or KVS JSON request. */
const MAX_JSON_BODY_BYTES = 16 * 1024 * 1024;
const CLOSE_GRACE_MS = 2_000;

/**
 * SigV4 signatures are accepted unchecked, as a local endpoint with fake credentials must.
 */
export async function startVideoHttpServer(host: string, port: number, routes: VideoRoutes, log: (line: string) => void): Promise<VideoHttpServer> {
  const server = createServer((request, response) => void dispatch(request, response, routes, log));
  const url = baseUrlOf(await listenOn(server, host, port));
  // PutMedia sessions still open after the grace period are cut.
  return { url, close: () => closeServer(server, { forceAfterMs: CLOSE_GRACE_MS }) };
}

async function dispatch(request: IncomingMessage, response: ServerResponse, routes: VideoRoutes, log: (line: string) => void): Promise<void> {
  const target = request.headers['x-amz-target'];
  const path = (request.url ?? '/').split('?')[0] ?? '/';
  try {
    if (typeof target === 'string' && target.startsWith(REKOGNITION_TARGET)) {
      const operation = target.slice(REKOGNITION_TARGET.length);
      await answerJson(request, response, 'rekognition', (input) => routes.rekognition(operation, input));
      return;
    }
    if (request.method === 'POST' && path === '/putMedia') {
      await routes.putMedia(request, response);
      return;
    }
    const operation = request.method === 'POST' ? routes.kvs(path) : undefined;
    if (!operation) throw new ServiceError('UnknownOperationException', `No Kinesis Video Streams or Rekognition operation at ${request.method ?? '?'} ${path}`, 404);
    await answerJson(request, response, 'kvs', operation);
  } catch (error) {
    // The body may still be arriving (PutMedia refused on its headers); drain it so the socket stays usable.
    request.resume();
    replyError(response, typeof target === 'string' ? 'rekognition' : 'kvs', error, log);
  }
}

type Protocol = 'kvs' | 'rekognition';

async function answerJson(request: IncomingMessage, response: ServerResponse, protocol: Protocol, operation: (input: unknown) => unknown): Promise<void> {
  const input = parseJson(await readBody(request), protocol);
  const output = await operation(input);
  writeJson(response, 200, output ?? {}, protocol === 'rekognition' ? 'application/x-amz-json-1.1' : 'application/json');
}

/** KVS (REST-JSON) names the error in x-amzn-ErrorType; Rekognition (JSON 1.1) in the body's __type. */
export function replyError(response: ServerResponse, protocol: Protocol, error: unknown, log: (line: string) => void): void {
  const serviceError =
    error instanceof ServiceError ? error : new ServiceError(protocol === 'rekognition' ? 'InternalServerError' : 'ServiceUnavailableException', 'The local video fake failed; see its log.', 500);
  if (!(error instanceof ServiceError)) log(`video fakes: request failed inside the fake: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  if (response.headersSent) {
    response.destroy();
    return;
  }
  if (protocol === 'rekognition') {
    writeJson(response, serviceError.statusCode, { __type: serviceError.code, Message: serviceError.message }, 'application/x-amz-json-1.1');
  } else {
    response.setHeader('x-amzn-ErrorType', serviceError.code);
    writeJson(response, serviceError.statusCode, { Message: serviceError.message }, 'application/json');
  }
}

function writeJson(response: ServerResponse, statusCode: number, body: unknown, contentType: string): void {
  const payload = Buffer.from(JSON.stringify(body));
  response.writeHead(statusCode, { 'content-type': contentType, 'content-length': payload.byteLength, 'x-amzn-requestid': randomUUID() });
  response.end(payload);
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const body = await readBoundedBody(request, MAX_JSON_BODY_BYTES);
  if (body === 'too-large') throw new ServiceError('ValidationException', `Request body larger than ${MAX_JSON_BODY_BYTES} bytes`, 413);
  return body;
}

function parseJson(body: Buffer, protocol: Protocol): unknown {
  if (body.byteLength === 0) return {};
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw new ServiceError(protocol === 'rekognition' ? 'InvalidParameterException' : 'InvalidArgumentException', 'The request body is not valid JSON');
  }
}

