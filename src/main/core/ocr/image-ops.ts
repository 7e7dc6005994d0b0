/**
 * Pixel maths for KTP preprocessing that sharp/libvips does not offer directly: a fast box blur
 * (for flat-fielding), the projection-profile skew estimate and the light-blue card finder. All
 * work on plain single-channel Float32/Uint8 arrays so they are cheap (a few ms per card) and
 * testable without images on disk.
 */

export interface Plane {
  data: Float32Array;
  width: number;
  height: number;
}

/** One horizontal + one vertical running-sum pass of radius r (edges clamped). */
function boxPass(src: Float32Array, w: number, h: number, r: number): Float32Array {
  const tmp = new Float32Array(w * h);
  const out = new Float32Array(w * h);
  const span = 2 * r + 1;
  for (let y = 0; y < h; y++) {
    const row = y * w;
    let acc = 0;
    for (let k = -r; k <= r; k++) acc += src[row + Math.min(w - 1, Math.max(0, k))] ?? 0;
    for (let x = 0; x < w; x++) {
      tmp[row + x] = acc / span;
      acc += (src[row + Math.min(w - 1, x + r + 1)] ?? 0) - (src[row + Math.max(0, x - r)] ?? 0);
    }
  }
  for (let x = 0; x < w; x++) {
    let acc = 0;
    for (let k = -r; k <= r; k++) acc += tmp[Math.min(h - 1, Math.max(0, k)) * w + x] ?? 0;
    for (let y = 0; y < h; y++) {
      out[y * w + x] = acc / span;
      acc += (tmp[Math.min(h - 1, y + r + 1) * w + x] ?? 0) - (tmp[Math.max(0, y - r) * w + x] ?? 0);
    }
  }
  return out;
}

/** Three box passes ≈ a Gaussian of sigma ≈ r·1.0 — the "heavy blur" the flat-field divides by. */
export function heavyBlur(p: Plane, radius: number): Plane {
  const r = Math.max(1, Math.round(radius));
  let d = p.data;
  for (let i = 0; i < 3; i++) d = boxPass(d, p.width, p.height, r);
  return { data: d, width: p.width, height: p.height };
}

/**
 * Flat-field: each pixel divided by the local background (a blur much larger than the letters),
 * so uneven light, vignetting and the card's colour gradient become a flat white and the letters
 * keep their shape. Output 0..255.
 */
export function flatField(p: Plane, radius: number): Plane {
  const bg = heavyBlur(p, radius).data;
  const out = new Float32Array(p.data.length);
  for (let i = 0; i < out.length; i++) {
    const v = (p.data[i] ?? 0) / Math.max(8, bg[i] ?? 0);
    // Paper sits near 1; a small headroom keeps faint strokes from clipping to white.
    out[i] = Math.max(0, Math.min(255, v * 255 * 1.08 - 10));
  }
  return { data: out, width: p.width, height: p.height };
}

/**
 * Skew of the text lines in degrees (positive = lines fall to the right), by projection profile:
 * the ink is projected onto the normal of each candidate angle, and the angle whose profile has the
 * sharpest peaks (largest sum of squared bin counts) is the one where whole lines fall in one bin.
 */
export function estimateSkew(flat: Plane, maxDeg = 10): number {
  const { data, width: w, height: h } = flat;
  const xs: number[] = [];
  const ys: number[] = [];
  const step = Math.max(1, Math.round(Math.sqrt((w * h) / 250_000)));
  for (let y = 0; y < h; y += step) {
    for (let x = 0; x < w; x += step) {
      if ((data[y * w + x] ?? 255) < 140) {
        xs.push(x);
        ys.push(y);
      }
    }
  }
  if (xs.length < 50) return 0;
  const score = (deg: number): number => {
    const t = (deg * Math.PI) / 180;
    const s = Math.sin(t);
    const c = Math.cos(t);
    const bins = new Map<number, number>();
    for (let i = 0; i < xs.length; i++) {
      const b = Math.round(((ys[i] ?? 0) * c - (xs[i] ?? 0) * s) / step);
      bins.set(b, (bins.get(b) ?? 0) + 1);
    }
    let sum = 0;
    for (const n of bins.values()) sum += n * n;
    return sum;
  };
  let best = 0;
  let bestScore = -1;
  for (let d = -maxDeg; d <= maxDeg + 1e-9; d += 0.5) {
    const sc = score(d);
    if (sc > bestScore) [best, bestScore] = [d, sc];
  }
  const coarse = best;
  for (let d = coarse - 0.5; d <= coarse + 0.5 + 1e-9; d += 0.1) {
    const sc = score(d);
    if (sc > bestScore) [best, bestScore] = [d, sc];
  }
  return Math.round(best * 100) / 100;
}

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Longest run of indices where `on(i)` holds, bridging gaps up to `gap`. */
function longestRun(n: number, on: (i: number) => boolean, gap: number): [number, number] | null {
  let best: [number, number] | null = null;
  let start = -1;
  let lastOn = -1;
  for (let i = 0; i <= n; i++) {
    const isOn = i < n && on(i);
    if (isOn) {
      if (start < 0 || i - lastOn > gap + 1) start = i;
      lastOn = i;
    }
    if (start >= 0 && (i === n || (!isOn && i - lastOn > gap))) {
      if (best === null || lastOn - start > best[1] - best[0]) best = [start, lastOn];
      start = -1;
    }
  }
  return best;
}

/**
 * The KTP is printed on light-blue stock: its pixels have blue well above red, while a desk, paper
 * or the grey/white fill around a rotated photo do not. The card is the longest band of rows and of
 * columns that are mostly "blue". Null when nothing card-shaped is found (then the whole image is used).
 */
export function findBlueCard(blueness: Uint8Array, width: number, height: number): Box | null {
  const rowFrac = new Float32Array(height);
  const colFrac = new Float32Array(width);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if ((blueness[y * width + x] ?? 0) > 0) {
        rowFrac[y] = (rowFrac[y] ?? 0) + 1 / width;
        colFrac[x] = (colFrac[x] ?? 0) + 1 / height;
      }
    }
  }
  const rows = longestRun(height, (y) => (rowFrac[y] ?? 0) > 0.3, Math.round(height * 0.02));
  const cols = longestRun(width, (x) => (colFrac[x] ?? 0) > 0.3, Math.round(width * 0.02));
  if (rows === null || cols === null) return null;
  const box = { left: cols[0], top: rows[0], width: cols[1] - cols[0] + 1, height: rows[1] - rows[0] + 1 };
  const aspect = box.width / box.height;
  // ID-1 cards are 85.6 × 54 mm (1.59); accept a generous range, and nothing tiny.
  if (aspect < 1.3 || aspect > 1.9 || box.width * box.height < width * height * 0.2) return null;
  return box;
}
