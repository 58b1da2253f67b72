// Camera pipeline end to end on the local cloud: the simulator streams fixture scenes to a camera registered through
// the API, its motion event is sampled (GetImages) and analysed (Rekognition fake), and the outcome is checked in
// DynamoDB, S3 and an SQS queue subscribed to the alerts topic; then NO_MEDIA, Rekognition faults and deletion.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DescribeStreamCommand, GetDataEndpointCommand, KinesisVideoClient } from '@aws-sdk/client-kinesis-video';
import { IndexFacesCommand, ListFacesCommand, RekognitionClient } from '@aws-sdk/client-rekognition';
import { GetObjectCommand, ListObjectVersionsCommand, S3Client } from '@aws-sdk/client-s3';
import { SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, DeleteMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createDynamoDbDocumentClient, createSqsClient, keepAliveHttpHandler } from '../../shared/aws/clients';
import type { Detection, VideoAlertMessage } from '../../shared/events/camera';
import { runCameraSession, type CameraRunSummary } from '../../scripts/camera/camera-run';
import type { CameraRegistration, MotionEvent } from '../../scripts/camera/camera-api';
import { projectRoot } from '../../scripts/local/cloud';
import { decodePng, encodePng, matchScene, renderScene, type SceneName } from '../../scripts/video/media';
import { useLocalCloud } from './local-cloud-fixture';

const cloud = useLocalCloud();
const TIMEOUT_MS = 120_000;

let kinesisVideo: KinesisVideoClient;
let s3: S3Client;
let rekognition: RekognitionClient;
let alertsQueueUrl: string;
/** SNS deliveries read from the queue so far, whatever camera they are for (each test filters its own). */
const delivered: VideoAlertMessage[] = [];
/** Unique per run, so reruns against a reused log directory or table never see an earlier run's cameras. */
const runId = Date.now().toString(36);
const cameraIdFor = (name: string): string => `${name}-${runId}`;

beforeAll(async () => {
  kinesisVideo = new KinesisVideoClient({ requestHandler: keepAliveHttpHandler() });
  s3 = new S3Client({ forcePathStyle: true, requestHandler: keepAliveHttpHandler() });
  rekognition = new RekognitionClient({ requestHandler: keepAliveHttpHandler() });
  // The test's own subscriber: an SQS queue on the alerts topic, as an operator's integration would be.
  const sqs = createSqsClient();
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `video-alerts-test-${runId}` }));
  alertsQueueUrl = QueueUrl ?? '';
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: alertsQueueUrl, AttributeNames: ['QueueArn'] }));
  const sns = new SNSClient({ requestHandler: keepAliveHttpHandler() });
  await sns.send(new SubscribeCommand({ TopicArn: cloud().physicalId('VideoAlertsTopic'), Protocol: 'sqs', Endpoint: Attributes?.QueueArn }));
  sns.destroy();
}, 30_000);

afterAll(() => {
  kinesisVideo?.destroy();
  s3?.destroy();
  rekognition?.destroy();
});

