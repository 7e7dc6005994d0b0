/**
 * A seven-segment digit reader for the NIK line. Tesseract's LSTM was trained on ordinary type and
 * gives up on a NIK printed in a segment-style face (measured: 0 of 6 right, DSEG7). Segment digits
 * are read by what they are: the line is cut into digit cells at the white columns between them,
 * each cell is sampled where the seven segments would be (a horizontal zone is "on" when some
 * row of it is mostly ink, a vertical zone when some column is), and the on/off pattern is looked
 * up. The pattern table allows the common variants (6 with or without the top bar, 7 with or
 * without the left hook, 9 with or without the bottom bar). A cell whose pattern is not a digit,
 * or whose zones sit near the on/off line, makes the whole read unsure; the caller only uses the
 * read when Tesseract's own NIK reads were unsure, and the vote and the NIK's structure decide.
 */

/** Grey pixels, 0 = black … 255 = white. */
export interface GreyImage {
  data: Uint8Array | Float32Array;
  width: number;
  height: number;
}

export interface SegmentRead {
  /** The digits of the number, left to right. */
  text: string;
  /** 0..1: the weakest cell's clarity (0 when a cell is no digit). */
  confidence: number;
  /** Digit cells in the run read. */
  cells: number;
}

type Segment = 'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g';
const SEGMENTS: readonly Segment[] = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];

/** Zones as fractions of the digit cell: [x0, x1, y0, y1], and whether the stroke runs across (h) or down (v). */
const ZONES: Record<Segment, { box: readonly [number, number, number, number]; dir: 'h' | 'v' }> = {
  a: { box: [0.3, 0.7, 0, 0.22], dir: 'h' },
  g: { box: [0.3, 0.7, 0.38, 0.62], dir: 'h' },
  d: { box: [0.3, 0.7, 0.78, 1], dir: 'h' },
  f: { box: [0, 0.32, 0.14, 0.38], dir: 'v' },
  b: { box: [0.68, 1, 0.14, 0.38], dir: 'v' },
  e: { box: [0, 0.32, 0.62, 0.86], dir: 'v' },
  c: { box: [0.68, 1, 0.62, 0.86], dir: 'v' },
};

const PATTERNS: readonly (readonly [string, string])[] = [
  ['0', 'abcdef'],
  ['1', 'bc'],
  ['2', 'abdeg'],
  ['3', 'abcdg'],
  ['4', 'bcfg'],
  ['5', 'acdfg'],
  ['6', 'acdefg'],
  ['6', 'cdefg'],
  ['7', 'abc'],
  ['7', 'abcf'],
  ['8', 'abcdefg'],
  ['9', 'abcdfg'],
  ['9', 'abcfg'],
];

/** A zone is on above this share of ink along its best line; the clarity is the distance from it. */
const ON = 0.5;
/** A pixel this much darker than its neighbourhood's mean is ink even above Otsu's threshold … */
const LOCAL_DARKER = 0.82;
/** … unless it is this light (paper grain, JPEG ringing). */
const FAINT_LIMIT = 215;
/** Gaps up to this share of the digit height are inside a digit (between a bar and a side); digits stand further apart. */
const JOINT_GAP = 0.06;
/** A narrow cell ('1', or the colon) is narrower than this share of a full digit. */
const NARROW = 0.55;

/** Otsu's threshold over the image's grey levels. */
export function otsuThreshold(img: GreyImage): number {
  const hist = new Float64Array(256);
  for (const v of img.data) hist[Math.max(0, Math.min(255, Math.round(v)))]! += 1;
  const total = img.data.length;
  let sumAll = 0;
  for (let i = 0; i < 256; i++) sumAll += i * (hist[i] as number);
  let sumBelow = 0;
  let countBelow = 0;
  let best = 128;
  let bestVar = -1;
  for (let t = 0; t < 256; t++) {
    countBelow += hist[t] as number;
    if (countBelow === 0 || countBelow === total) continue;
    sumBelow += t * (hist[t] as number);
    const mBelow = sumBelow / countBelow;
    const mAbove = (sumAll - sumBelow) / (total - countBelow);
    const between = countBelow * (total - countBelow) * (mBelow - mAbove) ** 2;
    if (between > bestVar) {
      bestVar = between;
      best = t;
    }
  }
  return best;
}

