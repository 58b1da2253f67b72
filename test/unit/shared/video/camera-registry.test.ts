// Unit tests: camera registration (order, 409, retry adopting the stream, stream-processor mode) and deletion.
import type { Camera } from '../../../../shared/events/camera';
import { createCameraDeletion, createCameraRegistration } from '../../../../shared/video/camera-registry';
import type { CameraStore, StreamProcessors, VideoStreams } from '../../../../shared/video/ports';
import { awsError, camera, memoryDetectionStore } from './fixtures';

const registration = { cameraId: 'front-door', labelsOfInterest: ['Person'], minConfidence: 80, knownFaces: true };
const STREAM_ARN = 'arn:aws:kinesisvideo:eu-west-1:123456789012:stream/ref-camera-front-door/1';

function memoryCameras(): CameraStore & { items: Map<string, Camera> } {
  const items = new Map<string, Camera>();
  return {
    items,
    create: jest.fn((item: Camera) => Promise.resolve(items.has(item.cameraId) ? ('exists' as const) : (items.set(item.cameraId, item), 'created' as const))),
    get: (id) => Promise.resolve(items.get(id)),
    list: () => Promise.resolve([...items.values()]),
    delete: jest.fn((id: string) => Promise.resolve(void items.delete(id))),
  };
}

const streams = (status: 'CREATING' | 'DELETING' = 'CREATING'): VideoStreams & { createOrAdopt: jest.Mock; delete: jest.Mock } => ({
  createOrAdopt: jest.fn(({ streamName }: { streamName: string }) => Promise.resolve({ streamName, streamArn: STREAM_ARN, status })),
  delete: jest.fn(() => Promise.resolve()),
});

const register = (cameras: CameraStore, videoStreams: VideoStreams, streamProcessors?: StreamProcessors) =>
  createCameraRegistration({
    cameras,
    streams: videoStreams,
    streamProcessors,
    streamPrefix: 'ref-camera-',
    retentionHours: 24,
    application: 'ref',
    now: () => new Date('2026-11-02T09:00:00.000Z'),
  });

describe('camera registration', () => {
  it('creates the stream with retention and tags, then stores the camera', async () => {
    const cameras = memoryCameras();
    const videoStreams = streams();

    const result = await register(cameras, videoStreams)(registration);

    expect(videoStreams.createOrAdopt).toHaveBeenCalledWith({
      streamName: 'ref-camera-front-door',
      retentionHours: 24,
      tags: { application: 'ref', cameraId: 'front-door' },
    });
    expect(result).toEqual({
      status: 'created',
      camera: { ...registration, streamName: 'ref-camera-front-door', streamArn: STREAM_ARN, createdAt: '2026-11-02T09:00:00.000Z' },
    });
  });

  it('answers exists without touching the stream for a registered id', async () => {
    const cameras = memoryCameras();
    cameras.items.set('front-door', camera());
    const videoStreams = streams();

    await expect(register(cameras, videoStreams)(registration)).resolves.toEqual({ status: 'exists' });
    expect(videoStreams.createOrAdopt).not.toHaveBeenCalled();
  });

  it('stores nothing when the stream cannot be created, and a retry after a failed store adopts the stream', async () => {
    const cameras = memoryCameras();
    const videoStreams = streams();
    videoStreams.createOrAdopt.mockRejectedValueOnce(awsError('AccessDeniedException'));
    (cameras.create as jest.Mock).mockRejectedValueOnce(awsError('InternalServerError', 'server'));
    const run = register(cameras, videoStreams);

    await expect(run(registration)).rejects.toMatchObject({ name: 'AccessDeniedException' });
    expect(cameras.items.size).toBe(0);
    await expect(run(registration)).rejects.toMatchObject({ name: 'InternalServerError' });
    await expect(run(registration)).resolves.toMatchObject({ status: 'created' });
    expect(videoStreams.delete).not.toHaveBeenCalled();
  });

  it('answers stream-deleting while a deleted camera\'s stream is still going away', async () => {
    await expect(register(memoryCameras(), streams('DELETING'))(registration)).resolves.toEqual({ status: 'stream-deleting' });
  });

  it('starts a stream processor in stream-processor mode and keeps its name', async () => {
    const processors: StreamProcessors = { start: jest.fn(() => Promise.resolve('ref-camera-front-door')), delete: jest.fn() };

    const result = await register(memoryCameras(), streams(), processors)(registration);

    expect(processors.start).toHaveBeenCalledWith(registration, STREAM_ARN);
    expect(result).toMatchObject({ camera: { streamProcessorName: 'ref-camera-front-door' } });
  });
});

describe('camera deletion', () => {
  it('deletes stream, faces, frames and detections, and the camera item last', async () => {
    const cameras = memoryCameras();
    cameras.items.set('front-door', camera({ streamProcessorName: 'proc' }));
    const videoStreams = streams();
    const detections = memoryDetectionStore();
    const processors: StreamProcessors = { start: jest.fn(), delete: jest.fn(() => Promise.resolve()) };
    const order: string[] = [];
    videoStreams.delete.mockImplementation(() => Promise.resolve(void order.push('stream')));
    (cameras.delete as jest.Mock).mockImplementation(() => Promise.resolve(void order.push('camera')));

    const result = await createCameraDeletion({
      cameras,
      streams: videoStreams,
      faces: { deleteCameraFaces: () => Promise.resolve((order.push('faces'), 2)) },
      frames: { put: jest.fn(), deletePrefix: (prefix) => Promise.resolve((order.push(`frames ${prefix}`), 5)) },
      detections,
      streamProcessors: processors,
    })('front-door');

    expect(result).toEqual({ status: 'deleted', facesDeleted: 2, framesDeleted: 5, detectionsDeleted: 0 });
    expect(processors.delete).toHaveBeenCalledWith('proc');
    expect(order).toEqual(['stream', 'faces', 'frames video/frames/front-door/', 'camera']);
  });

  it('answers not-found for an unknown camera', async () => {
    const deletion = createCameraDeletion({
      cameras: memoryCameras(),
      streams: streams(),
      faces: { deleteCameraFaces: jest.fn() },
      frames: { put: jest.fn(), deletePrefix: jest.fn() },
      detections: memoryDetectionStore(),
    });
    await expect(deletion('nope')).resolves.toEqual({ status: 'not-found' });
  });
});
