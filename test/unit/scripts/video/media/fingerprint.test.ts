import {
  createIpcmDecoder,
  createIpcmEncoder,
  decodePng,
  DEFAULT_MATCH_TOLERANCE,
  encodePng,
  fingerprintDistance,
  fingerprintImage,
  KNOWN_PERSON_ID,
  matchScene,
  resizeRgb,
  renderScene,
  rgbToYuv420,
  SCENE_NAMES,
  sceneContents,
  yuv420ToRgb,
  type RgbImage,
} from '../../../../../scripts/video/media';

const roundTrip = (image: RgbImage): RgbImage => yuv420ToRgb(rgbToYuv420(image));

describe('fixture scenes', () => {
  it('render deterministically, at any even size', () => {
    expect(Buffer.from(renderScene('dog').data).equals(Buffer.from(renderScene('dog').data))).toBe(true);
    expect(renderScene('dog', { width: 64, height: 48 }).data).toHaveLength(64 * 48 * 3);
  });

  it('describe faces only where people are, with boxes inside the image', () => {
    for (const name of SCENE_NAMES) {
      const { labels, faces } = sceneContents(name);
      expect(labels.length).toBeGreaterThan(0);
      expect(faces.length > 0).toBe(name.startsWith('person'));
      for (const box of [...faces.map((face) => face.boundingBox), ...labels.flatMap((label) => label.instances)]) {
        expect(box.left).toBeGreaterThanOrEqual(0);
        expect(box.top).toBeGreaterThanOrEqual(0);
        expect(box.left + box.width).toBeLessThanOrEqual(1);
        expect(box.top + box.height).toBeLessThanOrEqual(1);
      }
    }
    expect(sceneContents('person-known').faces[0]?.personId).toBe(KNOWN_PERSON_ID);
    expect(sceneContents('person').faces[0]?.personId).not.toBe(KNOWN_PERSON_ID);
  });

  it('draws the face where the manifest puts it (skin colour at the box centre)', () => {
    const image = renderScene('person');
    const box = sceneContents('person').faces[0]?.boundingBox;
    const x = Math.round(((box?.left ?? 0) + (box?.width ?? 0) / 2) * image.width);
    const y = Math.round(((box?.top ?? 0) + (box?.height ?? 0) * 0.75) * image.height);
    expect(Array.from(image.data.subarray((y * image.width + x) * 3, (y * image.width + x) * 3 + 3))).toEqual([224, 172, 140]);
  });
});

describe('fingerprint matching', () => {
  it.each(SCENE_NAMES)('recognises %s after RGB → YUV 4:2:0 → RGB', (name) => {
    const match = matchScene(roundTrip(renderScene(name)));
    expect(match?.scene).toBe(name);
    expect(match?.distance).toBeLessThan(1);
  });

  it('recognises a scene after H.264 I_PCM coding, PNG encoding and resizing', () => {
    const encoder = createIpcmEncoder({ width: 320, height: 240 });
    const decoded = createIpcmDecoder(encoder.avcC).decodeToRgb(encoder.encodeFrame(renderScene('package')));
    expect(matchScene(decodePng(encodePng(decoded)))?.scene).toBe('package');
    expect(matchScene(resizeRgb(decoded, 160, 120))?.scene).toBe('package');
  });

  it('keeps every two scenes far apart compared with the tolerance', () => {
    for (const a of SCENE_NAMES) {
      for (const b of SCENE_NAMES) {
        if (a >= b) continue;
        expect(fingerprintDistance(fingerprintImage(renderScene(a)), fingerprintImage(renderScene(b)))).toBeGreaterThan(2 * DEFAULT_MATCH_TOLERANCE);
      }
    }
  });

  it('rejects unrelated images', () => {
    const grey: RgbImage = { width: 64, height: 48, data: new Uint8Array(64 * 48 * 3).fill(128) };
    let state = 7;
    const noise: RgbImage = { width: 64, height: 48, data: new Uint8Array(64 * 48 * 3).map(() => (state = (state * 1103515245 + 12345) >>> 0) >>> 24) };
    const inverted: RgbImage = { ...renderScene('person'), data: renderScene('person').data.map((value) => 255 - value) };
    for (const image of [grey, noise, inverted]) expect(matchScene(image)).toBeUndefined();
  });
});
