// Unit tests: the stream-processor variant (off by default): FaceSearch processors, idempotent create/delete, env switch.
import {
  CreateStreamProcessorCommand,
  DeleteStreamProcessorCommand,
  RekognitionClient,
  StartStreamProcessorCommand,
  StopStreamProcessorCommand,
} from '@aws-sdk/client-rekognition';
import { mockClient } from 'aws-sdk-client-mock';
import { createRekognitionStreamProcessors, streamProcessorsFromEnv } from '../../../../shared/aws/rekognition-stream-processors';

const rekognition = mockClient(RekognitionClient);
const client = new RekognitionClient({ region: 'eu-west-1' });
const processors = createRekognitionStreamProcessors(client, {
  namePrefix: 'ref-camera-',
  collectionId: 'faces',
  roleArn: 'arn:aws:iam::123456789012:role/processor',
  outputStreamArn: 'arn:aws:kinesis:eu-west-1:123456789012:stream/faces-out',
});
const awsError = (name: string) => Object.assign(new Error(name), { name, $fault: 'client', $metadata: {} });

beforeEach(() => rekognition.reset());

describe('Rekognition stream processors', () => {
  it('creates a FaceSearch processor with data sharing off, then starts it; an existing one is adopted', async () => {
    rekognition.on(CreateStreamProcessorCommand).rejects(awsError('ResourceInUseException'));
    rekognition.on(StartStreamProcessorCommand).resolves({});

    await expect(processors.start({ cameraId: 'front-door', knownFaces: true, minConfidence: 80 }, 'arn:kvs')).resolves.toBe('ref-camera-front-door');
    expect(rekognition.commandCalls(CreateStreamProcessorCommand)[0]?.args[0].input).toMatchObject({
      Name: 'ref-camera-front-door',
      Input: { KinesisVideoStream: { Arn: 'arn:kvs' } },
      Settings: { FaceSearch: { CollectionId: 'faces', FaceMatchThreshold: 80 } },
      DataSharingPreference: { OptIn: false },
    });
  });

  it('creates none for a camera without known faces', async () => {
    await expect(processors.start({ cameraId: 'yard', knownFaces: false, minConfidence: 80 }, 'arn:kvs')).resolves.toBeUndefined();
    expect(rekognition.calls()).toHaveLength(0);
  });

  it('stops and deletes, ignoring a processor that is already gone', async () => {
    rekognition.on(StopStreamProcessorCommand).rejects(awsError('ResourceNotFoundException'));
    rekognition.on(DeleteStreamProcessorCommand).rejects(awsError('ResourceNotFoundException'));

    await expect(processors.delete('ref-camera-front-door')).resolves.toBeUndefined();
  });

  it('is off unless STREAM_PROCESSOR_MODE=on, and on needs its settings', () => {
    expect(streamProcessorsFromEnv(() => client, {})).toBeUndefined();
    expect(streamProcessorsFromEnv(() => client, { STREAM_PROCESSOR_MODE: 'off' })).toBeUndefined();
    expect(() => streamProcessorsFromEnv(() => client, { STREAM_PROCESSOR_MODE: 'on' })).toThrow(/needs CAMERA_STREAM_PREFIX, FACE_COLLECTION_ID/);
    expect(() => streamProcessorsFromEnv(() => client, { STREAM_PROCESSOR_MODE: 'yes' })).toThrow(/on or off/);
  });
});
