/**
 * The identity engines' seam hands the decision screen where the KTP face was found, as fractions
 * of the card image (the engine reports decoded pixels; the screen draws on the original image).
 */
import { describe, expect, it } from 'vitest';

import { lazyEngines } from '../../../src/main/core/identity/engines';
import type { FaceMatchResult } from '../../../src/shared/domain/identity';

const RESULT: FaceMatchResult = {
  distance: 0.4,
  band: 'cocok',
  thresholds: { match: 0.5, review: 0.6 },
  modelVersion: 'uji',
  ktpFaceFound: true,
  selfieFaceCount: 1,
  nearIdentical: false,
  warnings: [],
  durationMs: 1,
};

const engines = (face: { box: { x: number; y: number; width: number; height: number } } | null) =>
  lazyEngines({
    ocr: async () => ({ read: async () => ({ fields: {} as never, durationMs: 0, engine: 'x' }), close: () => {} }),
    face: async () => ({
      compare: async () => RESULT,
      describeCard: async () => {
        throw new Error('not used: no stored card descriptor in these cases');
      },
      compareWithCard: async () => RESULT,
      modelVersion: null,
      compareDetailed: async () => ({ result: RESULT, ktp: { face } }),
      describeAll: async () => [],
      close: () => {},
    }),
    imageHeight: async () => 0,
    decodedSize: async () => ({ width: 1600, height: 900 }),
  });

describe('KTP face box on the face result', () => {
  it('is the face box as fractions of the decoded image', async () => {
    const r = await engines({ box: { x: 1200, y: 180, width: 160, height: 225 } }).compareFaces(
      Buffer.alloc(1),
      Buffer.alloc(1),
    );
    expect(r.ktpFaceBox).toEqual({ x: 0.75, y: 0.2, width: 0.1, height: 0.25 });
    expect(r.distance).toBe(0.4);
  });

  it('is absent when no face was found on the card', async () => {
    const r = await engines(null).compareFaces(Buffer.alloc(1), Buffer.alloc(1));
    expect(r.ktpFaceBox).toBeUndefined();
    expect(r).toEqual(RESULT);
  });
});
