// Decoder for the H.264 subset our encoder writes: progressive 4:2:0 8-bit I slices whose macroblocks are all I_PCM.
// Parameter sets are parsed in full; anything that needs real decoding (CABAC, P/B slices, intra prediction,
// interlace) fails with an H264DecodeError naming the feature, which the local KVS fake reports as MEDIA_ERROR.
import { parseAvcDecoderConfiguration, readAvccSample } from './avcc';
import { BitReader } from './bit-stream';
import { chromaSize, yuv420ToRgb } from './color';
import { NAL_UNIT_TYPE, parseNalUnit } from './nal';
import type { PictureParameterSet, RgbImage, SequenceParameterSet, Yuv420Image } from './types';

export class H264DecodeError extends Error {
  override name = 'H264DecodeError';
}

/** Profiles whose SPS carries chroma_format_idc, bit depths and scaling lists (§7.3.2.1.1). */
const HIGH_PROFILES = new Set([100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135]);
const I_PCM_MB_TYPE = 25;

function skipScalingLists(reader: BitReader, count: number): void {
  for (let list = 0; list < count; list += 1) {
    if (!reader.flag()) continue;
    const size = list < 6 ? 16 : 64;
    let last = 8;
    let next = 8;
    for (let index = 0; index < size && next !== 0; index += 1) {
      next = (last + reader.signedExpGolomb() + 256) % 256;
      last = next === 0 ? last : next;
    }
  }
}

function skipHrd(reader: BitReader): void {
  const cpbCount = reader.unsignedExpGolomb() + 1;
  reader.bits(8); // bit_rate_scale, cpb_size_scale
  for (let index = 0; index < cpbCount; index += 1) {
    reader.unsignedExpGolomb();
    reader.unsignedExpGolomb();
    reader.bit();
  }
  reader.bits(20); // four 5-bit delay and length fields
}

/** Reads vui_parameters() only to reach the end of the SPS; nothing in it changes I_PCM decoding. */
function skipVui(reader: BitReader): void {
  if (reader.flag() && reader.bits(8) === 255) reader.bits(32); // aspect ratio, Extended_SAR
  if (reader.flag()) reader.bit(); // overscan
  if (reader.flag()) {
    reader.bits(4);
    if (reader.flag()) reader.bits(24);
  }
  if (reader.flag()) {
    reader.unsignedExpGolomb();
    reader.unsignedExpGolomb();
  }
  if (reader.flag()) reader.bits(65); // num_units_in_tick, time_scale, fixed_frame_rate_flag
  const nalHrd = reader.flag();
  if (nalHrd) skipHrd(reader);
  const vclHrd = reader.flag();
  if (vclHrd) skipHrd(reader);
  if (nalHrd || vclHrd) reader.bit();
  reader.bit(); // pic_struct_present_flag
  if (reader.flag()) {
    reader.bit();
    for (let field = 0; field < 6; field += 1) reader.unsignedExpGolomb();
  }
}

function readChromaFormat(reader: BitReader, profileIdc: number): void {
  if (!HIGH_PROFILES.has(profileIdc)) return;
  const chromaFormatIdc = reader.unsignedExpGolomb();
  if (chromaFormatIdc !== 1) throw new H264DecodeError(`chroma_format_idc ${chromaFormatIdc} is not supported (only 4:2:0)`);
  const bitDepthLuma = reader.unsignedExpGolomb() + 8;
  const bitDepthChroma = reader.unsignedExpGolomb() + 8;
  if (bitDepthLuma !== 8 || bitDepthChroma !== 8) throw new H264DecodeError(`bit depth ${bitDepthLuma}/${bitDepthChroma} is not supported (only 8)`);
  reader.bit(); // qpprime_y_zero_transform_bypass_flag
  if (reader.flag()) skipScalingLists(reader, 8);
}

