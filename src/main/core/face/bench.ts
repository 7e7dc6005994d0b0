/**
 * Warm timings for `npm run bench -- face`: the worker's cold init once, describing the card (at
 * capture), the decision with the stored card descriptor (in the worker thread, the event loop's
 * longest stall meanwhile), and for comparison the old both-images SSD decision and one selfie
 * pass per detector. Timings live here, not in tests. Inputs default to a card and a webcam-style frame built with sharp from the
 * public-domain fixture photo test/fixtures/faces/grace_hopper.jpg.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import sharp from 'sharp';

import { FaceMatcher, type FaceMatcherOptions } from './engine';
import { KTP_PORTRAIT_BOX } from './ktp-portrait';
import { FaceWorker, type FaceWorkerOptions } from './worker-client';

export interface Quantiles {
  medianMs: number;
  p95Ms: number;
  minMs: number;
  maxMs: number;
}

export interface FaceBenchResult {
  engine: string;
  /** Cold start of the worker thread + tfjs-wasm + the four models + warm-up. */
  initMs: number;
  iterations: number;
  /** Describing the card once, at capture (SSD, portrait passes), median ms. */
  describeCardMs: number;
  /** The decision with the stored card descriptor: selfie pass only, in the worker (what the verifier waits for). */
  decision: Quantiles;
  /** The old decision: card and selfie both analysed, SSD on both, in-thread. */
  bothSsd: Quantiles;
  /** One selfie pass per detector (in-thread, median ms). */
  selfiePassMs: { ssd: number; tiny: number };
  /** Longest stall of the calling thread's event loop during the worker decisions, ms. */
  maxEventLoopGapMs: number;
  /** Process RSS after the worker decisions, MB (worker included; before the in-thread comparisons load a second tfjs). */
  rssMb: number;
  /** What the worker thread added: RSS after its decisions minus RSS before it started, MB. */
  workerRssMb: number;
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

function quantiles(samples: number[]): Quantiles {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    medianMs: round(quantile(sorted, 0.5)),
    p95Ms: round(quantile(sorted, 0.95)),
    minMs: round(sorted[0] ?? Number.NaN),
    maxMs: round(sorted.at(-1) ?? Number.NaN),
  };
}

async function timeEach(n: number, job: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < Math.max(1, n); i++) {
    const t = performance.now();
    await job();
    out.push(performance.now() - t);
  }
  return out;
}

export async function benchFace(
  iterations = 10,
  inputs?: FaceBenchInputs,
  options: FaceWorkerOptions = {},
): Promise<FaceBenchResult> {
  const { ktp, selfie } = inputs ?? (await defaultBenchInputs());
  const rssBefore = process.memoryUsage().rss;
  const worker = new FaceWorker(options);
  try {
    const t = performance.now();
    await worker.init();
    const initMs = performance.now() - t;
    const card = await worker.describeCard(ktp);
    const first = await worker.compareWithCard(card, selfie); // warm the image paths too
    const describeCardMs = await timeEach(Math.min(iterations, 3), () => worker.describeCard(ktp));
    let maxGap = 0;
    let last = performance.now();
    const tick = setInterval(() => {
      const now = performance.now();
      maxGap = Math.max(maxGap, now - last);
      last = now;
    }, 5);
    const decisionMs = await timeEach(iterations, () => worker.compareWithCard(card, selfie));
    clearInterval(tick);
    const rssAfter = process.memoryUsage().rss; // the app's case: one engine, in the worker
    await worker.close();

    // In-thread comparisons: the old path and one selfie pass per detector.
    const { callTimeoutMs: _t, workerScript: _w, ...matcherOptions } = options;
    const ssd = new FaceMatcher({ ...matcherOptions, selfieDetector: 'ssd' });
    const tiny = new FaceMatcher({ ...matcherOptions, selfieDetector: 'tiny' });
    try {
      await ssd.init();
      await tiny.init();
      await ssd.compare(ktp, selfie);
      const bothSsd = await timeEach(Math.min(iterations, 5), () => ssd.compare(ktp, selfie));
      const passSsd = await timeEach(Math.min(iterations, 5), () => ssd.describeAll(selfie));
      const passTiny = await timeEach(Math.min(iterations, 5), () => tiny.describeAll(selfie));
      return {
        engine: worker.modelVersion ?? 'face-api',
        initMs: round(initMs),
        iterations: decisionMs.length,
        describeCardMs: quantiles(describeCardMs).medianMs,
        decision: quantiles(decisionMs),
        bothSsd: quantiles(bothSsd),
        selfiePassMs: { ssd: quantiles(passSsd).medianMs, tiny: quantiles(passTiny).medianMs },
        maxEventLoopGapMs: round(maxGap),
        rssMb: Math.round(rssAfter / 1e6),
        workerRssMb: Math.round((rssAfter - rssBefore) / 1e6),
        distance: first.distance,
      };
    } finally {
      await ssd.close();
      await tiny.close();
    }
  } finally {
    await worker.close();
  }
}

