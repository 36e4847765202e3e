import { PNG } from 'pngjs';

export type Rgb = readonly [number, number, number];

export type FaceOptions = {
  /** Varies skin, hair, background and shirt colours. */
  seed: number;
  eyes?: 'open' | 'closed';
  sunglasses?: boolean;
  occlusion?: 'none' | 'mask' | 'hand';
  /** Small offset of the head inside the frame, so audit frames differ from the reference. */
  shiftX?: number;
  shiftY?: number;
};

export type IdCardOptions = { seed: number; face?: Omit<FaceOptions, 'seed'> };

export const FACE_WIDTH = 120;
export const FACE_HEIGHT = 150;
export const CARD_WIDTH = 240;
export const CARD_HEIGHT = 150;

const SKIN_TONES: readonly Rgb[] = [
  [255, 224, 196],
  [241, 194, 158],
  [224, 172, 128],
  [198, 134, 90],
  [161, 102, 66],
  [112, 72, 46],
];
const HAIR: readonly Rgb[] = [
  [35, 28, 24],
  [74, 50, 32],
  [120, 82, 46],
  [196, 160, 96],
  [60, 60, 64],
  [140, 60, 40],
];
const BACKGROUNDS: readonly Rgb[] = [
  [214, 228, 240],
  [226, 232, 222],
  [238, 230, 214],
  [224, 222, 238],
  [236, 236, 236],
  [212, 232, 230],
];
const SHIRTS: readonly Rgb[] = [
  [52, 84, 140],
  [120, 40, 52],
  [48, 110, 80],
  [90, 90, 96],
  [170, 120, 40],
];
const CARD_COLOURS: readonly Rgb[] = [
  [222, 236, 248],
  [236, 246, 230],
  [250, 238, 224],
  [238, 232, 250],
];
const CARD_BANDS: readonly Rgb[] = [
  [30, 78, 140],
  [40, 110, 70],
  [160, 70, 40],
  [90, 60, 140],
];

const WHITE: Rgb = [255, 255, 255];
const INK: Rgb = [30, 26, 24];
const LIP: Rgb = [176, 72, 72];
const LENS: Rgb = [18, 18, 22];
const MASK: Rgb = [170, 208, 230];
const TEXT_BAR: Rgb = [150, 154, 160];

function pick<T>(list: readonly T[], seed: number, salt: number): T {
  const index = (Math.imul(seed + salt * 7919, 2654435761) >>> 0) % list.length;
  return list[index] as T;
}

function shade(colour: Rgb, factor: number): Rgb {
  return [
    Math.max(0, Math.min(255, Math.round(colour[0] * factor))),
    Math.max(0, Math.min(255, Math.round(colour[1] * factor))),
    Math.max(0, Math.min(255, Math.round(colour[2] * factor))),
  ];
}

class Canvas {
  readonly png: PNG;
  private clip: { x0: number; y0: number; x1: number; y1: number } | null = null;

  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgb,
  ) {
    this.png = new PNG({ width, height });
    this.fillRect(0, 0, width, height, background);
  }

  private set(x: number, y: number, colour: Rgb): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    if (this.clip && (x < this.clip.x0 || y < this.clip.y0 || x >= this.clip.x1 || y >= this.clip.y1)) return;
    const i = (y * this.width + x) * 4;
    const data = this.png.data;
    data[i] = colour[0];
    data[i + 1] = colour[1];
    data[i + 2] = colour[2];
    data[i + 3] = 255;
  }

  withClip(x: number, y: number, w: number, h: number, draw: () => void): void {
    this.clip = { x0: Math.round(x), y0: Math.round(y), x1: Math.round(x + w), y1: Math.round(y + h) };
    try {
      draw();
    } finally {
      this.clip = null;
    }
  }

  fillRect(x: number, y: number, w: number, h: number, colour: Rgb): void {
    const x0 = Math.round(x);
    const y0 = Math.round(y);
    const x1 = Math.round(x + w);
    const y1 = Math.round(y + h);
    for (let py = y0; py < y1; py++) for (let px = x0; px < x1; px++) this.set(px, py, colour);
  }

  fillEllipse(cx: number, cy: number, rx: number, ry: number, colour: Rgb): void {
    if (rx <= 0 || ry <= 0) return;
    for (let py = Math.floor(cy - ry); py <= Math.ceil(cy + ry); py++) {
      for (let px = Math.floor(cx - rx); px <= Math.ceil(cx + rx); px++) {
        const dx = (px + 0.5 - cx) / rx;
        const dy = (py + 0.5 - cy) / ry;
        if (dx * dx + dy * dy <= 1) this.set(px, py, colour);
      }
    }
  }

  line(x0: number, y0: number, x1: number, y1: number, thickness: number, colour: Rgb): void {
    const r = thickness / 2;
    const minX = Math.floor(Math.min(x0, x1) - r);
    const maxX = Math.ceil(Math.max(x0, x1) + r);
    const minY = Math.floor(Math.min(y0, y1) - r);
    const maxY = Math.ceil(Math.max(y0, y1) + r);
    const dx = x1 - x0;
    const dy = y1 - y0;
    const lengthSquared = dx * dx + dy * dy;
    for (let py = minY; py <= maxY; py++) {
      for (let px = minX; px <= maxX; px++) {
        const qx = px + 0.5;
        const qy = py + 0.5;
        const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((qx - x0) * dx + (qy - y0) * dy) / lengthSquared));
        const ex = qx - (x0 + t * dx);
        const ey = qy - (y0 + t * dy);
        if (ex * ex + ey * ey <= r * r) this.set(px, py, colour);
      }
    }
  }

  encode(): Buffer {
    return PNG.sync.write(this.png, { colorType: 2 });
  }
}

