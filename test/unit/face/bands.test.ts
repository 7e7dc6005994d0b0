// The pure face-match rules: band edges, the near-identical flag, and the warnings per measurement.
import { describe, expect, it } from 'vitest';

import {
  bandFor,
  FACE_THRESHOLDS,
  FACE_WARNINGS,
  isNearIdentical,
  modelVersionString,
  NEAR_IDENTICAL_DISTANCE,
  verdict,
} from '../../../src/main/core/face/bands';

const MODEL = modelVersionString('1.7.15', '4.22.0');

describe('thresholds and bands', () => {
  it('are the calibrated 0.5 / 0.6 and cannot be changed at run time', () => {
    expect(FACE_THRESHOLDS).toEqual({ match: 0.5, review: 0.6 });
    expect(Object.isFrozen(FACE_THRESHOLDS)).toBe(true);
    expect(NEAR_IDENTICAL_DISTANCE).toBeGreaterThan(0);
    expect(NEAR_IDENTICAL_DISTANCE).toBeLessThan(FACE_THRESHOLDS.match);
  });

  it('puts < 0.5 in cocok, 0.5–0.6 (both ends) in perlu diperiksa, > 0.6 in tidak cocok', () => {
    expect(bandFor(0)).toBe('cocok');
    expect(bandFor(0.4999)).toBe('cocok');
    expect(bandFor(0.5)).toBe('perluDiperiksa');
    expect(bandFor(0.55)).toBe('perluDiperiksa');
    expect(bandFor(0.6)).toBe('perluDiperiksa');
    expect(bandFor(0.6001)).toBe('tidakCocok');
    expect(bandFor(1.3)).toBe('tidakCocok');
  });

  it('has no band without a finite distance', () => {
    expect(bandFor(null)).toBeNull();
    expect(bandFor(Number.NaN)).toBeNull();
    expect(bandFor(Number.POSITIVE_INFINITY)).toBeNull();
  });

  it('flags near-identical strictly below the limit', () => {
    expect(isNearIdentical(0)).toBe(true);
    expect(isNearIdentical(NEAR_IDENTICAL_DISTANCE - 0.001)).toBe(true);
    expect(isNearIdentical(NEAR_IDENTICAL_DISTANCE)).toBe(false);
    expect(isNearIdentical(null)).toBe(false);
  });

  it('names the package version, the three models and the backend', () => {
    expect(MODEL).toBe(
      'face-api@1.7.15 ssd_mobilenetv1+tiny_face_detector+face_landmark_68+face_recognition tfjs-wasm@4.22.0',
    );
  });
});

