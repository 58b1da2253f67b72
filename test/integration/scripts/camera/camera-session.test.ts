// The camera simulator against the local KVS fake: real GetDataEndpoint, SigV4 chunked PutMedia, acks, then
// GetImages over the motion window shows the scenes that were streamed.
import { CreateStreamCommand, GetDataEndpointCommand, KinesisVideoClient } from '@aws-sdk/client-kinesis-video';
import { GetImagesCommand, KinesisVideoArchivedMediaClient } from '@aws-sdk/client-kinesis-video-archived-media';
import { runCameraSession } from '../../../../scripts/camera/camera-run';
import { startVideoFakes, type VideoFakes } from '../../../../scripts/local/video';
import { decodePng, matchScene } from '../../../../scripts/video/media';

const region = 'us-east-1';
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const streamName = 'streaming-reference-test-camera-front-door';

describe('camera simulator → KVS fake', () => {
  let fakes: VideoFakes;
  let kinesisVideo: KinesisVideoClient;

  beforeAll(async () => {
    fakes = await startVideoFakes({ region, accountId: '000000000000', log: () => undefined });
    kinesisVideo = new KinesisVideoClient({ region, credentials, endpoint: fakes.environment.AWS_ENDPOINT_URL_KINESIS_VIDEO });
    await kinesisVideo.send(new CreateStreamCommand({ StreamName: streamName, MediaType: 'video/h264', DataRetentionInHours: 24 }));
  });

  afterAll(async () => {
    kinesisVideo.destroy();
    await fakes.stop();
  });

  it('streams a clip whose frames GetImages returns for the motion window', async () => {
    const stored = { cameraId: 'front-door', labelsOfInterest: ['Person'], minConfidence: 80, knownFaces: true, streamName, streamArn: 'arn:test' };
    const motion: unknown[] = [];
    const fetchStub = ((url: string, init?: RequestInit): Promise<Response> => {
      if (url.endsWith('/motion')) {
        motion.push(JSON.parse(init?.body as string));
        return Promise.resolve(new Response('{"accepted":1,"failed":0}', { status: 202 }));
      }
      return Promise.resolve(new Response(JSON.stringify({ cameras: [stored] }), { status: 200 }));
    }) as typeof fetch;
    const summary = await runCameraSession(
      { registration: stored, scenes: ['empty', 'person'], seconds: 2, fps: 5, region, api: { apiUrl: 'http://api.test/dev', apiKey: 'k', fetch: fetchStub } },
      {
        now: () => Date.now(),
        sleep: () => Promise.resolve(),
        credentials: () => Promise.resolve(credentials),
        getPutMediaEndpoint: async (name) => {
          const { DataEndpoint } = await kinesisVideo.send(new GetDataEndpointCommand({ StreamName: name, APIName: 'PUT_MEDIA' }));
          return DataEndpoint as string;
        },
        log: () => undefined,
      },
    );
    expect(summary).toMatchObject({ created: false, fragments: 2, persisted: 2 });
    expect(motion).toHaveLength(1);

    const { DataEndpoint } = await kinesisVideo.send(new GetDataEndpointCommand({ StreamName: streamName, APIName: 'GET_IMAGES' }));
    const archived = new KinesisVideoArchivedMediaClient({ region, credentials, endpoint: DataEndpoint });
    try {
      const { Images = [] } = await archived.send(
        new GetImagesCommand({
          StreamName: streamName,
          ImageSelectorType: 'PRODUCER_TIMESTAMP',
          StartTimestamp: new Date(summary.clip.startMs),
          EndTimestamp: new Date(summary.clip.endMs - 1),
          SamplingInterval: 1000,
          Format: 'PNG',
        }),
      );
      const scenes = Images.map((image) => (image.ImageContent === undefined ? image.Error : matchScene(decodePng(Buffer.from(image.ImageContent, 'base64')))?.scene));
      expect(scenes).toEqual(['empty', 'person']);
    } finally {
      archived.destroy();
    }
  });
});
