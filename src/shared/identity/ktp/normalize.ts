/**
 * Maps OCR'd KTP values onto the forms the desk stores: closed lists (jenis kelamin, golongan
 * darah, agama, status perkawinan, kewarganegaraan, "SEUMUR HIDUP") snapped to their canonical
 * spelling by edit distance, dates as ISO YYYY-MM-DD, RT/RW as "003/007", addresses with their
 * printed abbreviations, and the letter-for-digit confusions undone where only digits can be
 * printed (used by nik-read.ts). Every function returns null rather than a guess when the text is
 * too far from anything it knows.
 */
import { closest, editDistance, squash, tidyUpper } from './fuzzy';

export interface Normalized {
  value: string;
  /** 0..1: how closely the text matched (1 = exactly). */
  quality: number;
  /**
   * Closed lists: every other value of the list is at least ALONE_BY edits further from the text
   * than this one ("ISTAM": ISLAM 1, any other religion 5+), so the text can only be this value.
   */
  alone?: boolean;
}

/** How much further than the winner every other list value must be for the snap to stand alone. */
export const ALONE_BY = 3;

/**
 * Snaps text to the nearest list entry. The whole text and each leading run of words are tried, so
 * that debris after the value ("KAWIN 12-03-2018" when the photo column bleeds in) does not hide it,
 * and, after a first word of one letter (a misread colon), the same without it; the closest wins,
 * the longer run on a tie.
 */
export function snap(
  text: string,
  list: readonly { value: string; keys: readonly string[] }[],
  maxRatio: number,
): Normalized | null {
  const keyed = list.flatMap((e) => e.keys.map((k) => ({ value: e.value, k })));
  const words = tidyUpper(text)
    .split(' ')
    .filter((w) => w !== '')
    .slice(0, 8);
  let best: { value: string; distance: number; quality: number; run: string } | null = null;
  // A colon read as one letter ("Agama o ISLAM") is tried without that letter too; two letters may
  // be the start of the value ("BE KAWIN" is BELUM KAWIN) and stay.
  const starts = (words[0] ?? '').length === 1 && words.length > 1 ? [0, 1] : [0];
  for (const start of starts) {
    for (let n = words.length; n > start; n--) {
      const run = words.slice(start, n).join(' ');
      const hit = closest(run, keyed, (c) => c.k, maxRatio);
      if (hit !== null && (best === null || hit.distance < best.distance)) {
        best = {
          value: hit.item.value,
          distance: hit.distance,
          quality: hit.similarity * (n === words.length && start === 0 ? 1 : 0.9),
          run,
        };
      }
    }
  }
  if (best === null) return null;
  const { value, distance, run } = best;
  const q = squash(run);
  const alone = keyed.every((c) => c.value === value || editDistance(q, squash(c.k)) - distance >= ALONE_BY);
  return { value, quality: best.quality, alone };
}

export const JENIS_KELAMIN = ['LAKI-LAKI', 'PEREMPUAN'] as const;
export function normalizeJenisKelamin(text: string): Normalized | null {
  return snap(
    text,
    [
      { value: 'LAKI-LAKI', keys: ['LAKI-LAKI', 'LAKI LAKI', 'LAKILAKI'] },
      { value: 'PEREMPUAN', keys: ['PEREMPUAN'] },
    ],
    0.34,
  );
}

/**
 * Agama as printed. Dukcapil's SIAK prints KATHOLIK, BUDHA and KHONGHUCU; newer cards and forms use
 * KATOLIK, BUDDHA, KONGHUCU. Each spelling is its own entry, so the value keeps what the card says
 * (a one-letter misread lands on the nearer spelling; a tie is left empty).
 */
