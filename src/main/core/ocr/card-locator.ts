/**
 * Finds a KTP in a photo and straightens it: the card's light-blue stock (blue well above red) is
 * segmented on a coarse grid, the largest blue blob is taken as the card, its four corners are the
 * blob's extreme points along the diagonals where they agree with a fit of its outline, else the fit
 * (quad-fit.ts: a corner a shadow or glare ate is rebuilt from the two edges beside it, background
 * that bled in is left out), and a homography maps that quadrilateral onto an upright 85.6 × 54 mm
 * rectangle (perspective up to ~30°; the fit finds the corners at any in-plane turn). A
 * quadrilateral taller than wide is a card turned 90°/270° and is relabelled so its long side is on
 * top; whether the result is upside down is decided by the portrait (not card-blue, on the right)
 * or, when that is unclear, by the caller (engine.ts reads the labels both ways).
 */
import { fitQuad, orderCorners, type Point, polygonArea } from './quad-fit';

export interface Rgb {
  data: Uint8Array | Buffer;
  width: number;
  height: number;
}

export type { Point } from './quad-fit';

/** Corners in image pixels, in the card's reading order. */
export interface Quad {
  tl: Point;
  tr: Point;
  br: Point;
  bl: Point;
}

const GRID = 320;
/**
 * The card's outline against the blob's convex hull: a corner rebuilt from its two edges makes it
 * larger, background that bled into the blob smaller; beyond these the blob is no card.
 */
const MIN_QUAD_OVER_HULL = 0.7;
const MAX_QUAD_OVER_HULL = 1.35;
/** Extreme points this close to the fitted corners (share of the card's size) are kept; a rounded corner alone is ≈ 2 %. */
const CORNERS_AGREE = 0.05;
export const CARD_ASPECT = 85.6 / 54;

function isBlue(d: Uint8Array | Buffer, i: number): boolean {
  const r = d[i] ?? 0;
  const b = d[i + 2] ?? 0;
  return b - r > 12 && b > 60;
}

/** Card stock, including where flash or glare washed it almost white (still a little bluer than red). */
function isCardish(d: Uint8Array | Buffer, i: number): boolean {
  if (isBlue(d, i)) return true;
  const r = d[i] ?? 0;
  const g = d[i + 1] ?? 0;
  const b = d[i + 2] ?? 0;
  return r > 190 && g > 190 && b > 200 && b >= r + 3;
}

/** Blown out by a flash: near-white, colourless. Tried only when no blue card is found. */
function isWashedOut(d: Uint8Array | Buffer, i: number): boolean {
  const r = d[i] ?? 0;
  const g = d[i + 1] ?? 0;
  const b = d[i + 2] ?? 0;
  return Math.min(r, g, b) > 228 && Math.max(r, g, b) - Math.min(r, g, b) < 20;
}

/**
 * How the card's pixels are told from the background: 'blue' (its background, else flash-white
 * when no blue blob is big enough) or 'blueOrWhite' (both at once: a flash that washed out part of
 * the card leaves a blue blob that is only a piece of it — the second try when the first reads badly).
 */
export type CardPixels = 'blue' | 'blueOrWhite';

/** The card's corners, or null when no card-sized blob is found. */
export function locateCardQuad(img: Rgb, pixels: CardPixels = 'blue'): Quad | null {
  const blueOrWhite = (): Quad | null => quadOf(img, (d, i) => isCardish(d, i) || isWashedOut(d, i));
  if (pixels === 'blueOrWhite') return blueOrWhite();
  const blue = quadOf(img, isCardish);
  // A flash that washed out part of the card leaves the blue blob a piece of it (or not card-shaped
  // at all): the blob with the white joined is taken when it is card-shaped, clear of the frame's
  // edges (a white desk would run into them) and, next to a blue card, a bounded part larger.
  const grown = blueOrWhite();
  const usable = grown !== null && !touchesEdge(grown, img);
  if (blue === null) return usable ? grown : quadOf(img, isWashedOut);
  if (!usable) return blue;
  const gain = quadArea(grown) / Math.max(1, quadArea(blue));
  return gain > 1.08 && gain < 1.8 ? grown : blue;
}

function touchesEdge(q: Quad, img: Rgb): boolean {
  const margin = Math.max(img.width, img.height) * 0.01;
  return [q.tl, q.tr, q.br, q.bl].some(
    (p) => p.x < margin || p.y < margin || p.x > img.width - 1 - margin || p.y > img.height - 1 - margin,
  );
}

