// Unit tests: POST /cameras, GET /cameras, DELETE /cameras/{id} and POST /cameras/{id}/motion through the real handlers with mocked AWS clients.
import { KinesisClient, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { CreateStreamCommand, DeleteStreamCommand, DescribeStreamCommand, KinesisVideoClient } from '@aws-sdk/client-kinesis-video';
import { ListFacesCommand, RekognitionClient } from '@aws-sdk/client-rekognition';
import { ListObjectVersionsCommand, S3Client } from '@aws-sdk/client-s3';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { lambdaContext } from '../../shared/fixtures/clickstream';
import { camera } from '../../shared/video/fixtures';

type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

const dynamo = mockClient(DynamoDBDocumentClient);
const kvs = mockClient(KinesisVideoClient);
const kinesis = mockClient(KinesisClient);
const rekognition = mockClient(RekognitionClient);
const s3 = mockClient(S3Client);
const handlers: Record<'register' | 'list' | 'remove' | 'motion', Handler> = {} as Record<'register' | 'list' | 'remove' | 'motion', Handler>;
const STREAM_ARN = 'arn:aws:kinesisvideo:eu-west-1:123456789012:stream/ref-dev-camera-front-door/1';

beforeAll(async () => {
  Object.assign(process.env, {
    CAMERAS_TABLE_NAME: 'cameras',
    DETECTIONS_TABLE_NAME: 'detections',
    FRAMES_BUCKET_NAME: 'frames',
    FACE_COLLECTION_ID: 'faces',
    CAMERA_STREAM_PREFIX: 'ref-dev-camera-',
    APPLICATION_TAG: 'ref-dev',
    VIDEO_RETENTION_HOURS: '24',
    STREAM_NAME: 'camera-events',
    POWERTOOLS_SERVICE_NAME: 'video',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    POWERTOOLS_METRICS_DISABLED: 'true',
    AWS_REGION: 'eu-west-1',
  });
  handlers.register = (await import('../../../../functions/video/register-camera')).handler;
  handlers.list = (await import('../../../../functions/video/list-cameras')).handler;
  handlers.remove = (await import('../../../../functions/video/delete-camera')).handler;
  handlers.motion = (await import('../../../../functions/video/ingest-motion')).handler;
});
beforeEach(() => [dynamo, kvs, kinesis, rekognition, s3].forEach((mock) => mock.reset()));

const request = (handler: Handler, options: { body?: unknown; id?: string }) =>
  handler(
    {
      headers: { 'Content-Type': 'application/json' },
      pathParameters: options.id === undefined ? null : { id: options.id },
      body: options.body === undefined ? null : JSON.stringify(options.body),
      isBase64Encoded: false,
    } as unknown as APIGatewayProxyEvent,
    lambdaContext('video'),
  );

const registration = { cameraId: 'front-door', labelsOfInterest: ['Person'], minConfidence: 80, knownFaces: false };

describe('POST /cameras', () => {
  it('creates the stream and answers 201 with the stored camera', async () => {
    dynamo.on(GetCommand).resolves({});
    dynamo.on(PutCommand).resolves({});
    kvs.on(CreateStreamCommand).resolves({ StreamARN: STREAM_ARN });

    const response = await request(handlers.register, { body: registration });

    expect(response.statusCode).toBe(201);
    expect(JSON.parse(response.body)).toMatchObject({ ...registration, streamName: 'ref-dev-camera-front-door', streamArn: STREAM_ARN });
    expect(kvs.commandCalls(CreateStreamCommand)[0]?.args[0].input).toMatchObject({ StreamName: 'ref-dev-camera-front-door', DataRetentionInHours: 24 });
  });

  it('answers 409 for an existing camera and 400 for an invalid one', async () => {
    dynamo.on(GetCommand).resolves({ Item: camera() });

    expect((await request(handlers.register, { body: registration })).statusCode).toBe(409);
    const invalid = await request(handlers.register, { body: { ...registration, cameraId: 'Front Door', minConfidence: 101 } });
    expect(invalid.statusCode).toBe(400);
    expect((JSON.parse(invalid.body) as { errors: Array<{ path: string }> }).errors.map((error) => error.path)).toEqual(['cameraId', 'minConfidence']);
    expect(kvs.commandCalls(CreateStreamCommand)).toHaveLength(0);
  });
});

describe('GET /cameras', () => {
  it('lists the cameras sorted by id', async () => {
    dynamo.on(ScanCommand).resolves({ Items: [camera({ cameraId: 'yard' }), camera()] });

    const response = await request(handlers.list, {});

    expect((JSON.parse(response.body) as { cameras: Array<{ cameraId: string }> }).cameras.map((item) => item.cameraId)).toEqual(['front-door', 'yard']);
  });
});

describe('DELETE /cameras/{id}', () => {
  it('deletes the stream, faces, frames, detections and the camera, then answers 204', async () => {
    dynamo.on(GetCommand).resolves({ Item: camera() });
    dynamo.on(QueryCommand).resolves({ Items: [] });
    dynamo.on(DeleteCommand).resolves({});
    kvs.on(DescribeStreamCommand).resolves({ StreamInfo: { StreamARN: STREAM_ARN, Status: 'ACTIVE' } });
    kvs.on(DeleteStreamCommand).resolves({});
    rekognition.on(ListFacesCommand).resolves({ Faces: [] });
    s3.on(ListObjectVersionsCommand).resolves({});

    const response = await request(handlers.remove, { id: 'front-door' });

    expect(response.statusCode).toBe(204);
    expect(kvs.commandCalls(DeleteStreamCommand)[0]?.args[0].input).toEqual({ StreamARN: STREAM_ARN });
    expect(dynamo.commandCalls(DeleteCommand)[0]?.args[0].input).toEqual({ TableName: 'cameras', Key: { cameraId: 'front-door' } });
  });

  it('answers 404 for an unknown camera and 400 for an invalid id', async () => {
    dynamo.on(GetCommand).resolves({});

    expect((await request(handlers.remove, { id: 'nope' })).statusCode).toBe(404);
    expect((await request(handlers.remove, { id: '../x' })).statusCode).toBe(400);
  });
});

describe('POST /cameras/{id}/motion', () => {
  it('writes each event with the camera id from the path as partition key', async () => {
    kinesis.on(PutRecordsCommand).resolves({ FailedRecordCount: 0, Records: [{ SequenceNumber: '1', ShardId: 'shardId-0' }] });

    const response = await request(handlers.motion, { id: 'front-door', body: { events: [{ eventId: 'm-1', detectedAt: '2026-11-02T10:00:02Z' }] } });

    expect(response.statusCode).toBe(202);
    const sent = kinesis.commandCalls(PutRecordsCommand)[0]?.args[0].input;
    expect(sent?.StreamName).toBe('camera-events');
    expect(sent?.Records?.[0]?.PartitionKey).toBe('front-door');
    expect(JSON.parse(Buffer.from(sent?.Records?.[0]?.Data ?? []).toString())).toMatchObject({
      schemaVersion: 1,
      cameraId: 'front-door',
      eventId: 'm-1',
      detectedAt: '2026-11-02T10:00:02.000Z',
    });
  });

  it('answers 400 for an invalid camera id without writing', async () => {
    expect((await request(handlers.motion, { id: 'UPPER', body: { events: [] } })).statusCode).toBe(400);
    expect(kinesis.commandCalls(PutRecordsCommand)).toHaveLength(0);
  });
});
