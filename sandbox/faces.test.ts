import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { CARD_HEIGHT, CARD_WIDTH, FACE_HEIGHT, FACE_WIDTH, renderFace, renderIdCardBack, renderIdCardFront } from './faces';

function pixel(png: PNG, x: number, y: number): [number, number, number] {
  const i = (y * png.width + x) * 4;
  return [png.data[i] as number, png.data[i + 1] as number, png.data[i + 2] as number];
}

describe('generated images', () => {
  it('renders decodable PNGs of the documented sizes', () => {
    const face = PNG.sync.read(renderFace({ seed: 1 }));
    expect([face.width, face.height]).toEqual([FACE_WIDTH, FACE_HEIGHT]);
    const front = PNG.sync.read(renderIdCardFront({ seed: 1 }));
    expect([front.width, front.height]).toEqual([CARD_WIDTH, CARD_HEIGHT]);
    const back = PNG.sync.read(renderIdCardBack({ seed: 1 }));
    expect([back.width, back.height]).toEqual([CARD_WIDTH, CARD_HEIGHT]);
  });

  it('is deterministic and varies with the seed', () => {
    expect(renderFace({ seed: 7 }).equals(renderFace({ seed: 7 }))).toBe(true);
    const a = PNG.sync.read(renderFace({ seed: 1 }));
    const b = PNG.sync.read(renderFace({ seed: 2 }));
    expect(pixel(a, 2, 2)).not.toEqual(pixel(b, 2, 2));
  });

  it('draws the requested variations', () => {
    const plain = renderFace({ seed: 3 });
    for (const variant of [{ eyes: 'closed' as const }, { sunglasses: true }, { occlusion: 'mask' as const }, { occlusion: 'hand' as const }]) {
      expect(renderFace({ seed: 3, ...variant }).equals(plain)).toBe(false);
    }
    const sunglasses = PNG.sync.read(renderFace({ seed: 3, sunglasses: true }));
    expect(Math.max(...pixel(sunglasses, 44, 62))).toBeLessThan(40);
  });

  it('stays small enough for data URLs', () => {
    expect(renderFace({ seed: 4, occlusion: 'mask' }).length).toBeLessThan(4_000);
    expect(renderIdCardFront({ seed: 4 }).length).toBeLessThan(4_000);
  });
});
