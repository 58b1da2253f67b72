// Frame lookup by producer/server time, gaps, and retention of the KVS fake's media store.
import { FragmentStore, type StoredFragment } from '../../../../../../scripts/local/video/kvs/fragment-store';

const track = { codecId: 'V_MPEG4/ISO/AVC', codecPrivate: new Uint8Array([1]), width: 16, height: 16 };

/** Frames every 100 ms starting at `producerStartMs`, received 500 ms later by the server. */
function fragment(producerStartMs: number, frameCount: number, number: string): StoredFragment {
  const frames = Array.from({ length: frameCount }, (_, index) => ({
    producerTimestampMs: producerStartMs + index * 100,
    serverTimestampMs: producerStartMs + 500 + index * 100,
    keyframe: true,
    data: new Uint8Array([index]),
  }));
  return { fragmentNumber: number, fragmentTimecode: producerStartMs, producerStartMs, serverStartMs: producerStartMs + 500, durationMs: frameCount * 100, track, frames };
}

describe('FragmentStore', () => {
  const start = Date.UTC(2026, 0, 1);

  it('finds the frame at or before a time inside a fragment, by either timestamp', () => {
    const store = new FragmentStore();
    store.add(fragment(start, 10, '1'));
    expect(store.frameAt('PRODUCER_TIMESTAMP', start + 250)?.frame.data[0]).toBe(2);
    expect(store.frameAt('PRODUCER_TIMESTAMP', start + 999)?.frame.data[0]).toBe(9);
    expect(store.frameAt('SERVER_TIMESTAMP', start + 750)?.frame.data[0]).toBe(2);
  });

  it('has no frame before the first fragment, after the last one, or in a gap between fragments', () => {
    const store = new FragmentStore();
    store.add(fragment(start, 10, '1'));
    store.add(fragment(start + 5_000, 10, '2'));
    expect(store.frameAt('PRODUCER_TIMESTAMP', start - 1)).toBeUndefined();
    expect(store.frameAt('PRODUCER_TIMESTAMP', start + 1_000)).toBeUndefined();
    expect(store.frameAt('PRODUCER_TIMESTAMP', start + 3_000)).toBeUndefined();
    expect(store.frameAt('PRODUCER_TIMESTAMP', start + 5_000)?.fragment.fragmentNumber).toBe('2');
    expect(store.frameAt('PRODUCER_TIMESTAMP', start + 6_000)).toBeUndefined();
  });

  it('drops media whose server time is older than the retention period', () => {
    const store = new FragmentStore();
    store.add(fragment(start, 10, 'old'));
    store.add(fragment(start + 3_600_000, 10, 'new'));
    store.dropExpired(start + 7_200_000, 1);
    expect(store.all().map((kept) => kept.fragmentNumber)).toEqual(['new']);
  });
});