async function call(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${cloud().apiUrl}/${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-api-key': cloud().apiKeys[0]?.value ?? '' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: (text === '' ? {} : JSON.parse(text)) as Record<string, unknown> };
}

function registration(name: string, overrides: Partial<CameraRegistration> = {}): CameraRegistration {
  return { cameraId: cameraIdFor(name), name: `Test ${name}`, labelsOfInterest: ['Person', 'Car'], minConfidence: 80, knownFaces: false, ...overrides };
}

/** The simulator library, as `npm run camera` runs it: registers the camera if needed, streams, posts the motion event. */
function streamClip(camera: CameraRegistration, scenes: SceneName[], seconds: number): Promise<CameraRunSummary> {
  return runCameraSession(
    { registration: camera, scenes, seconds, fps: 2, region: cloud().region, api: { apiUrl: cloud().apiUrl, apiKey: cloud().apiKeys[0]?.value ?? '' } },
    {
      now: () => Date.now(),
      // The fake has no 5-fragments-per-second limit, so the simulator's pacing would only slow the test down.
      sleep: () => Promise.resolve(),
      credentials: defaultProvider(),
      getPutMediaEndpoint: async (streamName) => {
        const { DataEndpoint } = await kinesisVideo.send(new GetDataEndpointCommand({ StreamName: streamName, APIName: 'PUT_MEDIA' }));
        return DataEndpoint ?? '';
      },
      log: () => undefined,
    },
  );
}

async function postMotion(cameraId: string, events: MotionEvent[]): Promise<void> {
  const { status } = await call('POST', `cameras/${cameraId}/motion`, { events });
  expect(status).toBe(202);
}

async function detectionsOf(cameraId: string): Promise<Detection[]> {
  const { Items = [] } = await createDynamoDbDocumentClient().send(
    new QueryCommand({
      TableName: cloud().physicalId('DetectionsTable'),
      KeyConditionExpression: 'cameraId = :cameraId',
      ExpressionAttributeValues: { ':cameraId': cameraId },
      ConsistentRead: true,
    }),
  );
  return Items as Detection[];
}

async function alertsOf(cameraId: string): Promise<Array<Record<string, unknown>>> {
  const { Items = [] } = await createDynamoDbDocumentClient().send(
    new QueryCommand({
      TableName: cloud().physicalId('AlertsTable'),
      KeyConditionExpression: 'entityId = :entityId',
      ExpressionAttributeValues: { ':entityId': `camera#${cameraId}` },
      ConsistentRead: true,
    }),
  );
  return Items;
}

async function frameKeysOf(cameraId: string): Promise<string[]> {
  const { Versions = [] } = await s3.send(new ListObjectVersionsCommand({ Bucket: cloud().physicalId('FramesBucket'), Prefix: `video/frames/${cameraId}/` }));
  return Versions.flatMap((version) => version.Key ?? []);
}

/** Reads the alerts queue until it is empty; SNS wraps each message in its notification envelope. */
async function alertMessagesFor(cameraId: string): Promise<VideoAlertMessage[]> {
  const sqs = createSqsClient();
  for (;;) {
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: alertsQueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
    if (Messages.length === 0) break;
    for (const message of Messages) delivered.push(JSON.parse((JSON.parse(message.Body ?? '{}') as { Message: string }).Message) as VideoAlertMessage);
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: alertsQueueUrl,
        Entries: Messages.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle })),
      }),
    );
  }
  return delivered.filter((message) => message.cameraId === cameraId);
}

function samplerMapping() {
  const mapping = cloud().mappings.find((candidate) => candidate.config.streamArn.includes(cloud().physicalId('CameraEventsStream')));
  if (mapping === undefined) throw new Error('no event-source mapping on CameraEventsStream');
  return mapping;
}

/** The sampler's per-batch counters since `since`: its embedded-metric-format lines in the function's log file. */
function samplerCounters(since: number): Array<Record<string, number>> {
  const file = join(projectRoot, '.local', 'logs', 'functions', `${cloud().stackName}-frameSampler.log`);
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line) => {
      if (!line.startsWith('{"_aws"')) return [];
      const entry = JSON.parse(line) as { _aws: { Timestamp: number }; Events?: number } & Record<string, number>;
      return entry.Events !== undefined && entry._aws.Timestamp >= since ? [entry] : [];
    });
}

const sceneOf = (png: Uint8Array): string | undefined => matchScene(decodePng(png))?.scene;
const labelsOf = (detections: Detection[]): string[] => detections.flatMap((detection) => detection.labels.map((label) => label.name)).sort();

