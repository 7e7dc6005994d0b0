/**
 * Dates typed the Indonesian way, day first, whatever the browser's language: "05112026",
 * "5/11/2026", "05-11-2026" and "5.11.2026" are all 5 November 2026. A date that does not exist
 * (31/02/2026) is refused, never rolled over. Pure, shared by the DateInput and its tests.
 */
import { isRealDate } from '../contract/schema-parts';

/** The ISO date (YYYY-MM-DD) of what was typed, or null when it is not a whole, real date. */
export function parseIndonesianDate(typed: string): string | null {
  const s = typed.trim();
  let d: string | undefined;
  let m: string | undefined;
  let y: string | undefined;
  const digits = /^(\d{2})(\d{2})(\d{4})$/.exec(s);
  const separated = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (digits) [, d, m, y] = digits;
  else if (separated) [, d, m, y] = separated;
  else return null;
  const iso = `${y}-${(m ?? '').padStart(2, '0')}-${(d ?? '').padStart(2, '0')}`;
  return isRealDate(iso) ? iso : null;
}

/** "2026-11-05" → "05/11/2026"; anything else is returned as it is. */
export function formatIndonesianDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/**
 * What the field shows while digits are typed: slashes inserted after the day and the month
 * ("0511" → "05/11", "05112026" → "05/11/2026"). Text with separators is left to the person.
 */
export function maskDateTyping(typed: string): string {
  // Slashes only where the mask puts them (after dd and mm): re-mask the digits; else the person's own text.
  const ours = [...typed].every((c, i) => /\d/.test(c) || (c === '/' && (i === 2 || i === 5)));
  if (!ours) return typed;
  const digits = typed.replace(/\//g, '').slice(0, 8);
  if (digits.length <= 2) return digits;
  if (digits.length <= 4) return `${digits.slice(0, 2)}/${digits.slice(2)}`;
  return `${digits.slice(0, 2)}/${digits.slice(2, 4)}/${digits.slice(4)}`;
}
