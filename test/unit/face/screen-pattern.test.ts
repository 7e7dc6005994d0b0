// The screen check's pixel rules: the FFT against a plain DFT, and a face-sized patch with and
// without a display's pixel grid. Synthetic patches: the webcam renditions are in the integration test.
import { describe, expect, it } from 'vitest';

import type { RawImage } from '../../../src/main/core/face/image';
import {
  isolatedPeakResidual,
  MIN_PATCH,
  ringPeakResidual,
  SCREEN_PATTERN_THRESHOLDS,
  screenPattern,
} from '../../../src/main/core/face/screen-pattern';
import { fft1d, logMagnitude2d } from '../../../src/main/core/face/spectrum';

function naiveDft(values: number[]): { re: number[]; im: number[] } {
  const n = values.length;
  const re: number[] = [];
  const im: number[] = [];
  for (let k = 0; k < n; k++) {
    let r = 0;
    let i = 0;
    for (let t = 0; t < n; t++) {
      r += (values[t] ?? 0) * Math.cos((-2 * Math.PI * k * t) / n);
      i += (values[t] ?? 0) * Math.sin((-2 * Math.PI * k * t) / n);
    }
    re.push(r);
    im.push(i);
  }
  return { re, im };
}

/** A deterministic PRNG so the "skin" noise is the same every run. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * A 240×240 "face": a smooth shaded oval with eyes and a mouth, plus sensor noise; with `grid`,
 * multiplied by RGB stripes every `pitch` pixels (an aliased display grid) turned by a few degrees.
 */
function facePatch(grid: { pitch: number; depth: number } | null, seed = 1): RawImage {
  const w = 240;
  const h = 240;
  const data = new Uint8Array(w * h * 3);
  const rand = lcg(seed);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const dx = (x - 120) / 100;
      const dy = (y - 120) / 115;
      let v = 70 + 120 * Math.max(0, 1 - dx * dx - dy * dy) ** 0.5;
      if (Math.hypot(x - 85, y - 100) < 10 || Math.hypot(x - 155, y - 100) < 10) v = 40;
      if (Math.abs(y - 170) < 4 && Math.abs(x - 120) < 30) v = 60;
      const rgb = [v * 1.05, v * 0.85, v * 0.7];
      for (let c = 0; c < 3; c++) {
        let value = (rgb[c] ?? 0) + (rand() - 0.5) * 8;
        if (grid !== null) {
          const u = (x * Math.cos(0.05) + y * Math.sin(0.05)) / grid.pitch;
          const row = (-x * Math.sin(0.05) + y * Math.cos(0.05)) / grid.pitch;
          const lit = Math.floor((u - Math.floor(u)) * 3) === c && row - Math.floor(row) < 0.8;
          value *= lit ? 1 + grid.depth : 1 - grid.depth;
        }
        data[(y * w + x) * 3 + c] = Math.max(0, Math.min(255, Math.round(value)));
      }
    }
  }
  return { data, width: w, height: h };
}

const FACE = { x: 20, y: 20, width: 200, height: 200 };

describe('spectrum', () => {
  it('the radix-2 FFT equals a plain DFT', () => {
    const values = [3, -1, 4, 1, -5, 9, 2, -6, 5, 3, -5, 8, 9, -7, 9, 3];
    const re = Float64Array.from(values);
    const im = new Float64Array(values.length);
    fft1d(re, im);
    const want = naiveDft(values);
    for (let k = 0; k < values.length; k++) {
      expect(re[k]).toBeCloseTo(want.re[k] ?? Number.NaN, 9);
      expect(im[k]).toBeCloseTo(want.im[k] ?? Number.NaN, 9);
    }
  });

  it('a horizontal cosine of k cycles peaks at bin (k, 0)', () => {
    const n = 64;
    const patch = new Float64Array(n * n);
    for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) patch[y * n + x] = Math.cos((2 * Math.PI * 11 * x) / n);
    const mag = logMagnitude2d(patch, n);
    let best = 0;
    for (let i = 1; i < mag.length; i++) if ((mag[i] ?? 0) > (mag[best] ?? 0)) best = i;
    expect([11, n - 11]).toContain(best);
  });

  it('refuses a patch that is not n×n with n a power of two', () => {
    expect(() => logMagnitude2d(new Float64Array(48 * 48), 48)).toThrow(RangeError);
    expect(() => logMagnitude2d(new Float64Array(10), 64)).toThrow(RangeError);
  });
});

describe('screen pattern', () => {
  it('a plain face is not suspected; both heights stay under their thresholds', () => {
    for (const seed of [1, 2, 3]) {
      const r = screenPattern(facePatch(null, seed), FACE);
      expect(r).not.toBeNull();
      expect(r?.patchSize).toBe(128);
      expect(r?.ring).toBeLessThan(SCREEN_PATTERN_THRESHOLDS.ring);
      expect(r?.isolated).toBeLessThan(SCREEN_PATTERN_THRESHOLDS.isolated);
      expect(r?.suspected).toBe(false);
    }
  });

  it('the same face behind a display grid is suspected', () => {
    for (const pitch of [1.3, 1.7, 2.4]) {
      const r = screenPattern(facePatch({ pitch, depth: 0.25 }), FACE);
      expect(r?.suspected, `pitch ${pitch}`).toBe(true);
    }
  });

  it('a face too small to hold 64 px of centre gives no reading, and a box off the image none either', () => {
    expect(screenPattern(facePatch(null), { x: 100, y: 100, width: MIN_PATCH, height: MIN_PATCH })).toBeNull();
    expect(screenPattern(facePatch(null), { x: 500, y: 500, width: 200, height: 200 })).toBeNull();
  });

  it('an isolated spike stands out, a straight streak (an edge in the picture) does not', () => {
    const n = 64;
    const flat = new Float64Array(n * n).fill(1);
    const spike = Float64Array.from(flat);
    spike[10 * n + 13] = 5;
    const streak = Float64Array.from(flat);
    for (let u = 0; u < n; u++) streak[10 * n + u] = 5; // every bin of row v = 10
    expect(isolatedPeakResidual(spike, n)).toBeGreaterThan(0.9);
    expect(isolatedPeakResidual(streak, n)).toBeCloseTo(0, 9);
    expect(ringPeakResidual(spike, n)).toBeGreaterThan(0.9);
  });
});
