// The simulator's calls to the project's camera API: find or register the camera, then report motion.
import { endpointUrl } from '../simulate/api-target';

export interface CameraApiTarget {
  apiUrl: string;
  apiKey: string;
  fetch?: typeof fetch;
}

export interface CameraRegistration {
  cameraId: string;
  name?: string;
  labelsOfInterest: string[];
  minConfidence: number;
  knownFaces: boolean;
}

export interface RegisteredCamera extends CameraRegistration {
  streamName: string;
  streamArn: string;
}

export interface MotionEvent {
  eventId: string;
  detectedAt: string;
  windowStartAt?: string;
  windowEndAt?: string;
  score?: number;
}

export class CameraApiError extends Error {
  override name = 'CameraApiError';
}

async function call(target: CameraApiTarget, method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const url = endpointUrl(target.apiUrl, path);
  let response: Response;
  try {
    response = await (target.fetch ?? fetch)(url, {
      method,
      headers: { 'x-api-key': target.apiKey, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause?.message;
    throw new CameraApiError(`${method} ${url} failed: ${(error as Error).message}${cause === undefined ? '' : ` (${cause})`}`);
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: response.status, json };
}

const failure = (what: string, status: number, json: unknown): CameraApiError =>
  new CameraApiError(`${what} answered HTTP ${status}: ${typeof json === 'string' ? json : JSON.stringify(json)}`);

function isRegisteredCamera(value: unknown): value is RegisteredCamera {
  if (typeof value !== 'object' || value === null) return false;
  const fields = value as Record<string, unknown>;
  return typeof fields.cameraId === 'string' && typeof fields.streamName === 'string';
}

export async function findCamera(target: CameraApiTarget, cameraId: string): Promise<RegisteredCamera | undefined> {
  const { status, json } = await call(target, 'GET', 'cameras');
  if (status !== 200) throw failure('GET /cameras', status, json);
  const cameras = (json as { cameras?: unknown }).cameras;
  if (!Array.isArray(cameras)) throw new CameraApiError('GET /cameras did not return { cameras: [...] }');
  return cameras.filter(isRegisteredCamera).find((camera) => camera.cameraId === cameraId);
}

/** GET, then POST when missing; a 409 (registered meanwhile) falls back to the listing. */
export async function ensureCamera(target: CameraApiTarget, registration: CameraRegistration): Promise<{ camera: RegisteredCamera; created: boolean }> {
  const existing = await findCamera(target, registration.cameraId);
  if (existing !== undefined) return { camera: existing, created: false };
  const { status, json } = await call(target, 'POST', 'cameras', registration);
  if (status === 201 && isRegisteredCamera(json)) return { camera: json, created: true };
  if (status === 409) {
    const camera = await findCamera(target, registration.cameraId);
    if (camera !== undefined) return { camera, created: false };
  }
  throw failure('POST /cameras', status, json);
}

const MOTION_ATTEMPTS = 3;

/** 202 is success; a 503 (the stream write partly failed) is retried with the same event ids, which the sampler dedupes. */
export async function postMotion(
  target: CameraApiTarget,
  cameraId: string,
  events: MotionEvent[],
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<void> {
  const what = `POST /cameras/${cameraId}/motion`;
  for (let attempt = 1; ; attempt += 1) {
    const { status, json } = await call(target, 'POST', `cameras/${encodeURIComponent(cameraId)}/motion`, { events });
    if (status === 202) return;
    if (status !== 503 || attempt === MOTION_ATTEMPTS) throw failure(what, status, json);
    await sleep(500 * attempt);
  }
}
