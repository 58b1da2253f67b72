// Builds the camera's clip: fixture scenes → I_PCM H.264 frames → one MKV header and one cluster (KVS fragment)
// per second, with ABSOLUTE timecodes = producer timestamps in ms.
import { createIpcmEncoder, encodeMkvCluster, encodeMkvHeader, renderScene, SCENE_SIZE, type SceneName } from '../video/media';

export interface ClipOptions {
  /** Shown in order, each for an equal share of the clip. */
  scenes: readonly SceneName[];
  seconds: number;
  fps: number;
  /** Producer timestamp of the first frame, ms since the epoch. */
  startMs: number;
  fragmentMs?: number;
  width?: number;
  height?: number;
}

export interface ClipFragment {
  timecodeMs: number;
  bytes: Uint8Array;
  frameCount: number;
}

export interface Clip {
  header: Uint8Array;
  fragments: ClipFragment[];
  /** Producer timestamp of each frame and the scene it shows (the clip's ground truth). */
  frames: { timecodeMs: number; scene: SceneName }[];
  startMs: number;
  /** Just after the last frame: startMs + frames × frame interval. */
  endMs: number;
}

export function sceneAt(scenes: readonly SceneName[], frameIndex: number, frameCount: number): SceneName {
  return scenes[Math.min(scenes.length - 1, Math.floor((frameIndex * scenes.length) / frameCount))] as SceneName;
}

export function buildClip(options: ClipOptions): Clip {
  const { scenes, seconds, fps, startMs } = options;
  if (scenes.length === 0) throw new RangeError('a clip needs at least one scene');
  const width = options.width ?? SCENE_SIZE.width;
  const height = options.height ?? SCENE_SIZE.height;
  const fragmentMs = options.fragmentMs ?? 1_000;
  const frameCount = Math.max(1, Math.round(seconds * fps));
  const intervalMs = 1_000 / fps;
  const encoder = createIpcmEncoder({ width, height, fps });
  /** Encoded once per scene and idr_pic_id: consecutive IDR pictures must differ in idr_pic_id. */
  const encoded = new Map<string, Uint8Array>();
  const frames = Array.from({ length: frameCount }, (_, index) => ({ timecodeMs: startMs + Math.round(index * intervalMs), scene: sceneAt(scenes, index, frameCount) }));
  const fragments: ClipFragment[] = [];
  let pending: { timecodeMs: number; keyframe: boolean; data: Uint8Array }[] = [];
  const flush = (): void => {
    const first = pending[0];
    if (first === undefined) return;
    fragments.push({ timecodeMs: first.timecodeMs, bytes: encodeMkvCluster({ timecodeMs: first.timecodeMs, frames: pending }), frameCount: pending.length });
    pending = [];
  };
  frames.forEach((frame, index) => {
    if (pending[0] !== undefined && frame.timecodeMs - pending[0].timecodeMs >= fragmentMs) flush();
    // Every frame is an IDR picture, so each is a keyframe and any of them may open a fragment.
    const key = `${frame.scene}/${index % 2}`;
    let data = encoded.get(key);
    if (data === undefined) {
      data = encoder.encodeFrame(renderScene(frame.scene, { width, height }), index % 2);
      encoded.set(key, data);
    }
    pending.push({ timecodeMs: frame.timecodeMs, keyframe: true, data });
  });
  flush();
  return {
    header: encodeMkvHeader({ width, height, codecPrivate: encoder.avcC, defaultDurationNs: Math.round(1e9 / fps), trackName: 'camera' }),
    fragments,
    frames,
    startMs,
    endMs: startMs + Math.round(frameCount * intervalMs),
  };
}
