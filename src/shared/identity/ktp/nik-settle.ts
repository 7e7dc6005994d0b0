/**
 * The NIK's own structure against the rest of the card. A NIK encodes the regency (digits 1–4),
 * the birth date (7–12, day + 40 for women) and so the sex; the card prints all three elsewhere,
 * read independently. Those reads choose between NIK readings the votes could not separate, and
 * they cap its confidence: a NIK that contradicts them, or that nothing corroborates while the
 * reads disagree, is never shown as sure (a confident wrong NIK is the one error that must not
 * happen). Nothing is rebuilt from the other fields: only readings the OCR produced are chosen.
 */
import { checkNik } from '../nik';
import type { NikVote } from './nik-read';

export interface NikContext {
  /** ISO date read from Tempat/Tgl Lahir, when read with some confidence. */
  birthDate: string | null;
  /** 'L' / 'P' from Jenis Kelamin. */
  sex: 'L' | 'P' | null;
  /** 4-digit regency code from the KABUPATEN/KOTA header. */
  regencyCode: string | null;
}

export interface NikAgreement {
  agree: number;
  disagree: number;
}

/** Stays below the review threshold (parser.ts KTP_CONFIDENCE_REVIEW = 0.7). */
export const NIK_UNSURE_CAP = 0.5;
/** Alternatives within this share of the top vote are close enough for the card to decide. */
const CLOSE = 0.5;

export function nikAgreement(nik: string, ctx: NikContext): NikAgreement {
  const parts = checkNik(nik).parts;
  let agree = 0;
  let disagree = 0;
  if (parts === undefined) return { agree, disagree: 1 };
  const tally = (ok: boolean) => (ok ? agree++ : disagree++);
  if (ctx.birthDate !== null) tally(parts.birthDate.slice(2) === ctx.birthDate.slice(2)); // DDMMYY: century not encoded
  if (ctx.sex !== null) tally(parts.sex === ctx.sex);
  if (ctx.regencyCode !== null) tally(parts.regencyCode === ctx.regencyCode);
  return { agree, disagree };
}

/**
 * The reading to show and its confidence. `confidence` is what the reads alone earned; the card's
 * other fields can only pick among close readings and lower it, never raise it.
 */
export function settleNik(
  vote: NikVote,
  confidence: number,
  ctx: NikContext,
): { value: string; confidence: number; agreement: NikAgreement } {
  if (!vote.valid) return { value: vote.value, confidence, agreement: { agree: 0, disagree: 1 } };
  const topSupport = vote.alternatives[0]?.support ?? vote.support;
  const close = vote.alternatives.filter((a) => a.support >= topSupport * CLOSE);
  let best = { value: vote.value, support: vote.support, agreement: nikAgreement(vote.value, ctx) };
  for (const alt of close) {
    const agreement = nikAgreement(alt.value, ctx);
    const score = agreement.agree - 2 * agreement.disagree;
    const bestScore = best.agreement.agree - 2 * best.agreement.disagree;
    if (score > bestScore) best = { ...alt, agreement };
  }
  let c = best.value === vote.value ? confidence : confidence * (best.support / Math.max(1e-9, vote.support));
  const rivals = close.filter((a) => a.value !== best.value).length;
  // Contradicted by the card, or chosen among rival readings without the card confirming the date: unsure.
  if (best.agreement.disagree > 0) c = Math.min(c, NIK_UNSURE_CAP);
  else if (rivals > 0 && (ctx.birthDate === null || best.agreement.agree < 2)) c = Math.min(c, NIK_UNSURE_CAP);
  return { value: best.value, confidence: Math.min(1, c), agreement: best.agreement };
}