/** seq_parameter_set_rbsp() from a NAL unit (header byte included). */
export function parseSps(nal: Uint8Array): SequenceParameterSet {
  const { nalUnitType, rbsp } = parseNalUnit(nal);
  if (nalUnitType !== NAL_UNIT_TYPE.sps) throw new H264DecodeError(`expected an SPS NAL unit, got type ${nalUnitType}`);
  const reader = new BitReader(rbsp);
  const profileIdc = reader.bits(8);
  const constraintFlags = reader.bits(8);
  const levelIdc = reader.bits(8);
  const seqParameterSetId = reader.unsignedExpGolomb();
  readChromaFormat(reader, profileIdc);
  const log2MaxFrameNum = reader.unsignedExpGolomb() + 4;
  const picOrderCntType = reader.unsignedExpGolomb();
  if (picOrderCntType === 0) reader.unsignedExpGolomb();
  if (picOrderCntType === 1) {
    reader.bit();
    reader.signedExpGolomb();
    reader.signedExpGolomb();
    const cycle = reader.unsignedExpGolomb();
    for (let index = 0; index < cycle; index += 1) reader.signedExpGolomb();
  }
  const maxNumRefFrames = reader.unsignedExpGolomb();
  reader.bit(); // gaps_in_frame_num_value_allowed_flag
  const widthInMbs = reader.unsignedExpGolomb() + 1;
  const heightInMbs = reader.unsignedExpGolomb() + 1;
  const frameMbsOnly = reader.flag();
  if (!frameMbsOnly) throw new H264DecodeError('interlaced coding (frame_mbs_only_flag 0) is not supported');
  reader.bit(); // direct_8x8_inference_flag
  const crop = { left: 0, right: 0, top: 0, bottom: 0 };
  if (reader.flag()) {
    crop.left = reader.unsignedExpGolomb() * 2;
    crop.right = reader.unsignedExpGolomb() * 2;
    crop.top = reader.unsignedExpGolomb() * 2;
    crop.bottom = reader.unsignedExpGolomb() * 2;
  }
  if (reader.flag()) skipVui(reader);
  const width = widthInMbs * 16 - crop.left - crop.right;
  const height = heightInMbs * 16 - crop.top - crop.bottom;
  if (width <= 0 || height <= 0) throw new H264DecodeError(`cropping leaves no picture (${width}×${height})`);
  return {
    profileIdc,
    constraintFlags,
    levelIdc,
    seqParameterSetId,
    log2MaxFrameNum,
    picOrderCntType,
    maxNumRefFrames,
    frameMbsOnly,
    widthInMbs,
    heightInMbs,
    crop,
    width,
    height,
  };
}

/** pic_parameter_set_rbsp() up to the fields slice headers depend on; rejects what I_PCM decoding cannot honour. */
export function parsePps(nal: Uint8Array): PictureParameterSet & { bottomFieldPicOrderPresent: boolean; redundantPicCntPresent: boolean } {
  const { nalUnitType, rbsp } = parseNalUnit(nal);
  if (nalUnitType !== NAL_UNIT_TYPE.pps) throw new H264DecodeError(`expected a PPS NAL unit, got type ${nalUnitType}`);
  const reader = new BitReader(rbsp);
  const picParameterSetId = reader.unsignedExpGolomb();
  const seqParameterSetId = reader.unsignedExpGolomb();
  const entropyCodingModeFlag = reader.flag();
  if (entropyCodingModeFlag) throw new H264DecodeError('CABAC entropy coding is not supported (only CAVLC I_PCM)');
  const bottomFieldPicOrderPresent = reader.flag();
  if (reader.unsignedExpGolomb() !== 0) throw new H264DecodeError('slice groups (FMO) are not supported');
  reader.unsignedExpGolomb();
  reader.unsignedExpGolomb();
  reader.bits(3); // weighted_pred_flag, weighted_bipred_idc
  const picInitQp = 26 + reader.signedExpGolomb();
  reader.signedExpGolomb(); // pic_init_qs_minus26
  reader.signedExpGolomb(); // chroma_qp_index_offset
  const deblockingFilterControlPresent = reader.flag();
  reader.bit(); // constrained_intra_pred_flag
  const redundantPicCntPresent = reader.flag();
  return {
    picParameterSetId,
    seqParameterSetId,
    entropyCodingModeFlag,
    picInitQp,
    deblockingFilterControlPresent,
    bottomFieldPicOrderPresent,
    redundantPicCntPresent,
  };
}

type ParsedPps = ReturnType<typeof parsePps>;

interface ParameterSets {
  sps: Map<number, SequenceParameterSet>;
  pps: Map<number, ParsedPps>;
}

function lookup<T>(map: Map<number, T>, id: number, what: string): T {
  const found = map.get(id);
  if (found === undefined) throw new H264DecodeError(`slice refers to ${what} ${id}, which was not received`);
  return found;
}