interface Ink {
  on: Uint8Array;
  width: number;
  height: number;
}

/**
 * Ink: darker than Otsu's threshold, or clearly darker than its surroundings (a box mean of a
 * third of the crop's height) — a photographed card's light falls off along the line, and a
 * faint stroke at its dim end is still a stroke.
 */
function inkOf(img: GreyImage): Ink {
  const t = otsuThreshold(img);
  const { width: w, height: h } = img;
  const sum = new Float64Array((w + 1) * (h + 1));
  for (let y = 0; y < h; y++) {
    let row = 0;
    for (let x = 0; x < w; x++) {
      row += img.data[y * w + x] as number;
      sum[(y + 1) * (w + 1) + x + 1] = (sum[y * (w + 1) + x + 1] as number) + row;
    }
  }
  const r = Math.max(4, Math.round(h / 3));
  const on = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const y0 = Math.max(0, y - r);
    const y1 = Math.min(h, y + r + 1);
    for (let x = 0; x < w; x++) {
      const x0 = Math.max(0, x - r);
      const x1 = Math.min(w, x + r + 1);
      const area = (y1 - y0) * (x1 - x0);
      const mean =
        ((sum[y1 * (w + 1) + x1] as number) -
          (sum[y0 * (w + 1) + x1] as number) -
          (sum[y1 * (w + 1) + x0] as number) +
          (sum[y0 * (w + 1) + x0] as number)) /
        area;
      const v = img.data[y * w + x] as number;
      on[y * w + x] = v <= t || (v < mean * LOCAL_DARKER && v < FAINT_LIMIT) ? 1 : 0;
    }
  }
  return { on, width: w, height: h };
}

/** The run of rows holding the digits: the longest stretch of inked rows through the middle third. */
function digitBand(ink: Ink): { y0: number; y1: number } | null {
  const rows = new Float64Array(ink.height);
  for (let y = 0; y < ink.height; y++) {
    let n = 0;
    for (let x = 0; x < ink.width; x++) n += ink.on[y * ink.width + x] as number;
    rows[y] = n;
  }
  const peak = Math.max(...rows);
  if (peak === 0) return null;
  const inked = (y: number) => (rows[y] as number) >= peak * 0.04;
  // Runs of inked rows; a blank sliver between two (where a face's bars stop short of its sides) joins them.
  const runs: { y0: number; y1: number }[] = [];
  for (let y = 0; y < ink.height;) {
    if (!inked(y)) {
      y++;
      continue;
    }
    const y0 = y;
    while (y < ink.height && inked(y)) y++;
    const last = runs.at(-1);
    if (last !== undefined && y0 - last.y1 <= Math.max(2, (y - last.y0) * JOINT_GAP)) last.y1 = y;
    else runs.push({ y0, y1: y });
  }
  let best: { y0: number; y1: number } | null = null;
  for (const run of runs) {
    const middle = run.y0 < ink.height * 0.67 && run.y1 > ink.height * 0.33;
    if (middle && (best === null || run.y1 - run.y0 > best.y1 - best.y0)) best = run;
  }
  return best;
}

/** Runs of inked columns inside the band. */
function columnRuns(ink: Ink, band: { y0: number; y1: number }): { x0: number; x1: number }[] {
  const runs: { x0: number; x1: number }[] = [];
  let start = -1;
  for (let x = 0; x <= ink.width; x++) {
    let any = false;
    if (x < ink.width) for (let y = band.y0; y < band.y1 && !any; y++) any = ink.on[y * ink.width + x] === 1;
    if (any && start < 0) start = x;
    if (!any && start >= 0) {
      runs.push({ x0: start, x1: x });
      start = -1;
    }
  }
  return runs;
}

