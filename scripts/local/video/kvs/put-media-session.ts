// One PutMedia connection: turns demuxed MKV events into stored fragments and the acknowledgements KVS sends back.
import type { MkvEvent, MkvFrame, MkvVideoTrack } from '../media';
import { AVC_CODEC_ID, parseAvcDecoderConfiguration } from '../media';
import type { VideoClock } from '../clock';
import type { FragmentNumbers } from './fragment-number';
import type { StoredFragment, StoredTrack } from './fragment-store';
import type { VideoStream } from './stream-registry';

export type FragmentTimecodeType = 'ABSOLUTE' | 'RELATIVE';

/** What KVS writes back, one JSON object per line. */
export type PutMediaAck =
  | { EventType: 'BUFFERING' | 'RECEIVED' | 'PERSISTED'; FragmentTimecode: number; FragmentNumber: string }
  | { EventType: 'ERROR'; FragmentTimecode?: number; FragmentNumber?: string; ErrorId: number; ErrorCode: string };

/** PutMedia ack error ids (the KVS producer SDKs carry the same table). */
export const ACK_ERRORS = {
  STREAM_READ_ERROR: 4000,
  MAX_FRAGMENT_SIZE_REACHED: 4001,
  MAX_FRAGMENT_DURATION_REACHED: 4002,
  FRAGMENT_TIMECODE_LESSER_THAN_PREVIOUS: 4004,
  MORE_THAN_ALLOWED_TRACKS_FOUND: 4005,
  INVALID_MKV_DATA: 4006,
  INVALID_PRODUCER_TIMESTAMP: 4007,
  STREAM_NOT_ACTIVE: 4008,
  TRACK_NUMBER_MISMATCH: 4010,
  FRAMES_MISSING_FOR_TRACK: 4011,
  INTERNAL_ERROR: 5000,
} as const;

export type AckErrorCode = keyof typeof ACK_ERRORS;

export interface PutMediaSessionOptions {
  stream: VideoStream;
  timecodeType: FragmentTimecodeType;
  /** x-amzn-producer-start-timestamp in ms; RELATIVE timecodes count from it. */
  producerStartMs?: number;
  clock: VideoClock;
  fragmentNumbers: FragmentNumbers;
  /** False once the stream was deleted: the session then fails with STREAM_NOT_ACTIVE. */
  isStreamActive: () => boolean;
}

/** An absolute timecode before 2000-01-01 is a relative clip sent as ABSOLUTE (a common producer bug). */
const EARLIEST_ABSOLUTE_MS = Date.UTC(2000, 0, 1);

interface OpenFragment {
  stored: StoredFragment;
  clusterTimecodeMs: number;
  lastFrameTimecodeMs?: number;
}

export class PutMediaSession {
  private track?: StoredTrack & { trackNumber: number };
  private open?: OpenFragment;
  private previousClusterTimecodeMs = -Infinity;
  private frameDurationMs = 0;
  private failed = false;

  constructor(private readonly options: PutMediaSessionOptions) {}

  get hasFailed(): boolean {
    return this.failed;
  }

  /** Acks for one demuxer event; after an ERROR ack the session ignores everything else. */
  accept(event: MkvEvent): PutMediaAck[] {
    if (this.failed) return [];
    if (!this.options.isStreamActive()) return [this.fail('STREAM_NOT_ACTIVE')];
    switch (event.type) {
      case 'header':
        return this.acceptHeader(event.tracks);
      case 'cluster-start':
        return [...this.closeFragment(), ...this.openFragment(event.timecodeMs)];
      case 'frame':
        return this.acceptFrame(event.frame);
      case 'cluster-end':
        return this.closeFragment();
    }
  }

  /** The body ended: a cluster of unknown size ends with it. */
  finish(): PutMediaAck[] {
    return this.failed ? [] : this.closeFragment();
  }

  /** Ends the session with an ERROR ack naming the fragment in progress, if any. */
  fail(code: AckErrorCode): PutMediaAck {
    this.failed = true;
    const fragment = this.open?.stored;
    this.open = undefined;
    return { EventType: 'ERROR', FragmentTimecode: fragment?.fragmentTimecode, FragmentNumber: fragment?.fragmentNumber, ErrorId: ACK_ERRORS[code], ErrorCode: code };
  }

