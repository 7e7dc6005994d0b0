/**
 * The card's four corners from its blob, robust to a corner the blob lost and to background that
 * bled into it. Shadow, glare or a thumb eat a corner of the card's blue; a bright background
 * joins it. The blob's extreme points then pull a corner inward or outward and the perspective
 * correction squeezes half the card away. Instead: the straight runs of the blob's outline (Hough
 * peaks), and of every two pairs of near-parallel runs, the card-shaped quadrilateral whose sides
 * most outline points lie along — a corner cut by a shadow is no run the outline follows for long,
 * the two real edges beside it are, so the corner is rebuilt where they meet; a bulge of background
 * is not straight, so the card's edge under it still is one. Each side is then refitted to the
 * outline points along it. Works at any in-plane turn.
 */
export interface Point {
  x: number;
  y: number;
}

function cross(o: Point, a: Point, b: Point): number {
  return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
}

/** Andrew's monotone chain; counter-clockwise in maths axes (clockwise on screen, y down), no collinear points. */
export function convexHull(points: readonly Point[]): Point[] {
  const p = [...points].sort((a, b) => a.x - b.x || a.y - b.y);
  if (p.length < 3) return p;
  const lower: Point[] = [];
  for (const q of p) {
    while (lower.length >= 2 && cross(lower.at(-2) as Point, lower.at(-1) as Point, q) <= 0) lower.pop();
    lower.push(q);
  }
  const upper: Point[] = [];
  for (const q of [...p].reverse()) {
    while (upper.length >= 2 && cross(upper.at(-2) as Point, upper.at(-1) as Point, q) <= 0) upper.pop();
    upper.push(q);
  }
  return [...lower.slice(0, -1), ...upper.slice(0, -1)];
}

export function polygonArea(poly: readonly Point[]): number {
  let s = 0;
  for (let i = 0; i < poly.length; i++) {
    const a = poly[i] as Point;
    const b = poly[(i + 1) % poly.length] as Point;
    s += a.x * b.y - b.x * a.y;
  }
  return Math.abs(s) / 2;
}

/** Where line a1→a2 meets line b1→b2; null when (nearly) parallel. */
function intersect(a1: Point, a2: Point, b1: Point, b2: Point): Point | null {
  const d = (a2.x - a1.x) * (b2.y - b1.y) - (a2.y - a1.y) * (b2.x - b1.x);
  if (Math.abs(d) < 1e-9) return null;
  const t = ((b1.x - a1.x) * (b2.y - b1.y) - (b1.y - a1.y) * (b2.x - b1.x)) / d;
  return { x: a1.x + t * (a2.x - a1.x), y: a1.y + t * (a2.y - a1.y) };
}

/** Four corners as top-left, top-right, bottom-right, bottom-left on screen (y down). */
export function orderCorners(q: readonly Point[]): { tl: Point; tr: Point; br: Point; bl: Point } | null {
  if (q.length !== 4) return null;
  const cx = q.reduce((s, p) => s + p.x, 0) / 4;
  const cy = q.reduce((s, p) => s + p.y, 0) / 4;
  const byAngle = [...q].sort((a, b) => Math.atan2(a.y - cy, a.x - cx) - Math.atan2(b.y - cy, b.x - cx));
  let start = 0;
  byAngle.forEach((p, k) => {
    const s = byAngle[start] as Point;
    if (p.x + p.y < s.x + s.y) start = k;
  });
  const [tl, tr, br, bl] = [0, 1, 2, 3].map((k) => byAngle[(start + k) % 4] as Point) as [Point, Point, Point, Point];
  return { tl, tr, br, bl };
}

interface Line {
  /** A point on the line and its unit direction. */
  p: Point;
  d: Point;
}

/** Total-least-squares line through points (their principal axis). */
function fitLine(points: readonly Point[]): Line | null {
  if (points.length < 2) return null;
  const mx = points.reduce((s, q) => s + q.x, 0) / points.length;
  const my = points.reduce((s, q) => s + q.y, 0) / points.length;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (const q of points) {
    sxx += (q.x - mx) ** 2;
    sxy += (q.x - mx) * (q.y - my);
    syy += (q.y - my) ** 2;
  }
  const angle = Math.atan2(2 * sxy, sxx - syy) / 2;
  return { p: { x: mx, y: my }, d: { x: Math.cos(angle), y: Math.sin(angle) } };
}

const distanceToLine = (q: Point, l: Line): number => Math.abs((q.x - l.p.x) * l.d.y - (q.y - l.p.y) * l.d.x);

/** Refit bands, as a share of the card's size (√area); never narrower than MIN_BAND grid cells. */
const REFINE_BANDS = [0.02, 0.01];
const MIN_BAND = 1.5;

