// KVS control-plane operations (REST-JSON, POST /<operation>) over the stream registry.
import { decodePageToken, encodePageToken } from '../page-token';
import { RequestFields } from '../request-fields';
import { ServiceError } from '../service-error';
import { MAX_TAGS_PER_STREAM, type StreamRegistry, type VideoStream } from './stream-registry';

export interface ControlPlaneContext {
  streams: StreamRegistry;
  /** What GetDataEndpoint answers: the fake serves every data-plane API on its own URL. */
  dataEndpoint: string;
}

type Operation = (fields: RequestFields, context: ControlPlaneContext) => unknown;

const INVALID = 'InvalidArgumentException';
const STREAM_NAME = /^[a-zA-Z0-9_.-]{1,256}$/;
const MAX_RETENTION_HOURS = 87_600;
const DATA_PLANE_APIS = [
  'PUT_MEDIA',
  'GET_MEDIA',
  'LIST_FRAGMENTS',
  'GET_MEDIA_FOR_FRAGMENT_LIST',
  'GET_HLS_STREAMING_SESSION_URL',
  'GET_DASH_STREAMING_SESSION_URL',
  'GET_CLIP',
  'GET_IMAGES',
] as const;

/** Operation name by request path, as the SDK's serializers address them. */
export const controlPlaneOperations: Readonly<Record<string, { name: string; run: Operation }>> = {
  '/createStream': { name: 'CreateStream', run: createStream },
  '/describeStream': { name: 'DescribeStream', run: (fields, { streams }) => ({ StreamInfo: streamInfo(streams.resolve(reference(fields))) }) },
  '/listStreams': { name: 'ListStreams', run: listStreams },
  '/deleteStream': { name: 'DeleteStream', run: deleteStream },
  '/getDataEndpoint': { name: 'GetDataEndpoint', run: getDataEndpoint },
  '/updateDataRetention': { name: 'UpdateDataRetention', run: updateDataRetention },
  '/tagStream': { name: 'TagStream', run: tagStream },
  '/untagStream': { name: 'UntagStream', run: untagStream },
  '/listTagsForStream': { name: 'ListTagsForStream', run: (fields, { streams }) => ({ Tags: Object.fromEntries(streams.resolve(reference(fields)).tags) }) },
  '/TagResource': { name: 'TagResource', run: tagResource },
  '/UntagResource': { name: 'UntagResource', run: untagResource },
  '/ListTagsForResource': {
    name: 'ListTagsForResource',
    run: (fields, { streams }) => ({ Tags: Object.fromEntries(streams.resolve({ arn: fields.requiredString('ResourceARN') }).tags) }),
  },
};

function createStream(fields: RequestFields, { streams }: ControlPlaneContext): unknown {
  const name = fields.requiredString('StreamName');
  if (!STREAM_NAME.test(name)) throw fields.invalid(`StreamName must match ${STREAM_NAME.source}`);
  const tags = fields.optionalStringRecord('Tags');
  if (tags && Object.keys(tags).length > MAX_TAGS_PER_STREAM) {
    throw new ServiceError('TagsPerResourceExceededLimitException', `A stream can have at most ${MAX_TAGS_PER_STREAM} tags.`);
  }
  const stream = streams.create({
    name,
    deviceName: fields.optionalString('DeviceName'),
    mediaType: fields.optionalString('MediaType'),
    kmsKeyId: fields.optionalString('KmsKeyId'),
    dataRetentionInHours: fields.optionalInteger('DataRetentionInHours', 0, MAX_RETENTION_HOURS) ?? 0,
    tags,
  });
  return { StreamARN: stream.arn };
}

function listStreams(fields: RequestFields, { streams }: ControlPlaneContext): unknown {
  const maxResults = fields.optionalInteger('MaxResults', 1, 10_000) ?? 10_000;
  const condition = fields.optionalObject('StreamNameCondition');
  const operator = condition?.optionalEnum('ComparisonOperator', ['BEGINS_WITH'] as const);
  const prefix = condition?.optionalString('ComparisonValue') ?? '';
  if (condition && (!operator || !prefix)) throw fields.invalid('StreamNameCondition needs ComparisonOperator BEGINS_WITH and a ComparisonValue');
  const matching = streams.list().filter((stream) => stream.name.startsWith(prefix));
  const scope = `ListStreams/${prefix}`;
  const offset = decodePageToken(fields.optionalString('NextToken'), scope, INVALID);
  const page = matching.slice(offset, offset + maxResults);
  const next = offset + page.length;
  return { StreamInfoList: page.map(streamInfo), NextToken: next < matching.length ? encodePageToken(scope, next) : undefined };
}

