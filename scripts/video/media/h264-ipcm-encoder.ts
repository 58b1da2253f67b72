// A spec-exact H.264 encoder for one narrow case: every picture an IDR whose macroblocks are all I_PCM
// (Constrained Baseline, CAVLC). Raw samples instead of prediction + transform make it tiny and lossless past
// the RGB→YUV 4:2:0 step, and any conforming decoder (AWS GetImages included) decodes it.
import { writeAvccSample, encodeAvcDecoderConfiguration } from './avcc';
import { BitWriter } from './bit-stream';
import { rgbToYuv420, chromaSize } from './color';
import { chooseLevel } from './h264-levels';
import { buildNalUnit, NAL_UNIT_TYPE } from './nal';
import type { RgbImage, SequenceParameterSet, Yuv420Image } from './types';

export { chooseLevel } from './h264-levels';

export interface IpcmEncoderOptions {
  /** Even, ≥ 2: 4:2:0 cropping works in units of 2 luma samples. */
  width: number;
  height: number;
  /** Only used to choose the level (I_PCM's bit rate grows with it). Default 5. */
  fps?: number;
}

export interface IpcmEncoder {
  readonly sps: SequenceParameterSet;
  /** NAL units (header byte + escaped RBSP), as stored in the avcC. */
  readonly spsNal: Uint8Array;
  readonly ppsNal: Uint8Array;
  /** AVCDecoderConfigurationRecord with 4-byte NAL lengths: the MKV CodecPrivate. */
  readonly avcC: Uint8Array;
  /**
   * One AVCC sample (4-byte length + IDR slice NAL unit) per picture. idr_pic_id alternates 0/1 by itself; pass it
   * to reuse a sample (consecutive IDR pictures must differ in it, §7.4.3).
   */
  encodeFrame(image: RgbImage | Yuv420Image, idrPicId?: number): Uint8Array;
}

const PROFILE_BASELINE = 66;
/** constraint_set0 (Baseline) + constraint_set1 (Main-decodable): "Constrained Baseline", avc1.42C0xx. */
const CONSTRAINED_BASELINE_FLAGS = 0xc0;
const LOG2_MAX_FRAME_NUM = 4;
const I_PCM_MB_TYPE = 25;
/** slice_type 7: I, and every slice of the picture is I. */
const SLICE_TYPE_ALL_I = 7;
/** BT.601 (SMPTE 170M) for colour primaries, transfer and matrix: the VUI states the conversion in color.ts. */
const BT601 = 6;
const NAL_REF_IDC_HIGHEST = 3;

function describeSps(width: number, height: number, fps: number): SequenceParameterSet {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 2 || height < 2 || width % 2 !== 0 || height % 2 !== 0) {
    throw new RangeError(`frame size must be even integers ≥ 2 (4:2:0 cropping), got ${width}×${height}`);
  }
  const widthInMbs = Math.ceil(width / 16);
  const heightInMbs = Math.ceil(height / 16);
  return {
    profileIdc: PROFILE_BASELINE,
    constraintFlags: CONSTRAINED_BASELINE_FLAGS,
    levelIdc: chooseLevel(widthInMbs, heightInMbs, fps),
    seqParameterSetId: 0,
    log2MaxFrameNum: LOG2_MAX_FRAME_NUM,
    picOrderCntType: 2,
    maxNumRefFrames: 1,
    frameMbsOnly: true,
    widthInMbs,
    heightInMbs,
    crop: { left: 0, right: widthInMbs * 16 - width, top: 0, bottom: heightInMbs * 16 - height },
    width,
    height,
  };
}