function quadOf(img: Rgb, inCard: (d: Uint8Array | Buffer, i: number) => boolean): Quad | null {
  const step = Math.max(1, Math.round(Math.max(img.width, img.height) / GRID));
  const gw = Math.floor(img.width / step);
  const gh = Math.floor(img.height / step);
  const mask = new Uint8Array(gw * gh);
  for (let gy = 0; gy < gh; gy++)
    for (let gx = 0; gx < gw; gx++)
      mask[gy * gw + gx] = inCard(img.data, ((gy * step + (step >> 1)) * img.width + gx * step + (step >> 1)) * 3)
        ? 1
        : 0;
  // Largest 4-connected blob.
  const label = new Int32Array(gw * gh);
  let bestLabel = 0;
  let bestSize = 0;
  let next = 0;
  const stack: number[] = [];
  for (let i = 0; i < mask.length; i++) {
    if (mask[i] === 0 || label[i] !== 0) continue;
    next++;
    let size = 0;
    stack.push(i);
    label[i] = next;
    while (stack.length > 0) {
      const j = stack.pop() ?? 0;
      size++;
      const x = j % gw;
      const y = (j - x) / gw;
      for (const k of [x > 0 ? j - 1 : -1, x < gw - 1 ? j + 1 : -1, y > 0 ? j - gw : -1, y < gh - 1 ? j + gw : -1]) {
        if (k >= 0 && mask[k] === 1 && label[k] === 0) {
          label[k] = next;
          stack.push(k);
        }
      }
    }
    if (size > bestSize) [bestSize, bestLabel] = [size, next];
  }
  if (bestSize < gw * gh * 0.04) return null;
  const extreme = extremeCorners(label, bestLabel, gw);
  const fitted = fitQuad(blobOutline(label, bestLabel, gw, gh), MIN_QUAD_OVER_HULL, MAX_QUAD_OVER_HULL);
  const corners = chooseCorners(extreme, fitted === null ? null : orderCorners(fitted));
  const px = (p: Point): Point => ({
    x: Math.min(img.width - 1, Math.max(0, p.x * step)),
    y: Math.min(img.height - 1, Math.max(0, p.y * step)),
  });
  let quad: Quad = { tl: px(corners.tl), tr: px(corners.tr), br: px(corners.br), bl: px(corners.bl) };
  const top = dist(quad.tl, quad.tr);
  const left = dist(quad.tl, quad.bl);
  // Turned a quarter: the long side becomes the top (which quarter is settled by orientation()).
  if (left > top) quad = { tl: quad.bl, tr: quad.tl, br: quad.tr, bl: quad.br };
  const w = (dist(quad.tl, quad.tr) + dist(quad.bl, quad.br)) / 2;
  const h = (dist(quad.tl, quad.bl) + dist(quad.tr, quad.br)) / 2;
  const ratio = w / Math.max(1, h);
  // Perspective squeezes one side; a blob far from card-shaped is not a card.
  if (ratio < 1.15 || ratio > 2.3 || quadArea(quad) < bestSize * step * step * 0.6) return null;
  return quad;
}

type Corners = { tl: Point; tr: Point; br: Point; bl: Point };

/** The blob's extreme cells along the diagonals: exact for a whole card, pulled off by a lost or bled corner. */
function extremeCorners(label: Int32Array, blob: number, gw: number): Corners {
  let tl = { v: Infinity, x: 0, y: 0 };
  let br = { v: -Infinity, x: 0, y: 0 };
  let tr = { v: -Infinity, x: 0, y: 0 };
  let bl = { v: Infinity, x: 0, y: 0 };
  for (let i = 0; i < label.length; i++) {
    if (label[i] !== blob) continue;
    const x = i % gw;
    const y = (i - x) / gw;
    if (x + y < tl.v) tl = { v: x + y, x, y };
    if (x + y > br.v) br = { v: x + y, x, y };
    if (x - y > tr.v) tr = { v: x - y, x, y };
    if (x - y < bl.v) bl = { v: x - y, x, y };
  }
  return {
    tl: { x: tl.x, y: tl.y },
    tr: { x: tr.x + 1, y: tr.y },
    br: { x: br.x + 1, y: br.y + 1 },
    bl: { x: bl.x, y: bl.y + 1 },
  };
}

/**
 * The extreme points where they agree with the fitted outline (a whole card: they hug its rounded
 * corners as the reader was tuned on), the fitted corners where they do not (a corner lost or bled).
 */
function chooseCorners(extreme: Corners, fitted: Corners | null): Corners {
  if (fitted === null) return extreme;
  const size = Math.sqrt(polygonArea([fitted.tl, fitted.tr, fitted.br, fitted.bl]));
  const apart = Math.max(
    dist(extreme.tl, fitted.tl),
    dist(extreme.tr, fitted.tr),
    dist(extreme.br, fitted.br),
    dist(extreme.bl, fitted.bl),
  );
  return apart <= CORNERS_AGREE * size ? extreme : fitted;
}

/** The first and last index in 0..n-1 where `inBlob` holds, or null. */
function span(n: number, inBlob: (i: number) => boolean): [number, number] | null {
  let first = -1;
  let last = -1;
  for (let i = 0; i < n; i++) {
    if (!inBlob(i)) continue;
    if (first < 0) first = i;
    last = i;
  }
  return first < 0 ? null : [first, last];
}