/** slice_header() (§7.3.3) of an I slice, leaving the reader at slice_data(). */
function readSliceHeader(reader: BitReader, nalUnitType: number, nalRefIdc: number, sets: ParameterSets): { firstMb: number; sps: SequenceParameterSet } {
  const firstMb = reader.unsignedExpGolomb();
  const sliceType = reader.unsignedExpGolomb();
  if (sliceType % 5 !== 2) throw new H264DecodeError(`slice_type ${sliceType} is not supported (only I slices)`);
  const pps = lookup(sets.pps, reader.unsignedExpGolomb(), 'PPS');
  const sps = lookup(sets.sps, pps.seqParameterSetId, 'SPS');
  reader.bits(sps.log2MaxFrameNum); // frame_num
  if (nalUnitType === NAL_UNIT_TYPE.idrSlice) reader.unsignedExpGolomb(); // idr_pic_id
  // Types 0 and 1 put POC fields here; I_PCM decoding would not need them, but our encoder never writes them.
  if (sps.picOrderCntType !== 2) throw new H264DecodeError(`pic_order_cnt_type ${sps.picOrderCntType} is not supported (only 2)`);
  if (pps.redundantPicCntPresent) reader.unsignedExpGolomb();
  if (nalRefIdc !== 0) readDecRefPicMarking(reader, nalUnitType);
  reader.signedExpGolomb(); // slice_qp_delta
  if (pps.deblockingFilterControlPresent && reader.unsignedExpGolomb() !== 1) {
    reader.signedExpGolomb();
    reader.signedExpGolomb();
  }
  return { firstMb, sps };
}

function readDecRefPicMarking(reader: BitReader, nalUnitType: number): void {
  if (nalUnitType === NAL_UNIT_TYPE.idrSlice) {
    reader.bits(2);
    return;
  }
  if (!reader.flag()) return;
  for (let operation = reader.unsignedExpGolomb(); operation !== 0; operation = reader.unsignedExpGolomb()) {
    if (operation === 1 || operation === 3) reader.unsignedExpGolomb();
    if (operation === 2) reader.unsignedExpGolomb();
    if (operation === 3 || operation === 6) reader.unsignedExpGolomb();
    if (operation === 4) reader.unsignedExpGolomb();
  }
}

interface Picture {
  sps: SequenceParameterSet;
  y: Uint8Array;
  u: Uint8Array;
  v: Uint8Array;
  decodedMbs: number;
}

function placeBlock(plane: Uint8Array, planeWidth: number, x: number, y: number, size: number, samples: Uint8Array): void {
  for (let row = 0; row < size; row += 1) plane.set(samples.subarray(row * size, (row + 1) * size), (y + row) * planeWidth + x);
}

/** slice_data() (§7.3.4) with every mb_type I_PCM (§7.3.5). */
function readIpcmSliceData(reader: BitReader, firstMb: number, picture: Picture): void {
  const { widthInMbs, heightInMbs } = picture.sps;
  const codedWidth = widthInMbs * 16;
  let mbAddress = firstMb;
  do {
    if (mbAddress >= widthInMbs * heightInMbs) throw new H264DecodeError('slice has more macroblocks than the picture');
    const mbType = reader.unsignedExpGolomb();
    if (mbType !== I_PCM_MB_TYPE) throw new H264DecodeError(`mb_type ${mbType} at macroblock ${mbAddress} is not supported (only I_PCM, 25)`);
    if (reader.skipToByteBoundary().some((bit) => bit !== 0)) throw new H264DecodeError('pcm_alignment_zero_bit is not zero');
    const samples = reader.bytes(384);
    const mbX = mbAddress % widthInMbs;
    const mbY = Math.floor(mbAddress / widthInMbs);
    placeBlock(picture.y, codedWidth, mbX * 16, mbY * 16, 16, samples.subarray(0, 256));
    placeBlock(picture.u, codedWidth / 2, mbX * 8, mbY * 8, 8, samples.subarray(256, 320));
    placeBlock(picture.v, codedWidth / 2, mbX * 8, mbY * 8, 8, samples.subarray(320, 384));
    picture.decodedMbs += 1;
    mbAddress += 1;
  } while (reader.moreRbspData());
}

function cropPlane(plane: Uint8Array, codedWidth: number, left: number, top: number, width: number, height: number): Uint8Array {
  const out = new Uint8Array(width * height);
  for (let row = 0; row < height; row += 1) out.set(plane.subarray((top + row) * codedWidth + left, (top + row) * codedWidth + left + width), row * width);
  return out;
}

