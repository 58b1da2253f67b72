// Unit tests: GET /cameras/{id}/detections through the real handler with mocked DynamoDB (S3 URLs are signed locally).
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { lambdaContext } from '../../shared/fixtures/clickstream';
import { camera } from '../../shared/video/fixtures';

type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

const dynamo = mockClient(DynamoDBDocumentClient);
let handler: Handler;
const FRAME_KEY = 'video/frames/front-door/2026-11-02/motion-1/1793613601000.png';

beforeAll(async () => {
  Object.assign(process.env, {
    CAMERAS_TABLE_NAME: 'cameras',
    DETECTIONS_TABLE_NAME: 'detections',
    FRAMES_BUCKET_NAME: 'frames',
    FRAME_URL_TTL_SECONDS: '900',
    POWERTOOLS_SERVICE_NAME: 'cameras-detections',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    POWERTOOLS_METRICS_DISABLED: 'true',
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'secret',
  });
  handler = (await import('../../../../functions/video/list-detections')).handler;
});
beforeEach(() => dynamo.reset());

const request = (id: string, limit?: string) =>
  handler(
    { pathParameters: { id }, queryStringParameters: limit === undefined ? null : { limit } } as unknown as APIGatewayProxyEvent,
    lambdaContext('cameras-detections'),
  );

describe('GET /cameras/{id}/detections', () => {
  it('answers the newest detections with a presigned frame URL for each', async () => {
    dynamo.on(GetCommand).resolves({ Item: camera({ knownFaces: true }) });
    dynamo.on(QueryCommand).resolves({
      Items: [
        {
          cameraId: 'front-door',
          detectionId: '2026-11-02T10:00:01.000Z#motion-1',
          eventId: 'motion-1',
          frameAt: '2026-11-02T10:00:01.000Z',
          labels: [{ name: 'Person', confidence: 99.4 }],
          people: { facesDetected: 1, known: [{ faceId: 'f-1', externalImageId: 'front-door:alice', similarity: 99.8 }], unknownFaces: 0 },
          frameKey: FRAME_KEY,
          analysedAt: '2026-11-02T10:00:05.000Z',
          expiresAt: 1_800_000_000,
        },
      ],
    });

    const answer = await request('front-door', '10');

    expect(answer.statusCode).toBe(200);
    const body = JSON.parse(answer.body) as { cameraId: string; items: Array<{ frameUrl: string; faces: unknown }> };
    expect(body.cameraId).toBe('front-door');
    expect(body.items).toHaveLength(1);
    expect(body.items[0]?.faces).toEqual({ known: ['alice'], unknown: 0 });
    const url = new URL(body.items[0]?.frameUrl ?? '');
    expect(url.pathname).toBe(`/frames/${FRAME_KEY}`);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    expect(dynamo.commandCalls(QueryCommand)[0]?.args[0].input).toMatchObject({ TableName: 'detections', ScanIndexForward: false, Limit: 10 });
    expect(dynamo.commandCalls(GetCommand)[0]?.args[0].input).toMatchObject({ TableName: 'cameras', Key: { cameraId: 'front-door' } });
  });

  it('answers 404 for a camera that is not registered', async () => {
    dynamo.on(GetCommand).resolves({});
    dynamo.on(QueryCommand).resolves({ Items: [] });

    expect((await request('nobody-here')).statusCode).toBe(404);
  });
});
