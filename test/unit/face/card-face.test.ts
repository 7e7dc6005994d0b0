// Reusing a stored KTP descriptor: only a well-formed one from the running model version is used;
// anything else makes the seam describe the card again from the stored image.
import { describe, expect, it } from 'vitest';

import { type CardFace, usableCardFace } from '../../../src/main/core/face/card-face';
import { lazyEngines } from '../../../src/main/core/identity/engines';
import type { FaceMatchResult } from '../../../src/shared/domain/identity';

const V = 'face-api@1.7.15 ssd_mobilenetv1+tiny_face_detector+face_landmark_68+face_recognition tfjs-wasm@4.22.0';
const card: CardFace = {
  descriptor: Array.from({ length: 128 }, (_, i) => i / 1000),
  insidePortraitArea: true,
  score: 0.9,
  modelVersion: V,
  durationMs: 400,
};

describe('usableCardFace', () => {
  it('accepts a full descriptor from the same model, and "no face on the card"', () => {
    expect(usableCardFace(card, V)).toBe(true);
    expect(usableCardFace({ ...card, descriptor: null }, V)).toBe(true);
  });
  it('refuses another model version, a short or non-finite descriptor, and junk', () => {
    expect(usableCardFace(card, 'face-api@1.7.15 ssd_mobilenetv1+face_landmark_68')).toBe(false);
    expect(usableCardFace({ ...card, descriptor: [1, 2] }, V)).toBe(false);
    expect(usableCardFace({ ...card, descriptor: [...card.descriptor!.slice(1), Number.NaN] }, V)).toBe(false);
    expect(usableCardFace(null, V)).toBe(false);
    expect(usableCardFace({ descriptor: card.descriptor }, V)).toBe(false);
  });
});

describe('lazyEngines.compareFaces', () => {
  const result = (tag: string) => ({ distance: tag === 'cached' ? 0.1 : 0.2 }) as FaceMatchResult;
  const calls: string[] = [];
  const engines = lazyEngines({
    ocr: async () => ({ read: async () => ({}) as never, close: () => undefined }),
    face: async () => ({
      modelVersion: V,
      compare: async () => (calls.push('compare'), result('full')),
      compareWithCard: async () => (calls.push('cached'), result('cached')),
      describeCard: async () => card,
      describeAll: async () => [],
      close: () => undefined,
    }),
    imageHeight: async () => 0,
  });

  it('uses the stored descriptor only when it is usable, else describes the card again', async () => {
    await engines.compareFaces(Buffer.alloc(1), Buffer.alloc(1), card);
    await engines.compareFaces(Buffer.alloc(1), Buffer.alloc(1), { ...card, modelVersion: 'old' });
    await engines.compareFaces(Buffer.alloc(1), Buffer.alloc(1), null);
    await engines.compareFaces(Buffer.alloc(1), Buffer.alloc(1));
    expect(calls).toEqual(['cached', 'compare', 'compare', 'compare']);
  });
});
