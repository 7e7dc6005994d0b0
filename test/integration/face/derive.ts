/**
 * Builds the face-match test images at test time from the three public-domain fixture photos
 * (test/fixtures/faces, see LICENSES.md): a KTP card whose portrait is a small, washed-out,
 * warm-tinted, dithered, heavily compressed ID-photo crop, and a mirrored / tilted / brightened
 * "webcam" frame of the same photo — the "same person" pairs identity-desk.md describes. Also the
 * card held up to the camera, two faces side by side and a flat grey frame. Deterministic: the
 * print dither is a seeded noise texture, so distances repeat run to run (CALIBRATION.md).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import sharp from 'sharp';

import { type FractionBox, KTP_PORTRAIT_BOX } from '../../../src/main/core/face/ktp-portrait';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const FACES_DIR = path.resolve(HERE, '../../fixtures/faces');
export const KTP_GROUND_TRUTH = path.resolve(HERE, '../../fixtures/ktp/ground-truth.json');

export const PEOPLE = ['astronaut', 'grace_hopper', 'camera'] as const;
export type Person = (typeof PEOPLE)[number];

const FILES: Record<Person, string> = {
  astronaut: 'astronaut.png',
  grace_hopper: 'grace_hopper.jpg',
  camera: 'camera.png',
};

/** Where the face is in each fixture photo (pixels; measured once with the SSD detector). */
const FACE_BOXES: Record<Person, { x: number; y: number; width: number; height: number }> = {
  astronaut: { x: 181, y: 73, width: 83, height: 102 },
  grace_hopper: { x: 169, y: 123, width: 183, height: 205 },
  camera: { x: 202, y: 119, width: 53, height: 80 },
};

export const CARD = { width: 1012, height: 638 };

export function photo(p: Person): Buffer {
  return readFileSync(path.join(FACES_DIR, FILES[p]));
}

/**
 * The portrait box from the other engineer's synthetic-card ground truth when it exists (first
 * `layout.photo` found, as fractions), else the standard e-KTP box.
 */
export function portraitLayout(): { box: FractionBox; fromGroundTruth: boolean } {
  if (!existsSync(KTP_GROUND_TRUTH)) return { box: KTP_PORTRAIT_BOX, fromGroundTruth: false };
  const found = findPhotoBox(JSON.parse(readFileSync(KTP_GROUND_TRUTH, 'utf8')) as unknown);
  return found === null ? { box: KTP_PORTRAIT_BOX, fromGroundTruth: false } : { box: found, fromGroundTruth: true };
}

function findPhotoBox(node: unknown): FractionBox | null {
  if (node === null || typeof node !== 'object') return null;
  const rec = node as Record<string, unknown>;
  const layout = rec['layout'];
  if (layout !== null && typeof layout === 'object') {
    const box = toFractionBox((layout as Record<string, unknown>)['photo']);
    if (box !== null) return box;
  }
  for (const v of Array.isArray(node) ? node : Object.values(rec)) {
    const box = findPhotoBox(v);
    if (box !== null) return box;
  }
  return null;
}

function toFractionBox(v: unknown): FractionBox | null {
  if (v === null || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  const n = (k: string): number | null => (typeof o[k] === 'number' ? (o[k] as number) : null);
  const x = n('x0') ?? n('x') ?? n('left');
  const y = n('y0') ?? n('y') ?? n('top');
  const x1 = n('x1') ?? (x !== null && (n('w') ?? n('width')) !== null ? x + (n('w') ?? n('width') ?? 0) : null);
  const y1 = n('y1') ?? (y !== null && (n('h') ?? n('height')) !== null ? y + (n('h') ?? n('height') ?? 0) : null);
  if (x === null || y === null || x1 === null || y1 === null) return null;
  if (![x, y, x1, y1].every((f) => f >= 0 && f <= 1) || x1 <= x || y1 <= y) return null;
  return { x0: x, y0: y, x1, y1 };
}

/** Head-and-shoulders crop, 90×120 like a desk capture of a card, washed out, warm, dithered, JPEG q25. */
export async function idPhoto(p: Person, opts: { cropFactor?: number; dither?: number } = {}): Promise<Buffer> {
  const src = sharp(photo(p));
  const meta = await src.metadata();
  const f = FACE_BOXES[p];
  const w = f.width * (opts.cropFactor ?? 2.3);
  const h = w * (4 / 3);
  const left = Math.max(0, Math.round(f.x + f.width / 2 - w / 2));
  const top = Math.max(0, Math.round(f.y - f.height * 0.45));
  const width = Math.min(Math.round(w), (meta.width ?? 0) - left);
  const height = Math.min(Math.round(h), (meta.height ?? 0) - top);
  const { data, info } = await sharp(photo(p))
    .extract({ left, top, width, height })
    .resize(90, 120, { fit: 'cover' })
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const noise = seededNoise(info.width * info.height, opts.dither ?? 10);
  const out = Buffer.alloc(info.width * info.height * 3);
  const gain = [0.7, 0.68, 0.62]; // washed out …
  const offset = [72, 62, 52]; // … and warm
  for (let i = 0; i < out.length; i++) {
    const c = i % 3;
    const v = data[info.channels === 3 ? i : Math.floor(i / 3) * info.channels] ?? 0;
    out[i] = clamp255(v * (gain[c] ?? 1) + (offset[c] ?? 0) + (noise[Math.floor(i / 3)] ?? 0));
  }
  return sharp(out, { raw: { width: info.width, height: info.height, channels: 3 } })
    .jpeg({ quality: 25 })
    .toBuffer();
}

function clamp255(v: number): number {
  return Math.max(0, Math.min(255, Math.round(v)));
}

/** Print dither: gaussian ± sigma per pixel from a fixed-seed LCG (sharp's noise is not seedable). */
function seededNoise(count: number, sigma: number, seed = 12345): Float32Array {
  let state = seed >>> 0;
  const uniform = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state + 0.5) / 4294967296;
  };
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++)
    out[i] = Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform()) * sigma;
  return out;
}

