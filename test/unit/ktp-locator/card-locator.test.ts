// The card locator on synthetic frames: a blue card drawn in perspective on a brown desk is found
// at its corners (also with a corner lost in shadow, or a bright patch of background bleeding into
// it), straightened, turned upright from a quarter or half turn, and nothing is found on a frame
// without a card.
import { describe, expect, it } from 'vitest';

import { homography, locateCardQuad, orientation, rectify, type Rgb } from '../../../src/main/core/ocr/card-locator';

const W = 800;
const H = 600;
const DESK = [140, 95, 60];
const BLUE = [170, 205, 235];
const PHOTO = [200, 120, 90];

const WHITE = [250, 250, 250];

const SHADOW = [45, 45, 48];
const GLOW = [235, 228, 245];

/**
 * A card (blue, with a reddish portrait box on its right) drawn through `corners` onto a desk.
 * `flash`: the card's right third is blown out white, as a flash leaves it; `desk`: the desk's colour;
 * `shadowCorner`: the card's bottom-right corner (u + v > 1.55) dark and colourless, as a hand's shadow
 * leaves it; `glow`: a bright lilac disc of background (card-like pixels) touching the card's bottom edge.
 */
function frame(
  corners: { x: number; y: number }[],
  o: { flash?: boolean; desk?: number[]; shadowCorner?: boolean; glow?: { x: number; y: number; r: number } } = {},
): Rgb {
  const data = Buffer.alloc(W * H * 3);
  const toCard = homography(corners, [
    { x: 0, y: 0 },
    { x: 1, y: 0 },
    { x: 1, y: 1 },
    { x: 0, y: 1 },
  ]);
  const [a, b, c, d, e, f, g, k] = toCard as [number, number, number, number, number, number, number, number];
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const den = g * x + k * y + 1;
      const u = (a * x + b * y + c) / den;
      const v = (d * x + e * y + f) / den;
      const inCard = u >= 0 && u <= 1 && v >= 0 && v <= 1;
      const inPhoto = inCard && u > 0.72 && u < 0.95 && v > 0.2 && v < 0.72;
      const washed = o.flash === true && inCard && u > 0.66;
      const shaded = o.shadowCorner === true && inCard && u + v > 1.55;
      const glowing = o.glow !== undefined && Math.hypot(x - o.glow.x, y - o.glow.y) < o.glow.r;
      const col = shaded
        ? SHADOW
        : washed
          ? WHITE
          : inPhoto
            ? PHOTO
            : inCard
              ? BLUE
              : glowing
                ? GLOW
                : (o.desk ?? DESK);
      data.set(col, (y * W + x) * 3);
    }
  return { data, width: W, height: H };
}

const near = (p: { x: number; y: number }, q: { x: number; y: number }) => Math.hypot(p.x - q.x, p.y - q.y);

describe('locateCardQuad', () => {
  const persp = [
    { x: 150, y: 140 },
    { x: 640, y: 110 },
    { x: 690, y: 450 },
    { x: 120, y: 420 },
  ];
  it('finds the corners of a card in perspective within a few pixels', () => {
    const q = locateCardQuad(frame(persp));
    expect(q).not.toBeNull();
    const found = [q!.tl, q!.tr, q!.br, q!.bl];
    found.forEach((p, i) => expect(near(p, persp[i]!)).toBeLessThan(12));
  });
  it('a card whose portrait side a flash washed out is found whole, white part included', () => {
    const q = locateCardQuad(frame(persp, { flash: true }));
    expect(q).not.toBeNull();
    [q!.tl, q!.tr, q!.br, q!.bl].forEach((p, i) => expect(near(p, persp[i]!)).toBeLessThan(12));
  });
  it('on a white desk the white is not taken for the card: the blue card is found', () => {
    const q = locateCardQuad(frame(persp, { desk: WHITE }));
    expect(q).not.toBeNull();
    [q!.tl, q!.tr, q!.br, q!.bl].forEach((p, i) => expect(near(p, persp[i]!)).toBeLessThan(12));
  });
  it('a corner lost in shadow is rebuilt from the two edges beside it', () => {
    const q = locateCardQuad(frame(persp, { shadowCorner: true }));
    expect(q).not.toBeNull();
    [q!.tl, q!.tr, q!.br, q!.bl].forEach((p, i) => expect(near(p, persp[i]!)).toBeLessThan(12));
  });
  it('a bright patch of background bleeding into the card does not bend its edges', () => {
    const q = locateCardQuad(frame(persp, { glow: { x: 560, y: 470, r: 60 } }));
    expect(q).not.toBeNull();
    [q!.tl, q!.tr, q!.br, q!.bl].forEach((p, i) => expect(near(p, persp[i]!)).toBeLessThan(12));
  });
  it('finds the corners of a card turned 40° in the frame', () => {
    const c = { x: 400, y: 300 };
    const turn = (dx: number, dy: number) => {
      const a = (40 * Math.PI) / 180;
      return { x: c.x + dx * Math.cos(a) - dy * Math.sin(a), y: c.y + dx * Math.sin(a) + dy * Math.cos(a) };
    };
    const turned = [turn(-200, -126), turn(200, -126), turn(200, 126), turn(-200, 126)];
    const q = locateCardQuad(frame(turned));
    expect(q).not.toBeNull();
    [q!.tl, q!.tr, q!.br, q!.bl].forEach((p, i) => expect(near(p, turned[i]!)).toBeLessThan(12));
  });
  it('straightens it upright: the portrait ends up on the right', () => {
    const img = frame(persp);
    const card = rectify(img, locateCardQuad(img)!, 856, 540);
    expect(orientation(card)).toEqual({ deg: 0, certain: true });
  });
  it('relabels a card turned a quarter so the long side is on top, and calls a half turn', () => {
    // The same card turned 90° clockwise: its top-left corner is now top-right.
    const turned = [
      { x: 560, y: 80 },
      { x: 560, y: 560 },
      { x: 250, y: 560 },
      { x: 250, y: 80 },
    ];
    const img = frame(turned);
    const q = locateCardQuad(img)!;
    // The long side is on top: the quad starts at the card's own top-left or at its bottom-right.
    expect(near(q.tl, turned[0]!) < 12 || near(q.tl, turned[2]!) < 12).toBe(true);
    const o = orientation(rectify(img, q, 856, 540));
    expect(o.certain).toBe(true);
    // Started at the bottom-right, the straightened card is upside down, and the portrait says so.
    expect(o.deg).toBe(near(q.tl, turned[0]!) < 12 ? 0 : 180);
  });
  it('finds nothing on a desk without a card', () => {
    const data = Buffer.alloc(W * H * 3);
    for (let i = 0; i < W * H; i++) data.set(DESK, i * 3);
    expect(locateCardQuad({ data, width: W, height: H })).toBeNull();
  });
});
