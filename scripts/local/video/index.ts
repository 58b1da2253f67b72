// The local Kinesis Video Streams and Rekognition fakes, on one HTTP server that the real SDK clients reach by endpoint.
import { systemVideoClock, type VideoClock } from './clock';
import { FaultQueue, type VideoFaults } from './faults';
import { startVideoHttpServer } from './http-server';
import { controlPlaneOperations } from './kvs/control-plane';
import { FragmentNumbers } from './kvs/fragment-number';
import { createPngFrameRenderer } from './kvs/frame-renderer';
import { getImages } from './kvs/get-images';
import { handlePutMedia } from './kvs/put-media-endpoint';
import { StreamRegistry } from './kvs/stream-registry';
import { RequestFields } from './request-fields';
import { CollectionRegistry } from './rekognition/collections';
import type { ImageRecogniser } from './rekognition/image-contents';
import { invokeRekognition } from './rekognition/operations';
import { recogniseFixtureScene } from './rekognition/scene-recogniser';
import { s3ObjectReaderFromEnvironment } from './s3-object-reader';

export { ManualVideoClock, systemVideoClock, type VideoClock } from './clock';
export type { VideoFaults } from './faults';
export { provisionRekognitionCollection } from './provision-collection';

export interface VideoFakesOptions {
  region: string;
  accountId: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  log?: (line: string) => void;
  /** Server timestamps, retention and creation times; the wall clock by default. */
  clock?: VideoClock;
  /**
   * Where Image.S3Object is read from (AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL + credentials, as for any SDK client).
   * Defaults to process.env; without an S3 endpoint there, S3Object requests fail with InvalidS3ObjectException.
   */
  s3Environment?: Readonly<Record<string, string | undefined>>;
  /** Replaces the fixture-scene recogniser (tests of the protocol layer). */
  recognise?: ImageRecogniser;
}

export interface VideoFakes {
  url: string;
  /** What SDK clients need: KVS control plane (its GetDataEndpoint answers this same URL) and Rekognition. */
  environment: { AWS_ENDPOINT_URL_KINESIS_VIDEO: string; AWS_ENDPOINT_URL_REKOGNITION: string };
  faults: VideoFaults;
  /** Closes the server (open PutMedia sessions are cut after a short grace period). Idempotent. */
  stop(): Promise<void>;
}

export async function startVideoFakes(options: VideoFakesOptions): Promise<VideoFakes> {
  const log = options.log ?? ((line: string) => console.log(line));
  const clock = options.clock ?? systemVideoClock;
  const faults = new FaultQueue();
  const streams = new StreamRegistry(options.region, options.accountId, clock);
  const collections = new CollectionRegistry(options.region, options.accountId, clock);
  const fragmentNumbers = new FragmentNumbers();
  const renderFrame = createPngFrameRenderer(log);
  const s3 = s3ObjectReaderFromEnvironment(options.s3Environment ?? process.env, options.region);
  const rekognitionContext = { collections, recognise: options.recognise ?? recogniseFixtureScene, readS3Object: s3?.read, log };
  let dataEndpoint = '';
  const server = await startVideoHttpServer(
    options.host ?? '127.0.0.1',
    options.port ?? 0,
    {
      rekognition: async (operation, input) => {
        faults.throwIfFaulted(operation);
        return invokeRekognition(operation, input, rekognitionContext);
      },
      kvs: (path) => {
        if (path === '/getImages') {
          return (input) => {
            faults.throwIfFaulted('GetImages');
            return getImages(input, { streams, clock, renderFrame });
          };
        }
        const operation = Object.hasOwn(controlPlaneOperations, path) ? controlPlaneOperations[path] : undefined;
        if (!operation) return undefined;
        return (input) => {
          faults.throwIfFaulted(operation.name);
          return operation.run(RequestFields.of(input, 'InvalidArgumentException'), { streams, dataEndpoint });
        };
      },
      putMedia: (request, response) => handlePutMedia(request, response, { streams, clock, fragmentNumbers, faults, log }),
    },
    log,
  );
  dataEndpoint = server.url;
  log(`video fakes: Kinesis Video Streams + Rekognition at ${server.url}`);
  let stopping: Promise<void> | undefined;
  return {
    url: server.url,
    environment: { AWS_ENDPOINT_URL_KINESIS_VIDEO: server.url, AWS_ENDPOINT_URL_REKOGNITION: server.url },
    faults,
    stop: () => {
      stopping ??= server.close().finally(() => s3?.destroy());
      return stopping;
    },
  };
}
