// Fixture scenes: synthetic camera frames drawn by code, each with a manifest of what is in it (labels with
// confidences, faces with boxes, who the face belongs to). The Rekognition fake answers from these manifests.
import type { RgbImage } from './types';

export const SCENE_NAMES = ['empty', 'person', 'person-known', 'car', 'dog', 'package'] as const;
export type SceneName = (typeof SCENE_NAMES)[number];

export const SCENE_SIZE = { width: 320, height: 240 } as const;

/** The person the known-faces collection is expected to hold: index the `person-known` scene's face to enrol them. */
export const KNOWN_PERSON_ID = 'resident-alex';

/** Rekognition's box convention: ratios of the image width and height, origin top left. */
export interface BoxRatios {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface SceneLabel {
  name: string;
  confidence: number;
  parents: string[];
  /** Boxes for object labels (Person, Car, Dog …), as DetectLabels returns in Instances. */
  instances: BoxRatios[];
}

export interface SceneFace {
  boundingBox: BoxRatios;
  confidence: number;
  /** Stable identity: the same person in two scenes has the same id, so a collection match can be decided. */
  personId: string;
}

export interface SceneContents {
  labels: SceneLabel[];
  faces: SceneFace[];
}

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
type Color = readonly [number, number, number];

class Canvas {
  readonly data: Uint8Array;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.data = new Uint8Array(width * height * 3);
  }

  private set(x: number, y: number, color: Color): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    this.data.set(color, (y * this.width + x) * 3);
  }

  rect({ x, y, width, height }: Rect, color: Color): this {
    for (let row = Math.round(y); row < Math.round(y + height); row += 1) {
      for (let column = Math.round(x); column < Math.round(x + width); column += 1) this.set(column, row, color);
    }
    return this;
  }

  ellipse({ x, y, width, height }: Rect, color: Color): this {
    const cx = x + width / 2;
    const cy = y + height / 2;
    for (let row = Math.floor(y); row < Math.ceil(y + height); row += 1) {
      for (let column = Math.floor(x); column < Math.ceil(x + width); column += 1) {
        const dx = (column + 0.5 - cx) / (width / 2);
        const dy = (row + 0.5 - cy) / (height / 2);
        if (dx * dx + dy * dy <= 1) this.set(column, row, color);
      }
    }
    return this;
  }

  /** Sky gradient, a house wall with a door, and a grey driveway: the same for every scene, like a fixed camera. */
  background(): this {
    for (let row = 0; row < this.height; row += 1) {
      const t = row / this.height;
      const color: Color = row < this.height * 0.35 ? [120 + 60 * t, 170 + 40 * t, 235] : row < this.height * 0.62 ? [196, 182, 160] : [118, 118, 122];
      this.rect({ x: 0, y: row, width: this.width, height: 1 }, color.map(Math.round) as unknown as Color);
    }
    return this.rect(this.scaled({ x: 250, y: 60, width: 40, height: 90 }), [92, 58, 40]);
  }

  /** Geometry is authored at 320×240 and scaled, so every size draws the same picture. */
  scaled(rect: Rect): Rect {
    const sx = this.width / SCENE_SIZE.width;
    const sy = this.height / SCENE_SIZE.height;
    return { x: rect.x * sx, y: rect.y * sy, width: rect.width * sx, height: rect.height * sy };
  }
}

const SKIN: Color = [224, 172, 140];
const ratios = (rect: Rect): BoxRatios => ({
  left: rect.x / SCENE_SIZE.width,
  top: rect.y / SCENE_SIZE.height,
  width: rect.width / SCENE_SIZE.width,
  height: rect.height / SCENE_SIZE.height,
});
const outdoors: SceneLabel = { name: 'Outdoors', confidence: 96.4, parents: [], instances: [] };

interface Figure {
  head: Rect;
  body: Rect;
  shirt: Color;
  trousers: Color;
}

const UNKNOWN_VISITOR: Figure = { head: { x: 100, y: 62, width: 30, height: 36 }, body: { x: 92, y: 98, width: 46, height: 110 }, shirt: [200, 40, 40], trousers: [40, 50, 110] };
const RESIDENT: Figure = { head: { x: 184, y: 54, width: 34, height: 40 }, body: { x: 174, y: 94, width: 54, height: 120 }, shirt: [40, 150, 70], trousers: [60, 60, 60] };

function drawFigure(canvas: Canvas, figure: Figure): void {
  const { body } = figure;
  canvas.rect(canvas.scaled({ ...body, height: body.height * 0.5 }), figure.shirt);
  canvas.rect(canvas.scaled({ ...body, y: body.y + body.height * 0.5, height: body.height * 0.5 }), figure.trousers);
  canvas.ellipse(canvas.scaled(figure.head), SKIN);
  const eye = figure.head.width / 8;
  canvas.rect(canvas.scaled({ x: figure.head.x + figure.head.width * 0.28, y: figure.head.y + figure.head.height * 0.4, width: eye, height: eye }), [30, 30, 30]);
  canvas.rect(canvas.scaled({ x: figure.head.x + figure.head.width * 0.6, y: figure.head.y + figure.head.height * 0.4, width: eye, height: eye }), [30, 30, 30]);
}

