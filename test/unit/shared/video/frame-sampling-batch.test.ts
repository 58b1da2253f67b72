// Unit tests: the frame sampler's batch step with in-memory ports (outcomes, retries, de-duplication, failures).
import type { MotionRecord } from '../../../../shared/events/camera';
import type { StreamRecord } from '../../../../shared/lambda/kinesis-records';
import { createFrameSamplingBatchStep } from '../../../../shared/video/frame-sampling-batch';
import type { VideoAlertMessage } from '../../../../shared/events/camera';
import { UnanalysableFrameError, type ImageAnalyzer, type SampledFrame } from '../../../../shared/video/ports';
import { at, awsError, camera, memoryAlertStore, memoryDetectionStore, motion } from './fixtures';

const png = (tag: number): Uint8Array => Uint8Array.of(0x89, 0x50, tag);

function setup(options: { frames?: SampledFrame[] | undefined; labels?: (png: Uint8Array) => Promise<Array<{ name: string; confidence: number }>> } = {}) {
  const frames: SampledFrame[] | undefined =
    'frames' in options ? options.frames : [{ timestamp: at(1), kind: 'image', png: png(1) }, { timestamp: at(2), kind: 'no-media' }];
  const stored = new Map<string, Uint8Array>();
  const published: VideoAlertMessage[] = [];
  const alerts = memoryAlertStore();
  const detections = memoryDetectionStore();
  const analyzer: ImageAnalyzer = {
    detectLabels: options.labels ?? (() => Promise.resolve([{ name: 'Person', confidence: 97 }])),
    detectFaces: () => Promise.resolve([]),
    searchKnownFace: () => Promise.resolve({}),
  };
  const publisher = { publish: jest.fn((message: VideoAlertMessage) => Promise.resolve(void published.push(message))) };
  const step = createFrameSamplingBatchStep({
    cameras: { get: (id) => Promise.resolve(id === 'front-door' ? camera() : undefined) },
    frames: { sample: () => Promise.resolve(frames) },
    analyzer,
    frameStore: { put: (key, bytes) => Promise.resolve(void stored.set(key, bytes)), deletePrefix: () => Promise.resolve(0) },
    detections,
    alerts,
    publisher,
    limits: { maxWindowMs: 4_000, samplingIntervalMs: 1_000, maxFrames: 10 },
    detectionTtlDays: 30,
    alertTtlDays: 90,
    alertWindowSeconds: 300,
    now: () => new Date('2026-11-02T10:00:05.000Z'),
  });
  return { step, stored, published, alerts, detections, publisher };
}

const record = (sequenceNumber: string, payload: MotionRecord): StreamRecord<MotionRecord> => ({
  shardId: 'shardId-000000000000',
  sequenceNumber,
  partitionKey: payload.cameraId,
  payload,
});

describe('frame sampling batch step', () => {
  it('writes detections, keeps the analysed frame, publishes one alert and counts NO_MEDIA frames', async () => {
    const { step, stored, published, detections } = setup();

    const result = await step([record('1', motion())]);

    expect(result.failures.size).toBe(0);
    expect(result.summary).toMatchObject({ events: 1, framesSampled: 2, framesNoMedia: 1, framesAnalysed: 1, detections: 1, alertsRaised: 1 });
    expect([...stored.keys()]).toEqual([`video/frames/front-door/2026-11-02/motion-1/${at(1).getTime()}.png`]);
    expect(detections.items.size).toBe(1);
    expect(published.map((message) => message.label)).toEqual(['Person']);
  });

  it('publishes once for two events of the same camera, label and window', async () => {
    const { step, published } = setup();

    const result = await step([record('1', motion()), record('2', motion({ eventId: 'motion-2', detectedAt: '2026-11-02T10:00:09.000Z' }))]);

    expect(published).toHaveLength(1);
    expect(result.summary).toMatchObject({ alertsRaised: 1, alertsDuplicate: 1 });
  });

  it('re-publishes on redelivery when the first publish failed, and never after a successful one', async () => {
    const { step, publisher, published, alerts } = setup();
    publisher.publish.mockRejectedValueOnce(awsError('InternalErrorException', 'server'));

    const first = await step([record('1', motion())]);
    const second = await step([record('1', motion())]);
    const third = await step([record('1', motion())]);

    expect(first.failures.get('1')).toMatch(/InternalErrorException/);
    expect([second.failures.size, third.failures.size]).toEqual([0, 0]);
    expect(published).toHaveLength(1);
    expect([...alerts.items.values()][0]?.notifiedAt).toBe('2026-11-02T10:00:05.000Z');
  });

  it('fails the record on Rekognition throttling so the event-source mapping retries it', async () => {
    const { step, published } = setup({ labels: () => Promise.reject(awsError('ThrottlingException', 'client', 400)) });

    const result = await step([record('7', motion())]);

    expect(result.failures.get('7')).toMatch(/ThrottlingException/);
    expect(published).toEqual([]);
  });

  it('skips an unanalysable frame, an unknown camera and a deleted stream without failing', async () => {
    const unanalysable = setup({ labels: () => Promise.reject(new UnanalysableFrameError('InvalidImageFormatException')) });
    const gone = setup({ frames: undefined });

    const results = [
      await unanalysable.step([record('1', motion()), record('2', motion({ cameraId: 'back-yard' }))]),
      await gone.step([record('3', motion())]),
    ];

    expect(results.map((result) => result.failures.size)).toEqual([0, 0]);
    expect(results[0]?.summary).toMatchObject({ framesUnanalysable: 1, unknownCamera: 1, detections: 0 });
    expect(results[1]?.summary).toMatchObject({ streamMissing: 1 });
  });
});
