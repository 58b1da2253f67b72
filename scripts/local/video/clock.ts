// Time for the video fakes: server timestamps, retention and creation times come from here so tests can pin them.

export interface VideoClock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export const systemVideoClock: VideoClock = { now: () => Date.now() };

/** A clock that only moves when told to. */
export class ManualVideoClock implements VideoClock {
  constructor(private current: number) {}

  now(): number {
    return this.current;
  }

  advanceBy(ms: number): void {
    this.current += ms;
  }

  set(ms: number): void {
    this.current = ms;
  }
}
