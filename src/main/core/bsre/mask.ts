/**
 * Masking of personal identifiers before anything reaches a log line. NIK and email travel in BSrE
 * paths and bodies; logs must still let support tell two applicants apart without exposing either.
 */

const BULLET = '•';

/** 3503123456780217 → 3503••••••••0217; rudi@kab.go.id → r•••@kab.go.id; anything short is fully hidden. */
export function maskIdentity(value: string): string {
  const s = String(value ?? '').trim();
  if (s === '') return '';
  const at = s.lastIndexOf('@');
  if (at >= 0) return maskEmail(s, at);
  if (s.length <= 8) return BULLET.repeat(Math.max(s.length, 3));
  return `${s.slice(0, 4)}${BULLET.repeat(s.length - 8)}${s.slice(-4)}`;
}

function maskEmail(s: string, at: number): string {
  const local = s.slice(0, at);
  const domain = s.slice(at + 1);
  const first = local.length > 1 ? (Array.from(local)[0] ?? '') : '';
  return `${first}${BULLET.repeat(3)}@${domain}`;
}

// Digit runs of 16 (a NIK) and anything shaped like an email address.
const NIK_IN_TEXT = /(?<!\d)\d{16}(?!\d)/g;
const EMAIL_IN_TEXT = /[^\s@/<>"'(),;:%]+(?:@|%40)[A-Za-z0-9.-]+/gi;

/** Masks every NIK-shaped number and email address inside free text (paths, error messages). */
export function maskText(text: string): string {
  return String(text ?? '')
    .replace(EMAIL_IN_TEXT, (m) => maskIdentity(m.replace(/%40/i, '@')))
    .replace(NIK_IN_TEXT, (m) => maskIdentity(m));
}