describe('verdict', () => {
  it('a plain match: band from the distance, rounded, no warnings', () => {
    const r = verdict({ ktpFaceFound: true, selfieFaceCount: 1, distance: 0.412345 }, MODEL, 812.6);
    expect(r).toEqual({
      distance: 0.4123,
      band: 'cocok',
      thresholds: { match: 0.5, review: 0.6 },
      modelVersion: MODEL,
      ktpFaceFound: true,
      selfieFaceCount: 1,
      nearIdentical: false,
      screenSuspected: false,
      warnings: [],
      durationMs: 813,
    });
  });

  it('the review band says to compare the photos directly', () => {
    const r = verdict({ ktpFaceFound: true, selfieFaceCount: 1, distance: 0.55 }, MODEL, 1);
    expect(r.band).toBe('perluDiperiksa');
    expect(r.warnings).toEqual([FACE_WARNINGS.review]);
  });

  it('a clear mismatch stays tidak cocok without extra warnings', () => {
    const r = verdict({ ktpFaceFound: true, selfieFaceCount: 1, distance: 0.74 }, MODEL, 1);
    expect(r.band).toBe('tidakCocok');
    expect(r.warnings).toEqual([]);
  });

  it('no KTP face: no distance, no band, a warning (even if a distance was passed)', () => {
    const r = verdict({ ktpFaceFound: false, selfieFaceCount: 1, distance: 0.3 }, MODEL, 1);
    expect(r.distance).toBeNull();
    expect(r.band).toBeNull();
    expect(r.nearIdentical).toBe(false);
    expect(r.warnings).toEqual([FACE_WARNINGS.ktpNoFace]);
  });

  it('no selfie face: no distance, no band, a warning', () => {
    const r = verdict({ ktpFaceFound: true, selfieFaceCount: 0, distance: null }, MODEL, 1);
    expect(r.distance).toBeNull();
    expect(r.band).toBeNull();
    expect(r.selfieFaceCount).toBe(0);
    expect(r.warnings).toEqual([FACE_WARNINGS.selfieNoFace]);
  });

  it('neither face: both warnings', () => {
    const r = verdict({ ktpFaceFound: false, selfieFaceCount: 0, distance: null }, MODEL, 1);
    expect(r.warnings).toEqual([FACE_WARNINGS.ktpNoFace, FACE_WARNINGS.selfieNoFace]);
  });

  it('several selfie faces: still banded on the primary face, with a warning naming the count', () => {
    const r = verdict({ ktpFaceFound: true, selfieFaceCount: 3, distance: 0.45, otherDistances: [0.7, 0.8] }, MODEL, 1);
    expect(r.band).toBe('cocok');
    expect(r.selfieFaceCount).toBe(3);
    expect(r.warnings).toEqual([FACE_WARNINGS.selfieManyFaces(3)]);
    expect(r.warnings[0]).toContain('3 wajah');
  });

  it('near-identical is a warning and escalates to perlu diperiksa, never reassurance', () => {
    const r = verdict({ ktpFaceFound: true, selfieFaceCount: 1, distance: 0.05 }, MODEL, 1);
    expect(r.nearIdentical).toBe(true);
    expect(r.band).toBe('perluDiperiksa');
    expect(r.warnings).toEqual([FACE_WARNINGS.nearIdentical]);
  });

  it('a selfie filmed off a screen is a warning and escalates cocok to perlu diperiksa', () => {
    const r = verdict({ ktpFaceFound: true, selfieFaceCount: 1, distance: 0.41, screenPattern: true }, MODEL, 1);
    expect(r.screenSuspected).toBe(true);
    expect(r.band).toBe('perluDiperiksa');
    expect(r.warnings).toEqual([FACE_WARNINGS.screenShown]);
  });

  it('a screen pattern does not soften tidak cocok, and the review warning is not repeated', () => {
    const far = verdict({ ktpFaceFound: true, selfieFaceCount: 1, distance: 0.74, screenPattern: true }, MODEL, 1);
    expect(far.band).toBe('tidakCocok');
    expect(far.warnings).toEqual([FACE_WARNINGS.screenShown]);
    const review = verdict({ ktpFaceFound: true, selfieFaceCount: 1, distance: 0.55, screenPattern: true }, MODEL, 1);
    expect(review.band).toBe('perluDiperiksa');
    expect(review.warnings).toEqual([FACE_WARNINGS.screenShown]);
  });

  it('a screen and the KTP photo at once: both warnings', () => {
    const r = verdict({ ktpFaceFound: true, selfieFaceCount: 1, distance: 0.1, screenPattern: true }, MODEL, 1);
    expect(r.band).toBe('perluDiperiksa');
    expect(r.warnings).toEqual([FACE_WARNINGS.nearIdentical, FACE_WARNINGS.screenShown]);
  });

  it('just above the near-identical limit is an ordinary match', () => {
    const r = verdict({ ktpFaceFound: true, selfieFaceCount: 1, distance: NEAR_IDENTICAL_DISTANCE + 0.01 }, MODEL, 1);
    expect(r.nearIdentical).toBe(false);
    expect(r.band).toBe('cocok');
  });

  it('another face that is the KTP photo itself (card held next to the face) is called out', () => {
    const r = verdict({ ktpFaceFound: true, selfieFaceCount: 2, distance: 0.42, otherDistances: [0.1] }, MODEL, 1);
    expect(r.band).toBe('cocok');
    expect(r.nearIdentical).toBe(false);
    expect(r.warnings).toEqual([FACE_WARNINGS.selfieManyFaces(2), FACE_WARNINGS.otherFaceIsKtp]);
  });

  it('another face matching better than the primary one is called out', () => {
    const r = verdict({ ktpFaceFound: true, selfieFaceCount: 2, distance: 0.7, otherDistances: [0.4] }, MODEL, 1);
    expect(r.band).toBe('tidakCocok');
    expect(r.warnings).toEqual([FACE_WARNINGS.selfieManyFaces(2), FACE_WARNINGS.otherFaceCloser]);
  });

  it('a card found outside the portrait area is noted', () => {
    const r = verdict(
      { ktpFaceFound: true, ktpOutsidePortraitArea: true, selfieFaceCount: 1, distance: 0.3 },
      MODEL,
      1,
    );
    expect(r.warnings).toEqual([FACE_WARNINGS.ktpOutsidePortraitArea]);
  });

  it('returns a copy of the thresholds, not the frozen constant', () => {
    const r = verdict({ ktpFaceFound: true, selfieFaceCount: 1, distance: 0.3 }, MODEL, 1);
    expect(r.thresholds).not.toBe(FACE_THRESHOLDS);
    expect(Object.isFrozen(r.thresholds)).toBe(false);
  });
});
