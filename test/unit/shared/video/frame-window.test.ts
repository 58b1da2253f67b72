// Unit tests: the bounded sampling window and interval per motion event.
import { frameWindowFor } from '../../../../shared/video/frame-window';
import { motion } from './fixtures';

const limits = { maxWindowMs: 4_000, samplingIntervalMs: 1_000, maxFrames: 10 };

describe('frameWindowFor', () => {
  it('centres the maximum window on detectedAt when the event gives no window', () => {
    expect(frameWindowFor(motion({ detectedAt: '2026-11-02T10:00:02.000Z' }), limits)).toEqual({
      start: new Date('2026-11-02T10:00:00.000Z'),
      end: new Date('2026-11-02T10:00:04.000Z'),
      samplingIntervalMs: 1_000,
      maxFrames: 10,
    });
  });

  it("keeps the event's own window when it is short enough", () => {
    const window = frameWindowFor(
      motion({ windowStartAt: '2026-11-02T10:00:01.000Z', windowEndAt: '2026-11-02T10:00:03.000Z' }),
      limits,
    );
    expect([window.start.toISOString(), window.end.toISOString()]).toEqual(['2026-11-02T10:00:01.000Z', '2026-11-02T10:00:03.000Z']);
  });

  it('cuts a long window to the maximum around detectedAt, inside the event window', () => {
    const window = frameWindowFor(
      motion({ detectedAt: '2026-11-02T10:00:01.000Z', windowStartAt: '2026-11-02T10:00:00.000Z', windowEndAt: '2026-11-02T10:01:00.000Z' }),
      limits,
    );
    expect([window.start.toISOString(), window.end.toISOString()]).toEqual(['2026-11-02T10:00:00.000Z', '2026-11-02T10:00:04.000Z']);
  });

  it('widens the interval so the window holds at most maxFrames, and never goes below 200 ms', () => {
    expect(frameWindowFor(motion(), { maxWindowMs: 60_000, samplingIntervalMs: 1_000, maxFrames: 4 }).samplingIntervalMs).toBe(20_000);
    expect(frameWindowFor(motion(), { maxWindowMs: 1_000, samplingIntervalMs: 50, maxFrames: 100 }).samplingIntervalMs).toBe(200);
  });
});
