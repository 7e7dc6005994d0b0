/**
 * Assigns OCR lines to KTP labels using the card's layout, not keywords alone: a line whose label
 * is readable is taken by its label; lines whose label is unreadable are placed by line order
 * between their readable neighbours (the KTP always prints the same labels in the same order); a
 * line with no label right after "Nama" or "Alamat" is the wrapped rest of that value. Lines in an
 * unexpected order still land by label. The result is, per label, the value text and how sure the
 * assignment is.
 */
import { LABEL_ORDER, type LineLabel, splitLabel, valueWithoutLabel } from './labels';

export interface OcrLine {
  text: string;
  /** 0..1 */
  confidence: number;
  /** NIK passes: votes the read counts for (default 1). */
  weight?: number;
}

export interface Assigned {
  /** Value text (continuation lines joined with a space). */
  value: string;
  /** Full line text, for `raw`. */
  raw: string;
  /** The separator token, e.g. "‘1" — the parser uses it to recover "I KETUT". */
  separator: string;
  /** Line confidence × how the label was found (1 exact, less when fuzzy or placed by order). */
  confidence: number;
  /** Confidence of the first line alone; the JK line's Gol. Darah and wrapped names use it. */
  lineConfidence: number;
}

export interface Assignment {
  fields: Partial<Record<LineLabel, Assigned>>;
  /** Lines that could be placed neither by label nor by order, for content-based recovery. */
  unplaced: OcrLine[];
}

/** Values that may wrap onto a second line on a real card. */
const WRAPS = new Set<LineLabel>(['nama', 'alamat', 'pekerjaan']);
/** Factor for a line placed only by its position. */
const BY_ORDER = 0.7;

interface Classified {
  line: OcrLine;
  label: LineLabel | null;
  labelQuality: number;
  value: string;
  separator: string;
}

const orderIndex = (label: LineLabel): number => (LABEL_ORDER as readonly string[]).indexOf(label);

export function assignLines(lines: readonly OcrLine[]): Assignment {
  const rows: Classified[] = lines
    .filter((l) => /[A-Za-z0-9]/.test(l.text))
    .map((line) => ({ line, ...splitLabel(line.text) }));

  // One line per label: keep the best-read one; the others fall back to order placement.
  const owner = new Map<LineLabel, number>();
  rows.forEach((r, i) => {
    if (r.label === null) return;
    const prev = owner.get(r.label);
    const prevRow = prev === undefined ? undefined : rows[prev];
    if (prevRow === undefined || r.labelQuality > prevRow.labelQuality) {
      if (prevRow !== undefined) prevRow.label = null;
      owner.set(r.label, i);
    } else {
      r.label = null;
    }
  });

  const out: Assignment['fields'] = {};
  const unplaced: OcrLine[] = [];
  const put = (label: LineLabel, row: Classified, value: string, factor: number) => {
    out[label] = {
      value,
      raw: row.line.text,
      separator: row.separator,
      confidence: row.line.confidence * factor,
      lineConfidence: row.line.confidence,
    };
  };
  for (const r of rows) if (r.label !== null) put(r.label, r, r.value, r.labelQuality);

  // Runs of unlabeled lines between labeled ones (by position in the OCR output).
  let i = 0;
  while (i < rows.length) {
    if (rows[i]?.label !== null) {
      i++;
      continue;
    }
    const start = i;
    while (i < rows.length && rows[i]?.label === null) i++;
    const run = rows.slice(start, i);
    const before = start > 0 ? (rows[start - 1]?.label ?? null) : null;
    const after = i < rows.length ? (rows[i]?.label ?? null) : null;
    unplaced.push(...placeRun(run, before, after, out, put));
  }
  return { fields: out, unplaced };
}

function placeRun(
  run: Classified[],
  before: LineLabel | null,
  after: LineLabel | null,
  out: Assignment['fields'],
  put: (label: LineLabel, row: Classified, value: string, factor: number) => void,
): OcrLine[] {
  const from = before === null ? -1 : orderIndex(before);
  const to = after === null ? LABEL_ORDER.length : orderIndex(after);
  // Gol. Darah is not in the order; treat it as the Jenis Kelamin slot.
  const lo = before === 'golonganDarah' ? orderIndex('jenisKelamin') : from;
  const hi = after === 'golonganDarah' ? orderIndex('jenisKelamin') : to;
  const missing = LABEL_ORDER.filter((l, k) => k > lo && k < hi && out[l] === undefined);
  let rest = run;
  // More lines than missing labels: the surplus right after a wrapping value continues it.
  if (before !== null && WRAPS.has(before) && rest.length > missing.length) {
    const target = out[before];
    const extra = rest.slice(0, rest.length - missing.length);
    if (target !== undefined) {
      target.value = [target.value, ...extra.map((r) => r.line.text.trim())].join(' ');
      target.raw = [target.raw, ...extra.map((r) => r.line.text)].join('\n');
    }
    rest = rest.slice(extra.length);
  }
  // Header lines have no label when the word PROVINSI / KABUPATEN was lost or never printed.
  if (rest.length === missing.length) {
    rest.forEach((row, k) => {
      const label = missing[k];
      if (label === undefined) return;
      const header = label === 'provinsi' || label === 'kabupatenKota';
      put(label, row, header ? row.line.text.trim() : valueWithoutLabel(row.line.text, label), BY_ORDER);
    });
    return [];
  }
  // Otherwise the run is ambiguous; the parser tries content-based recovery (e.g. a lone 16-digit NIK).
  return rest.map((r) => r.line);
}
