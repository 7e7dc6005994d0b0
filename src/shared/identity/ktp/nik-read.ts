/**
 * Reading the 16-digit NIK from one or more OCR reads of its line. The NIK is the hardest field:
 * printed in OCR-A, its 6 comes out as "k" or "L", its 1 as "L", and a digit is sometimes doubled.
 * Each read is expanded into the NIKs it could stand for (ambiguous glyphs both ways; one extra
 * digit dropped), only candidates that pass checkNik (known region, real date, serial ≠ 0000)
 * are kept, and the reads vote. Nothing is taken from other fields: a NIK is never rebuilt from
 * the birth date — an inconsistency is for the cross-check to show, not for the reader to hide.
 */
import { checkNik } from '../nik';
import { digitsFrom, type Normalized } from './normalize';

export interface NikRead {
  text: string;
  /** 0..1 */
  confidence: number;
  /** Votes this read counts for (default 1). */
  weight?: number;
}

/** Glyphs that stand for more than one digit in the NIK line (OCR-A: 6 → k/L, 1 → L). */
const AMBIGUOUS: Record<string, readonly string[]> = { L: ['6', '1'], k: ['6'], K: ['6'] };
const MAX_EXPANSIONS = 256;

/** A token that is mostly digits (so look-alike letters in it are digits too). */
function digitish(token: string): boolean {
  const digits = (token.match(/[0-9]/g) ?? []).length;
  return digits > 0 && digits * 2 >= token.replace(/[^A-Za-z0-9|!$&?]/g, '').length;
}

/** The longest stretch of consecutive digit-ish tokens, joined. */
function digitRun(text: string): string {
  let best = '';
  let run = '';
  for (const t of text.slice(0, 200).split(/\s+/)) {
    run = t !== '' && digitish(t) ? run + t : '';
    if (run.length > best.length) best = run;
  }
  return best;
}

export interface NikCandidates {
  /** Distinct NIKs this read may stand for that pass checkNik. */
  valid: string[];
  /** The read taken literally (look-alikes mapped once), when that gives exactly 16 digits. */
  literal: string | null;
  /** Characters that were not plain digits in the literal read. */
  substitutions: number;
}

export function nikCandidates(text: string): NikCandidates {
  const run = digitRun(text);
  const literal = digitsFrom(run);
  const substitutions = literal.substitutions + (run.length - literal.digits.length);
  let options: string[] = [''];
  for (const ch of run) {
    const amb = AMBIGUOUS[ch];
    const mapped = amb ?? [digitsFrom(ch).digits];
    // An ambiguous glyph may also be a stray mark with no digit behind it.
    const choices = amb === undefined ? mapped : [...mapped, ''];
    const next = new Set<string>();
    for (const o of options) for (const c of choices) if (o.length + c.length <= 17) next.add(o + c);
    options = [...next].slice(0, MAX_EXPANSIONS);
  }
  const valid = new Set<string>();
  for (const d of options) {
    if (d.length === 16 && checkNik(d).valid) valid.add(d);
    // One digit too many (a doubled glyph, the colon read as "1"/"2"): each single deletion.
    if (d.length === 17) {
      for (let k = 0; k < 17; k++) {
        const w = d.slice(0, k) + d.slice(k + 1);
        if (checkNik(w).valid) valid.add(w);
      }
    }
  }
  return { valid: [...valid], literal: literal.digits.length === 16 ? literal.digits : null, substitutions };
}

/** One read on its own: a valid NIK if exactly one is possible, else the literal 16 digits at low quality. */
export function extractNik(text: string): Normalized | null {
  const c = nikCandidates(text);
  const only = c.valid.length === 1 ? c.valid[0] : undefined;
  if (only !== undefined) return { value: only, quality: Math.max(0.5, 1 - c.substitutions * 0.05) };
  if (c.literal !== null && c.valid.includes(c.literal)) return { value: c.literal, quality: 0.5 };
  if (c.literal !== null) return { value: c.literal, quality: 0.4 };
  return null;
}

export interface NikVote {
  value: string;
  /** Share of the reads (by weight) that support the value (a read with k candidates gives each 1/k). */
  support: number;
  /** Whether the value passes checkNik (false only for the literal fallback). */
  valid: boolean;
  /** Every valid candidate with its support, best first (the first is `value`). */
  alternatives: { value: string; support: number }[];
}

/**
 * The NIK most reads agree on. Reads after the first are the digit-only second passes; on an
 * exact tie the earliest second pass wins (it was made for the NIK alone). Falls back to the main
 * read's literal 16 digits (support 0, not valid) so the verifier still sees what was printed.
 */
export function voteNik(reads: readonly NikRead[]): NikVote | null {
  if (reads.length === 0) return null;
  const score = new Map<string, number>();
  const firstSeen = new Map<string, number>();
  const totalWeight = reads.reduce((sum, r) => sum + (r.weight ?? 1), 0);
  reads.forEach((r, i) => {
    const { valid } = nikCandidates(r.text);
    for (const v of valid) {
      score.set(v, (score.get(v) ?? 0) + (r.weight ?? 1) / valid.length);
      // Rank for ties: second passes first (index 1, 2 …), then the main read (index 0).
      const rank = i === 0 ? reads.length : i;
      firstSeen.set(v, Math.min(firstSeen.get(v) ?? Infinity, rank));
    }
  });
  const ranked = [...score.entries()].sort(
    (a, b) => b[1] - a[1] || (firstSeen.get(a[0]) ?? 0) - (firstSeen.get(b[0]) ?? 0),
  );
  const top = ranked[0];
  const alternatives = ranked.slice(0, 16).map(([value, n]) => ({ value, support: n / totalWeight }));
  if (top !== undefined) return { value: top[0], support: top[1] / totalWeight, valid: true, alternatives };
  const literal = reads[0] === undefined ? null : nikCandidates(reads[0].text).literal;
  return literal === null ? null : { value: literal, support: 0, valid: false, alternatives: [] };
}
