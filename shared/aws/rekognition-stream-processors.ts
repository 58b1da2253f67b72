// StreamProcessors on Rekognition Video (STREAM_PROCESSOR_MODE=on only): face search on the camera's KVS stream.
import {
  CreateStreamProcessorCommand,
  DeleteStreamProcessorCommand,
  StartStreamProcessorCommand,
  StopStreamProcessorCommand,
  type RekognitionClient,
} from '@aws-sdk/client-rekognition';
import type { StreamProcessors } from '../video/ports';
import { classifyAwsError } from './aws-errors';

export interface RekognitionStreamProcessorsOptions {
  /** `<service>-<stage>-camera-`: processors are named like the camera streams. */
  namePrefix: string;
  collectionId: string;
  /** Role Rekognition assumes to read the KVS stream and write the output stream. */
  roleArn: string;
  /** Kinesis data stream that receives the FaceSearchResponse records. */
  outputStreamArn: string;
  faceMatchThreshold?: number;
}

const codeOf = (error: unknown): string => classifyAwsError(error).errorCode;

/**
 * Stream processors are closed to new AWS customers, so this path exists for accounts that still have them and is
 * off by default. Only known-faces cameras get one (FaceSearch); label detection stays with frame sampling, since
 * the connected-home processor needs per-event start selectors. Video is not shared with AWS for service
 * improvement (DataSharingPreference off). Create and delete are idempotent, as registration and deletion retry.
 */
export function createRekognitionStreamProcessors(client: RekognitionClient, options: RekognitionStreamProcessorsOptions): StreamProcessors {
  const ignoring = async (names: readonly string[], call: () => Promise<unknown>): Promise<void> => {
    try {
      await call();
    } catch (error) {
      if (!names.includes(codeOf(error))) throw error;
    }
  };

  return {
    async start(camera, streamArn) {
      if (!camera.knownFaces) return undefined;
      const name = `${options.namePrefix}${camera.cameraId}`;
      await ignoring(['ResourceInUseException', 'ResourceAlreadyExistsException'], () =>
        client.send(
          new CreateStreamProcessorCommand({
            Name: name,
            Input: { KinesisVideoStream: { Arn: streamArn } },
            Output: { KinesisDataStream: { Arn: options.outputStreamArn } },
            RoleArn: options.roleArn,
            Settings: { FaceSearch: { CollectionId: options.collectionId, FaceMatchThreshold: options.faceMatchThreshold ?? 80 } },
            DataSharingPreference: { OptIn: false },
            Tags: { cameraId: camera.cameraId },
          }),
        ),
      );
      await ignoring(['ResourceInUseException'], () => client.send(new StartStreamProcessorCommand({ Name: name })));
      return name;
    },

    async delete(name) {
      await ignoring(['ResourceNotFoundException', 'ResourceInUseException'], () => client.send(new StopStreamProcessorCommand({ Name: name })));
      await ignoring(['ResourceNotFoundException'], () => client.send(new DeleteStreamProcessorCommand({ Name: name })));
    },
  };
}

/**
 * The processors for STREAM_PROCESSOR_MODE=on, undefined for off (the default). Throws at init when the mode is on
 * but its settings are missing, so a half-configured deployment fails fast and says what is missing.
 */
export function streamProcessorsFromEnv(client: () => RekognitionClient, env: NodeJS.ProcessEnv = process.env): StreamProcessors | undefined {
  const mode = env.STREAM_PROCESSOR_MODE ?? 'off';
  if (mode === 'off') return undefined;
  if (mode !== 'on') throw new Error(`Invalid configuration: STREAM_PROCESSOR_MODE must be on or off, got ${mode}`);
  const required = ['CAMERA_STREAM_PREFIX', 'FACE_COLLECTION_ID', 'STREAM_PROCESSOR_ROLE_ARN', 'STREAM_PROCESSOR_OUTPUT_STREAM_ARN'] as const;
  const missing = required.filter((name) => !env[name]);
  if (missing.length > 0) throw new Error(`Invalid configuration: STREAM_PROCESSOR_MODE=on needs ${missing.join(', ')}`);
  return createRekognitionStreamProcessors(client(), {
    namePrefix: env.CAMERA_STREAM_PREFIX as string,
    collectionId: env.FACE_COLLECTION_ID as string,
    roleArn: env.STREAM_PROCESSOR_ROLE_ARN as string,
    outputStreamArn: env.STREAM_PROCESSOR_OUTPUT_STREAM_ARN as string,
  });
}