export const AGAMA = [
  'ISLAM',
  'KRISTEN',
  'KATOLIK',
  'KATHOLIK',
  'HINDU',
  'BUDDHA',
  'BUDHA',
  'KONGHUCU',
  'KHONGHUCU',
  'KEPERCAYAAN TERHADAP TUHAN YME',
] as const;
export function normalizeAgama(text: string): Normalized | null {
  return snap(
    text,
    [
      ...AGAMA.filter((a) => a !== 'KRISTEN' && a !== 'KEPERCAYAAN TERHADAP TUHAN YME').map((a) => ({
        value: a,
        keys: [a],
      })),
      { value: 'KRISTEN', keys: ['KRISTEN', 'PROTESTAN', 'KRISTEN PROTESTAN'] },
      { value: 'KEPERCAYAAN TERHADAP TUHAN YME', keys: ['KEPERCAYAAN TERHADAP TUHAN YME', 'KEPERCAYAAN'] },
    ],
    0.3,
  );
}

export const STATUS_PERKAWINAN = ['BELUM KAWIN', 'KAWIN', 'CERAI HIDUP', 'CERAI MATI'] as const;
export function normalizeStatusPerkawinan(text: string): Normalized | null {
  return snap(
    text,
    STATUS_PERKAWINAN.map((s) => ({ value: s, keys: [s] })),
    0.3,
  );
}

/**
 * WNI or WNA. The two differ in one letter, so an edit-distance snap would decide the value on the
 * letter that was misread: the last letter must be read (I or an I look-alike, A or 4), and the W
 * and N may only be their usual misreads (V/VV, M/H: "VNI", "WMI"). Anything else is left empty.
 */
export function normalizeKewarganegaraan(text: string): Normalized | null {
  const first = tidyUpper(text.replace(/[|!l1]/g, 'I')).split(' ')[0] ?? '';
  // A colon read as I or | glues onto the value ("IWNI"): one leading mark before "WN?" is dropped.
  const token = first.length === 4 && first.slice(1, 3) === 'WN' ? first.slice(1) : first;
  const m = /^(W|VV|V)(N|M|H)([IA4])$/.exec(token);
  if (m?.[1] === undefined || m[2] === undefined || m[3] === undefined) return null;
  const exact = m[1] === 'W' && m[2] === 'N' && m[3] !== '4';
  return { value: m[3] === 'I' ? 'WNI' : 'WNA', quality: exact ? 1 : 0.8 };
}

/** A, B, AB, O or "-" (unknown, as printed). "0" and a lone "©" are a misread O. */
export function normalizeGolonganDarah(text: string): Normalized | null {
  // A lone "©" is how Tesseract reads a printed O after the colon.
  if (/^[\s:;|.]*[©®][\s.]*$/.test(text)) return { value: 'O', quality: 0.8 };
  const t = text.toUpperCase().replace(/[^A-Z0-9\-–—]/g, '');
  if (t === '') return null;
  if (/^[-–—]+$/.test(t)) return { value: '-', quality: 1 };
  const fixed = t.replace(/0/g, 'O').replace(/8/g, 'B').replace(/4/g, 'A');
  const m = /^(AB|A|B|O)[+-]?$/.exec(fixed);
  if (m?.[1] === undefined) return null;
  return { value: m[1], quality: fixed === t ? 1 : 0.8 };
}

/** Characters OCR puts in place of digits, in contexts where only digits can be printed. */
const DIGIT_LOOKALIKES: Record<string, string> = {
  O: '0',
  o: '0',
  D: '0',
  Q: '0',
  I: '1',
  l: '1',
  i: '1',
  '|': '1',
  '!': '1',
  Z: '2',
  z: '2',
  A: '4',
  S: '5',
  s: '5',
  $: '5',
  // OCR-A's 6 comes out as k or L (measured on the fixture cards); no other digit does.
  G: '6',
  b: '6',
  k: '6',
  K: '6',
  L: '6',
  T: '7',
  B: '8',
  '&': '8',
  g: '9',
  q: '9',
};

