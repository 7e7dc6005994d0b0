// The corner fit on blob outlines (quad-fit.ts): a card's four corners come back where its straight
// edges meet, also when a corner of the blob is cut away or a bulge of background joins an edge, at
// any turn; a blob that is no card shape gives none.
import { describe, expect, it } from 'vitest';

import { convexHull, fitQuad, orderCorners, type Point } from '../../../src/main/core/ocr/quad-fit';

/** The outline of a filled mask as the locator sees it: each row's and column's first and last cell. */
function outlineOf(inside: (x: number, y: number) => boolean, w = 200, h = 150): Point[] {
  const out: Point[] = [];
  for (let y = 0; y < h; y++) {
    const xs = [...Array(w).keys()].filter((x) => inside(x + 0.5, y + 0.5));
    if (xs.length > 0) out.push({ x: xs[0] ?? 0, y: y + 0.5 }, { x: (xs.at(-1) ?? 0) + 1, y: y + 0.5 });
  }
  for (let x = 0; x < w; x++) {
    const ys = [...Array(h).keys()].filter((y) => inside(x + 0.5, y + 0.5));
    if (ys.length > 0) out.push({ x: x + 0.5, y: ys[0] ?? 0 }, { x: x + 0.5, y: (ys.at(-1) ?? 0) + 1 });
  }
  return out;
}

/** A card 128 × 80 (ratio 1.6) centred at (100, 75), turned by `deg`; u, v in 0..1 across it. */
function card(deg: number) {
  const a = (deg * Math.PI) / 180;
  const toCard = (x: number, y: number) => {
    const dx = x - 100;
    const dy = y - 75;
    return {
      u: (dx * Math.cos(a) + dy * Math.sin(a)) / 128 + 0.5,
      v: (-dx * Math.sin(a) + dy * Math.cos(a)) / 80 + 0.5,
    };
  };
  const corner = (u: number, v: number): Point => {
    const dx = (u - 0.5) * 128;
    const dy = (v - 0.5) * 80;
    return { x: 100 + dx * Math.cos(a) - dy * Math.sin(a), y: 75 + dx * Math.sin(a) + dy * Math.cos(a) };
  };
  return { toCard, corners: [corner(0, 0), corner(1, 0), corner(1, 1), corner(0, 1)] };
}

const MAX_OVER_HULL = 1.35;
const MIN_OVER_HULL = 0.7;

function expectCorners(found: Point[] | null, truth: Point[], within: number): void {
  expect(found).not.toBeNull();
  const ordered = orderCorners(found ?? []);
  const want = orderCorners(truth);
  for (const k of ['tl', 'tr', 'br', 'bl'] as const) {
    const f = ordered?.[k];
    const t = want?.[k];
    expect(Math.hypot((f?.x ?? 0) - (t?.x ?? 0), (f?.y ?? 0) - (t?.y ?? 0)), k).toBeLessThan(within);
  }
}

describe('convexHull', () => {
  it('keeps only the corners of a filled rectangle', () => {
    const pts: Point[] = [];
    for (let x = 0; x <= 10; x++) for (let y = 0; y <= 6; y++) pts.push({ x, y });
    expect(convexHull(pts)).toEqual([
      { x: 0, y: 0 },
      { x: 10, y: 0 },
      { x: 10, y: 6 },
      { x: 0, y: 6 },
    ]);
  });
});

describe('fitQuad', () => {
  it('finds a whole card’s corners', () => {
    const c = card(0);
    const inside = (x: number, y: number) => {
      const { u, v } = c.toCard(x, y);
      return u >= 0 && u <= 1 && v >= 0 && v <= 1;
    };
    expectCorners(fitQuad(outlineOf(inside), MIN_OVER_HULL, MAX_OVER_HULL), c.corners, 1.5);
  });

  it('rebuilds a corner a shadow cut away (40 % of both edges) where the edges beside it meet', () => {
    const c = card(12);
    const inside = (x: number, y: number) => {
      const { u, v } = c.toCard(x, y);
      return u >= 0 && u <= 1 && v >= 0 && v <= 1 && u + v <= 1.6;
    };
    expectCorners(fitQuad(outlineOf(inside), MIN_OVER_HULL, MAX_OVER_HULL), c.corners, 1.5);
  });

  it('leaves out a bulge of bright background joined to an edge', () => {
    const c = card(-8);
    const bottomMid = c.corners[2] as Point;
    const inside = (x: number, y: number) => {
      const { u, v } = c.toCard(x, y);
      const inCard = u >= 0 && u <= 1 && v >= 0 && v <= 1;
      return inCard || Math.hypot(x - (bottomMid.x - 35), y - (bottomMid.y + 2)) < 16;
    };
    expectCorners(fitQuad(outlineOf(inside), MIN_OVER_HULL, MAX_OVER_HULL), c.corners, 1.5);
  });

  it('works at any turn: 40° and 75°', () => {
    for (const deg of [40, 75]) {
      const c = card(deg);
      const inside = (x: number, y: number) => {
        const { u, v } = c.toCard(x, y);
        return u >= 0 && u <= 1 && v >= 0 && v <= 1;
      };
      expectCorners(fitQuad(outlineOf(inside), MIN_OVER_HULL, MAX_OVER_HULL), c.corners, 1.5);
    }
  });

  it('finds no card in a square or a disc', () => {
    expect(
      fitQuad(
        outlineOf((x, y) => Math.abs(x - 100) < 50 && Math.abs(y - 75) < 50),
        MIN_OVER_HULL,
        MAX_OVER_HULL,
      ),
    ).toBeNull();
    expect(
      fitQuad(
        outlineOf((x, y) => Math.hypot(x - 100, y - 75) < 60),
        MIN_OVER_HULL,
        MAX_OVER_HULL,
      ),
    ).toBeNull();
  });
});
