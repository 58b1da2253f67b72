// The frame sampler's batch step: per motion event, sample frames, analyse them, keep evidence, raise de-duplicated alerts.
import type { BatchStepResult } from '../lambda/kinesis-consumer';
import type { StreamRecord } from '../lambda/kinesis-records';
import { mapWithConcurrency } from '../batching/concurrency';
import type { Camera, MotionRecord } from '../events/camera';
import type { CameraReader } from './camera-cache';
import { analyseFrame } from './frame-analysis';
import { frameWindowFor, type FrameSamplingLimits } from './frame-window';
import {
  UnanalysableFrameError,
  type AlertPublisher,
  type DetectionStore,
  type FrameSource,
  type FrameStore,
  type ImageAnalyzer,
  type SampledFrame,
  type VideoAlertStore,
} from './ports';
import { decideVideoOutcome, type FrameAnalysis, type RaisedVideoAlert, type VideoOutcome } from './video-outcome';

export interface FrameSamplingDependencies {
  cameras: CameraReader;
  frames: FrameSource;
  analyzer: ImageAnalyzer;
  frameStore: FrameStore;
  detections: DetectionStore;
  alerts: VideoAlertStore;
  publisher: AlertPublisher;
  limits: FrameSamplingLimits;
  detectionTtlDays: number;
  alertTtlDays: number;
  alertWindowSeconds: number;
  /** Motion events analysed at once (each makes sequential Rekognition calls; mind the account's TPS quota). */
  concurrency?: number;
  now?: () => Date;
}

const COUNTERS = [
  'events',
  'unknownCamera',
  'streamMissing',
  'framesSampled',
  'framesNoMedia',
  'framesMediaError',
  'framesAnalysed',
  'framesUnanalysable',
  'detections',
  'alertsRaised',
  'alertsDuplicate',
] as const;
type Counters = Record<(typeof COUNTERS)[number], number>;

const emptyCounters = (): Counters => Object.fromEntries(COUNTERS.map((name) => [name, 0])) as Counters;

function frameCounters(frames: readonly SampledFrame[]): Partial<Counters> {
  return {
    framesSampled: frames.length,
    framesNoMedia: frames.filter((frame) => frame.kind === 'no-media').length,
    framesMediaError: frames.filter((frame) => frame.kind === 'media-error').length,
  };
}

const reasonOf = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : String(error).slice(0, 300);

/**
 * Every write is keyed by the event (detections by frame time and event id, frames by event and frame time,
 * alerts by camera, label and window), so a record that fails half way and is redelivered repeats the same writes.
 * Throttling and 5xx errors from KVS, Rekognition, S3, DynamoDB or SNS fail the record, and the event-source
 * mapping redelivers it; NO_MEDIA frames, frames without faces and unknown cameras are outcomes, not errors.
 */
export function createFrameSamplingBatchStep(deps: FrameSamplingDependencies) {
  const concurrency = deps.concurrency ?? 4;
  const now = deps.now ?? (() => new Date());

  async function analyseAll(camera: Camera, frames: readonly SampledFrame[]) {
    const analyses: FrameAnalysis[] = [];
    const images = new Map<number, Uint8Array>();
    let unanalysable = 0;
    for (const frame of frames) {
      if (frame.kind !== 'image') continue;
      try {
        analyses.push(await analyseFrame(deps.analyzer, camera, frame.timestamp, frame.png));
        images.set(frame.timestamp.getTime(), frame.png);
      } catch (error) {
        if (!(error instanceof UnanalysableFrameError)) throw error;
        unanalysable += 1;
      }
    }
    return { analyses, images, unanalysable };
  }

  async function keepEvidence(outcome: VideoOutcome, images: ReadonlyMap<number, Uint8Array>): Promise<void> {
    await Promise.all(
      outcome.detections.map(async (detection) => {
        const png = images.get(Date.parse(detection.frameAt));
        if (png !== undefined) await deps.frameStore.put(detection.frameKey, png);
      }),
    );
    await deps.detections.put(outcome.detections);
  }

  /** Claim, publish, then mark: a publish that fails leaves an unnotified claim this event may take again on retry. */
  async function raise(alerts: readonly RaisedVideoAlert[], eventId: string): Promise<number> {
    let raised = 0;
    for (const { alert, message } of alerts) {
      if (!(await deps.alerts.claim(alert, eventId))) continue;
      await deps.publisher.publish(message);
      await deps.alerts.markNotified(alert, now().toISOString());
      raised += 1;
    }
    return raised;
  }

  async function processEvent(event: MotionRecord): Promise<Partial<Counters>> {
    const camera = await deps.cameras.get(event.cameraId);
    if (camera === undefined) return { unknownCamera: 1 };
    const frames = await deps.frames.sample(camera.streamName, frameWindowFor(event, deps.limits));
    if (frames === undefined) return { streamMissing: 1 };
    const { analyses, images, unanalysable } = await analyseAll(camera, frames);
    const outcome = decideVideoOutcome(camera, event, analyses, {
      analysedAt: now().toISOString(),
      detectionTtlDays: deps.detectionTtlDays,
      alertTtlDays: deps.alertTtlDays,
      alertWindowSeconds: deps.alertWindowSeconds,
    });
    await keepEvidence(outcome, images);
    const raised = await raise(outcome.alerts, event.eventId);
    return {
      ...frameCounters(frames),
      framesAnalysed: analyses.length,
      framesUnanalysable: unanalysable,
      detections: outcome.detections.length,
      alertsRaised: raised,
      alertsDuplicate: outcome.alerts.length - raised,
    };
  }

  return async (records: Array<StreamRecord<MotionRecord>>): Promise<BatchStepResult> => {
    const failures = new Map<string, string>();
    const summary = emptyCounters();
    await mapWithConcurrency(records, concurrency, async (record) => {
      summary.events += 1;
      try {
        const counters = await processEvent(record.payload);
        for (const [name, value] of Object.entries(counters) as Array<[keyof Counters, number]>) summary[name] += value;
      } catch (error) {
        failures.set(record.sequenceNumber, reasonOf(error));
      }
    });
    return { failures, summary };
  };
}
