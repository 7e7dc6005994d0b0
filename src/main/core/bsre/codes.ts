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

/**
 * 4-digit codes that mean success. No source shows a registration reply; 1111 is the only success
 * code seen anywhere (v1 status samples). Any other 4-digit status_code in a 2xx is a refusal.
 */
export const KNOWN_SUCCESS_CODES: ReadonlySet<string> = new Set(['1111']);

/** A 2xx body that still says no: `error`, `success:false`, or a status_code that is not a success. */
export function refusalInBody(body: unknown): string | null {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return null;
  const record = body as Record<string, unknown>;
  const said = [record.error, record.message, record.error_description].find(
    (v): v is string => typeof v === 'string' && v.trim() !== '',
  );
  const hasError = (typeof record.error === 'string' && record.error.trim() !== '') || record.error === true;
  const code = normalizeStatusCode(record.status_code);
  const badCode = (FOUR_DIGITS.test(code) && !KNOWN_SUCCESS_CODES.has(code)) || /^[45]\d\d$/.test(code);
  if (!hasError && record.success !== false && !badCode) return null;
  return (said ?? `BSrE menolak permintaan${code ? ` (status_code ${code})` : ''}.`).trim().slice(0, 500);
}
