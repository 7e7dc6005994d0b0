// Face match end to end with the real models (tfjs wasm, offline): KTP cards and webcam frames are
// derived at test time from the three public-domain photos (derive.ts). One warm matcher for the
// file; each comparison is ≈ 0.7–1.5 s on the 2-core build machine, so images are built once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createRng } from '../../../scripts/ktp/prng';
import { screenReplayFrame } from '../../../scripts/ktp/screen-replay';
import { FACE_THRESHOLDS, FACE_WARNINGS, NEAR_IDENTICAL_DISTANCE } from '../../../src/main/core/face/bands';
import { type FaceComparison, FaceImageError, FaceMatcher } from '../../../src/main/core/face/engine';
import { fractionToBox } from '../../../src/main/core/face/ktp-portrait';
import type { FaceMatchResult } from '../../../src/shared/domain/identity';
import {
  CARD,
  cardHeldUp,
  FACES_DIR,
  flatGrey,
  idPhoto,
  ktpCard,
  PEOPLE,
  type Person,
  photo,
  portraitLayout,
  twoFaces,
  webcamFrame,
} from './derive';

const SLOW = 180_000;
const matcher = new FaceMatcher();
const cards = {} as Record<Person, Buffer>;
const selfies = {} as Record<Person, Buffer>;
/** pairs[ktpPerson][selfiePerson] */
const pairs = {} as Record<Person, Record<Person, FaceComparison>>;

beforeAll(async () => {
  await matcher.init();
  for (const p of PEOPLE) {
    cards[p] = await ktpCard(await idPhoto(p));
    selfies[p] = await webcamFrame(p);
  }
  for (const k of PEOPLE) {
    pairs[k] = {} as Record<Person, FaceComparison>;
    for (const s of PEOPLE) pairs[k][s] = await matcher.compareDetailed(cards[k], selfies[s]);
  }
}, SLOW);

afterAll(async () => {
  await matcher.close();
});

const dist = (r: FaceMatchResult): number => {
  expect(r.distance).not.toBeNull();
  return r.distance ?? Number.NaN;
};

describe('same and different people', () => {
  it('finds the KTP portrait in the card’s portrait box', () => {
    const layout = portraitLayout().box;
    const box = fractionToBox(layout, CARD.width, CARD.height);
    for (const p of PEOPLE) {
      const { ktp, result } = pairs[p][p];
      expect(result.ktpFaceFound).toBe(true);
      const f = ktp.face;
      expect(f).not.toBeNull();
      const cx = (f?.box.x ?? 0) + (f?.box.width ?? 0) / 2;
      const cy = (f?.box.y ?? 0) + (f?.box.height ?? 0) / 2;
      expect(cx).toBeGreaterThan(box.x);
      expect(cx).toBeLessThan(box.x + box.width);
      expect(cy).toBeGreaterThan(box.y);
      expect(cy).toBeLessThan(box.y + box.height);
      expect(ktp.insidePortraitArea).toBe(true);
      expect(f?.descriptor).toHaveLength(128);
    }
  });

  it('same person (ID-photo card vs webcam frame) is cocok or perlu diperiksa', () => {
    for (const p of PEOPLE) {
      const r = pairs[p][p].result;
      expect(['cocok', 'perluDiperiksa']).toContain(r.band);
      expect(dist(r)).toBeLessThanOrEqual(FACE_THRESHOLDS.review);
      expect(r.nearIdentical).toBe(false);
      expect(r.selfieFaceCount).toBe(1);
      expect(r.modelVersion).toMatch(
        /^face-api@1\.7\.15 ssd_mobilenetv1\+tiny_face_detector\+face_landmark_68\+face_recognition tfjs-wasm@4\.22\.0$/,
      );
      expect(r.thresholds).toEqual({ match: 0.5, review: 0.6 });
      expect(r.durationMs).toBeGreaterThan(0);
    }
  });

  it('the frontal photos are cocok', () => {
    expect(pairs.astronaut.astronaut.result.band).toBe('cocok');
    expect(pairs.grace_hopper.grace_hopper.result.band).toBe('cocok');
  });

  it('different people are never cocok and always farther than the same person', () => {
    for (const k of PEOPLE) {
      for (const s of PEOPLE) {
        if (k === s) continue;
        const r = pairs[k][s].result;
        expect(r.band === 'perluDiperiksa' || r.band === 'tidakCocok').toBe(true);
        expect(dist(r)).toBeGreaterThan(dist(pairs[k][k].result)); // same card, another face
        expect(dist(r)).toBeGreaterThan(dist(pairs[s][s].result)); // same selfie, another card
      }
    }
  });

  it('the largest same-person distance is below the smallest different-person distance', () => {
    const same = PEOPLE.map((p) => dist(pairs[p][p].result));
    const different = PEOPLE.flatMap((k) => PEOPLE.filter((s) => s !== k).map((s) => dist(pairs[k][s].result)));
    expect(Math.max(...same)).toBeLessThan(Math.min(...different));
  });
});