/** A card-shaped image with the ID photo in the portrait box and text-like bars on the left. */
export async function ktpCard(portrait: Buffer, box: FractionBox = portraitLayout().box): Promise<Buffer> {
  const { width, height } = CARD;
  const pw = Math.round((box.x1 - box.x0) * width);
  const ph = Math.round((box.y1 - box.y0) * height);
  const resized = await sharp(portrait).resize(pw, ph, { fit: 'cover' }).png().toBuffer();
  const bars = await Promise.all(
    Array.from({ length: 11 }, (_, i) =>
      sharp({ create: { width: 200 + ((i * 97) % 230), height: 16, channels: 3, background: { r: 40, g: 40, b: 50 } } })
        .png()
        .toBuffer()
        .then((input) => ({ input, left: 40, top: 120 + i * 40 })),
    ),
  );
  const title = await sharp({ create: { width: 520, height: 26, channels: 3, background: { r: 30, g: 30, b: 40 } } })
    .png()
    .toBuffer();
  return sharp({ create: { width, height, channels: 3, background: { r: 150, g: 196, b: 222 } } })
    .composite([
      { input: title, left: 245, top: 30 },
      ...bars,
      { input: resized, left: Math.round(box.x0 * width), top: Math.round(box.y0 * height) },
    ])
    .blur(0.6)
    .jpeg({ quality: 40 })
    .toBuffer();
}

async function inFrame(
  content: Buffer,
  contentHeight: number,
  left: number,
  top: number,
  bg = { r: 92, g: 88, b: 80 },
): Promise<Buffer> {
  const scaled = await sharp(content).resize({ height: contentHeight }).png().toBuffer();
  return sharp({ create: { width: 1280, height: 720, channels: 3, background: bg } })
    .composite([{ input: scaled, left, top }])
    .jpeg({ quality: 80 })
    .toBuffer();
}

/** Mirrored, tilted 7°, brightened, in a 1280×720 frame: a webcam selfie of the same person. */
export async function webcamFrame(p: Person): Promise<Buffer> {
  const tilted = await sharp(photo(p))
    .removeAlpha()
    .toColourspace('srgb')
    .flop()
    .rotate(7, { background: { r: 92, g: 88, b: 80 } })
    .modulate({ brightness: 1.15, saturation: 0.9 })
    .png()
    .toBuffer();
  return inFrame(tilted, 640, 300, 40);
}

/** The KTP card itself held up to the webcam: tilted 4°, a glare patch, in a 1280×720 frame. */
export async function cardHeldUp(card: Buffer): Promise<Buffer> {
  const { width = CARD.width, height = CARD.height } = await sharp(card).metadata();
  const glare = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><ellipse cx="${Math.round(width * 0.3)}" cy="${Math.round(height * 0.3)}" rx="${Math.round(width * 0.22)}" ry="${Math.round(height * 0.14)}" fill="white" fill-opacity="0.35"/></svg>`,
  );
  const tilted = await sharp(card)
    .composite([{ input: glare }])
    .rotate(4, { background: { r: 92, g: 88, b: 80 } })
    .png()
    .toBuffer();
  return inFrame(tilted, 600, 120, 60);
}

/** Two different people side by side in one frame. */
export async function twoFaces(a: Person, b: Person): Promise<Buffer> {
  const left = await sharp(photo(a)).removeAlpha().toColourspace('srgb').resize({ height: 560 }).png().toBuffer();
  const right = await sharp(photo(b)).removeAlpha().toColourspace('srgb').resize({ height: 560 }).png().toBuffer();
  return sharp({ create: { width: 1280, height: 720, channels: 3, background: { r: 92, g: 88, b: 80 } } })
    .composite([
      { input: left, left: 40, top: 80 },
      { input: right, left: 700, top: 80 },
    ])
    .jpeg({ quality: 80 })
    .toBuffer();
}

export async function flatGrey(width = 1280, height = 720): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 128, g: 128, b: 128 } } })
    .jpeg({ quality: 80 })
    .toBuffer();
}
