import { runCameraSession } from '../../../../scripts/camera/camera-run';
import type { PutMediaOptions } from '../../../../scripts/camera/put-media';
import { createMkvDemuxer } from '../../../../scripts/video/media';

const NOW = 1_767_225_603_000;
const camera = { cameraId: 'front-door', labelsOfInterest: ['Person'], minConfidence: 80, knownFaces: true };

/** A camera API stand-in answering like the real handlers: GET lists, POST registers, motion is accepted. */
function cameraApi(registered: boolean): { fetch: typeof fetch; calls: string[]; motion: unknown[] } {
  const calls: string[] = [];
  const motion: unknown[] = [];
  const stored = { ...camera, streamName: 'streaming-reference-dev-camera-front-door', streamArn: 'arn:aws:kinesisvideo:us-east-1:000000000000:stream/x/1' };
  const fetchStub = ((url: string, init?: RequestInit): Promise<Response> => {
    const path = new URL(url).pathname;
    calls.push(`${init?.method ?? 'GET'} ${path}`);
    if (init?.method === 'GET') return Promise.resolve(new Response(JSON.stringify({ cameras: registered ? [stored] : [] }), { status: 200 }));
    if (path.endsWith('/motion')) {
      motion.push(JSON.parse(init?.body as string));
      return Promise.resolve(new Response(JSON.stringify({ accepted: 1, failed: 0 }), { status: 202 }));
    }
    registered = true;
    return Promise.resolve(new Response(JSON.stringify(stored), { status: 201 }));
  }) as typeof fetch;
  return { fetch: fetchStub, calls, motion };
}

describe('camera session', () => {
  it('registers a missing camera, streams the clip, waits for PERSISTED, then reports motion', async () => {
    const api = cameraApi(false);
    const lines: string[] = [];
    let streamed: { fragments: readonly number[]; bytes: number; start: number } | undefined;
    const summary = await runCameraSession(
      { registration: camera, scenes: ['empty', 'person'], seconds: 2, fps: 5, region: 'us-east-1', api: { apiUrl: 'http://api.test/dev', apiKey: 'key', fetch: api.fetch } },
      {
        now: () => NOW,
        sleep: () => Promise.resolve(),
        credentials: () => Promise.resolve({ accessKeyId: 'a', secretAccessKey: 'b' }),
        getPutMediaEndpoint: () => Promise.resolve('http://kvs.test'),
        putMedia: async (options: PutMediaOptions) => {
          const demuxer = createMkvDemuxer();
          let bytes = 0;
          for await (const chunk of options.body as AsyncIterable<Uint8Array>) {
            bytes += chunk.length;
            demuxer.push(chunk);
          }
          demuxer.end();
          streamed = { fragments: options.expectedFragments, bytes, start: options.producerStartTimestampMs };
          options.onAck?.({ EventType: 'PERSISTED', FragmentTimecode: options.expectedFragments[0] });
          return { acks: [], persisted: [...options.expectedFragments] };
        },
        log: (line) => lines.push(line),
      },
    );
    expect(api.calls).toEqual(['GET /dev/cameras', 'POST /dev/cameras', 'POST /dev/cameras/front-door/motion']);
    expect(streamed?.fragments).toEqual([NOW - 2000, NOW - 1000]);
    expect(streamed?.start).toBe(NOW - 2000);
    expect(summary).toMatchObject({ created: true, fragments: 2, persisted: 2 });
    expect(api.motion).toEqual([
      {
        events: [
          {
            eventId: `front-door-${NOW - 2000}`,
            detectedAt: new Date(NOW - 1000).toISOString(),
            windowStartAt: new Date(NOW - 2000).toISOString(),
            windowEndAt: new Date(NOW).toISOString(),
            score: 0.9,
          },
        ],
      },
    ]);
    expect(lines[0]).toBe('Registered camera front-door (stream streaming-reference-dev-camera-front-door)');
    expect(lines).toContain(`  ack PERSISTED fragment ${NOW - 2000}`);
  });

  it('does not report motion when PutMedia fails', async () => {
    const api = cameraApi(true);
    await expect(
      runCameraSession(
        { registration: camera, scenes: ['person'], seconds: 1, fps: 1, region: 'us-east-1', api: { apiUrl: 'http://api.test/dev', apiKey: 'key', fetch: api.fetch } },
        {
          now: () => NOW,
          sleep: () => Promise.resolve(),
          credentials: () => Promise.resolve({ accessKeyId: 'a', secretAccessKey: 'b' }),
          getPutMediaEndpoint: () => Promise.resolve('http://kvs.test'),
          putMedia: () => Promise.reject(new Error('ERROR INVALID_MKV_DATA')),
          log: () => undefined,
        },
      ),
    ).rejects.toThrow('INVALID_MKV_DATA');
    expect(api.calls).toEqual(['GET /dev/cameras']);
  });
});
