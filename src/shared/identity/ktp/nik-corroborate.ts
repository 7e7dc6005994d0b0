/**
 * The NIK's digits also encode the holder's sex and birth date (DDMMYY, day + 40 for women). On a
 * photographed card the big NIK line often reads well while the small print beside it does not:
 * "LAKHLAK]", "09-081", "10-06-1490". When a sure NIK agrees with what little the card's own line
 * shows, the value is given — flagged for the verifier (CORROBORATED_CONFIDENCE) — instead of left
 * for them to type. Only an empty field is filled, only from a line that was read, and never
 * against it: a line that reads as the other sex, or a plausible year the NIK contradicts, stays
 * empty, so the cross-check still shows the card disagreeing with its NIK; a value given here is
 * marked (vouchedByNik) and the cross-check shows it as unchecked, not as the card agreeing. Runs
 * after the NIK is settled, so a value given here never props up the NIK it came from.
 */
import type { KtpReading, OcrField } from '../../domain/identity';
import { checkNik, type NikParts, SEX_LABEL } from '../nik';
import { editDistance, squash } from './fuzzy';

/** Below the NIK settling's "sure" (0.5) and the review threshold (0.7): shown, flagged, never trusted back. */
export const CORROBORATED_CONFIDENCE = 0.45;
/** A NIK at least this sure may vouch for a faint line (the review threshold: a NIK the desk shows as read). */
const SURE_NIK = 0.7;
/** A KTP is issued from 17 (or on marriage): a NIK decoding to a younger holder gives no year. */
const MIN_HOLDER_AGE = 16;

export interface CorroborationLines {
  /** The Jenis Kelamin value text, before "Gol. Darah" (fields.ts jenisKelaminText). */
  jenisKelamin?: string;
  /** The Tempat/Tgl Lahir value text. */
  tempatTglLahir?: string;
}

export function corroborateFromNik(out: KtpReading, lines: CorroborationLines, today: Date = new Date()): void {
  const nik = out.nik;
  if (nik.value === null || nik.confidence < SURE_NIK) return;
  const parts = checkNik(nik.value, today).parts;
  if (parts === undefined) return;
  if (out.jenisKelamin.value === null && lines.jenisKelamin !== undefined) {
    const sex = sexVouched(lines.jenisKelamin, parts.sex);
    if (sex !== null) out.jenisKelamin = given(sex, out.jenisKelamin);
  }
  if (out.tanggalLahir.value === null && lines.tempatTglLahir !== undefined) {
    const date = dateVouched(lines.tempatTglLahir, parts, today);
    if (date !== null) out.tanggalLahir = given(date, out.tanggalLahir);
  }
}

function given(value: string, was: OcrField): OcrField {
  return { value, confidence: CORROBORATED_CONFIDENCE, raw: was.raw, vouchedByNik: true };
}

/**
 * The NIK's sex when the line is nearer its word than the other, by a clear margin, and within
 * half its letters ("LAKHLAK]" → 2 of 8 off LAKILAKI, 8 off PEREMPUAN).
 */
function sexVouched(text: string, sex: NikParts['sex']): string | null {
  const q = squash(text).slice(0, 16);
  if (q.length < 4) return null;
  const word = squash(SEX_LABEL[sex]);
  const mine = editDistance(q, word);
  const other = editDistance(q, squash(SEX_LABEL[sex === 'L' ? 'P' : 'L']));
  if (mine > word.length / 2 || other - mine < 3) return null;
  return SEX_LABEL[sex];
}

/** Digit look-alikes in a date, as OCR gives them. */
const DIGIT_OF: Record<string, string> = { O: '0', I: '1', l: '1', '|': '1', S: '5', B: '8', Z: '2' };
/** Runs that start with a digit not glued to a letter (the place may end in a look-alike: "NIAS"). */
const DATE_RUN = /(?<![A-Za-z])[0-9O][0-9OIl|SBZ\-./,:; ]*/g;

/**
 * The NIK's birth date when the line's last date-like run starts with the NIK's day and month, and
 * what follows is the year, part of it, or no year at all ("1490"). A year that could be printed
 * and disagrees ("1985", "97" for a NIK of '71) is the card contradicting its NIK: nothing is given.
 */
function dateVouched(text: string, parts: NikParts, today: Date): string | null {
  const runs = [...text.slice(0, 200).matchAll(DATE_RUN)].map((m) =>
    [...m[0]].map((c) => DIGIT_OF[c] ?? (/[0-9]/.test(c) ? c : '')).join(''),
  );
  const digits = runs.filter((r) => r.length >= 4).at(-1);
  if (digits === undefined) return null;
  const [year, month, day] = parts.birthDate.split('-') as [string, string, string];
  if (!digits.startsWith(day + month)) return null;
  const printedYear = digits.slice(4, 8);
  const plausible = /^(19|20)\d\d$/.test(printedYear);
  const yy = year.slice(2);
  if (plausible ? printedYear.slice(2) !== yy : printedYear.length === 2 && printedYear !== yy) return null;
  // The printed century where there is one (the NIK carries none); else the NIK's decoding.
  const y = plausible ? printedYear : year;
  if (today.getFullYear() - Number(y) < MIN_HOLDER_AGE) return null;
  return `${y}-${month}-${day}`;
}
