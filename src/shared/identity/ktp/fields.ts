/**
 * Field-specific readers for the KTP lines that hold more than one thing or need context:
 * "Tempat/Tgl Lahir" (a place and a date on one line), "Jenis Kelamin … Gol. Darah" (two fields
 * on one line) and the name ("I KETUT" often read as "| KETUT"). The NIK has its own, nik-read.ts.
 * Kept apart from the layout code so each can be tested on raw strings.
 */
import { findGolDarah } from './labels';
import { cleanText, type Normalized, normalizeDate, normalizeGolonganDarah, normalizeJenisKelamin } from './normalize';

export interface TtlParts {
  tempat: Normalized | null;
  tanggal: Normalized | null;
}

/**
 * Date-like groups, starting with a digit (or O) that does not follow a letter: the place may end in
 * a digit look-alike ("NGAWI", "NIAS") that must stay part of the place. Letters may follow the
 * date (debris from the photo column, "09-06-1971 ee"): they do not make the date any less a date.
 */
const DATE_GROUP =
  /(?<![A-Za-z])[0-9O][0-9OIl|SBZ]?\s*[-./,:;\s]\s*[0-9OIl|SBZ]{1,2}\s*[-./,:;\s]\s*[0-9OIl|SBZ]{2,4}(?![0-9])|(?<![A-Za-z])[0-9][0-9\-./ ]{5,}[0-9]/g;

/** The last group that is a real date, else the last date-like group (then the date stays empty). */
function findDate(t: string): { index: number; text: string } | null {
  let last: { index: number; text: string } | null = null;
  let lastValid: { index: number; text: string } | null = null;
  for (const m of t.matchAll(DATE_GROUP)) {
    const hit = { index: m.index, text: m[0] };
    last = hit;
    if (normalizeDate(hit.text) !== null) lastValid = hit;
  }
  return lastValid ?? last;
}

/** "TRENGGALEK, 09-06-1971" → place and ISO date; either side may fail alone. */
export function splitTempatTanggal(text: string): TtlParts {
  const t = text.slice(0, 200);
  const m = findDate(t);
  const datePart = m === null ? '' : m.text;
  let placePart = m === null ? t : t.slice(0, m.index);
  if (m === null) {
    const comma = t.lastIndexOf(',');
    if (comma > 0) placePart = t.slice(0, comma);
  }
  const place = cleanText(placePart.replace(/[,.;:]+\s*$/, ''), true)
    .replace(/[,.]+$/, '')
    .trim();
  return {
    tempat: /[A-Z]{2}/.test(place) ? { value: place, quality: 1 } : null,
    tanggal: datePart === '' ? null : normalizeDate(datePart),
  };
}

export interface JkGd {
  jenisKelamin: Normalized | null;
  golonganDarah: Normalized | null;
}

function tokensOf(text: string): string[] {
  return text
    .slice(0, 200)
    .split(/\s+/)
    .filter((t) => t !== '');
}

/** The jenis kelamin part of the line: what comes before "Gol. Darah" ("LAKHLAK] Gol Darah A" → "LAKHLAK]"). */
export function jenisKelaminText(text: string): string {
  const tokens = tokensOf(text);
  const gd = findGolDarah(tokens);
  return (gd === null ? tokens : tokens.slice(0, gd.index)).join(' ');
}

/** "LAKI-LAKI Gol. Darah : O" → both fields; the Gol. Darah label may be garbled or missing. */
export function splitJenisKelaminGolDarah(text: string): JkGd {
  const tokens = tokensOf(text);
  const gd = findGolDarah(tokens);
  const left = gd === null ? tokens : tokens.slice(0, gd.index);
  let right: string[] = gd === null ? [] : tokens.slice(gd.index + gd.span);
  const separators = right.length;
  while (right.length > 0 && /^[:;©®|!~=»«'‘’`".,_*@]+$/.test(right[0] ?? '')) right = right.slice(1);
  // "Gol. Darah : ©": the colon was read, so the "©" after it is the printed O, not a second colon.
  const last = tokens.at(-1);
  if (right.length === 0 && separators >= 2 && (last === '©' || last === '®')) right = [last];
  // The jenis kelamin is one printed word; the first token that matches wins.
  let jenisKelamin: Normalized | null = null;
  for (const t of left.slice(0, 3)) {
    jenisKelamin = normalizeJenisKelamin(t);
    if (jenisKelamin !== null) break;
  }
  if (jenisKelamin === null) jenisKelamin = normalizeJenisKelamin(left.join(''));
  const golonganDarah = right.length > 0 ? normalizeGolonganDarah(right[0] ?? '') : null;
  return { jenisKelamin, golonganDarah };
}

/** Tokens OCR makes of a lone "I" (as in "I KETUT", "I GUSTI"). */
const LONE_I = /^[|1l!\][]$/;

/** Balinese names open with "I" before these (I KETUT, I GUSTI …); Tesseract reads that I as | or 1. */
const BALINESE_AFTER_I = new Set([
  'WAYAN',
  'MADE',
  'NYOMAN',
  'KETUT',
  'PUTU',
  'KADEK',
  'KOMANG',
  'GEDE',
  'GUSTI',
  'GST',
  'DEWA',
  'NENGAH',
]);

/**
 * The name, with a leading "I" recovered from "| KETUT", from a separator that swallowed it
 * ("‘1", ":|", "CI") or from "IKETUT". A lone I-like mark is taken for the "I" only when the colon
 * is already accounted for, or when a Balinese name word follows (then the colon was lost).
 */
export function readName(value: string, separator: string): string {
  let v = value.trim();
  const firstWord = () => v.split(/\s+/, 1)[0] ?? '';
  const balinese = (w: string) => BALINESE_AFTER_I.has(w.toUpperCase());
  let prefixI = false;
  if (/^[:;©®~=»«'‘’`".,_*][|1lI!]$/.test(separator)) prefixI = true;
  if (/^[|1lI!]$|^[Cc©@][|1lI!]$/.test(separator) && balinese(firstWord())) prefixI = true;
  if (LONE_I.test(firstWord()) && v.length > firstWord().length) {
    v = v.slice(firstWord().length).trim();
    prefixI = true;
  }
  // The I glued on, or read as T ("TKETUT"), before a Balinese birth-order name.
  const glued = /^[I1l|T]([A-Za-z]+)$/.exec(firstWord());
  if (glued?.[1] !== undefined && balinese(glued[1])) {
    v = v.slice(1);
    prefixI = true;
  }
  // Trailing one-letter tokens are debris (the photo's edge, a stray bar): KTP names are spelled out.
  const words = cleanText(v, true).split(' ');
  while (words.length > 1 && (words[words.length - 1] ?? '').length === 1) words.pop();
  const name = words.join(' ');
  if (name === '') return '';
  return prefixI && !/^I /.test(name) ? `I ${name}` : name;
}
