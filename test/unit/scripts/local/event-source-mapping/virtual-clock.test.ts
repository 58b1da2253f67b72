import { VirtualClock } from '../../../../../scripts/local/event-source-mapping/virtual-clock';

describe('VirtualClock', () => {
  it('wakes sleepers in time order and jumps to each wake time', async () => {
    const clock = new VirtualClock(1_000);
    const woke: Array<[string, number]> = [];
    await Promise.all([
      clock.sleep(300).then(() => woke.push(['b', clock.now()])),
      clock.sleep(100).then(() => woke.push(['a', clock.now()])),
      clock.sleep(300).then(() => woke.push(['c', clock.now()])),
    ]);
    expect(woke).toEqual([
      ['a', 1_100],
      ['b', 1_300],
      ['c', 1_300],
    ]);
  });

  it('ends a sleep early when its signal aborts, without moving time', async () => {
    const clock = new VirtualClock(0);
    const controller = new AbortController();
    const sleeping = clock.sleep(60_000, controller.signal);
    controller.abort();
    await sleeping;
    expect(clock.now()).toBe(0);
    await clock.sleep(5, controller.signal);
    expect(clock.now()).toBe(0);
  });

  it('lets tests move time forward directly', () => {
    const clock = new VirtualClock(0);
    clock.advance(1_500);
    expect(clock.now()).toBe(1_500);
  });
});
