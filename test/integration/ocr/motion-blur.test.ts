// The motion smear of a photographed card (motion-blur.ts), on real KTP print (fixture scans' blue
// channel, as the preprocessor sees it): found along its line at its length whatever the direction,
// not found on sharp or evenly softened cards, and undone well enough that the print comes back
// much closer to the sharp card.
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';

import type { Plane } from '../../../src/main/core/ocr/image-ops';
import { estimateMotionBlur, isSmeared, undoMotionBlur } from '../../../src/main/core/ocr/motion-blur';

const CARDS = new URL('../../fixtures/ktp/cards/', import.meta.url);

/** The card's blue channel, its label and value columns (no portrait), as a plane. */
async function printOf(file: string): Promise<Plane> {
  const { data, info } = await sharp(new URL(file, CARDS).pathname)
    .extractChannel(2)
    .extract({ left: 20, top: 20, width: 700, height: 560 })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data: Float32Array.from(data), width: info.width, height: info.height };
}

/**
 * The plane averaged along a line of `length` px at `deg` (bilinear samples): a hand moving during the
 * exposure. Its own sampling on purpose: the smear the tests undo is not made by the code under test.
 */
function smear(p: Plane, deg: number, length: number): Plane {
  const c = Math.cos((deg * Math.PI) / 180);
  const s = Math.sin((deg * Math.PI) / 180);
  const steps = length * 4;
  const at = (x: number, y: number) => {
    const cx = Math.min(p.width - 1.001, Math.max(0, x));
    const cy = Math.min(p.height - 1.001, Math.max(0, y));
    const x0 = Math.floor(cx);
    const y0 = Math.floor(cy);
    const fx = cx - x0;
    const fy = cy - y0;
    const i = y0 * p.width + x0;
    const d = p.data;
    return (
      ((d[i] ?? 0) * (1 - fx) + (d[i + 1] ?? 0) * fx) * (1 - fy) +
      ((d[i + p.width] ?? 0) * (1 - fx) + (d[i + p.width + 1] ?? 0) * fx) * fy
    );
  };
  const out = new Float32Array(p.data.length);
  for (let y = 0; y < p.height; y++) {
    for (let x = 0; x < p.width; x++) {
      let sum = 0;
      for (let k = 0; k < steps; k++) {
        const t = ((k + 0.5) / steps - 0.5) * length;
        sum += at(x + t * c, y + t * s);
      }
      out[y * p.width + x] = sum / steps;
    }
  }
  return { data: out, width: p.width, height: p.height };
}

/** Root-mean-square difference from the sharp plane, away from the edges (where any deblur guesses). */
function rmse(a: Plane, b: Plane): number {
  let sum = 0;
  let n = 0;
  for (let y = 20; y < a.height - 20; y++) {
    for (let x = 20; x < a.width - 20; x++) {
      const d = (a.data[y * a.width + x] ?? 0) - (b.data[y * b.width + x] ?? 0);
      sum += d * d;
      n++;
    }
  }
  return Math.sqrt(sum / n);
}

/** Angular distance between two line directions (a line at 0° is the line at 180°). */
function lineAngleDiff(rad: number, deg: number): number {
  const d = Math.abs(((rad * 180) / Math.PI - deg) % 180);
  return Math.min(d, 180 - d);
}

let card: Plane;
beforeAll(async () => {
  card = await printOf('ktp-05-clean.jpg');
});

describe('estimateMotionBlur', () => {
  it.each([
    [0, 9],
    [7, 6],
    [35, 7],
    [90, 8],
    [120, 6],
    [150, 5],
  ])('finds a smear at %i° of %i px on KTP print: its line within 10°, its length within 1 px', (deg, length) => {
    const blur = estimateMotionBlur(smear(card, deg, length));
    expect(blur).not.toBeNull();
    expect(lineAngleDiff(blur?.angle ?? 0, deg)).toBeLessThanOrEqual(10);
    expect(Math.abs((blur?.length ?? 0) - length)).toBeLessThanOrEqual(1);
    expect(isSmeared(blur)).toBe(true);
  });

  it('calls sharp cards, and a card softened evenly (out of focus), not smeared', async () => {
    for (const file of ['ktp-05-clean.jpg', 'ktp-07-clean.jpg', 'ktp-09-light.jpg', 'ktp-02-rotate.jpg']) {
      expect(isSmeared(estimateMotionBlur(await printOf(file)))).toBe(false);
    }
    expect(isSmeared(estimateMotionBlur(smear(smear(card, 0, 4), 90, 4)))).toBe(false);
  });

  it('gives no estimate for a plane too small to measure', () => {
    expect(estimateMotionBlur({ data: new Float32Array(40 * 30).fill(200), width: 40, height: 30 })).toBeNull();
  });
});

describe('undoMotionBlur', () => {
  it('brings a smeared card much closer to the sharp one', () => {
    const smeared = smear(card, 4, 8);
    const blur = estimateMotionBlur(smeared);
    if (!isSmeared(blur)) throw new Error('smear not found');
    const undone = undoMotionBlur(smeared, blur);
    expect(rmse(undone, card)).toBeLessThan(0.75 * rmse(smeared, card));
    expect(undone.data.every((v) => v >= 0 && v <= 255)).toBe(true);
  });

  it('with the wrong line (across the smear) does not bring it back', () => {
    const smeared = smear(card, 0, 8);
    const wrong = undoMotionBlur(smeared, { angle: Math.PI / 2, length: 8, anisotropy: 0.2 });
    const right = undoMotionBlur(smeared, { angle: 0, length: 8, anisotropy: 0.2 });
    expect(rmse(right, card)).toBeLessThan(0.8 * rmse(wrong, card));
  });
});
