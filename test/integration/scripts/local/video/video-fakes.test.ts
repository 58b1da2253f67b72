// The KVS and Rekognition fakes through the real SDK clients: streams, PutMedia acks, GetImages pages, analysis, errors.
import { request as httpRequest } from 'node:http';
import {
  CreateStreamCommand,
  DeleteStreamCommand,
  DescribeStreamCommand,
  GetDataEndpointCommand,
  KinesisVideoClient,
  ListStreamsCommand,
  ResourceInUseException,
  ResourceNotFoundException,
} from '@aws-sdk/client-kinesis-video';
import {
  ClientLimitExceededException,
  GetImagesCommand,
  InvalidArgumentException,
  KinesisVideoArchivedMediaClient,
  paginateGetImages,
  ResourceNotFoundException as ArchivedStreamNotFound,
  type Image,
} from '@aws-sdk/client-kinesis-video-archived-media';
import {
  CreateCollectionCommand,
  DetectFacesCommand,
  DetectLabelsCommand,
  IndexFacesCommand,
  InvalidParameterException,
  RekognitionClient,
  SearchFacesByImageCommand,
  ThrottlingException,
} from '@aws-sdk/client-rekognition';
import { startVideoFakes, type VideoFakes } from '../../../../../scripts/local/video';
import { createIpcmEncoder, encodeMkvCluster, encodeMkvHeader, renderScene, type SceneName } from '../../../../../scripts/video/media';

const region = 'us-east-1';
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const clipStartMs = Date.UTC(2026, 0, 15, 9, 30);
const FRAME_MS = 200;

interface Ack {
  EventType: string;
  FragmentTimecode?: number;
  FragmentNumber?: string;
  ErrorId?: number;
  ErrorCode?: string;
}

/** Three fragments: person-known [0, 1 s), car [1 s, 2 s), then a gap, then empty [4 s, 5 s). Absolute timecodes. */
function clip(): Uint8Array {
  const encoder = createIpcmEncoder({ width: 160, height: 120 });
  const cluster = (startMs: number, scene: SceneName) =>
    encodeMkvCluster({
      timecodeMs: startMs,
      knownSize: false,
      frames: [0, 1, 2, 3, 4].map((index) => ({
        timecodeMs: startMs + index * FRAME_MS,
        keyframe: true,
        data: encoder.encodeFrame(renderScene(scene, { width: 160, height: 120 })),
      })),
    });
  return Buffer.concat([
    encodeMkvHeader({ width: 160, height: 120, codecPrivate: encoder.avcC }),
    cluster(clipStartMs, 'person-known'),
    cluster(clipStartMs + 1_000, 'car'),
    cluster(clipStartMs + 4_000, 'empty'),
  ]);
}