/** Runs a sliver apart are one digit (a face whose bars stop short of its sides); digits stand further apart. */
function joinSlivers(runs: readonly { x0: number; x1: number }[], bridge: number): { x0: number; x1: number }[] {
  const out: { x0: number; x1: number }[] = [];
  for (const r of runs) {
    const last = out.at(-1);
    if (last !== undefined && r.x0 - last.x1 <= bridge) last.x1 = r.x1;
    else out.push({ ...r });
  }
  return out;
}

/** Share of ink along the zone's best row (h) or column (v). */
function zoneInk(ink: Ink, cell: { x0: number; x1: number; y0: number; y1: number }, s: Segment): number {
  const z = ZONES[s];
  const w = cell.x1 - cell.x0;
  const h = cell.y1 - cell.y0;
  const x0 = Math.max(0, Math.floor(cell.x0 + z.box[0] * w));
  const x1 = Math.min(ink.width, Math.ceil(cell.x0 + z.box[1] * w));
  const y0 = Math.max(0, Math.floor(cell.y0 + z.box[2] * h));
  const y1 = Math.min(ink.height, Math.ceil(cell.y0 + z.box[3] * h));
  if (x1 <= x0 || y1 <= y0) return 0;
  let best = 0;
  if (z.dir === 'h') {
    for (let y = y0; y < y1; y++) {
      let n = 0;
      for (let x = x0; x < x1; x++) n += ink.on[y * ink.width + x] as number;
      best = Math.max(best, n / (x1 - x0));
    }
  } else {
    for (let x = x0; x < x1; x++) {
      let n = 0;
      for (let y = y0; y < y1; y++) n += ink.on[y * ink.width + x] as number;
      best = Math.max(best, n / (y1 - y0));
    }
  }
  return best;
}

/** The digit a cell shows and how clearly (0..1), or '?' when its segments spell no digit. */
function readCell(
  ink: Ink,
  cell: { x0: number; x1: number; y0: number; y1: number },
): { digit: string; clarity: number } {
  const levels = SEGMENTS.map((s) => zoneInk(ink, cell, s));
  const lit = SEGMENTS.filter((_, i) => (levels[i] as number) > ON).join('');
  const match = PATTERNS.find(([, p]) => p === lit);
  const clarity = Math.min(...levels.map((v) => Math.min(1, Math.abs(v - ON) / ON)));
  return match === undefined ? { digit: '?', clarity: 0 } : { digit: match[0], clarity };
}

const widthOf = (r: { x0: number; x1: number } | undefined): number => (r === undefined ? 0 : r.x1 - r.x0);
const median = (v: readonly number[]): number => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? 0;

interface Cell {
  x0: number;
  x1: number;
  digit: string;
  clarity: number;
}

/**
 * Reads the segment digits in a grey crop of the NIK line. Null when nothing digit-shaped is
 * there. The number is the longest run of digit cells at one pitch: the label and the colon
 * before it (other type, other spacing, or two dots) and marks after it fall outside the run.
 */