/** Maps look-alike letters to digits; anything else that is not a digit is dropped. */
export function digitsFrom(text: string): { digits: string; substitutions: number } {
  let digits = '';
  let substitutions = 0;
  for (const ch of text.slice(0, 200)) {
    if (ch >= '0' && ch <= '9') digits += ch;
    else if (Object.hasOwn(DIGIT_LOOKALIKES, ch)) {
      digits += DIGIT_LOOKALIKES[ch];
      substitutions++;
    }
  }
  return { digits, substitutions };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** "DD-MM-YYYY" (any separators, digit look-alikes fixed) → "YYYY-MM-DD", or null unless a real date 1900–2099. */
export function normalizeDate(text: string): Normalized | null {
  const m = /([0-9OoIl|SBZ]{1,2})\s*[-./,:;\s]\s*([0-9OoIl|SBZ]{1,2})\s*[-./,:;\s]\s*([0-9OoIl|SBZ]{4})/.exec(text);
  let dd: string;
  let mm: string;
  let yyyy: string;
  let subs: number;
  if (m?.[1] !== undefined && m[2] !== undefined && m[3] !== undefined) {
    const parts = [m[1], m[2], m[3]].map(digitsFrom);
    [dd, mm, yyyy] = parts.map((p) => p.digits) as [string, string, string];
    subs = parts.reduce((n, p) => n + p.substitutions, 0);
  } else {
    // Separators lost: exactly eight digits in a row, DDMMYYYY.
    const run = /(?:^|[^0-9])([0-9]{8})(?:[^0-9]|$)/.exec(text);
    if (run?.[1] === undefined) return null;
    [dd, mm, yyyy] = [run[1].slice(0, 2), run[1].slice(2, 4), run[1].slice(4)];
    subs = 1;
  }
  const [d, mo, y] = [Number(dd), Number(mm), Number(yyyy)];
  if (yyyy.length !== 4 || y < 1900 || y > 2099 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  const iso = `${yyyy}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return { value: iso, quality: subs === 0 ? 1 : 0.85 };
}

/** "SEUMUR HIDUP" or a date. */
export function normalizeBerlakuHingga(text: string): Normalized | null {
  const date = normalizeDate(text);
  if (date !== null) return date;
  return snap(text, [{ value: 'SEUMUR HIDUP', keys: ['SEUMUR HIDUP'] }], 0.35);
}

/**
 * "003/007" from "003/007", "003 / 007", "0031007" or "0037007" (the slash read as 1 or 7), "003007";
 * each part 1–3 digits. The card prints three digits on each side, so seven digits mean the middle
 * one is the slash.
 */
export function normalizeRtRw(text: string): Normalized | null {
  const pad = (s: string) => s.padStart(3, '0');
  const t = text.replace(/[Oo]/g, '0');
  const m = /(\d{1,3})\s*[/|\\lI]\s*(\d{1,3})(?!\d)/.exec(t);
  if (m?.[1] !== undefined && m[2] !== undefined) return { value: `${pad(m[1])}/${pad(m[2])}`, quality: 1 };
  const digits = t.replace(/[^0-9]/g, '');
  if (digits.length === 6) return { value: `${digits.slice(0, 3)}/${digits.slice(3)}`, quality: 0.8 };
  if (digits.length === 7 && (digits[3] === '1' || digits[3] === '7'))
    return { value: `${digits.slice(0, 3)}/${digits.slice(4)}`, quality: 0.7 };
  return null;
}

/** Free text upper-cased with OCR noise trimmed; digits mapped to letters when the field never holds digits. */
export function cleanText(text: string, lettersOnly: boolean): string {
  // A bar or "!" glued to a letter is an I ("DEW!", "HANDAYAN|"); standing alone it is a separator.
  let t = tidyUpper(lettersOnly ? text.replace(/(?<=[A-Za-z])[|!]|[|!](?=[A-Za-z])/g, 'I') : text);
  if (lettersOnly) t = t.replace(/0/g, 'O').replace(/1/g, 'I').replace(/5/g, 'S').replace(/8/g, 'B');
  // Trailing debris: tokens with no letter or digit, or lone symbols, at the end of the line.
  const tokens = t.split(' ').filter((w) => w !== '');
  while (tokens.length > 1 && !/[A-Z0-9]/.test(tokens[tokens.length - 1] ?? '')) tokens.pop();
  while (tokens.length > 0 && !/[A-Z0-9]/.test(tokens[0] ?? '')) tokens.shift();
  return tokens
    .join(' ')
    .replace(/^[.,\-/]+|[,\-/]+$/g, '')
    .trim();
}

/**
 * OCR debris at the ends of a free-text value (alamat, kel/desa): the KTP prints values in capitals,
 * so a token that is mostly lower case is noise from the guilloche, the photo's edge or the
 * hologram ("ee", "Ss", "wy"), and so is a lower-case tail glued onto a capital word
 * ("WONOREJOee"). Tokens of l/I/1/| alone are kept: they are roman numerals read badly.
 */
export function trimNoiseTokens(text: string, dropLoneLetters: boolean): string {
  const isRoman = (t: string) => /^[IVXLl1|]{1,4}\.?$/.test(t);
  const noisy = (t: string): boolean => {
    if (isRoman(t)) return false;
    const lower = (t.match(/[a-z]/g) ?? []).length;
    const upper = (t.match(/[A-Z]/g) ?? []).length;
    const digits = (t.match(/[0-9]/g) ?? []).length;
    if (lower + upper + digits === 0) return true;
    if (lower > 0 && lower >= upper && digits === 0) return true;
    return dropLoneLetters && upper + lower === 1 && digits === 0;
  };
  const tokens = text
    .split(/\s+/)
    .filter((t) => t !== '')
    .map((t) => t.replace(/^([A-Z0-9][A-Z0-9.,\-/]+)[a-z]{2,}$/, '$1'));
  while (tokens.length > 1 && noisy(tokens[tokens.length - 1] ?? '')) tokens.pop();
  while (tokens.length > 1 && noisy(tokens[0] ?? '')) tokens.shift();
  return tokens.join(' ');
}

/** Abbreviations the KTP prints with a full stop; OCR often drops it or reads it as a comma. */
const DOTTED = new Set(['JL', 'GG', 'NO', 'DSN', 'KP', 'PERUM', 'KOMP']);

/**
 * The address as printed: "JL SUDIRMAN GG lll NO 2" → "JL. SUDIRMAN GG. III NO. 2". Roman numerals
 * (gang numbers) read as l/1/| become I, which only happens for tokens made of those marks alone or
 * right after GG (where a bar is a numeral, not a separator: "GG. | NO. 22", "GG.I"). A letter glued
 * in front of the opening JL ("CJL", the colon read as C) is dropped, and an opening "JU" is JL.
 */
export function normalizeAlamat(text: string): string {
  const gangNumeralsKept = text.replace(
    /\b(GG|GANG)\b\.?\s*([IVXLl1|!]{1,4})(?=[\s.,]|$)/gi,
    (_, gang: string, n: string) => `${gang.toUpperCase()}. ${n.replace(/[Ll1|!]/g, 'I')}`,
  );
  const tokens = cleanText(trimNoiseTokens(gangNumeralsKept, false), false)
    .split(' ')
    .filter((t) => t !== '');
  if (tokens.length > 1 && /^([A-Z]JLN?|JU)\.?$/.test(tokens[0] ?? '')) tokens[0] = 'JL';
  return tokens
    .map((t, i) => {
      const bare = t.replace(/[.,]+$/, '');
      if (DOTTED.has(bare) && i < tokens.length - 1) return `${bare}.`;
      const prev = (tokens[i - 1] ?? '').replace(/[.,]+$/, '');
      if ((prev === 'GG' || prev === 'GANG') && /^[IVXL1]{1,4}$/.test(t)) return t.replace(/[L1]/g, 'I');
      if (/^[IL1]{2,4}$/.test(t) && /[L1]/.test(t) && /I|^L+$/.test(t)) return t.replace(/[L1]/g, 'I');
      return t;
    })
    .join(' ');
}

/**
 * An address whose gang or house number was lost: "GG." straight before "NO." or at the end, or a
 * trailing "NO" with no number. Shown, but flagged: what is missing must come from the card.
 */
export function alamatLacksNumber(alamat: string): boolean {
  return /\bGG\.?\s+(NO\b|$)|\bGG\.?$|\bNO\.?$/.test(alamat);
}