  private acceptHeader(tracks: readonly MkvVideoTrack[]): PutMediaAck[] {
    // The fake stores one H.264 track; KVS itself accepts up to three (e.g. video + audio).
    if (tracks.length !== 1) return [this.fail('MORE_THAN_ALLOWED_TRACKS_FOUND')];
    const [track] = tracks;
    if (!track || track.codecId !== AVC_CODEC_ID) return [this.fail('INVALID_MKV_DATA')];
    try {
      parseAvcDecoderConfiguration(track.codecPrivate);
    } catch {
      return [this.fail('INVALID_MKV_DATA')];
    }
    this.track = { trackNumber: track.trackNumber, codecId: track.codecId, codecPrivate: track.codecPrivate, width: track.width, height: track.height };
    return [];
  }

  private openFragment(clusterTimecodeMs: number): PutMediaAck[] {
    if (!this.track) return [this.fail('INVALID_MKV_DATA')];
    if (clusterTimecodeMs <= this.previousClusterTimecodeMs) return [this.fail('FRAGMENT_TIMECODE_LESSER_THAN_PREVIOUS')];
    const producerStartMs = this.producerTime(clusterTimecodeMs);
    if (producerStartMs === undefined) return [this.fail('INVALID_PRODUCER_TIMESTAMP')];
    this.previousClusterTimecodeMs = clusterTimecodeMs;
    const serverStartMs = this.options.clock.now();
    const stored: StoredFragment = {
      fragmentNumber: this.options.fragmentNumbers.next(serverStartMs),
      fragmentTimecode: clusterTimecodeMs,
      producerStartMs,
      serverStartMs,
      durationMs: 0,
      track: this.track,
      frames: [],
    };
    this.open = { stored, clusterTimecodeMs };
    return [{ EventType: 'BUFFERING', FragmentTimecode: clusterTimecodeMs, FragmentNumber: stored.fragmentNumber }];
  }

  private acceptFrame(frame: MkvFrame): PutMediaAck[] {
    const open = this.open;
    if (!open || !this.track) return [this.fail('INVALID_MKV_DATA')];
    if (frame.trackNumber !== this.track.trackNumber) return [this.fail('TRACK_NUMBER_MISMATCH')];
    // A fragment is decodable on its own only if it starts with a keyframe.
    if (open.stored.frames.length === 0 && !frame.keyframe) return [this.fail('INVALID_MKV_DATA')];
    if (open.lastFrameTimecodeMs !== undefined) {
      if (frame.timecodeMs <= open.lastFrameTimecodeMs) return [this.fail('INVALID_MKV_DATA')];
      this.frameDurationMs = frame.timecodeMs - open.lastFrameTimecodeMs;
    }
    open.lastFrameTimecodeMs = frame.timecodeMs;
    const offsetMs = frame.timecodeMs - open.clusterTimecodeMs;
    open.stored.frames.push({
      producerTimestampMs: open.stored.producerStartMs + offsetMs,
      serverTimestampMs: open.stored.serverStartMs + offsetMs,
      keyframe: frame.keyframe,
      data: frame.data,
    });
    return [];
  }

  private closeFragment(): PutMediaAck[] {
    const open = this.open;
    if (!open) return [];
    this.open = undefined;
    const { stored } = open;
    const last = stored.frames.at(-1);
    if (!last) {
      this.open = open;
      return [this.fail('FRAMES_MISSING_FOR_TRACK')];
    }
    // The last frame lasts as long as the frames before it did (MKV SimpleBlocks carry no duration).
    stored.durationMs = last.producerTimestampMs - stored.producerStartMs + this.frameDurationMs;
    const ack = { FragmentTimecode: stored.fragmentTimecode, FragmentNumber: stored.fragmentNumber };
    const { stream } = this.options;
    // A stream without retention takes the media in but keeps none of it, so nothing is ever PERSISTED.
    if (stream.dataRetentionInHours === 0) return [{ EventType: 'RECEIVED', ...ack }];
    stream.media.add(stored);
    return [
      { EventType: 'RECEIVED', ...ack },
      { EventType: 'PERSISTED', ...ack },
    ];
  }

  private producerTime(clusterTimecodeMs: number): number | undefined {
    if (this.options.timecodeType === 'ABSOLUTE') return clusterTimecodeMs >= EARLIEST_ABSOLUTE_MS ? clusterTimecodeMs : undefined;
    return this.options.producerStartMs === undefined ? undefined : this.options.producerStartMs + clusterTimecodeMs;
  }
}
