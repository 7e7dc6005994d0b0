// The KTP portrait locator's logic with a fake detector: which regions it shows the detector, the
// grey padding, mapping boxes back to the card, preferring the portrait box, and when it stops.
import { describe, expect, it } from 'vitest';

import { euclidean } from '../../../src/main/core/face/engine';
import { clampBox, crop, PAD_GREY, padWithGrey, type RawImage } from '../../../src/main/core/face/image';
import {
  type DescribedFace,
  type DescribeRaw,
  fractionToBox,
  KTP_CONFIDENT,
  KTP_MIN_CONFIDENCE,
  KTP_PORTRAIT_BOX,
  locateKtpPortrait,
  looksLikeCard,
} from '../../../src/main/core/face/ktp-portrait';

function solid(width: number, height: number, value = 200): RawImage {
  return { data: new Uint8Array(width * height * 3).fill(value), width, height };
}

/** A 1000×630 card whose pixels encode their own x so a crop can be located. */
function card(): RawImage {
  const img = solid(1000, 630);
  for (let y = 0; y < img.height; y++) for (let x = 0; x < img.width; x++) img.data[(y * img.width + x) * 3] = x % 256;
  return img;
}

const face = (x: number, y: number, size: number, score: number): DescribedFace => ({
  box: { x, y, width: size, height: size },
  score,
  descriptor: new Float32Array(128).fill(score),
});

/** Records each call; answers from a queue (one list of faces per call, in that image's coordinates). */
function fakeDetector(answers: ((img: RawImage) => DescribedFace[])[]): {
  describe: DescribeRaw;
  calls: { img: RawImage; minConfidence: number | undefined }[];
} {
  const calls: { img: RawImage; minConfidence: number | undefined }[] = [];
  const describe: DescribeRaw = async (img, minConfidence) => {
    calls.push({ img, minConfidence });
    return answers[calls.length - 1]?.(img) ?? [];
  };
  return { describe, calls };
}

describe('image helpers', () => {
  it('pads with grey to the requested area, centred', () => {
    const p = padWithGrey(solid(100, 60, 10), 4);
    expect([p.image.width, p.image.height, p.offsetX, p.offsetY]).toEqual([200, 120, 50, 30]);
    expect(p.image.data[0]).toBe(PAD_GREY);
    expect(p.image.data[(30 * 200 + 50) * 3]).toBe(10);
    expect(p.image.data[(29 * 200 + 50) * 3]).toBe(PAD_GREY);
  });

  it('crops the right pixels and clamps to the image', () => {
    const c = crop(card(), { x: 990, y: 620, width: 50, height: 50 });
    expect([c.width, c.height]).toEqual([10, 10]);
    expect(c.data[0]).toBe(990 % 256);
    expect(clampBox({ x: 2000, y: 0, width: 10, height: 10 }, 1000, 630)).toBeNull();
  });

  it('tells a card from a portrait by aspect ratio', () => {
    expect(looksLikeCard(1012, 638)).toBe(true);
    expect(looksLikeCard(1280, 720)).toBe(true);
    expect(looksLikeCard(150, 200)).toBe(false);
    expect(looksLikeCard(512, 512)).toBe(false);
  });

  it('measures descriptor distance', () => {
    expect(euclidean(new Float32Array([0, 0, 0]), new Float32Array([3, 4, 0]))).toBe(5);
  });
});

