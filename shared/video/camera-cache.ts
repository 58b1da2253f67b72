// Camera settings cached per Lambda instance: every motion event needs them, and they change only on re-registration.
import type { Camera } from '../events/camera';

export interface CameraReader {
  get(cameraId: string): Promise<Camera | undefined>;
}

/**
 * Hits are kept for `ttlMs`; misses are not cached, so a camera registered a moment ago is found on its first
 * event. A deleted camera can still be served from the cache for up to `ttlMs`; its stream is gone by then, which
 * the sampler treats as "nothing to analyse".
 */
export function createCachedCameraReader(source: CameraReader, options: { ttlMs: number; now?: () => number }): CameraReader {
  const now = options.now ?? Date.now;
  const cache = new Map<string, { camera: Camera; expiresAt: number }>();
  return {
    async get(cameraId) {
      const cached = cache.get(cameraId);
      if (cached !== undefined && cached.expiresAt > now()) return cached.camera;
      const camera = await source.get(cameraId);
      if (camera === undefined) cache.delete(cameraId);
      else cache.set(cameraId, { camera, expiresAt: now() + options.ttlMs });
      return camera;
    },
  };
}
