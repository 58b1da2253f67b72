// Rekognition fake operations over known image contents: label filters, largest-face search, collections, errors.
import { ManualVideoClock } from '../../../../../../scripts/local/video/clock';
import { CollectionRegistry } from '../../../../../../scripts/local/video/rekognition/collections';
import type { ImageContents } from '../../../../../../scripts/local/video/rekognition/image-contents';
import { invokeRekognition, type RekognitionContext } from '../../../../../../scripts/local/video/rekognition/operations';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const box = (size: number) => ({ Width: size, Height: size, Left: 0.1, Top: 0.1 });

/** The image's second byte (after the PNG signature) picks the contents. */
const contentsByMarker: Record<number, ImageContents> = {
  1: {
    scene: 'person-known',
    labels: [
      { name: 'Person', confidence: 98.5, parents: [], categories: ['Person Description'], instances: [{ boundingBox: box(0.5), confidence: 98.5 }] },
      { name: 'Human', confidence: 97, parents: [], categories: ['Person Description'], instances: [] },
      { name: 'Indoors', confidence: 60, parents: [], categories: ['Buildings and Architecture'], instances: [] },
    ],
    faces: [
      { boundingBox: box(0.1), confidence: 99, identity: undefined },
      { boundingBox: box(0.3), confidence: 99.9, identity: 'known-person' },
    ],
  },
  2: { scene: 'car', labels: [{ name: 'Car', confidence: 95, parents: ['Vehicle'], categories: ['Vehicles'], instances: [] }], faces: [] },
};

function image(marker: number) {
  return { Bytes: Buffer.concat([PNG, Buffer.from([marker])]).toString('base64') };
}

function context(): RekognitionContext {
  return {
    collections: new CollectionRegistry('us-east-1', '123456789012', new ManualVideoClock(Date.UTC(2026, 0, 1))),
    recognise: (bytes) => contentsByMarker[bytes[8] ?? 0] ?? { labels: [], faces: [] },
    log: () => undefined,
  };
}