describe('locateKtpPortrait', () => {
  it('first shows the detector the card’s right side on grey, and maps the face back to card pixels', async () => {
    const img = card();
    // In the first crop, put a confident face 100 px right/down of where the region starts.
    const det = fakeDetector([
      (crop0) => {
        const offsetX = Math.floor((crop0.width - Math.round(0.45 * 1000)) / 2);
        const offsetY = Math.floor((crop0.height - (Math.ceil(0.96 * 630) - Math.floor(0.04 * 630))) / 2);
        return [face(offsetX + 300, offsetY + 120, 80, 0.9)];
      },
    ]);
    const r = await locateKtpPortrait(img, det.describe);
    expect(det.calls).toHaveLength(1);
    expect(det.calls[0]?.minConfidence).toBe(KTP_MIN_CONFIDENCE);
    // The region is padded (larger than the right side itself), with grey in the corner.
    expect(det.calls[0]?.img.width).toBeGreaterThan(450);
    expect(det.calls[0]?.img.data[0]).toBe(PAD_GREY);
    expect(r.face?.box.x).toBe(550 + 300);
    expect(r.face?.box.y).toBe(Math.floor(0.04 * 630) + 120);
    expect(r.cardShaped).toBe(true);
    expect(r.insidePortraitArea).toBe(true);
    expect(r.passes).toBe(1);
  });

  it('falls back to the expected portrait box padded with grey when the right side shows no face', async () => {
    const det = fakeDetector([() => [], (img) => [face(img.width / 2 - 40, img.height / 2 - 40, 80, 0.95)]]);
    const r = await locateKtpPortrait(card(), det.describe);
    expect(det.calls).toHaveLength(2);
    const portrait = fractionToBox(KTP_PORTRAIT_BOX, 1000, 630);
    // Second pass: the portrait box on a much larger grey canvas.
    expect(det.calls[1]?.img.width).toBeGreaterThan(portrait.width * 2);
    expect(det.calls[1]?.img.data[0]).toBe(PAD_GREY);
    const f = r.face;
    expect(f).not.toBeNull();
    const cx = (f?.box.x ?? 0) + 40;
    const cy = (f?.box.y ?? 0) + 40;
    expect(Math.abs(cx - (portrait.x + portrait.width / 2))).toBeLessThan(2);
    expect(Math.abs(cy - (portrait.y + portrait.height / 2))).toBeLessThan(2);
  });

  it('keeps trying while only weak faces turn up, and keeps the best', async () => {
    const weak = (score: number) => (img: RawImage) => [face(img.width / 2 - 30, img.height / 2 - 30, 60, score)];
    const det = fakeDetector([weak(0.35), weak(0.45), weak(0.4), weak(0.38)]);
    const r = await locateKtpPortrait(card(), det.describe);
    expect(det.calls).toHaveLength(4);
    expect(r.face?.score).toBe(0.45);
    expect(r.passes).toBe(4);
  });

  it('stops at the first confident face in the portrait box', async () => {
    const det = fakeDetector([
      () => [],
      (img) => [face(img.width / 2 - 30, img.height / 2 - 30, 60, KTP_CONFIDENT + 0.01)],
    ]);
    const r = await locateKtpPortrait(card(), det.describe);
    expect(r.passes).toBe(2);
  });

  it('prefers a face in the portrait box over a more confident one elsewhere', async () => {
    // Whole-card pass (the 4th) sees a strong face on the left and a weaker one in the portrait box.
    const det = fakeDetector([() => [], () => [], () => [], () => [face(100, 200, 90, 0.99), face(820, 250, 90, 0.5)]]);
    const r = await locateKtpPortrait(card(), det.describe);
    expect(r.face?.box.x).toBe(820);
    expect(r.insidePortraitArea).toBe(true);
  });

  it('reports a face found only outside the right side', async () => {
    const det = fakeDetector([() => [], () => [], () => [], () => [face(100, 200, 90, 0.99)]]);
    const r = await locateKtpPortrait(card(), det.describe);
    expect(r.face?.box.x).toBe(100);
    expect(r.insidePortraitArea).toBe(false);
  });

  it('no face anywhere: null after every pass', async () => {
    const det = fakeDetector([]);
    const r = await locateKtpPortrait(card(), det.describe);
    expect(r.face).toBeNull();
    expect(r.insidePortraitArea).toBe(false);
    expect(det.calls).toHaveLength(4);
  });

  it('describes a portrait-shaped image as a whole, then padded', async () => {
    const det = fakeDetector([() => [], (img) => [face(img.width / 2 - 20, img.height / 2 - 20, 40, 0.8)]]);
    const r = await locateKtpPortrait(solid(150, 200), det.describe);
    expect(r.cardShaped).toBe(false);
    expect(det.calls[0]?.img.width).toBe(150);
    expect(det.calls[1]?.img.width).toBeGreaterThan(150);
    expect(r.face?.box.x).toBeCloseTo(75 - 20, 0);
    expect(r.insidePortraitArea).toBe(true);
  });
});