export interface CalibrationResult {
  people: number;
  cards: number;
  selfies: number;
  same: number;
  different: number;
  /** Different people called "cocok" (distance < match). */
  far: number;
  /** Same person not "cocok" (sent to review or rejected). */
  frrNotCocok: number;
  /** Same person "tidak cocok" (distance > review). */
  frrRejected: number;
  cardFacesMissed: number;
  thresholds: { match: number; review: number };
}

/**
 * FAR/FRR of the running thresholds on the fixture set (test/fixtures/ktp): the clean and combo
 * cards, described once each (as at capture), against every fixture selfie (tiny detector).
 * Three source photos only: this is a regression check of the pipeline, not a calibration.
 */
export async function benchCalibration(
  groundTruthPath: string,
  options: FaceMatcherOptions = {},
): Promise<CalibrationResult> {
  const { FACE_THRESHOLDS } = await import('./bands');
  const gt = JSON.parse(readFileSync(groundTruthPath, 'utf8')) as {
    cards: { file: string; variant: string; person: { face: string } }[];
    selfies: { file: string; shows: string }[];
  };
  const base = path.dirname(path.resolve(groundTruthPath));
  const cards = gt.cards.filter((c) => c.variant === 'clean' || c.variant === 'combo');
  const worker = new FaceWorker(options);
  try {
    await worker.init();
    const described = [];
    for (const c of cards)
      described.push({ face: c.person.face, card: await worker.describeCard(readFileSync(path.join(base, c.file))) });
    const selfies = [];
    for (const s of gt.selfies) {
      const faces = await worker.describeAll(readFileSync(path.join(base, s.file)));
      if (faces[0] !== undefined) selfies.push({ face: s.shows, descriptor: faces[0].descriptor });
    }
    let same = 0;
    let different = 0;
    let far = 0;
    let frrNotCocok = 0;
    let frrRejected = 0;
    for (const c of described) {
      if (c.card.descriptor === null) continue;
      for (const s of selfies) {
        let sum = 0;
        for (let i = 0; i < c.card.descriptor.length; i++)
          sum += ((c.card.descriptor[i] ?? 0) - (s.descriptor[i] ?? 0)) ** 2;
        const d = Math.sqrt(sum);
        if (c.face === s.face) {
          same++;
          if (d >= FACE_THRESHOLDS.match) frrNotCocok++;
          if (d > FACE_THRESHOLDS.review) frrRejected++;
        } else {
          different++;
          if (d < FACE_THRESHOLDS.match) far++;
        }
      }
    }
    return {
      people: new Set(cards.map((c) => c.person.face)).size,
      cards: cards.length,
      selfies: selfies.length,
      same,
      different,
      far: different === 0 ? 0 : far / different,
      frrNotCocok: same === 0 ? 0 : frrNotCocok / same,
      frrRejected: same === 0 ? 0 : frrRejected / same,
      cardFacesMissed: described.filter((c) => c.card.descriptor === null).length,
      thresholds: { ...FACE_THRESHOLDS },
    };
  } finally {
    await worker.close();
  }
}