const figureBox = (figure: Figure): Rect => ({ x: figure.body.x, y: figure.head.y, width: figure.body.width, height: figure.body.y + figure.body.height - figure.head.y });

interface SceneDefinition {
  draw(canvas: Canvas): void;
  contents: SceneContents;
}

const CAR_BODY: Rect = { x: 40, y: 140, width: 190, height: 55 };
const DOG_BODY: Rect = { x: 60, y: 150, width: 150, height: 56 };
const PACKAGE_BOX: Rect = { x: 196, y: 150, width: 92, height: 70 };

const SCENES: Record<SceneName, SceneDefinition> = {
  empty: {
    draw: () => undefined,
    contents: { labels: [outdoors, { name: 'Yard', confidence: 81.2, parents: ['Outdoors'], instances: [] }], faces: [] },
  },
  person: {
    draw: (canvas) => drawFigure(canvas, UNKNOWN_VISITOR),
    contents: {
      labels: [{ name: 'Person', confidence: 99.1, parents: [], instances: [ratios(figureBox(UNKNOWN_VISITOR))] }, outdoors],
      faces: [{ boundingBox: ratios(UNKNOWN_VISITOR.head), confidence: 99.6, personId: 'visitor-unknown' }],
    },
  },
  'person-known': {
    draw: (canvas) => drawFigure(canvas, RESIDENT),
    contents: {
      labels: [{ name: 'Person', confidence: 99.4, parents: [], instances: [ratios(figureBox(RESIDENT))] }, outdoors],
      faces: [{ boundingBox: ratios(RESIDENT.head), confidence: 99.8, personId: KNOWN_PERSON_ID }],
    },
  },
  car: {
    draw: (canvas) => {
      canvas.rect(canvas.scaled(CAR_BODY), [30, 70, 170]);
      canvas.rect(canvas.scaled({ x: 80, y: 112, width: 110, height: 30 }), [30, 70, 170]);
      canvas.rect(canvas.scaled({ x: 90, y: 118, width: 90, height: 20 }), [170, 210, 230]);
      canvas.ellipse(canvas.scaled({ x: 60, y: 180, width: 34, height: 34 }), [20, 20, 20]);
      canvas.ellipse(canvas.scaled({ x: 176, y: 180, width: 34, height: 34 }), [20, 20, 20]);
    },
    contents: {
      labels: [
        { name: 'Car', confidence: 98.7, parents: ['Vehicle', 'Transportation'], instances: [ratios({ x: 40, y: 112, width: 190, height: 102 })] },
        { name: 'Vehicle', confidence: 98.7, parents: ['Transportation'], instances: [] },
        { name: 'Transportation', confidence: 98.7, parents: [], instances: [] },
        outdoors,
      ],
      faces: [],
    },
  },
  dog: {
    draw: (canvas) => {
      canvas.ellipse(canvas.scaled(DOG_BODY), [150, 100, 50]);
      canvas.ellipse(canvas.scaled({ x: 190, y: 118, width: 50, height: 46 }), [150, 100, 50]);
      for (const x of [76, 100, 170, 192]) canvas.rect(canvas.scaled({ x, y: 196, width: 12, height: 30 }), [120, 80, 40]);
    },
    contents: {
      labels: [
        { name: 'Dog', confidence: 97.3, parents: ['Animal', 'Canine', 'Mammal', 'Pet'], instances: [ratios({ x: 60, y: 118, width: 180, height: 108 })] },
        { name: 'Animal', confidence: 97.3, parents: [], instances: [] },
        { name: 'Pet', confidence: 97.3, parents: ['Animal'], instances: [] },
        { name: 'Cat', confidence: 38.5, parents: ['Animal', 'Mammal', 'Pet'], instances: [] },
        outdoors,
      ],
      faces: [],
    },
  },
  package: {
    draw: (canvas) => {
      canvas.rect(canvas.scaled(PACKAGE_BOX), [205, 150, 70]);
      canvas.rect(canvas.scaled({ x: 196, y: 176, width: 92, height: 10 }), [240, 235, 220]);
    },
    contents: {
      labels: [
        { name: 'Package', confidence: 91.5, parents: ['Box'], instances: [ratios(PACKAGE_BOX)] },
        { name: 'Box', confidence: 91.5, parents: [], instances: [] },
        { name: 'Cardboard', confidence: 88.0, parents: [], instances: [] },
        outdoors,
      ],
      faces: [],
    },
  },
};

export const isSceneName = (value: string): value is SceneName => (SCENE_NAMES as readonly string[]).includes(value);

/** Draws a scene; even sizes other than 320×240 give the same picture scaled. */
export function renderScene(name: SceneName, size: { width: number; height: number } = SCENE_SIZE): RgbImage {
  const canvas = new Canvas(size.width, size.height).background();
  SCENES[name].draw(canvas);
  return { width: canvas.width, height: canvas.height, data: canvas.data };
}

/** A deep copy, so callers may not alter the fixtures. */
export function sceneContents(name: SceneName): SceneContents {
  return structuredClone(SCENES[name].contents);
}
