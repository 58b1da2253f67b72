import { buildClip, sceneAt } from '../../../../scripts/camera/clip';
import { motionEventFor } from '../../../../scripts/camera/camera-run';
import { createIpcmDecoder, createMkvDemuxer, matchScene, type MkvEvent } from '../../../../scripts/video/media';

const START = 1_767_225_600_000;

describe('camera clip', () => {
  const clip = buildClip({ scenes: ['empty', 'person'], seconds: 2, fps: 5, startMs: START });

  it('cuts one keyframe-first fragment per second with producer timestamps', () => {
    expect(clip.fragments.map((fragment) => [fragment.timecodeMs, fragment.frameCount])).toEqual([
      [START, 5],
      [START + 1000, 5],
    ]);
    expect(clip.frames.map((frame) => frame.scene)).toEqual([...Array<string>(5).fill('empty'), ...Array<string>(5).fill('person')]);
    expect(clip.endMs).toBe(START + 2000);
  });

  it('demuxes and decodes back to the scenes it shows', () => {
    const demuxer = createMkvDemuxer({ allowedCodecIds: ['V_MPEG4/ISO/AVC'] });
    const events: MkvEvent[] = [...demuxer.push(clip.header), ...clip.fragments.flatMap((fragment) => demuxer.push(fragment.bytes)), ...demuxer.end()];
    const header = events.find((event) => event.type === 'header');
    if (header?.type !== 'header') throw new Error('no header');
    const decoder = createIpcmDecoder(header.tracks[0]?.codecPrivate ?? new Uint8Array());
    const frames = events.flatMap((event) => (event.type === 'frame' ? [event.frame] : []));
    expect(frames.map((frame) => [frame.timecodeMs, matchScene(decoder.decodeToRgb(frame.data))?.scene])).toEqual(
      clip.frames.map((frame) => [frame.timecodeMs, frame.scene]),
    );
  });

  it('shares the clip between scenes in order', () => {
    expect([0, 1, 2, 3, 4, 5].map((index) => sceneAt(['empty', 'person', 'car'], index, 6))).toEqual(['empty', 'empty', 'person', 'person', 'car', 'car']);
  });

  it('reports motion from the first non-empty frame, over the whole clip window', () => {
    expect(motionEventFor('front-door', clip)).toEqual({
      eventId: `front-door-${START}`,
      detectedAt: new Date(START + 1000).toISOString(),
      windowStartAt: new Date(START).toISOString(),
      windowEndAt: new Date(START + 2000).toISOString(),
      score: 0.9,
    });
  });
});