function croppedPicture(picture: Picture): Yuv420Image {
  const { sps } = picture;
  const codedWidth = sps.widthInMbs * 16;
  const { left, top } = sps.crop;
  return {
    width: sps.width,
    height: sps.height,
    y: cropPlane(picture.y, codedWidth, left, top, sps.width, sps.height),
    u: cropPlane(picture.u, codedWidth / 2, left / 2, top / 2, chromaSize(sps.width), chromaSize(sps.height)),
    v: cropPlane(picture.v, codedWidth / 2, left / 2, top / 2, chromaSize(sps.width), chromaSize(sps.height)),
  };
}

export interface IpcmDecoder {
  /** From the avcC; later in-band SPS NAL units replace it. */
  readonly sps: SequenceParameterSet;
  readonly width: number;
  readonly height: number;
  /** Decodes one AVCC sample (one access unit) to planar YUV 4:2:0. */
  decode(sample: Uint8Array): Yuv420Image;
  decodeToRgb(sample: Uint8Array): RgbImage;
}

function newPicture(sps: SequenceParameterSet): Picture {
  const lumaSize = sps.widthInMbs * sps.heightInMbs * 256;
  return { sps, y: new Uint8Array(lumaSize), u: new Uint8Array(lumaSize / 4), v: new Uint8Array(lumaSize / 4), decodedMbs: 0 };
}

function decodeSlice(nal: Uint8Array, sets: ParameterSets, picture: Picture | undefined): Picture {
  const { nalUnitType, nalRefIdc, rbsp } = parseNalUnit(nal);
  const reader = new BitReader(rbsp);
  const header = readSliceHeader(reader, nalUnitType, nalRefIdc, sets);
  const target = picture ?? newPicture(header.sps);
  readIpcmSliceData(reader, header.firstMb, target);
  return target;
}

/** A decoder bound to one track's avcC (MKV CodecPrivate). */
export function createIpcmDecoder(avcC: Uint8Array): IpcmDecoder {
  let configuration;
  try {
    configuration = parseAvcDecoderConfiguration(avcC);
  } catch (error) {
    throw new H264DecodeError(`invalid AVCDecoderConfigurationRecord: ${(error as Error).message}`);
  }
  const sets: ParameterSets = { sps: new Map(), pps: new Map() };
  for (const nal of configuration.sps) {
    const sps = parseSps(nal);
    sets.sps.set(sps.seqParameterSetId, sps);
  }
  for (const nal of configuration.pps) {
    const pps = parsePps(nal);
    sets.pps.set(pps.picParameterSetId, pps);
  }
  const first = sets.sps.values().next().value as SequenceParameterSet;
  const decodeAccessUnit = (sample: Uint8Array): Yuv420Image => {
    let picture: Picture | undefined;
    let units: Uint8Array[];
    try {
      units = readAvccSample(sample, configuration.nalLengthSize);
    } catch (error) {
      throw new H264DecodeError((error as Error).message);
    }
    for (const nal of units) {
      const type = (nal[0] ?? 0) & 31;
      if (type === NAL_UNIT_TYPE.sps) {
        const sps = parseSps(nal);
        sets.sps.set(sps.seqParameterSetId, sps);
      } else if (type === NAL_UNIT_TYPE.pps) {
        const pps = parsePps(nal);
        sets.pps.set(pps.picParameterSetId, pps);
      } else if (type === NAL_UNIT_TYPE.idrSlice || type === NAL_UNIT_TYPE.nonIdrSlice) picture = decodeSlice(nal, sets, picture);
      else if (type >= 2 && type <= 4) throw new H264DecodeError('data partitioning is not supported');
    }
    if (picture === undefined) throw new H264DecodeError('sample holds no slice');
    const total = picture.sps.widthInMbs * picture.sps.heightInMbs;
    if (picture.decodedMbs !== total) throw new H264DecodeError(`picture has ${picture.decodedMbs} of ${total} macroblocks`);
    return croppedPicture(picture);
  };
  const decode = (sample: Uint8Array): Yuv420Image => {
    try {
      return decodeAccessUnit(sample);
    } catch (error) {
      if (error instanceof RangeError) throw new H264DecodeError(`truncated or malformed H.264 data: ${error.message}`);
      throw error;
    }
  };
  return {
    sps: first,
    width: first.width,
    height: first.height,
    decode,
    decodeToRgb: (sample) => yuv420ToRgb(decode(sample)),
  };
}
