/**
 * Live quality hints for the identity desk camera, computed on a small grey copy of each frame:
 * too dark or bright, blurred, glare, and (for the KTP) a card too small in the frame. Pure maths on
 * RGBA pixels so it runs in the renderer and is tested under Node.
 */

export interface Pixels {
  data: Uint8ClampedArray | Uint8Array;
  width: number;
  height: number;
}

export type FrameHint = 'tooDark' | 'tooBright' | 'blurred' | 'glare' | 'cardTooSmall' | FaceHint;
/** Hints the core adds for the selfie from a face detection on a small preview frame. */
export type FaceHint = 'noFace' | 'manyFaces' | 'faceTooSmall';

export const FRAME_HINT_TEXT: Record<FrameHint, string> = {
  tooDark: 'Terlalu gelap — tambah cahaya',
  tooBright: 'Terlalu terang — kurangi cahaya',
  blurred: 'Buram — tahan kartu/kamera agar diam',
  glare: 'Ada pantulan cahaya — miringkan kartu sedikit',
  cardTooSmall: 'Kartu terlalu kecil — dekatkan KTP hingga memenuhi bingkai',
  noFace: 'Wajah tidak terlihat — hadapkan wajah ke kamera',
  manyFaces: 'Lebih dari satu wajah — hanya pemohon yang boleh di depan kamera',
  faceTooSmall: 'Wajah terlalu kecil — mendekatlah ke kamera',
};

/** A face smaller than this share of the frame height is too far for a good match. */
export const MIN_FACE_HEIGHT_RATIO = 0.22;

export function faceHints(frameHeight: number, faceHeights: number[]): FaceHint[] {
  if (faceHeights.length === 0) return ['noFace'];
  const hints: FaceHint[] = [];
  if (faceHeights.length > 1) hints.push('manyFaces');
  if (Math.max(...faceHeights) / frameHeight < MIN_FACE_HEIGHT_RATIO) hints.push('faceTooSmall');
  return hints;
}

export interface FrameQuality {
  brightness: number;
  sharpness: number;
  glareRatio: number;
  /** Width of the card's edges as a share of the frame width (KTP mode only). */
  cardFill: number | null;
  hints: FrameHint[];
}

export const QUALITY_LIMITS = { dark: 55, bright: 215, sharpness: 40, glare: 0.02, cardFill: 0.6 };

function grey(p: Pixels): Float32Array {
  const out = new Float32Array(p.width * p.height);
  for (let i = 0, j = 0; i < out.length; i += 1, j += 4)
    out[i] = 0.299 * (p.data[j] ?? 0) + 0.587 * (p.data[j + 1] ?? 0) + 0.114 * (p.data[j + 2] ?? 0);
  return out;
}

/** Variance of the Laplacian: low for a blurred frame. */
function laplacianVariance(g: Float32Array, w: number, h: number): { variance: number; edges: Float32Array } {
  const edges = new Float32Array(w * h);
  let sum = 0;
  let sumSq = 0;
  let n = 0;
  for (let y = 1; y < h - 1; y += 1) {
    for (let x = 1; x < w - 1; x += 1) {
      const i = y * w + x;
      const v = 4 * (g[i] ?? 0) - (g[i - 1] ?? 0) - (g[i + 1] ?? 0) - (g[i - w] ?? 0) - (g[i + w] ?? 0);
      edges[i] = Math.abs(v);
      sum += v;
      sumSq += v * v;
      n += 1;
    }
  }
  const mean = n ? sum / n : 0;
  return { variance: n ? sumSq / n - mean * mean : 0, edges };
}

/** Horizontal extent of the strong edges, as a share of the width (where the card's text and border are). */
function edgeExtent(edges: Float32Array, w: number, h: number): number {
  const columns = new Float32Array(w);
  for (let y = 0; y < h; y += 1)
    for (let x = 0; x < w; x += 1) if ((edges[y * w + x] ?? 0) > 40) columns[x] = (columns[x] ?? 0) + 1;
  const minCount = Math.max(2, h * 0.03);
  let first = -1;
  let last = -1;
  for (let x = 0; x < w; x += 1) {
    if ((columns[x] ?? 0) >= minCount) {
      if (first < 0) first = x;
      last = x;
    }
  }
  return first < 0 ? 0 : (last - first + 1) / w;
}

export function assessFrame(p: Pixels, mode: 'card' | 'face'): FrameQuality {
  const g = grey(p);
  let total = 0;
  let glare = 0;
  for (const v of g) {
    total += v;
    if (v >= 250) glare += 1;
  }
  const brightness = g.length ? total / g.length : 0;
  const glareRatio = g.length ? glare / g.length : 0;
  const { variance, edges } = laplacianVariance(g, p.width, p.height);
  const cardFill = mode === 'card' ? edgeExtent(edges, p.width, p.height) : null;
  const hints: FrameHint[] = [];
  if (brightness < QUALITY_LIMITS.dark) hints.push('tooDark');
  if (brightness > QUALITY_LIMITS.bright) hints.push('tooBright');
  if (variance < QUALITY_LIMITS.sharpness) hints.push('blurred');
  if (glareRatio > QUALITY_LIMITS.glare) hints.push('glare');
  if (cardFill !== null && cardFill < QUALITY_LIMITS.cardFill) hints.push('cardTooSmall');
  return { brightness, sharpness: variance, glareRatio, cardFill, hints };
}