export function readSegmentDigits(img: GreyImage): SegmentRead | null {
  const ink = inkOf(img);
  const band = digitBand(ink);
  if (band === null) return null;
  const height = band.y1 - band.y0;
  const raw = columnRuns(ink, band).filter((r) => r.x1 - r.x0 >= Math.max(2, height * 0.04));
  const rawHeight = median(raw.map((r) => inkExtent(ink, r, band)).map((e) => e.y1 - e.y0));
  const runs = joinSlivers(raw, Math.max(1, Math.round(rawHeight * JOINT_GAP)));
  if (runs.length < 4) return null;
  const widths = runs.map((r) => r.x1 - r.x0).sort((a, b) => a - b);
  const full = widths[Math.floor(widths.length * 0.75)] as number; // most digits are full width
  if (full < height * 0.3 || full > height * 1.2) return null; // not digit-shaped cells
  // The line may slope (a photographed card's perspective): each cell takes its own run's ink
  // extent as top and bottom, since every segment digit spans (nearly) the full height.
  const extents = runs.map((r) => inkExtent(ink, r, band));
  const digitHeight = median(extents.filter((_, i) => widthOf(runs[i]) >= full * NARROW).map((e) => e.y1 - e.y0));
  const cells: Cell[] = [];
  for (const [i, run] of runs.entries()) {
    const width = run.x1 - run.x0;
    const extent = extents[i] as { y0: number; y1: number };
    // Digits merged by blur: cut evenly (they share one pitch).
    const parts = width > full * 1.6 ? Math.round(width / full) : 1;
    for (let k = 0; k < parts; k++) {
      const x0 = run.x0 + (k * width) / parts;
      const x1 = run.x0 + ((k + 1) * width) / parts;
      const narrow = x1 - x0 < full * NARROW;
      // A '1' stands at the right of its cell; the colon is a narrow cell too, but two dots, not a bar.
      if (narrow && extent.y1 - extent.y0 < digitHeight * 0.6) continue;
      const cell = { x0: narrow ? x1 - full : x0, x1, y0: extent.y0, y1: extent.y1 + 1 };
      cells.push({ x0: cell.x0, x1, ...readCell(ink, cell) });
    }
  }
  const run = longestEvenRun(cells);
  if (run.length === 0) return null;
  const confidence = Math.min(...run.map((c) => c.clarity));
  return {
    text: run.map((c) => c.digit).join(''),
    confidence: Math.round(confidence * 1000) / 1000,
    cells: run.length,
  };
}

/** The longest stretch of digit cells whose right edges step by one pitch (± 30 %: perspective stretches one end). */
function longestEvenRun(cells: readonly Cell[]): Cell[] {
  const steps = cells
    .slice(1)
    .map((c, i) => c.x1 - (cells[i] as Cell).x1)
    .sort((a, b) => a - b);
  const pitch = steps[Math.floor(steps.length / 2)] ?? 0;
  let best: Cell[] = [];
  let current: Cell[] = [];
  for (const cell of cells) {
    const last = current.at(-1);
    const even = last !== undefined && Math.abs(cell.x1 - last.x1 - pitch) <= pitch * 0.3;
    if (cell.digit === '?') current = [];
    else current = even ? [...current, cell] : [cell];
    if (current.length > best.length) best = current;
  }
  return best;
}

/**
 * The run's digit, top to bottom: the inked rows around the band's middle, bridging the small gaps
 * between segments, searched half a band beyond the band (a sloping line's ends stick out of it)
 * and stopping at a wider gap (the next line).
 */
function inkExtent(
  ink: Ink,
  run: { x0: number; x1: number },
  band: { y0: number; y1: number },
): { y0: number; y1: number } {
  const h = band.y1 - band.y0;
  const lo = Math.max(0, Math.floor(band.y0 - h / 2));
  const hi = Math.min(ink.height - 1, Math.ceil(band.y1 + h / 2));
  const inked = (y: number): boolean => {
    for (let x = run.x0; x < run.x1; x++) if (ink.on[y * ink.width + x] === 1) return true;
    return false;
  };
  const maxGap = Math.max(2, Math.round(h * 0.15));
  const middle = Math.round((band.y0 + band.y1) / 2);
  let mid = middle;
  for (let d = 0; d <= h / 2; d++) {
    if (inked(middle - d)) {
      mid = middle - d;
      break;
    }
    if (inked(middle + d)) {
      mid = middle + d;
      break;
    }
  }
  let y0 = mid;
  for (let y = mid, gap = 0; y >= lo && gap <= maxGap; y--) {
    if (inked(y)) {
      y0 = y;
      gap = 0;
    } else gap++;
  }
  let y1 = mid;
  for (let y = mid, gap = 0; y <= hi && gap <= maxGap; y++) {
    if (inked(y)) {
      y1 = y;
      gap = 0;
    } else gap++;
  }
  return { y0, y1 };
}
