/**
 * The "phone or screen held up to the camera" check. A face shown on a display and filmed again
 * carries the display's pixel grid: RGB stripes and a dark matrix, which the webcam's sampling
 * turns into moiré. A live face has no periodic texture, so its spectrum falls smoothly with
 * frequency; a filmed screen shows narrow peaks standing above that fall. Two heights (natural log
 * units) of the strongest peaks in the face's centre: above the median of their frequency ring
 * (luminance), and above their neighbours in every direction (luminance and a red−blue plane:
 * the stripes are coloured), with the JPEG 8×8 block frequencies left out (every webcam frame has
 * them). Pure pixels, no model: the
 * band it raises is a prompt for the verifier, never a decision. Thresholds: CALIBRATION.md.
 */
import { type Box, clampBox, type RawImage } from './image';
import { logMagnitude2d } from './spectrum';

/** Patches smaller than this carry too few periods of a screen grid to tell. */
export const MIN_PATCH = 64;
const MAX_PATCH = 128;
/** The face box's centre used, as a fraction of its shorter side (skips hair and background). */
const CENTRE_FRACTION = 0.7;
/** How many of the strongest peaks are averaged (one bin alone is noise). */
const PEAKS = 4;

/**
 * Flag when either height reaches its threshold. Chosen on tuning seeds 1–3 (CALIBRATION.md): live
 * selfies ring ≤ 1.67, isolated ≤ 1.27; filmed screens whose face was found mostly far above.
 */
export const SCREEN_PATTERN_THRESHOLDS: Readonly<{ ring: number; isolated: number }> = Object.freeze({
  ring: 1.9,
  isolated: 1.45,
});

export interface ScreenPatternReading {
  /** Luminance: mean height of the strongest bins above their frequency ring's median. */
  ring: number;
  /** Luminance or red−blue chroma: the strongest bins that stand out in every direction. */
  isolated: number;
  patchSize: number;
  suspected: boolean;
}

function patchSize(side: number): number | null {
  if (side < MIN_PATCH) return null;
  return side >= MAX_PATCH ? MAX_PATCH : MIN_PATCH;
}

/** Luminance and red−blue planes of the n×n square centred on the face. */
function facePlanes(img: RawImage, face: Box): { luma: Float64Array; chroma: Float64Array; n: number } | null {
  const box = clampBox(face, img.width, img.height);
  if (box === null) return null;
  const n = patchSize(Math.floor(Math.min(box.width, box.height) * CENTRE_FRACTION));
  if (n === null) return null;
  const x0 = Math.round(box.x + box.width / 2 - n / 2);
  const y0 = Math.round(box.y + box.height / 2 - n / 2);
  if (x0 < 0 || y0 < 0 || x0 + n > img.width || y0 + n > img.height) return null;
  const luma = new Float64Array(n * n);
  const chroma = new Float64Array(n * n);
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      const i = ((y0 + y) * img.width + x0 + x) * 3;
      const r = img.data[i] ?? 0;
      const g = img.data[i + 1] ?? 0;
      const b = img.data[i + 2] ?? 0;
      luma[y * n + x] = 0.299 * r + 0.587 * g + 0.114 * b;
      chroma[y * n + x] = r - b;
    }
  }
  return { luma, chroma, n };
}

const signed = (k: number, n: number): number => (k > n / 2 ? k - n : k);

/** A JPEG block-grid frequency (period 8, or 16 for 4:2:0 chroma) or its leakage neighbours. */
function onBlockGrid(f: number, n: number, period: number): boolean {
  const step = n / period;
  const m = ((Math.abs(f) % step) + step) % step;
  return m <= 1 || m >= step - 1;
}

const DIRECTIONS: readonly (readonly [number, number])[] = [
  [1, 0],
  [0, 1],
  [1, 1],
  [1, -1],
];
const OFFSETS = [2, 3, 4] as const;

