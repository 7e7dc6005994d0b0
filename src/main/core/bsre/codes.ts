/**
 * BSrE puts its own 4-digit code in different places: `status_code` (string or number) in v2 JSON,
 * the `error` text, or at the end of a v1 sentence ("Passphrase anda salah 2031"). These helpers dig
 * it out without trusting the body's shape.
 */

const FOUR_DIGITS = /^\d{4}$/;
// Numbers including their separators, so dates, times, IPs and versions are seen as one token.
const NUMBER_TOKENS = /\d+(?:[.\-/:,]\d+)*/g;

/** A status_code as BSrE sent it (string or number) → string; anything else → ''. */
export function normalizeStatusCode(value: unknown): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'string') return value.trim().slice(0, 64);
  return '';
}

/** A standalone 4-digit code in free text (the last one wins: BSrE appends it); null when none. */
export function extractCodeFromText(text: string): string | null {
  if (typeof text !== 'string' || text === '') return null;
  const sample = text.length > 4096 ? text.slice(-4096) : text;
  let found: string | null = null;
  for (const match of sample.matchAll(NUMBER_TOKENS)) {
    const token = match[0];
    const index = match.index ?? 0;
    const before = sample[index - 1] ?? '';
    const after = sample[index + token.length] ?? '';
    // "v1.2031" or "x2031" or "2031abc" are not codes.
    if (FOUR_DIGITS.test(token) && !/[A-Za-z_]/.test(before) && !/[A-Za-z_]/.test(after)) found = token;
  }
  return found;
}

/** BSrE's 4-digit code from a parsed JSON body or a text body; null when there is none. */
export function extractBsreCode(body: unknown): string | null {
  if (typeof body === 'string') return extractCodeFromText(body);
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return null;
  const record = body as Record<string, unknown>;
  const direct = normalizeStatusCode(record.status_code);
  if (FOUR_DIGITS.test(direct)) return direct;
  for (const key of ['error', 'message', 'error_description', 'detail']) {
    const value = record[key];
    if (typeof value === 'string') {
      const code = extractCodeFromText(value);
      if (code) return code;
    }
  }
  return null;
}
