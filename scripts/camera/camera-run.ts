// One simulated camera session: register the camera if needed, stream a clip of fixture scenes with PutMedia,
// wait until every fragment is PERSISTED, then report the motion event whose window covers the clip.
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { SceneName } from '../video/media';
import { ensureCamera, postMotion, type CameraApiTarget, type CameraRegistration, type MotionEvent, type RegisteredCamera } from './camera-api';
import { buildClip, type Clip } from './clip';
import { putMedia, type PutMediaOptions, type PutMediaResult } from './put-media';
import { describeAck } from './put-media-acks';

/** KVS accepts at most 5 fragments per second per stream; 1-s fragments sent 250 ms apart stay below it. */
export const FRAGMENT_PACING_MS = 250;

export interface CameraRunOptions {
  registration: CameraRegistration;
  scenes: readonly SceneName[];
  seconds: number;
  fps: number;
  region: string;
  api: CameraApiTarget;
}

export interface CameraRunDependencies {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  credentials: AwsCredentialIdentityProvider;
  /** GetDataEndpoint(APIName PUT_MEDIA) for the stream. */
  getPutMediaEndpoint: (streamName: string) => Promise<string>;
  putMedia?: (options: PutMediaOptions) => Promise<PutMediaResult>;
  log: (line: string) => void;
}

export interface CameraRunSummary {
  camera: RegisteredCamera;
  created: boolean;
  clip: Pick<Clip, 'startMs' | 'endMs' | 'frames'>;
  fragments: number;
  persisted: number;
  event: MotionEvent;
}

async function* pacedBody(clip: Clip, sleep: (ms: number) => Promise<void>): AsyncGenerator<Uint8Array> {
  yield clip.header;
  for (const [index, fragment] of clip.fragments.entries()) {
    if (index > 0) await sleep(FRAGMENT_PACING_MS);
    yield fragment.bytes;
  }
}

/** The event a motion detector would raise: first moment something other than the empty scene is seen. */
export function motionEventFor(cameraId: string, clip: Pick<Clip, 'startMs' | 'endMs' | 'frames'>): MotionEvent {
  const firstMotion = clip.frames.find((frame) => frame.scene !== 'empty') ?? clip.frames[0];
  return {
    // Derived from the clip, so a resent event keeps its id and the pipeline can de-duplicate it.
    eventId: `${cameraId}-${clip.startMs}`,
    detectedAt: new Date(firstMotion?.timecodeMs ?? clip.startMs).toISOString(),
    windowStartAt: new Date(clip.startMs).toISOString(),
    windowEndAt: new Date(clip.endMs).toISOString(),
    score: 0.9,
  };
}

export async function runCameraSession(options: CameraRunOptions, deps: CameraRunDependencies): Promise<CameraRunSummary> {
  const { registration, scenes, seconds, fps } = options;
  const { camera, created } = await ensureCamera(options.api, registration);
  deps.log(`${created ? 'Registered' : 'Found'} camera ${camera.cameraId} (stream ${camera.streamName})`);
  const endpoint = await deps.getPutMediaEndpoint(camera.streamName);
  // The clip was "recorded" during the last `seconds`, so no producer timestamp lies in the future.
  const clip = buildClip({ scenes, seconds, fps, startMs: Math.floor(deps.now() - seconds * 1000) });
  const bytes = clip.header.length + clip.fragments.reduce((sum, fragment) => sum + fragment.bytes.length, 0);
  deps.log(`Streaming ${clip.frames.length} frames (${scenes.join(' → ')}) in ${clip.fragments.length} fragments, ${(bytes / 1e6).toFixed(1)} MB, to ${endpoint}`);
  const result = await (deps.putMedia ?? putMedia)({
    dataEndpoint: endpoint,
    streamName: camera.streamName,
    region: options.region,
    credentials: deps.credentials,
    producerStartTimestampMs: clip.startMs,
    body: pacedBody(clip, deps.sleep),
    expectedFragments: clip.fragments.map((fragment) => fragment.timecodeMs),
    onAck: (ack) => {
      if (ack.EventType !== 'IDLE') deps.log(`  ack ${describeAck(ack)}`);
    },
  });
  deps.log(`All ${result.persisted.length} fragments persisted`);
  const event = motionEventFor(camera.cameraId, clip);
  await postMotion(options.api, camera.cameraId, [event], deps.sleep);
  deps.log(`Motion event ${event.eventId} sent: ${event.windowStartAt} → ${event.windowEndAt}`);
  return { camera, created, clip: { startMs: clip.startMs, endMs: clip.endMs, frames: clip.frames }, fragments: clip.fragments.length, persisted: result.persisted.length, event };
}