describe('video pipeline on the local cloud', () => {
  test('a clip becomes detections for the labels of interest, PNG evidence frames and one alert per label, however often motion is reported', async () => {
    // Cat is wanted but the dog scene's Cat (38.5) is below minConfidence; Dog and Outdoors are not wanted at all.
    const camera = registration('yard', { labelsOfInterest: ['Person', 'Car', 'Cat'] });
    const session = await streamClip(camera, ['empty', 'person', 'car', 'dog'], 4);
    expect(session).toMatchObject({ created: true, fragments: 4, persisted: 4 });
    await cloud().drainStreams();

    const detections = await detectionsOf(camera.cameraId);
    expect(labelsOf(detections)).toEqual(['Car', 'Person']);
    expect(detections.every((detection) => detection.eventId === session.event.eventId)).toBe(true);
    expect(detections.find((detection) => detection.labels[0]?.name === 'Person')?.people).toBeUndefined();

    const keys = await frameKeysOf(camera.cameraId);
    expect(keys.sort()).toEqual(detections.map((detection) => detection.frameKey).sort());
    const scenes = await Promise.all(
      detections.map(async (detection) => {
        const object = await s3.send(new GetObjectCommand({ Bucket: cloud().physicalId('FramesBucket'), Key: detection.frameKey }));
        expect(object.ContentType).toBe('image/png');
        return [detection.labels[0]?.name, sceneOf(await object.Body!.transformToByteArray())];
      }),
    );
    expect(Object.fromEntries(scenes)).toEqual({ Person: 'person', Car: 'car' });

    const alerts = await alertsOf(camera.cameraId);
    expect(alerts.map((alert) => (alert.details as { label: string }).label).sort()).toEqual(['Car', 'Person']);
    expect(alerts.every((alert) => typeof alert.notifiedAt === 'string')).toBe(true);
    const messages = await alertMessagesFor(camera.cameraId);
    expect(messages.map((message) => message.label).sort()).toEqual(['Car', 'Person']);
    expect(messages.find((message) => message.label === 'Person')).toMatchObject({ severity: 'high', eventId: session.event.eventId, cameraName: 'Test yard' });

    // The same event again (a camera retrying its POST), then another event in the same alert window.
    await postMotion(camera.cameraId, [session.event]);
    await cloud().drainStreams();
    await postMotion(camera.cameraId, [{ ...session.event, eventId: `${session.event.eventId}-again` }]);
    await cloud().drainStreams();

    expect(labelsOf(await detectionsOf(camera.cameraId))).toEqual(['Car', 'Car', 'Person', 'Person']);
    expect(await alertsOf(camera.cameraId)).toHaveLength(2);
    expect(await alertMessagesFor(camera.cameraId)).toHaveLength(2);
  }, TIMEOUT_MS);

  test('a known face is recognised and not alerted on; an unknown face is', async () => {
    const known = registration('porch', { labelsOfInterest: ['Person'], knownFaces: true });
    // Enrol the resident as the operator would: IndexFaces with ExternalImageId "<cameraId>:<person>".
    const { FaceRecords = [] } = await rekognition.send(
      new IndexFacesCommand({
        CollectionId: cloud().physicalId('FaceCollection'),
        Image: { Bytes: encodePng(renderScene('person-known')) },
        ExternalImageId: `${known.cameraId}:alice`,
        MaxFaces: 1,
      }),
    );
    expect(FaceRecords).toHaveLength(1);
    await streamClip(known, ['person-known'], 1);
    await cloud().drainStreams();

    const [residentSeen] = await detectionsOf(known.cameraId);
    expect(residentSeen?.people).toMatchObject({ facesDetected: 1, unknownFaces: 0, known: [{ externalImageId: `${known.cameraId}:alice` }] });
    expect(await alertsOf(known.cameraId)).toEqual([]);
    expect(await alertMessagesFor(known.cameraId)).toEqual([]);

    const stranger = registration('gate', { labelsOfInterest: ['Person'], knownFaces: true });
    await streamClip(stranger, ['person'], 1);
    await cloud().drainStreams();

    const [strangerSeen] = await detectionsOf(stranger.cameraId);
    expect(strangerSeen?.people).toEqual({ facesDetected: 1, known: [], unknownFaces: 1 });
    const [message, ...others] = await alertMessagesFor(stranger.cameraId);
    expect(others).toEqual([]);
    expect(message?.reasons.join(' ')).toMatch(/1 unknown face/);
  }, TIMEOUT_MS);

  test('a motion event for a window without media is counted as NO_MEDIA, with no detection, alert or failure', async () => {
    const camera = registration('shed');
    expect((await call('POST', 'cameras', camera)).status).toBe(201);
    const since = Date.now();
    const failedBefore = samplerMapping().stats().totals.failedInvocations;
    const detectedAt = new Date(since - 10_000).toISOString();
    await postMotion(camera.cameraId, [{ eventId: `${camera.cameraId}-quiet`, detectedAt, windowStartAt: new Date(since - 12_000).toISOString(), windowEndAt: detectedAt }]);
    await cloud().drainStreams();

    expect(await detectionsOf(camera.cameraId)).toEqual([]);
    expect(await alertsOf(camera.cameraId)).toEqual([]);
    expect(samplerMapping().stats().totals.failedInvocations).toBe(failedBefore);
    // A 2-s window sampled once a second: 3 samples, all NO_MEDIA.
    expect(samplerCounters(since)).toContainEqual(expect.objectContaining({ Events: 1, Failed: 0, FramesSampled: 3, FramesNoMedia: 3, FramesAnalysed: 0, Detections: 0 }));
  }, TIMEOUT_MS);

  test.each(['ThrottlingException', 'InternalServerError'])(
    'DetectLabels failing with %s fails the record, the mapping retries it, and it is processed once: nothing lost, one alert',
    async (errorCode) => {
      const camera = registration(`drive-${errorCode.toLowerCase().slice(0, 8)}`, { labelsOfInterest: ['Car'] });
      const before = samplerMapping().stats().totals;
      // The SDK client makes 3 attempts per call, so 3 faults fail the first invocation; the mapping's retry succeeds.
      cloud().video.faults.failNext('DetectLabels', 3, errorCode);
      await streamClip(camera, ['car'], 1);
      await cloud().drainStreams();

      const after = samplerMapping().stats().totals;
      expect(cloud().video.faults.pending('DetectLabels')).toBe(0);
      expect(after.failedInvocations).toBeGreaterThan(before.failedInvocations);
      expect(after.retries).toBeGreaterThan(before.retries);
      expect(after.recordsDiscarded).toBe(before.recordsDiscarded);
      expect(labelsOf(await detectionsOf(camera.cameraId))).toContain('Car');
      expect(await alertsOf(camera.cameraId)).toHaveLength(1);
      expect((await alertMessagesFor(camera.cameraId)).map((message) => message.label)).toEqual(['Car']);
    },
    TIMEOUT_MS,
  );

  test('DELETE /cameras/{id} removes the stream with its media, enrolled faces, frames and detections, and the camera', async () => {
    const camera = registration('garage');
    const collectionId = cloud().physicalId('FaceCollection');
    await streamClip(camera, ['person'], 1);
    await rekognition.send(
      new IndexFacesCommand({ CollectionId: collectionId, Image: { Bytes: encodePng(renderScene('person')) }, ExternalImageId: `${camera.cameraId}:visitor`, MaxFaces: 1 }),
    );
    await cloud().drainStreams();
    expect(await detectionsOf(camera.cameraId)).not.toEqual([]);
    expect(await frameKeysOf(camera.cameraId)).not.toEqual([]);
    const streamName = `${cloud().stackName}-camera-${camera.cameraId}`;

    expect((await call('DELETE', `cameras/${camera.cameraId}`)).status).toBe(204);

    await expect(kinesisVideo.send(new DescribeStreamCommand({ StreamName: streamName }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    expect(await frameKeysOf(camera.cameraId)).toEqual([]);
    expect(await detectionsOf(camera.cameraId)).toEqual([]);
    const { Faces = [] } = await rekognition.send(new ListFacesCommand({ CollectionId: collectionId, MaxResults: 4096 }));
    expect(Faces.filter((face) => face.ExternalImageId?.startsWith(`${camera.cameraId}:`))).toEqual([]);
    const { json } = await call('GET', 'cameras');
    expect((json.cameras as Array<{ cameraId: string }>).map((listed) => listed.cameraId)).not.toContain(camera.cameraId);
    expect((await call('DELETE', `cameras/${camera.cameraId}`)).status).toBe(404);
  }, TIMEOUT_MS);
});
