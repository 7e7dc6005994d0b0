/**
 * Warm timings for `npm run bench -- face`: the cold init once, then per decision (KTP image +
 * selfie → FaceMatchResult) and per face (one detector + landmarks + descriptor pass). Timings live
 * here, not in tests. Inputs default to a card and a webcam-style frame built with sharp from the
 * public-domain fixture photo test/fixtures/faces/grace_hopper.jpg.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import sharp from 'sharp';

import { FaceMatcher, type FaceMatcherOptions } from './engine';
import { KTP_PORTRAIT_BOX } from './ktp-portrait';

export interface FaceBenchResult {
  engine: string;
  /** Cold load of tfjs-wasm + the three models + warm-up (first matcher in the process). */
  initMs: number;
  iterations: number;
  /** Each warm decision, ms. */
  decisionMs: number[];
  decision: { medianMs: number; p95Ms: number; minMs: number; maxMs: number };
  /** Median of one detection pass over the selfie frame. */
  perFaceMs: number;
  /** Process RSS after the run, MB (the wasm heap only grows). */
  rssMb: number;
  distance: number | null;
}

export interface FaceBenchInputs {
  ktp: Buffer;
  selfie: Buffer;
}

function fixturePhoto(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.resolve(here, '../../../../test/fixtures/faces/grace_hopper.jpg');
}

/** A 1012×638 card with the photo in the portrait box, and the photo mirrored in a 1280×720 frame. */
export async function defaultBenchInputs(photoPath = fixturePhoto()): Promise<FaceBenchInputs> {
  const photo = readFileSync(photoPath);
  const w = 1012;
  const h = 638;
  const b = KTP_PORTRAIT_BOX;
  const portrait = await sharp(photo)
    .resize(Math.round((b.x1 - b.x0) * w), Math.round((b.y1 - b.y0) * h), { fit: 'cover' })
    .modulate({ brightness: 1.1, saturation: 0.7 })
    .png()
    .toBuffer();
  const ktp = await sharp({ create: { width: w, height: h, channels: 3, background: { r: 150, g: 196, b: 222 } } })
    .composite([{ input: portrait, left: Math.round(b.x0 * w), top: Math.round(b.y0 * h) }])
    .jpeg({ quality: 50 })
    .toBuffer();
  const person = await sharp(photo).flop().resize({ height: 640 }).png().toBuffer();
  const selfie = await sharp({ create: { width: 1280, height: 720, channels: 3, background: { r: 92, g: 88, b: 80 } } })
    .composite([{ input: person, left: 360, top: 40 }])
    .jpeg({ quality: 80 })
    .toBuffer();
  return { ktp, selfie };
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

const round = (x: number): number => Math.round(x * 10) / 10;

export async function benchFace(
  iterations = 10,
  inputs?: FaceBenchInputs,
  options: FaceMatcherOptions = {},
): Promise<FaceBenchResult> {
  const { ktp, selfie } = inputs ?? (await defaultBenchInputs());
  const matcher = new FaceMatcher(options);
  try {
    let t = performance.now();
    await matcher.init();
    const initMs = performance.now() - t;
    const first = await matcher.compare(ktp, selfie); // warm the image paths too
    const decisionMs: number[] = [];
    for (let i = 0; i < Math.max(1, iterations); i++) {
      t = performance.now();
      await matcher.compare(ktp, selfie);
      decisionMs.push(round(performance.now() - t));
    }
    const faceMs: number[] = [];
    for (let i = 0; i < Math.max(1, Math.min(iterations, 5)); i++) {
      t = performance.now();
      await matcher.describeAll(selfie);
      faceMs.push(performance.now() - t);
    }
    const sorted = [...decisionMs].sort((a, b) => a - b);
    return {
      engine: matcher.modelVersion ?? 'face-api',
      initMs: round(initMs),
      iterations: decisionMs.length,
      decisionMs,
      decision: {
        medianMs: quantile(sorted, 0.5),
        p95Ms: quantile(sorted, 0.95),
        minMs: sorted[0] ?? Number.NaN,
        maxMs: sorted.at(-1) ?? Number.NaN,
      },
      perFaceMs: round(
        quantile(
          [...faceMs].sort((a, b) => a - b),
          0.5,
        ),
      ),
      rssMb: Math.round(process.memoryUsage().rss / 1e6),
      distance: first.distance,
    };
  } finally {
    await matcher.close();
  }
}