/**
 * Each side of `quad` refitted to the outline points lying along it: points further than a band
 * from the side (where a shadow cut the corner, where background bled in) are left out, the line
 * is fitted to the rest and the band narrowed; corners are where the refitted sides meet. A side
 * with too few points keeps its first estimate.
 */
function refineQuad(outline: readonly Point[], quad: readonly Point[]): Point[] {
  if (quad.length !== 4) return [...quad];
  const size = Math.sqrt(polygonArea(quad));
  const sides: Line[] = [];
  for (let s = 0; s < 4; s++) {
    const a = quad[s] as Point;
    const b = quad[(s + 1) % 4] as Point;
    const length = Math.hypot(b.x - a.x, b.y - a.y);
    let line: Line = { p: a, d: { x: (b.x - a.x) / Math.max(1e-9, length), y: (b.y - a.y) / Math.max(1e-9, length) } };
    for (const band of REFINE_BANDS) {
      const along = outline.filter((q) => {
        const t = ((q.x - a.x) * line.d.x + (q.y - a.y) * line.d.y) / Math.max(1e-9, length);
        // The middle of the side only: near the corners the points belong to both sides.
        return t > 0.1 && t < 0.9 && distanceToLine(q, line) < Math.max(MIN_BAND, band * size);
      });
      if (along.length < 6) break;
      const fitted = fitLine(along);
      if (fitted === null) break;
      // Keep the side's direction (a → b), so the next band still measures along it from a.
      const same = fitted.d.x * (b.x - a.x) + fitted.d.y * (b.y - a.y) >= 0;
      line = same ? fitted : { p: fitted.p, d: { x: -fitted.d.x, y: -fitted.d.y } };
    }
    sides.push(line);
  }
  const corners: Point[] = [];
  for (let s = 0; s < 4; s++) {
    const prev = sides[(s + 3) % 4] as Line;
    const cur = sides[s] as Line;
    const meet = intersect(prev.p, { x: prev.p.x + prev.d.x, y: prev.p.y + prev.d.y }, cur.p, {
      x: cur.p.x + cur.d.x,
      y: cur.p.y + cur.d.y,
    });
    corners.push(meet ?? (quad[s] as Point));
  }
  return corners;
}

/** Straight runs of the outline found by the Hough transform (strongest first, after suppression). */
const MAX_LINES = 10;
/** Opposite sides of a card in perspective differ in direction by less than this. */
const MAX_OPPOSITE_TURN_DEG = 35;
/** Adjacent sides meet at more than this. */
const MIN_CORNER_DEG = 50;

interface HoughLine {
  /** Normal angle, radians, in [0, π). */
  theta: number;
  rho: number;
  votes: number;
}

function lineThrough(h: HoughLine): [Point, Point] {
  const c = Math.cos(h.theta);
  const s = Math.sin(h.theta);
  const p = { x: h.rho * c, y: h.rho * s };
  return [p, { x: p.x - s, y: p.y + c }];
}

/** The outline's straightest runs: Hough peaks over 1° × 1 cell, each peak's neighbourhood suppressed. */
function houghLines(outline: readonly Point[], band: number): HoughLine[] {
  const steps = 180;
  let maxRho = 1;
  for (const q of outline) maxRho = Math.max(maxRho, Math.hypot(q.x, q.y));
  const bins = Math.ceil(2 * maxRho) + 1;
  const acc = new Uint16Array(steps * bins);
  const cos = Array.from({ length: steps }, (_, t) => Math.cos((t * Math.PI) / steps));
  const sin = Array.from({ length: steps }, (_, t) => Math.sin((t * Math.PI) / steps));
  for (const q of outline)
    for (let t = 0; t < steps; t++) {
      const r = Math.round(q.x * (cos[t] ?? 0) + q.y * (sin[t] ?? 0) + maxRho);
      const i = t * bins + r;
      acc[i] = (acc[i] ?? 0) + 1;
    }
  const lines: HoughLine[] = [];
  const minVotes = Math.max(6, outline.length * 0.02);
  while (lines.length < MAX_LINES) {
    let best = -1;
    let votes = 0;
    for (let i = 0; i < acc.length; i++)
      if ((acc[i] ?? 0) > votes) {
        votes = acc[i] ?? 0;
        best = i;
      }
    if (best < 0 || votes < minVotes) break;
    const t0 = Math.floor(best / bins);
    const r0 = best % bins;
    lines.push({ theta: (t0 * Math.PI) / steps, rho: r0 - maxRho, votes });
    const dt = 6;
    const dr = Math.ceil(2 * band);
    for (let d = -dt; d <= dt; d++) {
      // θ wraps at 180°, where ρ changes sign.
      const t = (t0 + d + steps) % steps;
      const flip = t0 + d < 0 || t0 + d >= steps;
      const rc = flip ? bins - 1 - r0 : r0;
      for (let r = Math.max(0, rc - dr); r <= Math.min(bins - 1, rc + dr); r++) acc[t * bins + r] = 0;
    }
  }
  return lines;
}