/** Draws a head-and-shoulders portrait into the box (x, y, w, h) of the canvas. */
function drawFace(canvas: Canvas, box: { x: number; y: number; w: number; h: number }, options: FaceOptions): void {
  const seed = options.seed;
  const skin = pick(SKIN_TONES, seed, 1);
  const hair = pick(HAIR, seed, 2);
  const shirt = pick(SHIRTS, seed, 3);
  const sx = box.w / FACE_WIDTH;
  const sy = box.h / FACE_HEIGHT;
  const X = (v: number) => box.x + (v + (options.shiftX ?? 0)) * sx;
  const Y = (v: number) => box.y + (v + (options.shiftY ?? 0)) * sy;
  const s = Math.min(sx, sy);

  // Shoulders and neck first so the head overlaps them.
  canvas.fillEllipse(X(60), Y(162), 58 * sx, 40 * sy, shirt);
  canvas.fillRect(X(48), Y(104), 24 * sx, 26 * sy, shade(skin, 0.9));

  canvas.fillEllipse(X(60), Y(58), 42 * sx, 46 * sy, hair);
  canvas.fillEllipse(X(22), Y(70), 6 * sx, 10 * sy, shade(skin, 0.92));
  canvas.fillEllipse(X(98), Y(70), 6 * sx, 10 * sy, shade(skin, 0.92));
  canvas.fillEllipse(X(60), Y(70), 37 * sx, 46 * sy, skin);
  canvas.fillEllipse(X(60), Y(30), 36 * sx, 12 * sy, hair);

  const eyeY = 64;
  canvas.line(X(36), Y(eyeY - 10), X(52), Y(eyeY - 12), 3 * s, shade(hair, 0.9));
  canvas.line(X(68), Y(eyeY - 12), X(84), Y(eyeY - 10), 3 * s, shade(hair, 0.9));
  for (const ex of [44, 76]) {
    if (options.eyes === 'closed') {
      canvas.line(X(ex - 8), Y(eyeY + 1), X(ex), Y(eyeY + 3), 2.5 * s, INK);
      canvas.line(X(ex), Y(eyeY + 3), X(ex + 8), Y(eyeY + 1), 2.5 * s, INK);
    } else {
      canvas.fillEllipse(X(ex), Y(eyeY), 8 * sx, 5 * sy, WHITE);
      canvas.fillEllipse(X(ex), Y(eyeY), 3.5 * sx, 3.5 * sy, INK);
    }
  }

  canvas.line(X(60), Y(68), X(57), Y(84), 2.5 * s, shade(skin, 0.75));
  canvas.line(X(57), Y(84), X(63), Y(85), 2.5 * s, shade(skin, 0.75));
  canvas.fillEllipse(X(60), Y(98), 12 * sx, 4 * sy, LIP);
  canvas.line(X(49), Y(98), X(71), Y(98), 1.5 * s, shade(LIP, 0.6));

  if (options.sunglasses) {
    canvas.fillRect(X(32), Y(eyeY - 8), 24 * sx, 15 * sy, LENS);
    canvas.fillRect(X(64), Y(eyeY - 8), 24 * sx, 15 * sy, LENS);
    canvas.line(X(56), Y(eyeY - 3), X(64), Y(eyeY - 3), 3 * s, LENS);
    canvas.line(X(32), Y(eyeY - 5), X(23), Y(eyeY - 2), 2.5 * s, LENS);
    canvas.line(X(88), Y(eyeY - 5), X(97), Y(eyeY - 2), 2.5 * s, LENS);
  }

  if (options.occlusion === 'mask') {
    canvas.line(X(28), Y(84), X(21), Y(66), 2 * s, shade(MASK, 0.8));
    canvas.line(X(92), Y(84), X(99), Y(66), 2 * s, shade(MASK, 0.8));
    canvas.fillRect(X(28), Y(76), 64 * sx, 36 * sy, MASK);
    canvas.line(X(30), Y(88), X(90), Y(88), 1.5 * s, shade(MASK, 0.85));
    canvas.line(X(30), Y(98), X(90), Y(98), 1.5 * s, shade(MASK, 0.85));
  } else if (options.occlusion === 'hand') {
    const palm = shade(skin, 0.95);
    canvas.fillRect(X(30), Y(52), 44 * sx, 50 * sy, palm);
    for (let f = 0; f < 4; f++) {
      canvas.fillRect(X(30 + f * 11), Y(40), 9 * sx, 14 * sy, palm);
      canvas.line(X(39 + f * 11), Y(44), X(39 + f * 11), Y(70), 1 * s, shade(skin, 0.7));
    }
    canvas.fillRect(X(30), Y(102), 44 * sx, 30 * sy, shade(palm, 0.97));
  }
}

