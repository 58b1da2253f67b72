// Unit tests: GetImages through a cached data endpoint, pagination bounded by maxFrames, NO_MEDIA/MEDIA_ERROR, missing stream.
import { GetDataEndpointCommand, KinesisVideoClient } from '@aws-sdk/client-kinesis-video';
import { GetImagesCommand, KinesisVideoArchivedMediaClient } from '@aws-sdk/client-kinesis-video-archived-media';
import { mockClient } from 'aws-sdk-client-mock';
import { createKvsFrameSource } from '../../../../shared/aws/kvs-frame-source';

const control = mockClient(KinesisVideoClient);
const media = mockClient(KinesisVideoArchivedMediaClient);
const window = { start: new Date('2026-11-02T10:00:00.000Z'), end: new Date('2026-11-02T10:00:04.000Z'), samplingIntervalMs: 1000, maxFrames: 3 };
const ts = (second: number) => new Date(Date.parse('2026-11-02T10:00:00.000Z') + second * 1000);
const awsError = (name: string) => Object.assign(new Error(name), { name, $fault: 'client', $metadata: { httpStatusCode: 404 } });

let clock = 0;
const mediaClientFor = jest.fn((endpoint: string) => new KinesisVideoArchivedMediaClient({ endpoint, region: 'eu-west-1' }));
const source = () => createKvsFrameSource(new KinesisVideoClient({ region: 'eu-west-1' }), { mediaClientFor, endpointTtlMs: 1000, now: () => clock });

beforeEach(() => {
  control.reset();
  media.reset();
  mediaClientFor.mockClear();
  clock = 0;
  control.on(GetDataEndpointCommand).resolves({ DataEndpoint: 'https://media.example' });
});

describe('KVS frame source', () => {
  it('asks GetImages for PNG frames by producer timestamp, decodes them and records NO_MEDIA and MEDIA_ERROR', async () => {
    media.on(GetImagesCommand).resolves({
      Images: [
        { TimeStamp: ts(0), ImageContent: Buffer.from('png-0').toString('base64') },
        { TimeStamp: ts(1), Error: 'NO_MEDIA' },
        { TimeStamp: ts(2), Error: 'MEDIA_ERROR' },
      ],
    });

    const frames = await source().sample('cam-stream', window);

    expect(frames).toEqual([
      { timestamp: ts(0), kind: 'image', png: Buffer.from('png-0') },
      { timestamp: ts(1), kind: 'no-media' },
      { timestamp: ts(2), kind: 'media-error' },
    ]);
    expect(control.commandCalls(GetDataEndpointCommand)[0]?.args[0].input).toEqual({ StreamName: 'cam-stream', APIName: 'GET_IMAGES' });
    expect(media.commandCalls(GetImagesCommand)[0]?.args[0].input).toEqual({
      StreamName: 'cam-stream',
      ImageSelectorType: 'PRODUCER_TIMESTAMP',
      StartTimestamp: window.start,
      EndTimestamp: window.end,
      SamplingInterval: 1000,
      Format: 'PNG',
      HeightPixels: 720,
      MaxResults: 3,
      NextToken: undefined,
    });
  });

  it('asks for frames of a bounded height, never the source resolution, and keeps the aspect ratio', async () => {
    media.on(GetImagesCommand).resolves({ Images: [] });

    await source().sample('cam-stream', window);
    await createKvsFrameSource(new KinesisVideoClient({ region: 'eu-west-1' }), { mediaClientFor, frameHeightPixels: 480 }).sample('cam-stream', window);

    const inputs = media.commandCalls(GetImagesCommand).map((call) => call.args[0].input);
    expect(inputs.map((input) => input.HeightPixels)).toEqual([720, 480]);
    // WidthPixels left out: GetImages derives it from the stream's aspect ratio.
    expect(inputs.map((input) => input.WidthPixels)).toEqual([undefined, undefined]);
  });

  it('follows NextToken until maxFrames frames are collected', async () => {
    media
      .on(GetImagesCommand, { NextToken: undefined })
      .resolves({ Images: [{ TimeStamp: ts(0), Error: 'NO_MEDIA' }], NextToken: 'page-2' })
      .on(GetImagesCommand, { NextToken: 'page-2' })
      .resolves({ Images: [{ TimeStamp: ts(1), Error: 'NO_MEDIA' }, { TimeStamp: ts(2), Error: 'NO_MEDIA' }], NextToken: 'page-3' });

    const frames = await source().sample('cam-stream', window);

    expect(frames).toHaveLength(3);
    expect(media.commandCalls(GetImagesCommand).map((call) => call.args[0].input.MaxResults)).toEqual([3, 2]);
  });

  it('caches the data endpoint per stream until its TTL, and one client per endpoint', async () => {
    media.on(GetImagesCommand).resolves({ Images: [] });
    const frames = source();

    await frames.sample('cam-stream', window);
    clock = 999;
    await frames.sample('cam-stream', window);
    clock = 1000;
    await frames.sample('cam-stream', window);

    expect(control.commandCalls(GetDataEndpointCommand)).toHaveLength(2);
    expect(mediaClientFor).toHaveBeenCalledTimes(1);
  });

  it('resolves undefined for a stream that does not exist, and rethrows anything else', async () => {
    media.on(GetImagesCommand).rejectsOnce(awsError('ResourceNotFoundException')).rejectsOnce(awsError('ClientLimitExceededException'));
    const frames = source();

    await expect(frames.sample('cam-stream', window)).resolves.toBeUndefined();
    await expect(frames.sample('cam-stream', window)).rejects.toMatchObject({ name: 'ClientLimitExceededException' });
  });
});