describe('presentation checks', () => {
  it(
    'two faces in the selfie: counted, compared on the largest, with a warning',
    async () => {
      const r = await matcher.compare(cards.astronaut, await twoFaces('astronaut', 'grace_hopper'));
      expect(r.selfieFaceCount).toBe(2);
      expect(r.warnings).toContain(FACE_WARNINGS.selfieManyFaces(2));
      expect(r.distance).not.toBeNull();
    },
    SLOW,
  );

  it(
    'a selfie without a face: band null, distance null, a warning — no exception',
    async () => {
      const r = await matcher.compare(cards.grace_hopper, await flatGrey());
      expect(r.band).toBeNull();
      expect(r.distance).toBeNull();
      expect(r.selfieFaceCount).toBe(0);
      expect(r.ktpFaceFound).toBe(true);
      expect(r.warnings).toContain(FACE_WARNINGS.selfieNoFace);
    },
    SLOW,
  );

  it(
    'a KTP image without a face: ktpFaceFound false, band null, a warning',
    async () => {
      const r = await matcher.compare(await flatGrey(CARD.width, CARD.height), selfies.grace_hopper);
      expect(r.ktpFaceFound).toBe(false);
      expect(r.band).toBeNull();
      expect(r.distance).toBeNull();
      expect(r.selfieFaceCount).toBe(1);
      expect(r.warnings).toContain(FACE_WARNINGS.ktpNoFace);
    },
    SLOW,
  );

  it(
    'the identical image as KTP and selfie is flagged near-identical, not reassuring',
    async () => {
      for (const p of ['astronaut', 'grace_hopper'] as const) {
        const r = await matcher.compare(photo(p), photo(p));
        // Not 0: the card side is found by SSD, the selfie by the tiny detector (other box, other alignment).
        expect(r.distance).toBeLessThan(NEAR_IDENTICAL_DISTANCE);
        expect(r.nearIdentical).toBe(true);
        expect(r.band).toBe('perluDiperiksa');
        expect(r.warnings).toContain(FACE_WARNINGS.nearIdentical);
      }
    },
    SLOW,
  );

  it(
    'the KTP card itself held up to the webcam is flagged near-identical',
    async () => {
      const r = await matcher.compare(cards.grace_hopper, await cardHeldUp(cards.grace_hopper));
      expect(r.nearIdentical).toBe(true);
      expect(r.warnings).toContain(FACE_WARNINGS.nearIdentical);
    },
    SLOW,
  );

  it(
    'finds the portrait when it sits elsewhere on the right side than the standard box',
    async () => {
      const shifted = await ktpCard(await idPhoto('grace_hopper'), { x0: 0.62, y0: 0.3, x1: 0.84, y1: 0.9 });
      const r = await matcher.compareDetailed(shifted, selfies.grace_hopper);
      expect(r.result.ktpFaceFound).toBe(true);
      expect(r.result.band).toBe('cocok');
      expect(r.ktp.insidePortraitArea).toBe(true);
    },
    SLOW,
  );
});

describe('inputs', () => {
  it(
    'describeAll gives boxes in the original pixels and 128-d descriptors',
    async () => {
      const faces = await matcher.describeAll(photo('grace_hopper'));
      expect(faces).toHaveLength(1);
      const f = faces[0];
      expect(f?.descriptor).toHaveLength(128);
      // grace_hopper.jpg is 512×600 with the face at about (169, 123, 183×205)
      expect(f?.box.x).toBeGreaterThan(140);
      expect(f?.box.x).toBeLessThan(200);
      expect(f?.box.y).toBeGreaterThan(95);
      expect(f?.box.y).toBeLessThan(155);
    },
    SLOW,
  );

  it('an unreadable image is a FaceImageError in Indonesian naming which image', async () => {
    const err = await matcher.compare(cards.astronaut, Buffer.from('bukan gambar')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FaceImageError);
    expect((err as Error).message).toMatch(/^Swafoto tidak dapat dibaca/);
    const empty = await matcher.compare(Buffer.alloc(0), selfies.astronaut).catch((e: unknown) => e);
    expect(empty).toBeInstanceOf(FaceImageError);
    expect((empty as Error).message).toMatch(/^Gambar KTP kosong/);
  });

  it('a closed matcher refuses work', async () => {
    const m = new FaceMatcher();
    await m.init();
    await m.close();
    await expect(m.compare(cards.astronaut, selfies.astronaut)).rejects.toThrow(/ditutup/);
  });
});

describe('a phone or screen held up to the camera', () => {
  it('no live webcam frame is taken for a screen', () => {
    for (const k of PEOPLE) {
      for (const s of PEOPLE) {
        expect(pairs[k][s].result.screenSuspected).toBe(false);
        expect(pairs[k][s].result.warnings).not.toContain(FACE_WARNINGS.screenShown);
      }
    }
  });

  it(
    "the applicant's photo shown on a display and filmed is flagged and never cocok",
    async () => {
      process.env.KTP_FACES_DIR = FACES_DIR;
      for (const [p, pitch] of [
        ['astronaut', 1.3],
        ['grace_hopper', 1.7],
        ['grace_hopper', 2.2],
      ] as const) {
        const { jpeg } = await screenReplayFrame(p, createRng(5, `screen/${p}/${pitch}`), pitch);
        const r = await matcher.compare(cards[p], jpeg);
        expect(r.selfieFaceCount, `${p} at pitch ${pitch}`).toBeGreaterThan(0);
        expect(r.screenSuspected, `${p} at pitch ${pitch}`).toBe(true);
        expect(r.warnings).toContain(FACE_WARNINGS.screenShown);
        expect(r.band).not.toBe('cocok');
      }
    },
    SLOW,
  );
});
