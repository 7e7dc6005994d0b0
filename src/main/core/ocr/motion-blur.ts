/**
 * Motion blur of a photographed card: found, measured and undone. A card photographed from a hand
 * that moved smears every stroke along one line; Tesseract then reads the small print as noise
 * (a tuning photo with a 7 px smear: 3 of 17 fields). Sharpening only raises the noise; undoing
 * the smear needs its direction and length, which the card's own print gives away:
 *  - direction: a smear leaves little change along itself, so the directional derivative's energy
 *    is lowest along the motion, and much lower than across it (a sharp card's print, its grain of
 *    text lines taken out, changes about as much one way as the other);
 *  - length: along the motion, the derivative of a box-smeared image is the image minus itself
 *    shifted by the smear's length, so the derivative's autocorrelation dips deepest at that lag.
 * The smear is then undone by Richardson–Lucy deconvolution with that line as the kernel.
 */
import type { Plane } from './image-ops';

export interface MotionBlur {
  /** Direction of the motion, radians in [0, π). */
  angle: number;
  /** Length of the smear, pixels of the plane it was measured on. */
  length: number;
  /** Derivative energy along the motion over across it, the print's grain taken out: ~0.2 for a strong smear, near 1 without. */
  anisotropy: number;
}

/**
 * When a card counts as smeared: least change under SMEARED_BELOW of the most (the print's grain
 * taken out), with a dip at least MIN_LENGTH px out. Measured on card planes: sharp print 0.88–0.97
 * on 60 fixture scans (Gaussian-blurred ones included) and 0.85–0.97 on 19 sharp photos; 3 px
 * smears 0.74–0.75 (read well as they are); 4–7 px smears 0.22–0.48.
 */
export const SMEARED_BELOW = 0.65;
const MIN_LENGTH = 3;
/** Samples for the smear's length (a jittered grid over the plane): a stable estimate, cheap enough for every card. */
const SAMPLES = 25_000;

function bilinear(p: Plane, x: number, y: number): number {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  const i = y0 * p.width + x0;
  const d = p.data;
  const top = (d[i] ?? 0) * (1 - fx) + (d[i + 1] ?? 0) * fx;
  const bottom = (d[i + p.width] ?? 0) * (1 - fx) + (d[i + p.width + 1] ?? 0) * fx;
  return top * (1 - fy) + bottom * fy;
}

interface Samples {
  xs: Float32Array;
  ys: Float32Array;
}

/** About `count` points at least `margin` from the edges, on a grid jittered so that it cannot beat with the print's own pitch. */
function samplePoints(p: Plane, margin: number, count: number): Samples {
  const w = p.width - 2 * margin;
  const h = p.height - 2 * margin;
  if (w <= 0 || h <= 0) return { xs: new Float32Array(0), ys: new Float32Array(0) };
  const step = Math.max(1, Math.sqrt((w * h) / count));
  const xs: number[] = [];
  const ys: number[] = [];
  let seed = 0x9e3779b9;
  const jitter = () => {
    seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) | 0;
    return ((seed >>> 0) / 4294967296) * step;
  };
  for (let y = margin; y + step <= p.height - margin; y += step) {
    for (let x = margin; x + step <= p.width - margin; x += step) {
      xs.push(x + jitter());
      ys.push(y + jitter());
    }
  }
  return { xs: Float32Array.from(xs), ys: Float32Array.from(ys) };
}

/** The derivative at (x, y) along (c, s), taken at offset `at` along the same line. */
function derivative(p: Plane, x: number, y: number, c: number, s: number, at: number): number {
  return bilinear(p, x + c * (at + 0.5), y + s * (at + 0.5)) - bilinear(p, x + c * (at - 0.5), y + s * (at - 0.5));
}

/**
 * Vertical over horizontal change of sharp, upright KTP print (structure tensor, 60 fixture scans:
 * least change at 81–90°, 0.66–0.81 of the most, median ≈ 0.72). Without it the grain pulls every
 * smear's direction towards vertical (a 60° smear was read as 71°).
 */
const PRINT_GRAIN = 0.72;

/**
 * How much the plane changes along each direction, in closed form: the directional derivative along
 * θ is gx·cos θ + gy·sin θ, so its energy over the plane is a quadratic form in (cos θ, sin θ) of the
 * gradient's structure tensor. Its eigenvectors are the directions of least and most change.
 */
function leastChange(p: Plane): { angle: number; anisotropy: number } | null {
  let xx = 0;
  let xy = 0;
  let yy = 0;
  const { data: d, width: w, height: h } = p;
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      const gx = (d[i + 1]! - d[i - 1]!) / 2;
      const gy = (d[i + w]! - d[i - w]!) / 2;
      xx += gx * gx;
      xy += gx * gy;
      yy += gy * gy;
    }
  }
  // The card's own grain taken out: upright KTP print changes less down than across.
  yy /= PRINT_GRAIN;
  xy /= Math.sqrt(PRINT_GRAIN);
  const mean = (xx + yy) / 2;
  const spread = Math.hypot((xx - yy) / 2, xy);
  if (mean + spread === 0) return null;
  // The least-change eigenvector of [[xx, xy], [xy, yy]], in the grain-free frame (y scaled by √grain)…
  const least = 0.5 * Math.atan2(2 * xy, xx - yy) + Math.PI / 2;
  // …and back in the card's own.
  const angle = Math.atan2(Math.sin(least) / Math.sqrt(PRINT_GRAIN), Math.cos(least));
  return { angle: ((angle % Math.PI) + Math.PI) % Math.PI, anisotropy: (mean - spread) / (mean + spread) };
}