/** A PutMedia the way producers send it: chunked, in pieces that split MKV elements anywhere. */
function putMedia(url: string, headers: Record<string, string>, body: Uint8Array, pieceBytes = 4_099): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${url}/putMedia`, { method: 'POST', headers: { ...headers, 'transfer-encoding': 'chunked' } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.on('error', reject);
    for (let offset = 0; offset < body.length; offset += pieceBytes) request.write(body.subarray(offset, offset + pieceBytes));
    request.end();
  });
}

const acksOf = (text: string): Ack[] =>
  text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Ack);

describe('video fakes through the AWS SDK', () => {
  let fakes: VideoFakes;
  let kvs: KinesisVideoClient;
  let rekognition: RekognitionClient;
  const streamName = 'streaming-reference-test-camera-front-door';

  beforeAll(async () => {
    fakes = await startVideoFakes({ region, accountId: '123456789012', log: () => undefined, s3Environment: {} });
    kvs = new KinesisVideoClient({ region, credentials, endpoint: fakes.environment.AWS_ENDPOINT_URL_KINESIS_VIDEO });
    rekognition = new RekognitionClient({ region, credentials, endpoint: fakes.environment.AWS_ENDPOINT_URL_REKOGNITION, maxAttempts: 1 });
  });

  afterAll(async () => {
    kvs.destroy();
    rekognition.destroy();
    await fakes.stop();
  });

  async function archivedMedia(): Promise<KinesisVideoArchivedMediaClient> {
    const { DataEndpoint } = await kvs.send(new GetDataEndpointCommand({ StreamName: streamName, APIName: 'GET_IMAGES' }));
    return new KinesisVideoArchivedMediaClient({ region, credentials, endpoint: DataEndpoint, maxAttempts: 1 });
  }

  it('creates, describes and lists streams; a duplicate is ResourceInUseException', async () => {
    const { StreamARN } = await kvs.send(new CreateStreamCommand({ StreamName: streamName, DataRetentionInHours: 24, MediaType: 'video/h264', Tags: { camera: 'front-door' } }));
    expect(StreamARN).toMatch(new RegExp(`^arn:aws:kinesisvideo:us-east-1:123456789012:stream/${streamName}/\\d+$`));
    await expect(kvs.send(new CreateStreamCommand({ StreamName: streamName, DataRetentionInHours: 24 }))).rejects.toBeInstanceOf(ResourceInUseException);
    const { StreamInfo } = await kvs.send(new DescribeStreamCommand({ StreamName: streamName }));
    expect(StreamInfo).toMatchObject({ StreamARN, Status: 'ACTIVE', DataRetentionInHours: 24, MediaType: 'video/h264' });
    expect(StreamInfo?.CreationTime).toBeInstanceOf(Date);
    await kvs.send(new CreateStreamCommand({ StreamName: 'other-stream', DataRetentionInHours: 1 }));
    const first = await kvs.send(new ListStreamsCommand({ MaxResults: 1 }));
    const second = await kvs.send(new ListStreamsCommand({ MaxResults: 1, NextToken: first.NextToken }));
    expect([...(first.StreamInfoList ?? []), ...(second.StreamInfoList ?? [])].map((info) => info.StreamName)).toEqual(['other-stream', streamName]);
    const prefixed = await kvs.send(new ListStreamsCommand({ StreamNameCondition: { ComparisonOperator: 'BEGINS_WITH', ComparisonValue: 'streaming-' } }));
    expect(prefixed.StreamInfoList?.map((info) => info.StreamName)).toEqual([streamName]);
    await expect(kvs.send(new DescribeStreamCommand({ StreamName: 'missing' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('acknowledges each fragment of a PutMedia with BUFFERING, RECEIVED and PERSISTED', async () => {
    const { DataEndpoint } = await kvs.send(new GetDataEndpointCommand({ StreamName: streamName, APIName: 'PUT_MEDIA' }));
    const { status, text } = await putMedia(
      DataEndpoint ?? '',
      { 'x-amzn-stream-name': streamName, 'x-amzn-fragment-timecode-type': 'ABSOLUTE', 'x-amzn-producer-start-timestamp': String(clipStartMs / 1000) },
      clip(),
    );
    expect(status).toBe(200);
    const acks = acksOf(text);
    expect(acks.map((ack) => `${ack.EventType}@${(ack.FragmentTimecode ?? 0) - clipStartMs}`)).toEqual([
      'BUFFERING@0', 'RECEIVED@0', 'PERSISTED@0', 'BUFFERING@1000', 'RECEIVED@1000', 'PERSISTED@1000', 'BUFFERING@4000', 'RECEIVED@4000', 'PERSISTED@4000',
    ]);
    const numbers = [...new Set(acks.map((ack) => ack.FragmentNumber ?? ''))];
    expect(numbers).toHaveLength(3);
    numbers.forEach((number) => expect(number).toMatch(/^\d{47}$/));
    expect([...numbers].sort()).toEqual(numbers);
  });

  it('returns GetImages in pages: the stored frames as PNG, NO_MEDIA in the gap', async () => {
    const client = await archivedMedia();
    const images: Image[] = [];
    const pages = paginateGetImages(
      { client, pageSize: 10 },
      {
        StreamName: streamName,
        ImageSelectorType: 'PRODUCER_TIMESTAMP',
        StartTimestamp: new Date(clipStartMs),
        EndTimestamp: new Date(clipStartMs + 4_800),
        SamplingInterval: 400,
        Format: 'PNG',
      },
    );
    let pageCount = 0;
    for await (const page of pages) {
      pageCount += 1;
      images.push(...(page.Images ?? []));
    }
    client.destroy();
    expect(pageCount).toBe(2);
    expect(images.map((image) => (image.ImageContent ? 'PNG' : image.Error))).toEqual([
      'PNG', 'PNG', 'PNG', 'PNG', 'PNG', 'NO_MEDIA', 'NO_MEDIA', 'NO_MEDIA', 'NO_MEDIA', 'NO_MEDIA', 'PNG', 'PNG', 'PNG',
    ]);
    expect(images[1]?.TimeStamp).toEqual(new Date(clipStartMs + 400));
    const png = Buffer.from(images[0]?.ImageContent ?? '', 'base64');
    expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('analyses the returned frames with the answers of their fixture scenes', async () => {
    const client = await archivedMedia();
    const frameAt = async (offsetMs: number, height?: number): Promise<Uint8Array> => {
      const { Images } = await client.send(
        new GetImagesCommand({
          StreamName: streamName,
          ImageSelectorType: 'PRODUCER_TIMESTAMP',
          StartTimestamp: new Date(clipStartMs + offsetMs),
          EndTimestamp: new Date(clipStartMs + offsetMs),
          SamplingInterval: 200,
          Format: 'PNG',
          HeightPixels: height,
        }),
      );
      return Buffer.from(Images?.[0]?.ImageContent ?? '', 'base64');
    };
    const known = await frameAt(300);
    const car = await frameAt(1_500, 60);
    client.destroy();

    const labels = await rekognition.send(new DetectLabelsCommand({ Image: { Bytes: car }, MinConfidence: 70 }));
    expect(labels.Labels?.map((label) => label.Name)).toContain('Car');
    const filtered = await rekognition.send(
      new DetectLabelsCommand({ Image: { Bytes: known }, Settings: { GeneralLabels: { LabelInclusionFilters: ['Person', 'Car'] } } }),
    );
    expect(filtered.Labels?.map((label) => label.Name)).toEqual(['Person']);
    const faces = await rekognition.send(new DetectFacesCommand({ Image: { Bytes: known } }));
    expect(faces.FaceDetails).toHaveLength(1);

    await rekognition.send(new CreateCollectionCommand({ CollectionId: 'known-faces' }));
    await rekognition.send(new IndexFacesCommand({ CollectionId: 'known-faces', Image: { Bytes: known }, ExternalImageId: 'resident', MaxFaces: 1 }));
    const search = await rekognition.send(new SearchFacesByImageCommand({ CollectionId: 'known-faces', Image: { Bytes: known } }));
    expect(search.FaceMatches?.map((match) => match.Face?.ExternalImageId)).toEqual(['resident']);
    await expect(rekognition.send(new SearchFacesByImageCommand({ CollectionId: 'known-faces', Image: { Bytes: car } }))).rejects.toBeInstanceOf(InvalidParameterException);
  });

  it('surfaces request errors and injected faults as the SDK typed exceptions', async () => {
    const client = await archivedMedia();
    const window = { StreamName: streamName, ImageSelectorType: 'PRODUCER_TIMESTAMP' as const, SamplingInterval: 200, Format: 'PNG' as const };
    await expect(
      client.send(new GetImagesCommand({ ...window, StartTimestamp: new Date(clipStartMs), EndTimestamp: new Date(clipStartMs + 301_000) })),
    ).rejects.toBeInstanceOf(InvalidArgumentException);
    fakes.faults.failNext('GetImages', 1, 'ClientLimitExceededException');
    await expect(client.send(new GetImagesCommand({ ...window, StartTimestamp: new Date(clipStartMs), EndTimestamp: new Date(clipStartMs) }))).rejects.toBeInstanceOf(
      ClientLimitExceededException,
    );
    client.destroy();
    fakes.faults.failNext('DetectLabels', 1, 'ThrottlingException');
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    await expect(rekognition.send(new DetectLabelsCommand({ Image: { Bytes: png } }))).rejects.toBeInstanceOf(ThrottlingException);
    expect(fakes.faults.pending('DetectLabels')).toBe(0);
  });

  it('answers PutMedia problems in the ack stream, and refuses unknown streams at the HTTP level', async () => {
    const garbage = await putMedia(fakes.url, { 'x-amzn-stream-name': streamName, 'x-amzn-fragment-timecode-type': 'ABSOLUTE' }, Buffer.from('not a matroska stream at all'));
    expect(acksOf(garbage.text)).toMatchObject([{ EventType: 'ERROR', ErrorId: 4006, ErrorCode: 'INVALID_MKV_DATA' }]);
    const encoder = createIpcmEncoder({ width: 16, height: 16 });
    const relativeAsAbsolute = Buffer.concat([
      encodeMkvHeader({ width: 16, height: 16, codecPrivate: encoder.avcC }),
      encodeMkvCluster({ timecodeMs: 0, frames: [{ timecodeMs: 0, keyframe: true, data: encoder.encodeFrame(renderScene('empty', { width: 16, height: 16 })) }] }),
    ]);
    const invalidTimestamp = await putMedia(fakes.url, { 'x-amzn-stream-name': streamName, 'x-amzn-fragment-timecode-type': 'ABSOLUTE' }, relativeAsAbsolute);
    expect(acksOf(invalidTimestamp.text)).toMatchObject([{ EventType: 'ERROR', ErrorId: 4007 }]);
    const missing = await putMedia(fakes.url, { 'x-amzn-stream-name': 'missing', 'x-amzn-fragment-timecode-type': 'ABSOLUTE' }, relativeAsAbsolute);
    expect(missing.status).toBe(404);
  });

  it('deletes a stream with its media', async () => {
    const { StreamInfo } = await kvs.send(new DescribeStreamCommand({ StreamName: streamName }));
    const client = await archivedMedia();
    await kvs.send(new DeleteStreamCommand({ StreamARN: StreamInfo?.StreamARN }));
    await expect(
      client.send(new GetImagesCommand({ StreamName: streamName, ImageSelectorType: 'PRODUCER_TIMESTAMP', StartTimestamp: new Date(clipStartMs), EndTimestamp: new Date(clipStartMs), SamplingInterval: 200, Format: 'PNG' })),
    ).rejects.toBeInstanceOf(ArchivedStreamNotFound);
    client.destroy();
    await expect(kvs.send(new DeleteStreamCommand({ StreamARN: StreamInfo?.StreamARN }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});