/** vui_parameters() (Annex E): square pixels, BT.601 limited range, and no frame reordering. */
function writeVui(writer: BitWriter): void {
  writer.bit(1).bits(1, 8); // aspect_ratio_info_present_flag, aspect_ratio_idc 1 (1:1)
  writer.bit(0); // overscan_info_present_flag
  writer.bit(1).bits(5, 3).bit(0); // video_signal_type_present_flag, video_format unspecified, video_full_range_flag 0
  writer.bit(1).bits(BT601, 8).bits(BT601, 8).bits(BT601, 8); // colour_description_present_flag + primaries/transfer/matrix
  writer.bit(0); // chroma_loc_info_present_flag
  writer.bit(0); // timing_info_present_flag: the MKV block timecodes carry timing
  writer.bit(0).bit(0); // nal_hrd_parameters_present_flag, vcl_hrd_parameters_present_flag
  writer.bit(0); // pic_struct_present_flag
  writer.bit(1).bit(1); // bitstream_restriction_flag, motion_vectors_over_pic_boundaries_flag
  writer.unsignedExpGolomb(0).unsignedExpGolomb(0); // max_bytes_per_pic_denom, max_bits_per_mb_denom: unbounded
  writer.unsignedExpGolomb(15).unsignedExpGolomb(15); // log2_max_mv_length_horizontal/vertical
  writer.unsignedExpGolomb(0); // max_num_reorder_frames: output order is decode order
  writer.unsignedExpGolomb(1); // max_dec_frame_buffering
}

/** seq_parameter_set_rbsp() (§7.3.2.1.1) for profile_idc 66: no chroma_format_idc or scaling lists. */
export function writeSpsRbsp(sps: SequenceParameterSet): Uint8Array {
  const writer = new BitWriter();
  writer.bits(sps.profileIdc, 8).bits(sps.constraintFlags, 8).bits(sps.levelIdc, 8);
  writer.unsignedExpGolomb(sps.seqParameterSetId);
  writer.unsignedExpGolomb(sps.log2MaxFrameNum - 4);
  writer.unsignedExpGolomb(sps.picOrderCntType);
  writer.unsignedExpGolomb(sps.maxNumRefFrames);
  writer.bit(0); // gaps_in_frame_num_value_allowed_flag
  writer.unsignedExpGolomb(sps.widthInMbs - 1);
  writer.unsignedExpGolomb(sps.heightInMbs - 1);
  writer.bit(sps.frameMbsOnly ? 1 : 0);
  writer.bit(1); // direct_8x8_inference_flag
  const { left, right, top, bottom } = sps.crop;
  const cropping = left + right + top + bottom > 0;
  writer.bit(cropping ? 1 : 0);
  // CropUnitX = CropUnitY = 2 for 4:2:0 progressive frames.
  if (cropping) writer.unsignedExpGolomb(left / 2).unsignedExpGolomb(right / 2).unsignedExpGolomb(top / 2).unsignedExpGolomb(bottom / 2);
  writer.bit(1); // vui_parameters_present_flag
  writeVui(writer);
  return writer.trailingBits().toBytes();
}

/** pic_parameter_set_rbsp() (§7.3.2.2): CAVLC, one slice group, deblocking control present so slices can turn it off. */
export function writePpsRbsp(): Uint8Array {
  const writer = new BitWriter();
  writer.unsignedExpGolomb(0).unsignedExpGolomb(0); // pic_parameter_set_id, seq_parameter_set_id
  writer.bit(0); // entropy_coding_mode_flag: CAVLC
  writer.bit(0); // bottom_field_pic_order_in_frame_present_flag
  writer.unsignedExpGolomb(0); // num_slice_groups_minus1
  writer.unsignedExpGolomb(0).unsignedExpGolomb(0); // num_ref_idx_l0/l1_default_active_minus1
  writer.bit(0).bits(0, 2); // weighted_pred_flag, weighted_bipred_idc
  writer.signedExpGolomb(0).signedExpGolomb(0).signedExpGolomb(0); // pic_init_qp/qs_minus26, chroma_qp_index_offset
  writer.bit(1); // deblocking_filter_control_present_flag
  writer.bit(0); // constrained_intra_pred_flag
  writer.bit(0); // redundant_pic_cnt_present_flag
  return writer.trailingBits().toBytes();
}

/** Pads the picture to whole macroblocks by repeating the last column and row (the padding is cropped away). */
function codedPlane(plane: Uint8Array, width: number, height: number, codedWidth: number, codedHeight: number): Uint8Array {
  if (width === codedWidth && height === codedHeight) return plane;
  const coded = new Uint8Array(codedWidth * codedHeight);
  for (let row = 0; row < codedHeight; row += 1) {
    const sourceRow = Math.min(row, height - 1) * width;
    for (let column = 0; column < codedWidth; column += 1) coded[row * codedWidth + column] = plane[sourceRow + Math.min(column, width - 1)] as number;
  }
  return coded;
}

