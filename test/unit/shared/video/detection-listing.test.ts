// Unit tests: GET /cameras/{id}/detections — id and limit validation, 404 for unknown cameras, the list item shape.
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { Detection } from '../../../../shared/events/camera';
import { createDetectionListing, createListDetectionsHandler, type DetectionListing } from '../../../../shared/video/detection-listing';
import { camera } from './fixtures';

const silentLogger = { info: jest.fn(), warn: jest.fn(), error: jest.fn(), debug: jest.fn() };

function detection(overrides: Partial<Detection> = {}): Detection {
  return {
    cameraId: 'front-door',
    detectionId: '2026-11-02T10:00:01.000Z#motion-1',
    eventId: 'motion-1',
    frameAt: '2026-11-02T10:00:01.000Z',
    labels: [{ name: 'Person', confidence: 99.1 }],
    frameKey: 'video/frames/front-door/2026-11-02/motion-1/1793613601000.png',
    analysedAt: '2026-11-02T10:00:05.000Z',
    expiresAt: 1_800_000_000,
    ...overrides,
  };
}

const request = (id: string | undefined, limit?: string) =>
  ({ pathParameters: id === undefined ? null : { id }, queryStringParameters: limit === undefined ? null : { limit } }) as unknown as APIGatewayProxyEvent;

describe('detection listing', () => {
  const signer = { urlFor: (key: string) => Promise.resolve(`https://frames.example/${key}?X-Amz-Signature=sig`) };

  it('maps detections to items with a signed frame URL, known people by name and unknown faces counted', async () => {
    const latest = jest.fn().mockResolvedValue([
      detection({
        people: { facesDetected: 2, known: [{ faceId: 'face-1', externalImageId: 'front-door:alice', similarity: 99.8 }], unknownFaces: 1 },
      }),
      detection({ detectionId: '2026-11-02T10:00:00.000Z#motion-1', frameAt: '2026-11-02T10:00:00.000Z', labels: [{ name: 'Car', confidence: 98.7 }] }),
    ]);
    const list = createDetectionListing({ cameras: { get: () => Promise.resolve(camera()) }, detections: { latest }, frameUrls: signer });

    const listing = await list('front-door', 2);

    expect(latest).toHaveBeenCalledWith('front-door', 2);
    expect(listing).toEqual<DetectionListing>({
      cameraId: 'front-door',
      items: [
        {
          detectionId: '2026-11-02T10:00:01.000Z#motion-1',
          detectedAt: '2026-11-02T10:00:05.000Z',
          frameAt: '2026-11-02T10:00:01.000Z',
          labels: [{ name: 'Person', confidence: 99.1 }],
          faces: { known: ['alice'], unknown: 1 },
          frameUrl: 'https://frames.example/video/frames/front-door/2026-11-02/motion-1/1793613601000.png?X-Amz-Signature=sig',
        },
        {
          detectionId: '2026-11-02T10:00:00.000Z#motion-1',
          detectedAt: '2026-11-02T10:00:05.000Z',
          frameAt: '2026-11-02T10:00:00.000Z',
          labels: [{ name: 'Car', confidence: 98.7 }],
          faces: { known: [], unknown: 0 },
          frameUrl: 'https://frames.example/video/frames/front-door/2026-11-02/motion-1/1793613601000.png?X-Amz-Signature=sig',
        },
      ],
    });
  });

  it('names a known face by its face id when it has no external id, and keeps foreign external ids whole', async () => {
    const people = {
      facesDetected: 2,
      known: [{ faceId: 'face-1', similarity: 99 }, { faceId: 'face-2', externalImageId: 'back-door:bob', similarity: 99 }],
      unknownFaces: 0,
    };
    const list = createDetectionListing({
      cameras: { get: () => Promise.resolve(camera()) },
      detections: { latest: () => Promise.resolve([detection({ people })]) },
      frameUrls: signer,
    });

    expect((await list('front-door', 20))?.items[0]?.faces).toEqual({ known: ['face-1', 'back-door:bob'], unknown: 0 });
  });

  it('answers undefined for a camera that is not registered', async () => {
    const list = createDetectionListing({
      cameras: { get: () => Promise.resolve(undefined) },
      detections: { latest: () => Promise.resolve([]) },
      frameUrls: signer,
    });

    await expect(list('nobody-here', 20)).resolves.toBeUndefined();
  });
});

describe('GET /cameras/{id}/detections handler', () => {
  const listing: DetectionListing = { cameraId: 'front-door', items: [] };

  it('answers 200 with the listing, 20 items by default or the limit asked for, never cached', async () => {
    const list = jest.fn().mockResolvedValue(listing);
    const handler = createListDetectionsHandler({ list, logger: silentLogger });

    const answer = await handler(request('front-door'));
    await handler(request('front-door', '5'));

    expect(answer).toMatchObject({ statusCode: 200, headers: { 'Cache-Control': 'no-store' } });
    expect(JSON.parse(answer.body)).toEqual(listing);
    expect(list.mock.calls).toEqual([['front-door', 20], ['front-door', 5]]);
  });

  it.each([
    ['an invalid camera id', request('Front/Door'), 'id'],
    ['a missing camera id', request(undefined), 'id'],
    ['a limit of 0', request('front-door', '0'), 'limit'],
    ['a limit above 100', request('front-door', '101'), 'limit'],
    ['a fractional limit', request('front-door', '2.5'), 'limit'],
    ['a limit that is not a number', request('front-door', 'ten'), 'limit'],
  ])('answers 400 for %s without reading', async (_what, event, path) => {
    const list = jest.fn();
    const answer = await createListDetectionsHandler({ list, logger: silentLogger })(event);

    expect(answer.statusCode).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ errors: [{ path }] });
    expect(list).not.toHaveBeenCalled();
  });

  it('answers 404 for an unknown camera and 500 (logged) when the read fails', async () => {
    const list = jest.fn().mockResolvedValueOnce(undefined).mockRejectedValueOnce(new Error('boom'));
    const logger = { ...silentLogger, error: jest.fn() };
    const handler = createListDetectionsHandler({ list, logger });

    expect((await handler(request('front-door'))).statusCode).toBe(404);
    expect((await handler(request('front-door'))).statusCode).toBe(500);
    expect(logger.error).toHaveBeenCalledTimes(1);
  });
});
