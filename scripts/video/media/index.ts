// Public API of the project's tiny media toolkit: I_PCM H.264, AVCC, MKV, PNG, colour conversion, fixture scenes.
// The camera simulator encodes with it; the local KVS and Rekognition fakes decode and recognise with it.
export type {
  AvcDecoderConfiguration,
  MkvEvent,
  MkvFrame,
  MkvVideoTrack,
  PictureParameterSet,
  RgbImage,
  SequenceParameterSet,
  Yuv420Image,
} from './types';
export { rgbToYuv420, yuv420ToRgb, resizeRgb } from './color';
export { addEmulationPrevention, removeEmulationPrevention, NAL_UNIT_TYPE } from './nal';
export { encodeAvcDecoderConfiguration, parseAvcDecoderConfiguration, writeAvccSample, readAvccSample } from './avcc';
export { createIpcmEncoder, chooseLevel, type IpcmEncoder, type IpcmEncoderOptions } from './h264-ipcm-encoder';
export { createIpcmDecoder, parseSps, parsePps, H264DecodeError, type IpcmDecoder } from './h264-ipcm-decoder';
export { encodeMkvHeader, encodeMkvCluster, AVC_CODEC_ID, type MkvHeaderOptions, type MkvClusterInput } from './mkv-muxer';
export { createMkvDemuxer, MkvValidationError, type MkvDemuxer, type MkvDemuxerOptions, type MkvErrorCode } from './mkv-demuxer';
export { encodePng, decodePng, PngDecodeError } from './png';
export {
  SCENE_NAMES,
  SCENE_SIZE,
  KNOWN_PERSON_ID,
  isSceneName,
  renderScene,
  sceneContents,
  type SceneName,
  type SceneContents,
  type SceneLabel,
  type SceneFace,
  type BoxRatios,
} from './scenes';
export {
  fingerprintImage,
  fingerprintDistance,
  matchScene,
  DEFAULT_MATCH_TOLERANCE,
  type ImageFingerprint,
  type SceneMatch,
} from './fingerprint';