function copyBlock(target: Uint8Array, offset: number, plane: Uint8Array, planeWidth: number, x: number, y: number, size: number): number {
  let position = offset;
  for (let row = 0; row < size; row += 1) {
    const start = (y + row) * planeWidth + x;
    target.set(plane.subarray(start, start + size), position);
    position += size;
  }
  return position;
}

/** slice_layer_without_partitioning_rbsp() of an IDR picture in one slice, every macroblock I_PCM (§7.3.4, §7.3.5). */
export function writeIpcmSliceRbsp(sps: SequenceParameterSet, image: Yuv420Image, idrPicId: number): Uint8Array {
  const codedWidth = sps.widthInMbs * 16;
  const codedHeight = sps.heightInMbs * 16;
  const y = codedPlane(image.y, image.width, image.height, codedWidth, codedHeight);
  const u = codedPlane(image.u, chromaSize(image.width), chromaSize(image.height), codedWidth / 2, codedHeight / 2);
  const v = codedPlane(image.v, chromaSize(image.width), chromaSize(image.height), codedWidth / 2, codedHeight / 2);
  const writer = new BitWriter();
  writer.unsignedExpGolomb(0); // first_mb_in_slice
  writer.unsignedExpGolomb(SLICE_TYPE_ALL_I);
  writer.unsignedExpGolomb(0); // pic_parameter_set_id
  writer.bits(0, sps.log2MaxFrameNum); // frame_num: 0 for IDR pictures
  writer.unsignedExpGolomb(idrPicId);
  writer.bit(0).bit(0); // dec_ref_pic_marking(): no_output_of_prior_pics_flag, long_term_reference_flag
  writer.signedExpGolomb(0); // slice_qp_delta
  writer.unsignedExpGolomb(1); // disable_deblocking_filter_idc: I_PCM needs no deblocking
  const samples = new Uint8Array(384);
  for (let mbY = 0; mbY < sps.heightInMbs; mbY += 1) {
    for (let mbX = 0; mbX < sps.widthInMbs; mbX += 1) {
      writer.unsignedExpGolomb(I_PCM_MB_TYPE).alignWithZeros(); // mb_type, pcm_alignment_zero_bit
      let offset = copyBlock(samples, 0, y, codedWidth, mbX * 16, mbY * 16, 16);
      offset = copyBlock(samples, offset, u, codedWidth / 2, mbX * 8, mbY * 8, 8);
      copyBlock(samples, offset, v, codedWidth / 2, mbX * 8, mbY * 8, 8);
      writer.rawBytes(samples);
    }
  }
  return writer.trailingBits().toBytes();
}

const isYuv = (image: RgbImage | Yuv420Image): image is Yuv420Image => 'y' in image;

export function createIpcmEncoder(options: IpcmEncoderOptions): IpcmEncoder {
  const sps = describeSps(options.width, options.height, options.fps ?? 5);
  const spsNal = buildNalUnit(NAL_REF_IDC_HIGHEST, NAL_UNIT_TYPE.sps, writeSpsRbsp(sps));
  const ppsNal = buildNalUnit(NAL_REF_IDC_HIGHEST, NAL_UNIT_TYPE.pps, writePpsRbsp());
  let pictures = 0;
  return {
    sps,
    spsNal,
    ppsNal,
    avcC: encodeAvcDecoderConfiguration({ sps: [spsNal], pps: [ppsNal], nalLengthSize: 4 }),
    encodeFrame(image, idrPicId) {
      if (image.width !== sps.width || image.height !== sps.height) {
        throw new RangeError(`frame is ${image.width}×${image.height}, the encoder was set up for ${sps.width}×${sps.height}`);
      }
      const yuv = isYuv(image) ? image : rgbToYuv420(image);
      const slice = buildNalUnit(NAL_REF_IDC_HIGHEST, NAL_UNIT_TYPE.idrSlice, writeIpcmSliceRbsp(sps, yuv, idrPicId ?? pictures % 2));
      pictures += 1;
      return writeAvccSample([slice]);
    },
  };
}
