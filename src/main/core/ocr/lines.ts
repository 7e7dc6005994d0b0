/**
 * Reads Tesseract's block tree into plain lines (text, confidence, boxes) for the parser, and
 * locates the NIK line for the second, digits-only pass. The NIK is the hardest field (OCR-A
 * digits 6/8/9 get confused), and a PSM 7 read of just the number with a digit whitelist adds
 * ≈ 6 points for < 0.1 s (identity-desk.md).
 */
import type { Page } from 'tesseract.js';

import { splitLabel } from '../../../shared/identity/ktp/labels';
import type { TextLine } from '../../../shared/identity/ktp/parser';

export interface Bbox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface OcrLineBox {
  text: string;
  /** Tesseract's 0..100. */
  confidence: number;
  bbox: Bbox;
  words: { text: string; confidence: number; bbox: Bbox }[];
}

export function linesOf(page: Page): OcrLineBox[] {
  const out: OcrLineBox[] = [];
  for (const block of page.blocks ?? []) {
    for (const para of block.paragraphs) {
      for (const line of para.lines) {
        out.push({
          text: line.text.replace(/\s+$/, ''),
          confidence: line.confidence,
          bbox: line.bbox,
          words: line.words.map((w) => ({ text: w.text, confidence: w.confidence, bbox: w.bbox })),
        });
      }
    }
  }
  return out;
}

const digitCount = (s: string) => (s.match(/[0-9]/g) ?? []).length;

/** The line labelled NIK; failing that, the digit-richest of the first lines (the NIK sits under the header). */
export function findNikLine(lines: readonly OcrLineBox[]): OcrLineBox | null {
  const labelled = lines.find((l) => splitLabel(l.text).label === 'nik');
  if (labelled !== undefined) return labelled;
  let best: OcrLineBox | null = null;
  for (const l of lines.slice(0, 5)) {
    if (digitCount(l.text) >= 10 && (best === null || digitCount(l.text) > digitCount(best.text))) best = l;
  }
  return best;
}

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * The NIK number's rectangle: from the first word holding digits to the line's end, padded by a
 * third of the line height. Without a NIK line, the e-KTP layout's NIK band (fractions of the card).
 * `wholeLine`: from the line's start (the seven-segment reader finds the number itself; Tesseract's
 * first digit word on a segment face is often not the number's first digit).
 */
export function nikRectangle(line: OcrLineBox | null, width: number, height: number, wholeLine = false): Rect {
  const clamp = (r: Rect): Rect => {
    const left = Math.max(0, Math.min(width - 1, Math.round(r.left)));
    const top = Math.max(0, Math.min(height - 1, Math.round(r.top)));
    return {
      left,
      top,
      width: Math.max(1, Math.min(width - left, Math.round(r.width))),
      height: Math.max(1, Math.min(height - top, Math.round(r.height))),
    };
  };
  if (line === null) {
    return clamp({ left: width * 0.26, top: height * 0.155, width: width * 0.49, height: height * 0.085 });
  }
  const pad = (line.bbox.y1 - line.bbox.y0) / 3;
  const firstDigits = line.words.find((w) => digitCount(w.text) >= 2);
  const x0 = wholeLine ? line.bbox.x0 : (firstDigits?.bbox.x0 ?? line.bbox.x0 + (line.bbox.x1 - line.bbox.x0) * 0.25);
  return clamp({
    left: x0 - pad,
    top: line.bbox.y0 - pad,
    width: line.bbox.x1 - x0 + 2 * pad,
    height: line.bbox.y1 - line.bbox.y0 + 2 * pad,
  });
}

/**
 * The confidence the parser gets for a line: that of its weakest value word (words right of the
 * label). Tesseract's line confidence is dragged down by a misread colon and up by a well-read
 * label; the weakest value word predicts a wrong field much better (on the 60 fixture cards, the
 * chance that a right field scores above a wrong one: 0.84, against 0.63 for the line confidence).
 */
export function valueConfidence(line: OcrLineBox): number {
  const split = splitLabel(line.text);
  const start = split.label === null ? 0 : Math.max(0, line.text.indexOf(split.value));
  let pos = 0;
  let min = Infinity;
  for (const w of line.words) {
    const at = line.text.indexOf(w.text, pos);
    if (at >= 0) pos = at + w.text.length;
    if (at >= start && /[A-Za-z0-9]/.test(w.text)) min = Math.min(min, w.confidence);
  }
  return Number.isFinite(min) ? min : line.confidence;
}

/**
 * The lines as the parser takes them, confidences on its 0..1 scale. Tesseract's are 0..100, and
 * the parser reads a value of 1 or less as already 0..1: a word Tesseract gave 1 % was shown as
 * sure (a flash-washed "CC7/00" became RT/RW 007/000 at confidence 1.00).
 */
export function parserLines(boxes: readonly OcrLineBox[]): TextLine[] {
  return boxes.map((l) => ({ text: l.text, confidence: valueConfidence(l) / 100 }));
}
