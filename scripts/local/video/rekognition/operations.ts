// Rekognition JSON 1.1 operations: image analysis answered from fixture contents, collections kept in memory.
import { decodePageToken, encodePageToken } from '../page-token';
import { RequestFields } from '../request-fields';
import { ServiceError } from '../service-error';
import { CollectionRegistry, FACE_MODEL_VERSION, type IndexedFace } from './collections';
import type { ImageContents, ImageRecogniser, KnownFace, KnownLabel } from './image-contents';
import { readImageParameter, type S3ObjectReader } from './image-input';

export interface RekognitionContext {
  collections: CollectionRegistry;
  recognise: ImageRecogniser;
  readS3Object?: S3ObjectReader;
  log: (line: string) => void;
}

type Operation = (fields: RequestFields, context: RekognitionContext) => unknown;

const INVALID = 'InvalidParameterException';
const LABEL_MODEL_VERSION = '3.0';
/** Identical identities compare this similar: high, like a real match of the same person, but not a perfect 100. */
const SAME_PERSON_SIMILARITY = 99.8;
const EXTERNAL_IMAGE_ID = /^[a-zA-Z0-9_.\-:]{1,255}$/;

export const rekognitionOperations: Readonly<Record<string, Operation>> = {
  DetectLabels: detectLabels,
  DetectFaces: detectFaces,
  SearchFacesByImage: searchFacesByImage,
  IndexFaces: indexFaces,
  ListFaces: listFaces,
  DeleteFaces: deleteFaces,
  CreateCollection: createCollection,
  DeleteCollection: (fields, { collections }) => {
    collections.delete(fields.requiredString('CollectionId'));
    return { StatusCode: 200 };
  },
  ListCollections: listCollections,
  DescribeCollection: (fields, { collections }) => {
    const collection = collections.get(fields.requiredString('CollectionId'));
    return {
      FaceCount: collection.faces.size,
      UserCount: 0,
      FaceModelVersion: FACE_MODEL_VERSION,
      CollectionARN: collections.arn(collection.id),
      CreationTimestamp: collection.createdMs / 1000,
    };
  },
};

/** Runs one operation by its X-Amz-Target name. */
export async function invokeRekognition(operation: string, input: unknown, context: RekognitionContext): Promise<unknown> {
  const run = Object.hasOwn(rekognitionOperations, operation) ? rekognitionOperations[operation] : undefined;
  if (!run) throw new ServiceError('UnknownOperationException', `The local Rekognition fake does not implement ${operation}`);
  return await run(RequestFields.of(input, INVALID), context);
}

async function analyse(fields: RequestFields, context: RekognitionContext): Promise<ImageContents> {
  const bytes = await readImageParameter(fields.input.Image, context.readS3Object);
  return context.recognise(bytes);
}

async function detectLabels(fields: RequestFields, context: RekognitionContext): Promise<unknown> {
  const maxLabels = fields.optionalInteger('MaxLabels', 0, Number.MAX_SAFE_INTEGER);
  const minConfidence = confidenceField(fields, 'MinConfidence') ?? 55;
  const features = fields.optionalStringArray('Features');
  const general = fields.optionalObject('Settings')?.optionalObject('GeneralLabels');
  const filters = {
    include: general?.optionalStringArray('LabelInclusionFilters'),
    exclude: general?.optionalStringArray('LabelExclusionFilters'),
    includeCategories: general?.optionalStringArray('LabelCategoryInclusionFilters'),
    excludeCategories: general?.optionalStringArray('LabelCategoryExclusionFilters'),
  };
  const contents = await analyse(fields, context);
  if (features && !features.includes('GENERAL_LABELS')) return { Labels: [], LabelModelVersion: LABEL_MODEL_VERSION };
  const labels = contents.labels
    .filter((label) => label.confidence >= minConfidence)
    .filter((label) => !filters.include?.length || filters.include.includes(label.name))
    .filter((label) => !filters.exclude?.includes(label.name))
    .filter((label) => !filters.includeCategories?.length || label.categories.some((category) => filters.includeCategories?.includes(category)))
    .filter((label) => !label.categories.some((category) => filters.excludeCategories?.includes(category)))
    .sort((a, b) => b.confidence - a.confidence)
    .slice(0, maxLabels ?? Number.MAX_SAFE_INTEGER);
  return { Labels: labels.map(labelShape), LabelModelVersion: LABEL_MODEL_VERSION };
}