/** The derivative's autocorrelation along a line over lags 0..maxLength, at the sample points. */
function correlationAlong(p: Plane, points: Samples, angle: number, maxLength: number): Float64Array {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const correlation = new Float64Array(maxLength + 1);
  for (let i = 0; i < points.xs.length; i++) {
    const x = points.xs[i]!;
    const y = points.ys[i]!;
    const here = derivative(p, x, y, c, s, 0);
    if (here === 0) continue;
    for (let lag = 0; lag <= maxLength; lag++) correlation[lag]! += here * derivative(p, x, y, c, s, lag);
  }
  return correlation;
}

/** The lag (≥ 2) where the correlation dips deepest (whole pixels: a parabola's sub-pixel lag, measured, read worse). */
function deepestDip(correlation: Float64Array): number {
  let lag = 0;
  let deepest = Infinity;
  for (let l = 2; l < correlation.length; l++) {
    const v = correlation[l]!;
    if (v < deepest) {
      deepest = v;
      lag = l;
    }
  }
  return lag;
}

/**
 * The smear's direction and length, or null when the plane is too small to tell. `maxLength`: the
 * longest smear looked for (longer ones leave nothing to read anyway).
 */
export function estimateMotionBlur(p: Plane, maxLength = Math.round(p.width * 0.03)): MotionBlur | null {
  const points = samplePoints(p, maxLength + 2, SAMPLES);
  if (points.xs.length < 1000 || maxLength < MIN_LENGTH) return null;
  const least = leastChange(p);
  if (least === null) return null;
  const length = deepestDip(correlationAlong(p, points, least.angle, maxLength));
  return { angle: least.angle, length, anisotropy: least.anisotropy };
}

/** Whether an estimate describes a smear worth undoing. */
export function isSmeared(blur: MotionBlur | null): blur is MotionBlur {
  return blur !== null && blur.anisotropy < SMEARED_BELOW && blur.length >= MIN_LENGTH;
}

interface Tap {
  dx: number;
  dy: number;
  w: number;
}

/**
 * The smear as a kernel: a centred line of the given length and angle, sampled finely; each sample
 * goes to the nearest pixel along the line's main axis and is split between the two nearest across
 * it (two taps per column of a near-horizontal line: half the taps of a bilinear spread).
 */
export function lineKernel(angle: number, length: number): Tap[] {
  const weights = new Map<string, Tap>();
  const add = (dx: number, dy: number, w: number) => {
    const key = `${dx},${dy}`;
    const tap = weights.get(key) ?? { dx, dy, w: 0 };
    tap.w += w;
    weights.set(key, tap);
  };
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const alongX = Math.abs(c) >= Math.abs(s);
  const n = Math.max(2, Math.ceil(length * 4));
  for (let i = 0; i < n; i++) {
    const t = ((i + 0.5) / n - 0.5) * length;
    const major = Math.round(alongX ? t * c : t * s);
    const minor = alongX ? t * s : t * c;
    const m0 = Math.floor(minor);
    const f = minor - m0;
    if (alongX) {
      add(major, m0, (1 - f) / n);
      add(major, m0 + 1, f / n);
    } else {
      add(m0, major, (1 - f) / n);
      add(m0 + 1, major, f / n);
    }
  }
  const taps = [...weights.values()].filter((t) => t.w > 1e-3);
  const sum = taps.reduce((a, t) => a + t.w, 0);
  return taps.map((t) => ({ ...t, w: t.w / sum }));
}

/** out = src ⊛ kernel (mirrored kernel: the correlation), edges clamped. The hot loop: no `??` in it. */
function convolve(
  src: Float32Array,
  width: number,
  height: number,
  taps: readonly Tap[],
  mirrored: boolean,
  out: Float32Array,
): void {
  out.fill(0);
  for (const t of taps) {
    const dx = mirrored ? -t.dx : t.dx;
    const dy = mirrored ? -t.dy : t.dy;
    const w = t.w;
    const from = Math.min(width, Math.max(0, dx));
    const to = Math.max(from, Math.min(width, width + dx));
    for (let y = 0; y < height; y++) {
      const row = y * width;
      const srcRow = Math.min(height - 1, Math.max(0, y - dy)) * width;
      const first = w * src[srcRow]!;
      const last = w * src[srcRow + width - 1]!;
      for (let x = 0; x < from; x++) out[row + x]! += first;
      const shift = srcRow - dx;
      for (let x = from; x < to; x++) out[row + x]! += w * src[shift + x]!;
      for (let x = to; x < width; x++) out[row + x]! += last;
    }
  }
}

/** Keeps RL's ratio finite on black print (0): the plane is lifted by this much while it works. */
const LIFT = 8;
export const RL_ITERATIONS = 20;

/** Richardson–Lucy deconvolution of the plane (values 0–255) by the smear; a new plane. */
export function undoMotionBlur(p: Plane, blur: MotionBlur, iterations = RL_ITERATIONS): Plane {
  const taps = lineKernel(blur.angle, blur.length);
  const n = p.width * p.height;
  const observed = new Float32Array(n);
  for (let i = 0; i < n; i++) observed[i] = (p.data[i] ?? 0) + LIFT;
  const estimate = Float32Array.from(observed);
  const reblurred = new Float32Array(n);
  const correction = new Float32Array(n);
  for (let k = 0; k < iterations; k++) {
    convolve(estimate, p.width, p.height, taps, false, reblurred);
    for (let i = 0; i < n; i++) reblurred[i] = observed[i]! / Math.max(1e-3, reblurred[i]!);
    convolve(reblurred, p.width, p.height, taps, true, correction);
    for (let i = 0; i < n; i++) estimate[i]! *= correction[i]!;
  }
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.max(0, Math.min(255, (estimate[i] ?? 0) - LIFT));
  return { data: out, width: p.width, height: p.height };
}