/** Angle between two line directions, degrees in [0, 90]. */
function turnBetween(a: HoughLine, b: HoughLine): number {
  const d = (Math.abs(a.theta - b.theta) * 180) / Math.PI;
  return Math.min(d, 180 - d);
}

function distanceToSegment(q: Point, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const t = Math.max(0, Math.min(1, ((q.x - a.x) * dx + (q.y - a.y) * dy) / Math.max(1e-9, dx * dx + dy * dy)));
  return Math.hypot(q.x - (a.x + t * dx), q.y - (a.y + t * dy));
}

/**
 * An ID card seen at up to ~30°: opposite sides at least MIN_OPPOSITE_RATIO of each other, the long
 * pair 1.15–2.3 times the short pair (85.6 × 54 mm is 1.59).
 */
const MIN_OPPOSITE_RATIO = 0.6;
const ASPECT_RANGE = [1.15, 2.3] as const;

function cardShaped(q: readonly Point[]): boolean {
  const len = (m: number): number => {
    const a = q[m] as Point;
    const b = q[(m + 1) % 4] as Point;
    return Math.hypot(b.x - a.x, b.y - a.y);
  };
  const [s0, s1, s2, s3] = [len(0), len(1), len(2), len(3)];
  if (Math.min(s0, s2) < MIN_OPPOSITE_RATIO * Math.max(s0, s2)) return false;
  if (Math.min(s1, s3) < MIN_OPPOSITE_RATIO * Math.max(s1, s3)) return false;
  const ratio = (s0 + s2) / Math.max(1e-9, s1 + s3);
  const aspect = ratio >= 1 ? ratio : 1 / ratio;
  return aspect >= ASPECT_RANGE[0] && aspect <= ASPECT_RANGE[1];
}

function isConvex(q: readonly Point[]): boolean {
  let sign = 0;
  for (let i = 0; i < q.length; i++) {
    const c = cross(q[i] as Point, q[(i + 1) % q.length] as Point, q[(i + 2) % q.length] as Point);
    if (Math.abs(c) < 1e-9) return false;
    if (sign === 0) sign = Math.sign(c);
    else if (Math.sign(c) !== sign) return false;
  }
  return true;
}

/**
 * The card-shaped quadrilateral, made of two pairs of the outline's straight runs, along whose
 * sides most outline points lie (ties: the smaller), its sides refitted; null when none is found.
 * Its area must be between `minOverHull` and `maxOverHull` times the blob's hull: background that
 * bled in makes the hull larger than the card, a corner rebuilt makes the card larger than the hull.
 */
export function fitQuad(outline: readonly Point[], minOverHull: number, maxOverHull: number): Point[] | null {
  const hull = convexHull(outline);
  if (hull.length < 4) return null;
  const hullArea = polygonArea(hull);
  const band = Math.max(MIN_BAND, 0.02 * Math.sqrt(hullArea));
  const lines = houghLines(outline, band);
  const pairs: [HoughLine, HoughLine][] = [];
  for (let i = 0; i < lines.length; i++)
    for (let j = i + 1; j < lines.length; j++) {
      const a = lines[i] as HoughLine;
      const b = lines[j] as HoughLine;
      if (turnBetween(a, b) < MAX_OPPOSITE_TURN_DEG) pairs.push([a, b]);
    }
  let best: { quad: Point[]; support: number; area: number } | null = null;
  for (let i = 0; i < pairs.length; i++)
    for (let j = i + 1; j < pairs.length; j++) {
      const [a, c] = pairs[i] as [HoughLine, HoughLine];
      const [b, d] = pairs[j] as [HoughLine, HoughLine];
      if (a === b || a === d || c === b || c === d) continue;
      if (turnBetween(a, b) < MIN_CORNER_DEG || turnBetween(c, d) < MIN_CORNER_DEG) continue;
      const sides = [a, b, c, d].map(lineThrough);
      const quad: Point[] = [];
      for (let m = 0; m < 4; m++) {
        const [a1, a2] = sides[(m + 3) % 4] as [Point, Point];
        const [b1, b2] = sides[m] as [Point, Point];
        const meet = intersect(a1, a2, b1, b2);
        if (meet !== null) quad.push(meet);
      }
      if (quad.length !== 4 || !isConvex(quad) || !cardShaped(quad)) continue;
      const area = polygonArea(quad);
      if (area < hullArea * minOverHull || area > hullArea * maxOverHull) continue;
      let support = 0;
      for (const q of outline)
        for (let m = 0; m < 4; m++)
          if (distanceToSegment(q, quad[m] as Point, quad[(m + 1) % 4] as Point) < band) {
            support++;
            break;
          }
      if (best === null || support > best.support || (support === best.support && area < best.area))
        best = { quad, support, area };
    }
  return best === null ? null : refineQuad(outline, best.quad);
}
