// Shared image, video-frame and container types of the project's tiny media toolkit (scripts/video/media).

/** 8-bit RGB, row-major, 3 bytes per pixel, no padding: data.length === width * height * 3. */
export interface RgbImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/**
 * Planar YUV 4:2:0 (BT.601 limited range, the default every H.264 decoder assumes without VUI colour info).
 * y: width × height; u and v: ceil(width / 2) × ceil(height / 2).
 */
export interface Yuv420Image {
  width: number;
  height: number;
  y: Uint8Array;
  u: Uint8Array;
  v: Uint8Array;
}

/** The fields of a sequence parameter set this toolkit writes and reads. */
export interface SequenceParameterSet {
  profileIdc: number;
  constraintFlags: number;
  levelIdc: number;
  seqParameterSetId: number;
  log2MaxFrameNum: number;
  picOrderCntType: number;
  maxNumRefFrames: number;
  frameMbsOnly: boolean;
  widthInMbs: number;
  heightInMbs: number;
  /** Cropping in luma samples (the spec's offsets × 2 for 4:2:0). */
  crop: { left: number; right: number; top: number; bottom: number };
  /** Displayed size: coded size minus cropping. */
  width: number;
  height: number;
}

export interface PictureParameterSet {
  picParameterSetId: number;
  seqParameterSetId: number;
  entropyCodingModeFlag: boolean;
  picInitQp: number;
  deblockingFilterControlPresent: boolean;
}

/** AVCDecoderConfigurationRecord (ISO/IEC 14496-15 §5.3.3.1), i.e. the MKV CodecPrivate of V_MPEG4/ISO/AVC. */
export interface AvcDecoderConfiguration {
  profileIdc: number;
  profileCompatibility: number;
  levelIdc: number;
  /** Bytes of each NAL unit length prefix in samples (1, 2 or 4). */
  nalLengthSize: number;
  sps: Uint8Array[];
  pps: Uint8Array[];
}

/** The one video track the muxer writes and the demuxer reports. */
export interface MkvVideoTrack {
  trackNumber: number;
  trackUid: bigint;
  codecId: string;
  codecPrivate: Uint8Array;
  width: number;
  height: number;
  name?: string;
}

export interface MkvFrame {
  trackNumber: number;
  /** Absolute: cluster timecode + block offset, in milliseconds (TimecodeScale 1 ms). */
  timecodeMs: number;
  keyframe: boolean;
  data: Uint8Array;
}

/** What the incremental demuxer reports, in stream order. */
export type MkvEvent =
  | { type: 'header'; docType: string; timecodeScaleNs: number; muxingApp?: string; writingApp?: string; tracks: MkvVideoTrack[] }
  | { type: 'cluster-start'; timecodeMs: number; offset: number }
  | { type: 'frame'; frame: MkvFrame }
  | { type: 'cluster-end'; timecodeMs: number; frameCount: number };
