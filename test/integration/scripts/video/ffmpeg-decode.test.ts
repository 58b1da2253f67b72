// The camera simulator's video, checked by an independent decoder: ffmpeg reads the MKV clip the simulator would send
// with PutMedia and decodes its H.264 (I_PCM, so lossless) back to exactly the pixels that were encoded.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { concatBytes } from '../../../../scripts/video/media/ebml';
import { createIpcmEncoder, encodeMkvCluster, encodeMkvHeader, renderScene, rgbToYuv420, type Yuv420Image } from '../../../../scripts/video/media';

/** Not a multiple of 16 either way: the SPS crops the coded macroblocks (7 × 5) to the picture. */
const WIDTH = 104;
const HEIGHT = 72;
const SCENES = ['person', 'car', 'empty'] as const;
const T0 = 1_795_693_436_000;

function run(command: string, args: readonly string[]): Buffer {
  const result = spawnSync(command, args, { maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw new Error(`${command} could not run (${result.error.message}); npm test needs ffmpeg: apt install ffmpeg`);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr.toString()}`);
  return result.stdout;
}

describe('the simulator clip, decoded by ffmpeg', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ffmpeg-decode-'));
  const clip = join(dir, 'clip.mkv');
  const frames: Yuv420Image[] = SCENES.map((scene) => rgbToYuv420(renderScene(scene, { width: WIDTH, height: HEIGHT })));

  beforeAll(() => {
    const encoder = createIpcmEncoder({ width: WIDTH, height: HEIGHT, fps: 2 });
    const header = encodeMkvHeader({ width: WIDTH, height: HEIGHT, codecPrivate: encoder.avcC, trackUid: 1n });
    // One fragment per frame, as the simulator sends them: every cluster starts with a keyframe.
    const clusters = frames.map((frame, index) =>
      encodeMkvCluster({ timecodeMs: T0 + index * 500, frames: [{ timecodeMs: T0 + index * 500, keyframe: true, data: encoder.encodeFrame(frame) }] }),
    );
    writeFileSync(clip, concatBytes([header, ...clusters]));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('ffprobe sees one H.264 video track of the encoded size with every frame', () => {
    const probe = JSON.parse(
      run('ffprobe', ['-v', 'error', '-count_frames', '-show_entries', 'stream=codec_name,width,height,nb_read_frames,pix_fmt', '-of', 'json', clip]).toString(),
    ) as { streams: Array<Record<string, unknown>> };
    expect(probe.streams).toEqual([{ codec_name: 'h264', width: WIDTH, height: HEIGHT, pix_fmt: 'yuv420p', nb_read_frames: String(SCENES.length) }]);
  });

  test('every decoded frame is exactly the encoded picture, luma and chroma', () => {
    // passthrough: one output frame per decoded frame (no constant-rate duplication between the sparse timestamps).
    const raw = run('ffmpeg', ['-v', 'error', '-i', clip, '-fps_mode', 'passthrough', '-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-']);
    const chroma = (WIDTH / 2) * (HEIGHT / 2);
    const frameBytes = WIDTH * HEIGHT + 2 * chroma;
    expect(raw.length).toBe(frameBytes * SCENES.length);
    frames.forEach((frame, index) => {
      const decoded = raw.subarray(index * frameBytes, (index + 1) * frameBytes);
      expect(Buffer.compare(decoded.subarray(0, WIDTH * HEIGHT), Buffer.from(frame.y))).toBe(0);
      expect(Buffer.compare(decoded.subarray(WIDTH * HEIGHT, WIDTH * HEIGHT + chroma), Buffer.from(frame.u))).toBe(0);
      expect(Buffer.compare(decoded.subarray(WIDTH * HEIGHT + chroma), Buffer.from(frame.v))).toBe(0);
    });
    // The scenes differ: equal buffers above are not an artefact of flat frames.
    expect(Buffer.compare(Buffer.from(frames[0]!.y), Buffer.from(frames[2]!.y))).not.toBe(0);
  });
});
