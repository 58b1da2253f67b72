// Starts one local cloud per describe block (ephemeral ports) and always stops it, also when tests fail.
import { startLocalCloud, type LocalCloud, type LocalCloudOptions } from '../../scripts/local/cloud';

const STARTUP_TIMEOUT_MS = 180_000;

/** The cloud of the describe block running now; describe blocks (and their beforeAll/afterAll) run one after another. */
let active: LocalCloud | undefined;

export function useLocalCloud(options: Pick<LocalCloudOptions, 'kinesisBackend'> = {}): () => LocalCloud {
  beforeAll(async () => {
    active = await startLocalCloud({
      ...options,
      pollIntervalMs: 100,
      logSuffix: `jest-${process.env.JEST_WORKER_ID ?? '0'}-${options.kinesisBackend ?? 'default'}`,
      writeConnectionFile: false,
    });
  }, STARTUP_TIMEOUT_MS);
  afterAll(async () => {
    await active?.stop();
    active = undefined;
  }, 60_000);
  return () => {
    if (!active) throw new Error('The local cloud did not start (see the beforeAll error above)');
    return active;
  };
}