async function detectFaces(fields: RequestFields, context: RekognitionContext): Promise<unknown> {
  fields.optionalStringArray('Attributes');
  const contents = await analyse(fields, context);
  return { FaceDetails: contents.faces.map(faceDetail) };
}

async function searchFacesByImage(fields: RequestFields, context: RekognitionContext): Promise<unknown> {
  const collection = context.collections.get(fields.requiredString('CollectionId'));
  const maxFaces = fields.optionalInteger('MaxFaces', 1, 4096) ?? 4096;
  const threshold = confidenceField(fields, 'FaceMatchThreshold') ?? 80;
  const contents = await analyse(fields, context);
  // Rekognition searches with the largest face in the image only.
  const searched = [...contents.faces].sort((a, b) => area(b) - area(a))[0];
  if (!searched) throw new ServiceError(INVALID, 'There are no faces in the image. Should be at least 1.');
  const matches = [...collection.faces.values()]
    .map((face) => ({ face, similarity: similarity(searched, face) }))
    .filter(({ similarity: value }) => value >= threshold)
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, maxFaces);
  return {
    SearchedFaceBoundingBox: searched.boundingBox,
    SearchedFaceConfidence: searched.confidence,
    FaceMatches: matches.map(({ face, similarity: value }) => ({ Similarity: value, Face: faceShape(face) })),
    FaceModelVersion: FACE_MODEL_VERSION,
  };
}

async function indexFaces(fields: RequestFields, context: RekognitionContext): Promise<unknown> {
  const collection = context.collections.get(fields.requiredString('CollectionId'));
  const externalImageId = fields.optionalString('ExternalImageId');
  if (externalImageId !== undefined && !EXTERNAL_IMAGE_ID.test(externalImageId)) throw fields.invalid(`ExternalImageId must match ${EXTERNAL_IMAGE_ID.source}`);
  const maxFaces = fields.optionalInteger('MaxFaces', 1, Number.MAX_SAFE_INTEGER) ?? Number.MAX_SAFE_INTEGER;
  const contents = await analyse(fields, context);
  const bySize = [...contents.faces].sort((a, b) => area(b) - area(a));
  const imageId = context.collections.newId('image');
  const indexed = bySize.slice(0, maxFaces).map((face): IndexedFace => {
    const record: IndexedFace = {
      faceId: context.collections.newId('face'),
      imageId,
      externalImageId,
      boundingBox: face.boundingBox,
      confidence: face.confidence,
      identity: face.identity,
    };
    collection.faces.set(record.faceId, record);
    return record;
  });
  return {
    FaceRecords: indexed.map((face, index) => ({ Face: faceShape(face), FaceDetail: faceDetail(bySize[index] as KnownFace) })),
    UnindexedFaces: bySize.slice(maxFaces).map((face) => ({ Reasons: ['EXCEEDS_MAX_FACES'], FaceDetail: faceDetail(face) })),
    FaceModelVersion: FACE_MODEL_VERSION,
  };
}

function listFaces(fields: RequestFields, { collections }: RekognitionContext): unknown {
  const collection = collections.get(fields.requiredString('CollectionId'));
  const maxResults = fields.optionalInteger('MaxResults', 0, 4096) ?? 1000;
  const wanted = fields.optionalStringArray('FaceIds');
  const faces = [...collection.faces.values()].filter((face) => !wanted || wanted.includes(face.faceId));
  const scope = `ListFaces/${collection.id}/${(wanted ?? []).join(',')}`;
  const offset = decodePageToken(fields.optionalString('NextToken'), scope, 'InvalidPaginationTokenException');
  const page = faces.slice(offset, offset + maxResults);
  const next = offset + page.length;
  return {
    Faces: page.map(faceShape),
    NextToken: next < faces.length && page.length > 0 ? encodePageToken(scope, next) : undefined,
    FaceModelVersion: FACE_MODEL_VERSION,
  };
}