function deleteStream(fields: RequestFields, { streams }: ControlPlaneContext): unknown {
  streams.delete(fields.requiredString('StreamARN'), fields.optionalString('CurrentVersion'));
  return {};
}

function getDataEndpoint(fields: RequestFields, { streams, dataEndpoint }: ControlPlaneContext): unknown {
  fields.requiredEnum('APIName', DATA_PLANE_APIS);
  streams.resolve(reference(fields));
  return { DataEndpoint: dataEndpoint };
}

function updateDataRetention(fields: RequestFields, { streams }: ControlPlaneContext): unknown {
  const stream = streams.resolve(reference(fields));
  const currentVersion = fields.requiredString('CurrentVersion');
  if (currentVersion !== stream.version) throw new ServiceError('VersionMismatchException', `The stream version ${currentVersion} is not the current version.`);
  const operation = fields.requiredEnum('Operation', ['INCREASE_DATA_RETENTION', 'DECREASE_DATA_RETENTION'] as const);
  const change = fields.optionalInteger('DataRetentionChangeInHours', 1, MAX_RETENTION_HOURS);
  if (change === undefined) throw fields.invalid('DataRetentionChangeInHours is required');
  const updated = stream.dataRetentionInHours + (operation === 'INCREASE_DATA_RETENTION' ? change : -change);
  if (updated < 0 || updated > MAX_RETENTION_HOURS) throw fields.invalid(`The data retention would become ${updated} hours, outside 0..${MAX_RETENTION_HOURS}`);
  stream.dataRetentionInHours = updated;
  streams.touch(stream);
  return {};
}

function tagStream(fields: RequestFields, { streams }: ControlPlaneContext): unknown {
  const tags = fields.optionalStringRecord('Tags');
  if (!tags) throw fields.invalid('Tags is required');
  addTags(streams.resolve(reference(fields)), Object.entries(tags));
  return {};
}

function untagStream(fields: RequestFields, { streams }: ControlPlaneContext): unknown {
  const keys = fields.optionalStringArray('TagKeyList');
  if (!keys) throw fields.invalid('TagKeyList is required');
  const stream = streams.resolve(reference(fields));
  keys.forEach((key) => stream.tags.delete(key));
  return {};
}

function tagResource(fields: RequestFields, { streams }: ControlPlaneContext): unknown {
  const stream = streams.resolve({ arn: fields.requiredString('ResourceARN') });
  const list = fields.input.Tags;
  if (!Array.isArray(list)) throw fields.invalid('Tags must be a list of {Key, Value}');
  const entries = list.map((tag: unknown): [string, string] => {
    const { Key: key, Value: value } = (tag ?? {}) as { Key?: unknown; Value?: unknown };
    if (typeof key !== 'string' || typeof value !== 'string') throw fields.invalid('Each tag needs a string Key and Value');
    return [key, value];
  });
  addTags(stream, entries);
  return {};
}

function untagResource(fields: RequestFields, { streams }: ControlPlaneContext): unknown {
  const stream = streams.resolve({ arn: fields.requiredString('ResourceARN') });
  (fields.optionalStringArray('TagKeyList') ?? []).forEach((key) => stream.tags.delete(key));
  return {};
}

function addTags(stream: VideoStream, entries: [string, string][]): void {
  const merged = new Map([...stream.tags, ...entries]);
  if (merged.size > MAX_TAGS_PER_STREAM) throw new ServiceError('TagsPerResourceExceededLimitException', `A stream can have at most ${MAX_TAGS_PER_STREAM} tags.`);
  stream.tags = merged;
}

function reference(fields: RequestFields): { name?: string; arn?: string } {
  return { name: fields.optionalString('StreamName'), arn: fields.optionalString('StreamARN') };
}

/** StreamInfo as DescribeStream/ListStreams return it; timestamps are epoch seconds in REST-JSON. */
function streamInfo(stream: VideoStream): Record<string, unknown> {
  return {
    DeviceName: stream.deviceName,
    StreamName: stream.name,
    StreamARN: stream.arn,
    MediaType: stream.mediaType,
    KmsKeyId: stream.kmsKeyId,
    Version: stream.version,
    Status: stream.status,
    CreationTime: stream.creationTimeMs / 1000,
    DataRetentionInHours: stream.dataRetentionInHours,
  };
}