/** The blob's outer edge on the grid: each row's and each column's first and last cell, on the cell's outer side. */
function blobOutline(label: Int32Array, blob: number, gw: number, gh: number): Point[] {
  const out: Point[] = [];
  for (let y = 0; y < gh; y++) {
    const s = span(gw, (x) => label[y * gw + x] === blob);
    if (s !== null) out.push({ x: s[0], y: y + 0.5 }, { x: s[1] + 1, y: y + 0.5 });
  }
  for (let x = 0; x < gw; x++) {
    const s = span(gh, (y) => label[y * gw + x] === blob);
    if (s !== null) out.push({ x: x + 0.5, y: s[0] }, { x: x + 0.5, y: s[1] + 1 });
  }
  return out;
}

function dist(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

function quadArea(q: Quad): number {
  return polygonArea([q.tl, q.tr, q.br, q.bl]);
}

/** The 3×3 homography (row-major, h33 = 1) taking the four `from` points to the four `to` points. */
export function homography(from: readonly Point[], to: readonly Point[]): number[] {
  const a: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const { x, y } = from[i] as Point;
    const { x: u, y: v } = to[i] as Point;
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  // Gaussian elimination with partial pivoting on the 8×9 augmented matrix.
  for (let c = 0; c < 8; c++) {
    let pivot = c;
    for (let r = c + 1; r < 8; r++) if (Math.abs(a[r]?.[c] ?? 0) > Math.abs(a[pivot]?.[c] ?? 0)) pivot = r;
    [a[c], a[pivot]] = [a[pivot] as number[], a[c] as number[]];
    const row = a[c] as number[];
    const d = row[c] ?? 1;
    if (Math.abs(d) < 1e-12) throw new RangeError('degenerate quadrilateral');
    for (let k = c; k < 9; k++) row[k] = (row[k] ?? 0) / d;
    for (let r = 0; r < 8; r++) {
      if (r === c) continue;
      const f = a[r]?.[c] ?? 0;
      const other = a[r] as number[];
      for (let k = c; k < 9; k++) other[k] = (other[k] ?? 0) - f * (row[k] ?? 0);
    }
  }
  return [...a.map((r) => r[8] ?? 0), 1];
}

/** The card straightened to `width`×`height` (bilinear sampling through the inverse homography). */
export function rectify(img: Rgb, quad: Quad, width: number, height: number): Rgb {
  const h = homography(
    [
      { x: 0, y: 0 },
      { x: width - 1, y: 0 },
      { x: width - 1, y: height - 1 },
      { x: 0, y: height - 1 },
    ],
    [quad.tl, quad.tr, quad.br, quad.bl],
  );
  const [a, b, c, d, e, f, g, k] = h as [number, number, number, number, number, number, number, number];
  const out = Buffer.alloc(width * height * 3);
  const W = img.width;
  const H = img.height;
  const src = img.data;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const den = g * x + k * y + 1;
      const sx = (a * x + b * y + c) / den;
      const sy = (d * x + e * y + f) / den;
      const x0 = Math.max(0, Math.min(W - 2, Math.floor(sx)));
      const y0 = Math.max(0, Math.min(H - 2, Math.floor(sy)));
      const fx = Math.max(0, Math.min(1, sx - x0));
      const fy = Math.max(0, Math.min(1, sy - y0));
      const i00 = (y0 * W + x0) * 3;
      const i10 = i00 + 3;
      const i01 = i00 + W * 3;
      const i11 = i01 + 3;
      const o = (y * width + x) * 3;
      for (let ch = 0; ch < 3; ch++) {
        const top = (src[i00 + ch] ?? 0) * (1 - fx) + (src[i10 + ch] ?? 0) * fx;
        const bot = (src[i01 + ch] ?? 0) * (1 - fx) + (src[i11 + ch] ?? 0) * fx;
        out[o + ch] = Math.round(top * (1 - fy) + bot * fy);
      }
    }
  }
  return { data: out, width, height };
}

/**
 * Upright or upside down, from the portrait: the photo on the right is not card-blue, the text
 * column on the left mostly is. Returns 0 or 180, and whether the difference was clear.
 */
export function orientation(card: Rgb): { deg: 0 | 180; certain: boolean } {
  const frac = (x0: number, x1: number, y0: number, y1: number): number => {
    let n = 0;
    let blue = 0;
    for (let y = Math.floor(y0 * card.height); y < y1 * card.height; y += 2)
      for (let x = Math.floor(x0 * card.width); x < x1 * card.width; x += 2) {
        n++;
        if (isBlue(card.data, (y * card.width + x) * 3)) blue++;
      }
    return n === 0 ? 0 : blue / n;
  };
  const right = frac(0.74, 0.94, 0.25, 0.65); // the portrait when upright
  const left = frac(0.06, 0.26, 0.35, 0.75); // where it sits when upside down
  const diff = left - right;
  return { deg: diff >= 0 ? 0 : 180, certain: Math.abs(diff) > 0.3 };
}
