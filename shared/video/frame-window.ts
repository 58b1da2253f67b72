// Which seconds of video one motion event analyses, and how densely: bounded so one event has a bounded cost.
import type { MotionRecord } from '../events/camera';
import type { FrameWindow } from './ports';

export interface FrameSamplingLimits {
  /** Longest window analysed per event (GetImages itself allows 300 s). */
  maxWindowMs: number;
  /** Preferred time between frames; GetImages needs at least 200 ms. */
  samplingIntervalMs: number;
  maxFrames: number;
}

export const MIN_SAMPLING_INTERVAL_MS = 200;
export const MAX_GET_IMAGES_WINDOW_MS = 300_000;

/**
 * The event's own window when it gives one, else `maxWindowMs` centred on `detectedAt`; a longer window is cut
 * to `maxWindowMs` around `detectedAt` (kept inside the event's window). The interval is widened when needed so
 * the window holds at most `maxFrames` frames, spread over the whole window instead of its first seconds.
 */
export function frameWindowFor(event: MotionRecord, limits: FrameSamplingLimits): FrameWindow {
  const maxWindowMs = Math.min(limits.maxWindowMs, MAX_GET_IMAGES_WINDOW_MS);
  const detectedAt = Date.parse(event.detectedAt);
  let start = event.windowStartAt === undefined ? detectedAt - maxWindowMs / 2 : Date.parse(event.windowStartAt);
  let end = event.windowEndAt === undefined ? detectedAt + maxWindowMs / 2 : Date.parse(event.windowEndAt);
  if (end - start > maxWindowMs) {
    const centre = Math.min(Math.max(detectedAt, start + maxWindowMs / 2), end - maxWindowMs / 2);
    start = centre - maxWindowMs / 2;
    end = centre + maxWindowMs / 2;
  }
  const spread = Math.ceil((end - start) / Math.max(1, limits.maxFrames - 1));
  const samplingIntervalMs = Math.max(MIN_SAMPLING_INTERVAL_MS, limits.samplingIntervalMs, limits.maxFrames > 1 ? spread : 0);
  return { start: new Date(start), end: new Date(end), samplingIntervalMs, maxFrames: limits.maxFrames };
}
