// The selfie's retry on the frame's centre with a grey margin, with a fake detector.
import { describe, expect, it } from 'vitest';

import { PAD_GREY, type RawImage } from '../../../src/main/core/face/image';
import type { DescribedFace, DescribeRaw } from '../../../src/main/core/face/ktp-portrait';
import { locateSelfieFaces } from '../../../src/main/core/face/selfie';

const frame: RawImage = { data: new Uint8Array(1280 * 720 * 3).fill(90), width: 1280, height: 720 };
const face = (x: number, y: number, score = 0.9): DescribedFace => ({
  box: { x, y, width: 100, height: 120 },
  score,
  descriptor: new Float32Array(128),
});

function fake(answers: ((img: RawImage) => DescribedFace[])[]): { describe: DescribeRaw; seen: RawImage[] } {
  const seen: RawImage[] = [];
  return {
    seen,
    describe: async (img) => {
      seen.push(img);
      return answers[seen.length - 1]?.(img) ?? [];
    },
  };
}

describe('locateSelfieFaces', () => {
  it('uses the whole frame when it shows faces, and counts them all', async () => {
    const d = fake([() => [face(100, 100), face(700, 120, 0.6)]]);
    const r = await locateSelfieFaces(frame, d.describe);
    expect(r.passes).toBe(1);
    expect(r.faces).toHaveLength(2);
    expect(d.seen[0]).toBe(frame);
  });

  it('retries on the centre of the frame padded with grey and maps the face back', async () => {
    const d = fake([() => [], (img) => [face(img.width / 2 - 50, img.height / 2 - 60)]]);
    const r = await locateSelfieFaces(frame, d.describe);
    expect(r.passes).toBe(2);
    const second = d.seen[1];
    expect(second?.width).toBeGreaterThan(768); // 60% of the width, then the margin
    expect(second?.data[0]).toBe(PAD_GREY);
    expect(r.faces).toHaveLength(1);
    // The centre of the retried crop is the centre of the frame.
    expect(Math.abs((r.faces[0]?.box.x ?? 0) + 50 - 640)).toBeLessThan(2);
    expect(Math.abs((r.faces[0]?.box.y ?? 0) + 60 - 360)).toBeLessThan(2);
  });

  it('no face in either pass: empty', async () => {
    const r = await locateSelfieFaces(frame, fake([]).describe);
    expect(r.faces).toEqual([]);
    expect(r.passes).toBe(2);
  });
});
