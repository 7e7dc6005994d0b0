/**
 * `npm run bench -- face`: how often the screen check (src/main/core/face/screen-pattern.ts) flags
 * live webcam selfies (false alarms) and filmed displays (catches), on frames generated here:
 * live selfies (scripts/ktp/selfies.ts) and phones/monitors showing the person's photo
 * (scripts/ktp/screen-replay.ts) at pitches from a 400 ppi phone to a 100 ppi monitor. The
 * thresholds were chosen on the tuning seeds; the held-out seeds are scored only here.
 */
import { FaceMatcher } from '../../src/main/core/face/engine';
import { decodeImage } from '../../src/main/core/face/image';
import { screenPattern } from '../../src/main/core/face/screen-pattern';
import { FACE_IDS } from '../ktp/faces';
import { createRng } from '../ktp/prng';
import { screenReplayFrame } from '../ktp/screen-replay';
import { selfieFrame } from '../ktp/selfies';

export const SCREEN_TUNING_SEEDS = [1, 2, 3] as const;
export const SCREEN_HELD_OUT_SEEDS = [101, 102, 103] as const;

/** Camera pixels per screen pixel: a sharp phone up close … a monitor. */
export const PITCH_BANDS = [
  { label: 'ponsel tajam (< 0,7)', min: 0.35, max: 0.7 },
  { label: '0,7–1,2', min: 0.7, max: 1.2 },
  { label: '1,2–2,0', min: 1.2, max: 2.0 },
  { label: '2,0–3,5 (monitor)', min: 2.0, max: 3.5 },
] as const;

export interface ScreenCheckCounts {
  live: { frames: number; faceFound: number; flagged: number };
  /** Per pitch band: frames, frames whose face was found (else the decision is "no face"), flagged. */
  screens: { band: string; frames: number; faceFound: number; flagged: number }[];
  checkMedianMs: number;
}

export async function benchScreenCheck(seeds: readonly number[], perBand = 3): Promise<ScreenCheckCounts> {
  const matcher = new FaceMatcher();
  const times: number[] = [];
  const read = async (jpeg: Buffer): Promise<{ found: boolean; flagged: boolean }> => {
    const faces = await matcher.describeAll(jpeg);
    const face = faces[0];
    if (face === undefined) return { found: false, flagged: false };
    const img = await decodeImage(jpeg);
    const started = performance.now();
    const reading = screenPattern(img, face.box);
    times.push(performance.now() - started);
    return { found: true, flagged: reading?.suspected === true };
  };
  try {
    await matcher.init();
    const live = { frames: 0, faceFound: 0, flagged: 0 };
    const screens = PITCH_BANDS.map((b) => ({ band: b.label, frames: 0, faceFound: 0, flagged: 0 }));
    for (const seed of seeds) {
      for (const [i, face] of [...FACE_IDS, ...FACE_IDS, ...FACE_IDS].entries()) {
        const r = await read((await selfieFrame(face, createRng(seed, `live/${i}`))).jpeg);
        live.frames++;
        if (r.found) live.faceFound++;
        if (r.flagged) live.flagged++;
      }
      for (const [b, band] of PITCH_BANDS.entries()) {
        for (let i = 0; i < perBand; i++) {
          const rng = createRng(seed, `screen/${b}/${i}`);
          const face = FACE_IDS[(b + i) % FACE_IDS.length] ?? 'astronaut';
          const r = await read((await screenReplayFrame(face, rng, rng.range(band.min, band.max))).jpeg);
          const counts = screens[b];
          if (counts === undefined) continue;
          counts.frames++;
          if (r.found) counts.faceFound++;
          if (r.flagged) counts.flagged++;
        }
      }
    }
    const sorted = [...times].sort((a, b) => a - b);
    return { live, screens, checkMedianMs: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN };
  } finally {
    await matcher.close();
  }
}