export function renderFace(options: FaceOptions): Buffer {
  const canvas = new Canvas(FACE_WIDTH, FACE_HEIGHT, pick(BACKGROUNDS, options.seed, 4));
  drawFace(canvas, { x: 0, y: 0, w: FACE_WIDTH, h: FACE_HEIGHT }, options);
  return canvas.encode();
}

/** Front of an identity card: coloured header band, photo at left, grey "text" bars, an MRZ-like strip. */
export function renderIdCardFront(options: IdCardOptions): Buffer {
  const seed = options.seed;
  const canvas = new Canvas(CARD_WIDTH, CARD_HEIGHT, [96, 96, 100]);
  const paper = pick(CARD_COLOURS, seed, 5);
  const band = pick(CARD_BANDS, seed, 6);
  canvas.fillRect(4, 4, CARD_WIDTH - 8, CARD_HEIGHT - 8, paper);
  canvas.fillRect(4, 4, CARD_WIDTH - 8, 22, band);
  canvas.fillRect(12, 11, 90, 7, WHITE);
  canvas.fillRect(170, 11, 56, 7, shade(WHITE, 0.85));

  const photo = { x: 12, y: 34, w: 64, h: 80 };
  canvas.fillRect(photo.x - 1, photo.y - 1, photo.w + 2, photo.h + 2, shade(paper, 0.7));
  canvas.fillRect(photo.x, photo.y, photo.w, photo.h, pick(BACKGROUNDS, seed, 4));
  canvas.withClip(photo.x, photo.y, photo.w, photo.h, () => drawFace(canvas, photo, { ...options.face, seed }));

  const bars = [70, 110, 54, 96, 80, 62];
  bars.forEach((width, i) => {
    const y = 36 + i * 13;
    canvas.fillRect(86, y, 28, 3, shade(TEXT_BAR, 1.25));
    canvas.fillRect(86, y + 4, width + (seed % 3) * 6, 5, TEXT_BAR);
  });
  canvas.fillRect(12, 124, CARD_WIDTH - 24, 5, shade(TEXT_BAR, 0.8));
  canvas.fillRect(12, 132, CARD_WIDTH - 40, 5, shade(TEXT_BAR, 0.8));
  return canvas.encode();
}

/** Back of an identity card: magnetic-style stripe, a few text bars, a barcode. */
export function renderIdCardBack(options: { seed: number }): Buffer {
  const seed = options.seed;
  const canvas = new Canvas(CARD_WIDTH, CARD_HEIGHT, [96, 96, 100]);
  const paper = pick(CARD_COLOURS, seed, 5);
  canvas.fillRect(4, 4, CARD_WIDTH - 8, CARD_HEIGHT - 8, paper);
  canvas.fillRect(4, 16, CARD_WIDTH - 8, 20, [40, 40, 44]);
  [150, 120, 170, 90].forEach((width, i) => canvas.fillRect(14, 48 + i * 12, width, 5, TEXT_BAR));
  for (let i = 0; i < 40; i++) {
    const width = 1 + ((seed * 31 + i * 17) % 3);
    canvas.fillRect(20 + i * 5, 104, width, 30, INK);
  }
  return canvas.encode();
}

export function pngDataUrl(png: Buffer): string {
  return `data:image/png;base64,${png.toString('base64')}`;
}
