// The media a KVS stream holds: fragments (one MKV cluster each) with producer and server timestamps per frame.

export type TimestampOrigin = 'PRODUCER_TIMESTAMP' | 'SERVER_TIMESTAMP';

export interface StoredTrack {
  codecId: string;
  /** AVCDecoderConfigurationRecord for V_MPEG4/ISO/AVC. */
  codecPrivate: Uint8Array;
  width: number;
  height: number;
}

export interface StoredFrame {
  producerTimestampMs: number;
  serverTimestampMs: number;
  keyframe: boolean;
  /** One AVCC sample: length-prefixed NAL units. */
  data: Uint8Array;
}

export interface StoredFragment {
  fragmentNumber: string;
  /** The cluster timecode as the producer sent it (relative or absolute), echoed in acks. */
  fragmentTimecode: number;
  producerStartMs: number;
  serverStartMs: number;
  /** From the first frame to the end of the last one (last frame start + one frame duration). */
  durationMs: number;
  track: StoredTrack;
  frames: StoredFrame[];
}

export interface FrameLookup {
  fragment: StoredFragment;
  frame: StoredFrame;
}

const HOUR_MS = 3_600_000;

export class FragmentStore {
  private fragments: StoredFragment[] = [];

  add(fragment: StoredFragment): void {
    this.fragments.push(fragment);
  }

  all(): readonly StoredFragment[] {
    return this.fragments;
  }

  clear(): void {
    this.fragments = [];
  }

  /** KVS drops media once its server timestamp is older than the retention period; 0 hours keeps nothing. */
  dropExpired(nowMs: number, retentionHours: number): void {
    const oldestKeptMs = nowMs - retentionHours * HOUR_MS;
    this.fragments = this.fragments.filter((fragment) => fragment.serverStartMs + fragment.durationMs > oldestKeptMs);
  }

  /**
   * The frame shown at `timeMs`: the last frame starting at or before it, inside a fragment whose span covers it.
   * A time between fragments (a gap in the recording) has no frame.
   */
  frameAt(origin: TimestampOrigin, timeMs: number): FrameLookup | undefined {
    let found: FrameLookup | undefined;
    for (const fragment of this.fragments) {
      const start = fragmentStart(fragment, origin);
      const covers = timeMs >= start && (timeMs < start + fragment.durationMs || timeMs === start);
      if (!covers) continue;
      const frame = lastFrameAtOrBefore(fragment.frames, origin, timeMs);
      // Overlapping fragments (a producer re-sending a time range): the most recently received one wins.
      if (frame) found = { fragment, frame };
    }
    return found;
  }
}

export function frameTimestamp(frame: StoredFrame, origin: TimestampOrigin): number {
  return origin === 'PRODUCER_TIMESTAMP' ? frame.producerTimestampMs : frame.serverTimestampMs;
}

function fragmentStart(fragment: StoredFragment, origin: TimestampOrigin): number {
  return origin === 'PRODUCER_TIMESTAMP' ? fragment.producerStartMs : fragment.serverStartMs;
}

function lastFrameAtOrBefore(frames: readonly StoredFrame[], origin: TimestampOrigin, timeMs: number): StoredFrame | undefined {
  let found: StoredFrame | undefined;
  for (const frame of frames) {
    if (frameTimestamp(frame, origin) <= timeMs) found = frame;
    else break;
  }
  return found;
}
