// The camera API over API Gateway (REST, Lambda proxy): POST /cameras, GET /cameras, DELETE /cameras/{id}, POST /cameras/{id}/motion.
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import {
  cameraId as cameraIdSchema,
  cameraRegistrationSchema,
  motionIngestRequestSchema,
  type Camera,
  type CameraRegistration,
  type MotionIngestRequest,
} from '../events/camera';
import { toFieldErrors } from '../events/validation-errors';
import { createIngestHandler, type IngestHandlerOptions } from '../lambda/http-ingest';
import type { StructuredLogger } from '../lambda/powertools';
import type { DeletionResult, RegistrationResult } from './camera-registry';
import { toMotionRecords } from './motion-records';

export type ApiHandler = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;

const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyResult => ({
  statusCode,
  headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers },
  body: JSON.stringify(body),
});

const MAX_REGISTRATION_BYTES = 16 * 1024;

/** REST API (v1) events keep header names as the client sent them. */
function contentType(event: APIGatewayProxyEvent): string | undefined {
  const headers = (event.headers ?? {}) as Record<string, string | undefined>;
  const name = Object.keys(headers).find((key) => key.toLowerCase() === 'content-type');
  return name === undefined ? undefined : headers[name]?.split(';', 1)[0]?.trim().toLowerCase();
}

function parseBody(event: APIGatewayProxyEvent): { ok: true; value: unknown } | { ok: false; response: APIGatewayProxyResult } {
  if (contentType(event) !== 'application/json') return { ok: false, response: json(415, { message: 'Content-Type must be application/json' }) };
  const text = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8').toString('utf8');
  if (Buffer.byteLength(text) > MAX_REGISTRATION_BYTES) return { ok: false, response: json(413, { message: 'Request body too large' }) };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, response: json(400, { message: 'Request body is not valid JSON' }) };
  }
}

/** The `{id}` path parameter as a camera id, or the 400 answer for anything that cannot be one. */
function pathCameraId(event: APIGatewayProxyEvent): { ok: true; id: string } | { ok: false; response: APIGatewayProxyResult } {
  const parsed = cameraIdSchema.safeParse(event.pathParameters?.id);
  if (parsed.success) return { ok: true, id: parsed.data };
  const message = parsed.error.issues[0]?.message ?? 'Invalid value';
  return { ok: false, response: json(400, { message: 'Invalid camera id', errors: [{ path: 'id', message }] }) };
}

/** Answers 500 for anything unexpected, logging it (never the request body: camera settings are customer data). */
function guarded(logger: StructuredLogger, what: string, handle: ApiHandler): ApiHandler {
  return async (event) => {
    try {
      return await handle(event);
    } catch (error) {
      logger.error(`${what} failed`, error instanceof Error ? error : String(error));
      return json(500, { message: 'Internal error' });
    }
  };
}

export function createRegisterCameraHandler(options: {
  register: (registration: CameraRegistration) => Promise<RegistrationResult>;
  logger: StructuredLogger;
}): ApiHandler {
  return guarded(options.logger, 'Registering a camera', async (event) => {
    const body = parseBody(event);
    if (!body.ok) return body.response;
    const parsed = cameraRegistrationSchema.safeParse(body.value);
    if (!parsed.success) {
      const { errors, total } = toFieldErrors(parsed.error);
      return json(400, { message: 'Request validation failed', errorCount: total, errors });
    }
    const result = await options.register(parsed.data);
    if (result.status === 'created') return json(201, result.camera, { Location: `/cameras/${result.camera.cameraId}` });
    if (result.status === 'exists') return json(409, { message: `Camera ${parsed.data.cameraId} already exists` });
    return json(503, { message: 'The camera stream of that id is still being deleted; retry shortly' }, { 'Retry-After': '10' });
  });
}

export function createListCamerasHandler(options: { list: () => Promise<Camera[]>; logger: StructuredLogger }): ApiHandler {
  return guarded(options.logger, 'Listing cameras', async () => {
    const cameras = await options.list();
    return json(200, { cameras: [...cameras].sort((a, b) => a.cameraId.localeCompare(b.cameraId)) });
  });
}

export function createDeleteCameraHandler(options: {
  remove: (cameraId: string) => Promise<DeletionResult>;
  logger: StructuredLogger;
}): ApiHandler {
  return guarded(options.logger, 'Deleting a camera', async (event) => {
    const id = pathCameraId(event);
    if (!id.ok) return id.response;
    const result = await options.remove(id.id);
    if (result.status === 'not-found') return json(404, { message: 'Camera not found' });
    options.logger.info('Camera deleted', { cameraId: id.id, ...result });
    return { statusCode: 204, headers: {}, body: '' };
  });
}

/**
 * POST /cameras/{id}/motion: the shared ingest handler with the path's camera id put into each record. The camera
 * is not looked up here (ingest stays a single Kinesis write); the sampler skips events of unknown cameras.
 */
export function createMotionIngestHandler(
  options: Omit<IngestHandlerOptions<MotionIngestRequest>, 'requestSchema' | 'toRecords'>,
): ApiHandler {
  return async (event) => {
    const id = pathCameraId(event);
    if (!id.ok) return id.response;
    const ingest = createIngestHandler({
      ...options,
      requestSchema: motionIngestRequestSchema,
      toRecords: (request, receivedAt) => toMotionRecords(id.id, request, receivedAt),
    });
    return ingest(event);
  };
}
