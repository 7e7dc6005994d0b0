import { describe, expect, it } from 'vitest';

import { assessFrame, faceHints, type Pixels } from '../../../src/shared/identity/frame-quality';

function frame(w: number, h: number, paint: (x: number, y: number) => number): Pixels {
  const data = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y += 1)
    for (let x = 0; x < w; x += 1) {
      const v = paint(x, y);
      data.set([v, v, v, 255], (y * w + x) * 4);
    }
  return { data, width: w, height: h };
}

/** A "card": mid-grey with dark text-like stripes between x0 and x1. */
const card =
  (x0: number, x1: number, base = 140) =>
  (x: number, y: number) =>
    x >= x0 && x <= x1 && y % 6 < 2 && x % 5 < 3 ? 30 : base;

describe('assessFrame', () => {
  it('passes a sharp, well-lit card that fills the frame', () => {
    expect(assessFrame(frame(160, 90, card(8, 152)), 'card').hints).toEqual([]);
  });
  it('says too dark and too bright', () => {
    expect(assessFrame(frame(160, 90, card(8, 152, 20)), 'card').hints).toContain('tooDark');
    expect(
      assessFrame(
        frame(160, 90, () => 235),
        'face',
      ).hints,
    ).toContain('tooBright');
  });
  it('says blurred for a flat frame', () => {
    expect(
      assessFrame(
        frame(160, 90, () => 128),
        'face',
      ).hints,
    ).toContain('blurred');
  });
  it('says glare when a patch is burnt out', () => {
    const hints = assessFrame(
      frame(160, 90, (x, y) => (x > 100 && y < 30 ? 255 : card(8, 152)(x, y))),
      'card',
    ).hints;
    expect(hints).toContain('glare');
  });
  it('says the card is too small when its edges cover little of the width', () => {
    const q = assessFrame(frame(160, 90, card(60, 100)), 'card');
    expect(q.cardFill).toBeLessThan(0.6);
    expect(q.hints).toContain('cardTooSmall');
  });
  it('never reports card fill for a selfie', () => {
    expect(assessFrame(frame(160, 90, card(60, 100)), 'face').cardFill).toBeNull();
  });
});

describe('faceHints', () => {
  it('asks for a face when none is found', () => {
    expect(faceHints(270, [])).toEqual(['noFace']);
  });
  it('flags a second face and a face too far away', () => {
    expect(faceHints(270, [120, 40])).toEqual(['manyFaces']);
    expect(faceHints(270, [40])).toEqual(['faceTooSmall']);
    expect(faceHints(270, [100])).toEqual([]);
  });
});