/**
 * Mean height of the PEAKS strongest bins above their neighbours along each of four directions
 * (the lowest of the four heights counts): an isolated peak stands out every way, the streak a
 * straight edge leaves in the spectrum does not stand out along itself.
 */
export function isolatedPeakResidual(logMag: Float64Array, n: number, period = 8): number {
  const at = (fu: number, fv: number): number => logMag[((fv + n) % n) * n + ((fu + n) % n)] as number;
  const residuals: number[] = [];
  const around = new Float64Array(2 * OFFSETS.length);
  forEachBand(
    n,
    period,
    (fu, fv, value) => {
      let lowest = Infinity;
      for (const [du, dv] of DIRECTIONS) {
        let count = 0;
        for (const k of OFFSETS) {
          insertSorted(around, count++, at(fu + k * du, fv + k * dv));
          insertSorted(around, count++, at(fu - k * du, fv - k * dv));
        }
        const half = count / 2;
        lowest = Math.min(lowest, value - ((around[half - 1] as number) + (around[half] as number)) / 2);
      }
      residuals.push(lowest);
    },
    logMag,
  );
  return meanOfTop(residuals);
}

/** Insertion into the sorted prefix `sorted[0..count)` (six values per direction: no Array.sort). */
function insertSorted(sorted: Float64Array, count: number, value: number): void {
  let i = count;
  while (i > 0 && (sorted[i - 1] as number) > value) {
    sorted[i] = sorted[i - 1] as number;
    i--;
  }
  sorted[i] = value;
}

/**
 * Calls `visit` for each bin of one half-plane between n/16 and n/2 cycles per patch (below: the
 * face's own shape; the other half mirrors this one), JPEG block-grid frequencies left out.
 */
function forEachBand(
  n: number,
  period: number,
  visit: (fu: number, fv: number, value: number) => void,
  logMag: Float64Array,
): void {
  for (let v = 0; v <= n / 2; v++) {
    for (let u = 0; u < n; u++) {
      const fu = signed(u, n);
      if (v === 0 && fu < 0) continue;
      const r = Math.hypot(fu, v);
      if (r < n / 16 || r > n / 2) continue;
      if (onBlockGrid(fu, n, period) || onBlockGrid(v, n, period)) continue;
      visit(fu, v, logMag[v * n + u] as number);
    }
  }
}

function meanOfTop(values: number[]): number {
  const top = values.sort((a, b) => b - a).slice(0, PEAKS);
  return top.length === 0 ? 0 : top.reduce((s, x) => s + x, 0) / top.length;
}

/** Mean height of the PEAKS strongest bins above their frequency ring's median. */
export function ringPeakResidual(logMag: Float64Array, n: number, period = 8): number {
  const rings: number[][] = [];
  const bins: { ring: number; value: number }[] = [];
  forEachBand(
    n,
    period,
    (fu, fv, value) => {
      const ring = Math.round(Math.hypot(fu, fv));
      (rings[ring] ??= []).push(value);
      bins.push({ ring, value });
    },
    logMag,
  );
  const medians = rings.map((values) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] as number;
  });
  return meanOfTop(bins.map((b) => b.value - (medians[b.ring] as number)));
}

/** The screen-pattern reading of the face at `face` in `img`; null when the face is too small to tell. */
export function screenPattern(img: RawImage, face: Box): ScreenPatternReading | null {
  const planes = facePlanes(img, face);
  if (planes === null) return null;
  const { n } = planes;
  const luma = logMagnitude2d(planes.luma, n);
  const ring = ringPeakResidual(luma, n, 8);
  const isolated = Math.max(
    isolatedPeakResidual(luma, n, 8),
    isolatedPeakResidual(logMagnitude2d(planes.chroma, n), n, 16),
  );
  return {
    ring: round3(ring),
    isolated: round3(isolated),
    patchSize: n,
    suspected: ring >= SCREEN_PATTERN_THRESHOLDS.ring || isolated >= SCREEN_PATTERN_THRESHOLDS.isolated,
  };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
