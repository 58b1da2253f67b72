// `npm run camera -- --camera <id> --scene empty,person`: a simulated camera streaming fixture scenes to Kinesis
// Video Streams (AWS or the local cloud) and reporting the motion event to the camera API.
import { GetDataEndpointCommand, KinesisVideoClient } from '@aws-sdk/client-kinesis-video';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { keepAliveHttpHandler } from '../../shared/aws/clients';
import { ApiTargetError, LOCAL_CLOUD_FILE, readLocalCloudSettings, resolveApiTarget } from '../simulate/api-target';
import { isSceneName, SCENE_NAMES, type SceneName } from '../video/media';
import { CameraApiError } from './camera-api';
import { runCameraSession, type CameraRunOptions } from './camera-run';
import { PutMediaError } from './put-media';
import { AckStreamError } from './put-media-acks';

export class CameraUsageError extends Error {
  override name = 'CameraUsageError';
}

const HELP = `Streams a short H.264 clip of fixture scenes to the camera's Kinesis video stream, then reports motion.

Usage: npm run camera -- --camera <id> [options]

Options:
      --camera <id>          camera id (3-64 of a-z 0-9 -); registered through POST /cameras when missing
      --scene <a,b,…>        scenes shown in order (default empty,person): ${SCENE_NAMES.join(', ')}
      --seconds <n>          clip length (default 3)
      --fps <n>              frames per second, 1-30 (default 5)
      --labels <a,b,…>       labels of interest when registering (default Person,Car,Dog,Package)
      --min-confidence <n>   0-100 when registering (default 80)
      --no-known-faces       register without the known-faces search
      --api-url <url>        camera API base URL (default: $API_URL, else .local/cloud.json from \`npm start\`)
      --api-key <key>        API key (default: $API_KEY, else .local/cloud.json)
      --region <region>      AWS region (default: $AWS_REGION, else the local cloud's)
  -h, --help                 this help
`;

export interface CameraCliOptions {
  run: Omit<CameraRunOptions, 'api' | 'region'>;
  apiUrl?: string;
  apiKey?: string;
  region?: string;
}

function positiveNumber(flag: string, text: string, max: number): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0 || value > max) throw new CameraUsageError(`--${flag} must be a number in (0, ${max}], not "${text}"`);
  return value;
}

function list(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

export function parseCameraCli(argv: readonly string[]): { kind: 'help' } | { kind: 'run'; options: CameraCliOptions } {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        camera: { type: 'string' },
        scene: { type: 'string', default: 'empty,person' },
        seconds: { type: 'string', default: '3' },
        fps: { type: 'string', default: '5' },
        labels: { type: 'string', default: 'Person,Car,Dog,Package' },
        'min-confidence': { type: 'string', default: '80' },
        'no-known-faces': { type: 'boolean', default: false },
        'api-url': { type: 'string' },
        'api-key': { type: 'string' },
        region: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    throw new CameraUsageError((error as Error).message);
  }
  if (values.help) return { kind: 'help' };
  const cameraId = values.camera;
  if (cameraId === undefined || !/^[a-z0-9-]{3,64}$/.test(cameraId)) throw new CameraUsageError('--camera <id> is required: 3-64 lower-case letters, digits and dashes');
  const scenes = list(values.scene);
  const unknown = scenes.filter((scene) => !isSceneName(scene));
  if (scenes.length === 0 || unknown.length > 0) throw new CameraUsageError(`--scene: unknown scene ${unknown.join(', ')}; choose from ${SCENE_NAMES.join(', ')}`);
  const minConfidence = Number(values['min-confidence']);
  if (!Number.isFinite(minConfidence) || minConfidence < 0 || minConfidence > 100) throw new CameraUsageError('--min-confidence must be 0-100');
  const fps = positiveNumber('fps', values.fps, 30);
  const seconds = positiveNumber('seconds', values.seconds, 60);
  if (!Number.isInteger(fps)) throw new CameraUsageError('--fps must be a whole number');
  return {
    kind: 'run',
    options: {
      run: {
        registration: { cameraId, labelsOfInterest: list(values.labels), minConfidence, knownFaces: !values['no-known-faces'] },
        scenes: scenes as SceneName[],
        seconds,
        fps,
      },
      ...(values['api-url'] === undefined ? {} : { apiUrl: values['api-url'] }),
      ...(values['api-key'] === undefined ? {} : { apiKey: values['api-key'] }),
      ...(values.region === undefined ? {} : { region: values.region }),
    },
  };
}

/** The SDK settings (endpoints, region, credentials) `npm start` wrote for clients of the local cloud. */
function readLocalCloudSdkEnvironment(path = resolve(process.cwd(), LOCAL_CLOUD_FILE)): Record<string, string> {
  if (!existsSync(path)) return {};
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as { sdkEnv?: unknown };
  if (typeof parsed.sdkEnv !== 'object' || parsed.sdkEnv === null) return {};
  return Object.fromEntries(Object.entries(parsed.sdkEnv).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** Against the local cloud, its SDK settings fill in what the shell does not set, so the KVS client finds the fake. */
function adoptLocalCloudEnvironment(): void {
  for (const [name, value] of Object.entries(readLocalCloudSdkEnvironment())) process.env[name] ??= value;
}

async function main(argv: readonly string[]): Promise<number> {
  let parsed;
  let target;
  try {
    parsed = parseCameraCli(argv);
    if (parsed.kind === 'help') {
      process.stdout.write(HELP);
      return 0;
    }
    target = resolveApiTarget({ apiUrl: parsed.options.apiUrl, apiKey: parsed.options.apiKey }, process.env, () => readLocalCloudSettings());
  } catch (error) {
    if (!(error instanceof CameraUsageError || error instanceof ApiTargetError)) throw error;
    process.stderr.write(`${error.message}\nRun \`npm run camera -- --help\` for the options.\n`);
    return 2;
  }
  if (target.source === 'local cloud') adoptLocalCloudEnvironment();
  const region = parsed.options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  if (region === undefined) {
    process.stderr.write('No AWS region: pass --region or set AWS_REGION.\n');
    return 2;
  }
  const kinesisVideo = new KinesisVideoClient({ region, requestHandler: keepAliveHttpHandler() });
  const log = (line: string): void => void process.stdout.write(`${line}\n`);
  log(`Camera API ${target.apiUrl} (from ${target.source}), region ${region}`);
  try {
    await runCameraSession(
      { ...parsed.options.run, region, api: { apiUrl: target.apiUrl, apiKey: target.apiKey } },
      {
        now: () => Date.now(),
        sleep: (ms) => new Promise((done) => setTimeout(done, ms)),
        credentials: defaultProvider(),
        getPutMediaEndpoint: async (streamName) => {
          const { DataEndpoint } = await kinesisVideo.send(new GetDataEndpointCommand({ StreamName: streamName, APIName: 'PUT_MEDIA' }));
          if (DataEndpoint === undefined) throw new PutMediaError(`GetDataEndpoint returned no endpoint for ${streamName}`);
          return DataEndpoint;
        },
        log,
      },
    );
    return 0;
  } catch (error) {
    if (error instanceof PutMediaError || error instanceof CameraApiError || error instanceof AckStreamError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    kinesisVideo.destroy();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
