/**
 * One HTTP attempt against the Esign Client Service, with a hard timeout over the whole exchange
 * (headers and body) and a verdict on failures that says whether the request could have reached the
 * server. That verdict is what keeps a registration from being sent twice.
 */

/** Bodies kept with the application's history are cut here. */
export const RAW_BODY_LIMIT_BYTES = 64 * 1024;
/** Bodies larger than this are not read further (a chain or verify summary is a few KB). */
const READ_LIMIT_BYTES = 8 * 1024 * 1024;

export interface AttemptRequest {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  /** JSON text, or a multipart form (fetch writes its content type and boundary). */
  body?: string | FormData;
  timeoutMs: number;
}

export type AttemptResult =
  | {
      kind: 'response';
      status: number;
      contentType: string | null;
      retryAfter: string | null;
      text: string;
      /** Set when the connection failed or timed out while the body was being read. */
      bodyError: string | null;
    }
  | {
      kind: 'failure';
      /** not-sent: surely never reached the server; maybe-sent: it may have been received and applied. */
      reach: 'not-sent' | 'maybe-sent';
      timedOut: boolean;
      detail: string;
    };

const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'EAI_FAIL',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EADDRNOTAVAIL',
  'ENETDOWN',
  'EHOSTDOWN',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);

export async function attempt(fetchImpl: typeof fetch, request: AttemptRequest): Promise<AttemptResult> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(
    () => {
      timedOut = true;
      controller.abort();
    },
    Math.max(1, request.timeoutMs),
  );
  try {
    let response: Response;
    try {
      response = await fetchImpl(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        redirect: 'manual',
        signal: controller.signal,
      });
    } catch (error) {
      if (timedOut) return { kind: 'failure', reach: 'maybe-sent', timedOut: true, detail: 'waktu tunggu habis' };
      return { kind: 'failure', timedOut: false, ...classifyFetchError(error) };
    }
    const body = await readLimited(response);
    return {
      kind: 'response',
      status: response.status,
      contentType: response.headers.get('content-type'),
      retryAfter: response.headers.get('retry-after'),
      text: body.text,
      bodyError: body.error === null ? null : timedOut ? 'waktu tunggu habis saat membaca jawaban' : body.error,
    };
  } finally {
    clearTimeout(timer);
  }
}

async function readLimited(response: Response): Promise<{ text: string; error: string | null }> {
  if (response.body === null) return { text: '', error: null };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      total += value.byteLength;
      if (total > READ_LIMIT_BYTES) {
        await reader.cancel().catch(() => undefined);
        break;
      }
    }
    return { text: decode(chunks), error: null };
  } catch (error) {
    return { text: decode(chunks), error: `koneksi terputus saat membaca jawaban (${describe(error)})` };
  }
}

function decode(chunks: Uint8Array[]): string {
  return Buffer.concat(chunks).toString('utf8');
}

/** Decides from a fetch rejection whether the request can have reached the server. */
export function classifyFetchError(error: unknown): { reach: 'not-sent' | 'maybe-sent'; detail: string } {
  const codes = collectCodes(error);
  const known = codes.find(
    (code) => NOT_SENT_CODES.has(code) || code.startsWith('ERR_SSL_') || code.startsWith('CERT_'),
  );
  if (known) return { reach: 'not-sent', detail: known };
  // fetch rejects with a cause-less TypeError when the request could not even be built (bad URL, header).
  if (error instanceof TypeError && (error as { cause?: unknown }).cause === undefined) {
    return { reach: 'not-sent', detail: error.message };
  }
  return { reach: 'maybe-sent', detail: codes[0] ?? describe(error) };
}

function collectCodes(error: unknown, depth = 0): string[] {
  if (depth > 5 || error === null || typeof error !== 'object') return [];
  const record = error as { code?: unknown; cause?: unknown; errors?: unknown };
  const own = typeof record.code === 'string' ? [record.code] : [];
  const nested = Array.isArray(record.errors) ? record.errors.flatMap((e) => collectCodes(e, depth + 1)) : [];
  return [...own, ...collectCodes(record.cause, depth + 1), ...nested];
}

function describe(error: unknown): string {
  const codes = collectCodes(error);
  if (codes[0]) return codes[0];
  return error instanceof Error ? error.message.slice(0, 200) : 'galat tidak dikenal';
}

/** Cuts text to at most `limit` UTF-8 bytes without leaving half a character behind. */
export function cutToBytes(text: string, limit = RAW_BODY_LIMIT_BYTES): string {
  if (Buffer.byteLength(text, 'utf8') <= limit) return text;
  return Buffer.from(text, 'utf8')
    .subarray(0, limit)
    .toString('utf8')
    .replace(/\uFFFD+$/, '');
}

/** HTTP Basic credentials, UTF-8 as RFC 7617 suggests. */
export function basicAuthHeader(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

/** Parses JSON only when the answer says it is JSON or plainly looks like it; never throws. */
export function parseJsonBody(contentType: string | null, text: string): { ok: true; value: unknown } | { ok: false } {
  const type = (contentType ?? '').toLowerCase();
  const trimmed = text.trim();
  const declaredJson = type.includes('json');
  const looksJson = (type === '' || type.startsWith('text/plain')) && /^[{[]/.test(trimmed);
  if (!declaredJson && !looksJson) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(trimmed) as unknown };
  } catch {
    return { ok: false };
  }
}