function deleteFaces(fields: RequestFields, { collections }: RekognitionContext): unknown {
  const collection = collections.get(fields.requiredString('CollectionId'));
  const faceIds = fields.optionalStringArray('FaceIds');
  if (!faceIds?.length || faceIds.length > 4096) throw fields.invalid('FaceIds must list 1 to 4096 face ids');
  const deleted = faceIds.filter((faceId) => collection.faces.delete(faceId));
  const missing = faceIds.filter((faceId) => !deleted.includes(faceId));
  return { DeletedFaces: deleted, UnsuccessfulFaceDeletions: missing.map((faceId) => ({ FaceId: faceId, Reasons: ['FACE_NOT_FOUND'] })) };
}

function createCollection(fields: RequestFields, { collections }: RekognitionContext): unknown {
  const collection = collections.create(fields.requiredString('CollectionId'), fields.optionalStringRecord('Tags'));
  // CreateCollection's documented answer has no "arn:" prefix, unlike DescribeCollection's CollectionARN.
  return { StatusCode: 200, CollectionArn: collections.arn(collection.id).replace(/^arn:/, ''), FaceModelVersion: FACE_MODEL_VERSION };
}

function listCollections(fields: RequestFields, { collections }: RekognitionContext): unknown {
  const maxResults = fields.optionalInteger('MaxResults', 0, 4096) ?? 1000;
  const ids = collections.ids();
  const offset = decodePageToken(fields.optionalString('NextToken'), 'ListCollections', 'InvalidPaginationTokenException');
  const page = ids.slice(offset, offset + maxResults);
  const next = offset + page.length;
  return {
    CollectionIds: page,
    FaceModelVersions: page.map(() => FACE_MODEL_VERSION),
    NextToken: next < ids.length && page.length > 0 ? encodePageToken('ListCollections', next) : undefined,
  };
}

function confidenceField(fields: RequestFields, name: string): number | undefined {
  const value = fields.optionalNumber(name);
  if (value !== undefined && (value < 0 || value > 100)) throw fields.invalid(`${name} must be between 0 and 100`);
  return value;
}

/** Faces match when the fixture says they are the same person; strangers match nobody, not even each other. */
function similarity(searched: KnownFace, indexed: IndexedFace): number {
  return searched.identity !== undefined && searched.identity === indexed.identity ? SAME_PERSON_SIMILARITY : 0;
}

function area(face: KnownFace): number {
  return face.boundingBox.Width * face.boundingBox.Height;
}

function labelShape(label: KnownLabel): unknown {
  return {
    Name: label.name,
    Confidence: label.confidence,
    Instances: label.instances.map((instance) => ({ BoundingBox: instance.boundingBox, Confidence: instance.confidence })),
    Parents: label.parents.map((name) => ({ Name: name })),
    Aliases: [],
    Categories: label.categories.map((name) => ({ Name: name })),
  };
}

/** The DEFAULT attribute set; the fake has no landmarks, so it reports none rather than invent them. */
function faceDetail(face: KnownFace): unknown {
  return {
    BoundingBox: face.boundingBox,
    Confidence: face.confidence,
    Landmarks: [],
    Pose: { Roll: 0, Yaw: 0, Pitch: 0 },
    Quality: { Brightness: 80, Sharpness: 90 },
  };
}

function faceShape(face: IndexedFace): unknown {
  return {
    FaceId: face.faceId,
    BoundingBox: face.boundingBox,
    ImageId: face.imageId,
    ExternalImageId: face.externalImageId,
    Confidence: face.confidence,
    IndexFacesModelVersion: FACE_MODEL_VERSION,
  };
}