describe('Rekognition fake operations', () => {
  it('DetectLabels applies MinConfidence, inclusion filters and MaxLabels, highest confidence first', async () => {
    const ctx = context();
    const all = (await invokeRekognition('DetectLabels', { Image: image(1) }, ctx)) as { Labels: { Name: string }[] };
    expect(all.Labels.map((label) => label.Name)).toEqual(['Person', 'Human', 'Indoors']);
    const filtered = (await invokeRekognition(
      'DetectLabels',
      { Image: image(1), MinConfidence: 70, Settings: { GeneralLabels: { LabelInclusionFilters: ['Person', 'Car', 'Indoors'] } } },
      ctx,
    )) as { Labels: { Name: string; Instances: unknown[] }[] };
    expect(filtered.Labels).toMatchObject([{ Name: 'Person', Instances: [{ BoundingBox: box(0.5), Confidence: 98.5 }] }]);
    expect(filtered.Labels).toHaveLength(1);
    const capped = (await invokeRekognition('DetectLabels', { Image: image(1), MaxLabels: 1 }, ctx)) as { Labels: unknown[] };
    expect(capped.Labels).toHaveLength(1);
  });

  it('an image that matches no fixture has no labels and no faces', async () => {
    const ctx = context();
    expect(await invokeRekognition('DetectLabels', { Image: image(9) }, ctx)).toMatchObject({ Labels: [] });
    expect(await invokeRekognition('DetectFaces', { Image: image(9) }, ctx)).toEqual({ FaceDetails: [] });
  });

  it('rejects bytes that are neither PNG nor JPEG, and images over 5 MB', async () => {
    const ctx = context();
    await expect(invokeRekognition('DetectLabels', { Image: { Bytes: Buffer.from('GIF89a').toString('base64') } }, ctx)).rejects.toMatchObject({ code: 'InvalidImageFormatException' });
    const large = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]).toString('base64');
    await expect(invokeRekognition('DetectLabels', { Image: { Bytes: large } }, ctx)).rejects.toMatchObject({ code: 'ImageTooLargeException' });
    await expect(invokeRekognition('DetectLabels', { Image: { S3Object: { Bucket: 'b', Name: 'k' } } }, ctx)).rejects.toMatchObject({ code: 'InvalidS3ObjectException' });
  });

  it('SearchFacesByImage searches with the largest face and matches faces indexed from the same person', async () => {
    const ctx = context();
    await invokeRekognition('CreateCollection', { CollectionId: 'known-faces' }, ctx);
    const indexed = (await invokeRekognition('IndexFaces', { CollectionId: 'known-faces', Image: image(1), ExternalImageId: 'alice', MaxFaces: 1 }, ctx)) as {
      FaceRecords: { Face: { FaceId: string; ExternalImageId: string } }[];
      UnindexedFaces: { Reasons: string[] }[];
    };
    expect(indexed.FaceRecords).toHaveLength(1);
    expect(indexed.UnindexedFaces).toMatchObject([{ Reasons: ['EXCEEDS_MAX_FACES'] }]);
    const search = (await invokeRekognition('SearchFacesByImage', { CollectionId: 'known-faces', Image: image(1) }, ctx)) as {
      SearchedFaceBoundingBox: unknown;
      FaceMatches: { Similarity: number; Face: { FaceId: string; ExternalImageId: string } }[];
    };
    expect(search.SearchedFaceBoundingBox).toEqual(box(0.3));
    expect(search.FaceMatches).toMatchObject([{ Face: { FaceId: indexed.FaceRecords[0]?.Face.FaceId, ExternalImageId: 'alice' } }]);
    expect(search.FaceMatches).toHaveLength(1);
    const strict = (await invokeRekognition('SearchFacesByImage', { CollectionId: 'known-faces', Image: image(1), FaceMatchThreshold: 99.9 }, ctx)) as { FaceMatches: unknown[] };
    expect(strict.FaceMatches).toEqual([]);
  });

  it('SearchFacesByImage without a face is InvalidParameterException; without the collection ResourceNotFoundException', async () => {
    const ctx = context();
    await invokeRekognition('CreateCollection', { CollectionId: 'known-faces' }, ctx);
    const noFace = invokeRekognition('SearchFacesByImage', { CollectionId: 'known-faces', Image: image(2) }, ctx);
    await expect(noFace).rejects.toMatchObject({ code: 'InvalidParameterException' });
    await expect(noFace).rejects.toThrow(/no faces in the image/);
    await expect(invokeRekognition('SearchFacesByImage', { CollectionId: 'missing', Image: image(1) }, ctx)).rejects.toMatchObject({ code: 'ResourceNotFoundException' });
  });

  it('keeps collections: create once, list with pages, describe, delete faces, delete the collection', async () => {
    const ctx = context();
    for (const id of ['c-1', 'c-2', 'c-3']) await invokeRekognition('CreateCollection', { CollectionId: id }, ctx);
    await expect(invokeRekognition('CreateCollection', { CollectionId: 'c-1' }, ctx)).rejects.toMatchObject({ code: 'ResourceAlreadyExistsException' });
    const first = (await invokeRekognition('ListCollections', { MaxResults: 2 }, ctx)) as { CollectionIds: string[]; NextToken?: string };
    const second = (await invokeRekognition('ListCollections', { MaxResults: 2, NextToken: first.NextToken }, ctx)) as { CollectionIds: string[]; NextToken?: string };
    expect([...first.CollectionIds, ...second.CollectionIds]).toEqual(['c-1', 'c-2', 'c-3']);
    expect(second.NextToken).toBeUndefined();
    const indexed = (await invokeRekognition('IndexFaces', { CollectionId: 'c-1', Image: image(1) }, ctx)) as { FaceRecords: { Face: { FaceId: string } }[] };
    const faceIds = indexed.FaceRecords.map((record) => record.Face.FaceId);
    expect(await invokeRekognition('DescribeCollection', { CollectionId: 'c-1' }, ctx)).toMatchObject({
      FaceCount: 2,
      CollectionARN: 'arn:aws:rekognition:us-east-1:123456789012:collection/c-1',
    });
    expect(await invokeRekognition('DeleteFaces', { CollectionId: 'c-1', FaceIds: [faceIds[0], 'unknown-face'] }, ctx)).toEqual({
      DeletedFaces: [faceIds[0]],
      UnsuccessfulFaceDeletions: [{ FaceId: 'unknown-face', Reasons: ['FACE_NOT_FOUND'] }],
    });
    expect(((await invokeRekognition('ListFaces', { CollectionId: 'c-1' }, ctx)) as { Faces: unknown[] }).Faces).toHaveLength(1);
    expect(await invokeRekognition('DeleteCollection', { CollectionId: 'c-1' }, ctx)).toEqual({ StatusCode: 200 });
    await expect(invokeRekognition('DescribeCollection', { CollectionId: 'c-1' }, ctx)).rejects.toMatchObject({ code: 'ResourceNotFoundException' });
  });

  it('answers UnknownOperationException for operations the fake does not implement', async () => {
    await expect(invokeRekognition('StartFaceSearch', {}, context())).rejects.toMatchObject({ code: 'UnknownOperationException' });
  });
});
