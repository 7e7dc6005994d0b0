/**
 * Turns what happened on the wire into a BsreOutcome, in one place, so every operation follows the
 * same rules: 401/403 is a settings problem (credentials, or this computer's IP not registered),
 * 4xx is BSrE saying no, 429/5xx/no connection is "try later", and a write whose answer never
 * arrived is "unknown" (it may have been applied).
 */
import { extractBsreCode } from './codes';
import type { Exchange } from './exchange';
import type { BsreOutcome } from './types';

/** What an operation made of a 2xx body. */
export type Understanding<T> =
  { ok: true; value: T } | { ok: false; refused: false } | { ok: false; refused: true; message: string };

export interface MapOptions<T> {
  /** A write (registration): never retried; a missing answer is `unknown`. */
  write: boolean;
  understand: (json: { ok: true; value: unknown } | { ok: false }, text: string) => Understanding<T>;
  /** Verify: production answers an empty or invalid file with 500 JSON — the file's fault, not an outage. */
  fileError500?: boolean;
}

/** The credentials are bound to the caller's IP in the Esign Client Service (juknis §4). */
export function credentialMessage(status: number): string {
  return `Kredensial salah atau alamat IP komputer ini belum didaftarkan di Esign Client Service (HTTP ${status}). Periksa Pengaturan BSrE dan daftar IP di halaman admin Esign Client Service.`;
}

export function toOutcome<T>(ex: Exchange, options: MapOptions<T>): BsreOutcome<T> {
  const raw = ex.raw;
  const tries = raw.attempts > 1 ? ` setelah ${raw.attempts} percobaan` : '';
  if (ex.kind === 'failure') {
    if (options.write && ex.reach === 'maybe-sent') {
      const why = ex.timedOut ? 'waktu tunggu habis' : `koneksi terputus (${ex.detail})`;
      return {
        kind: 'unknown',
        raw,
        message: `Permintaan sudah terkirim ke BSrE tetapi jawabannya tidak diterima (${why}). Periksa status di BSrE sebelum mengirim ulang.`,
      };
    }
    const why = ex.timedOut ? 'waktu tunggu habis' : `tidak dapat terhubung (${ex.detail})`;
    return { kind: 'unavailable', raw, message: `Layanan BSrE tidak dapat dihubungi: ${why}${tries}.` };
  }
  const status = ex.status;
  if (status >= 200 && status < 300) {
    if (ex.bodyError !== null && !options.write) {
      return { kind: 'unavailable', raw, message: `Jawaban BSrE tidak lengkap: ${ex.bodyError}${tries}.` };
    }
    const understood = options.understand(ex.json, ex.text);
    if (understood.ok) return { kind: 'ok', value: understood.value, raw };
    if (understood.refused)
      return { kind: 'rejected', httpStatus: status, bsreCode: codeOf(ex), message: understood.message, raw };
    return {
      kind: 'unavailable',
      raw,
      message: `Jawaban BSrE (HTTP ${status}) tidak dapat dibaca; isinya disimpan untuk diperiksa.`,
    };
  }
  if (status === 401 || status === 403) return { kind: 'unauthorized', raw, message: credentialMessage(status) };
  if (status === 429) {
    return withRetryAfter(
      { kind: 'unavailable', raw, message: `BSrE sedang membatasi permintaan (HTTP 429)${tries}. Coba lagi nanti.` },
      ex.retryAfterMs,
    );
  }
  if (status >= 300 && status < 400) {
    return {
      kind: 'unavailable',
      raw,
      message: `Server mengalihkan permintaan (HTTP ${status}); periksa alamat Esign Client Service.`,
    };
  }
  if (status >= 400 && status < 500) {
    return { kind: 'rejected', httpStatus: status, bsreCode: codeOf(ex), message: rejectionMessage(ex), raw };
  }
  if (options.fileError500 && status === 500 && ex.json.ok) {
    return {
      kind: 'rejected',
      httpStatus: status,
      bsreCode: codeOf(ex),
      message: `Berkas tidak dapat diverifikasi: ${rejectionMessage(ex)}`,
      raw,
    };
  }
  // 5xx and anything stranger. For a write only 503 says "not processed"; a 500/502/504 from the
  // relay may come after BSrE central applied it.
  if (options.write && status !== 503) {
    return {
      kind: 'unknown',
      raw,
      message: `BSrE menjawab galat HTTP ${status}; pendaftaran mungkin sudah tercatat. Periksa status sebelum mengirim ulang.`,
    };
  }
  return withRetryAfter(
    { kind: 'unavailable', raw, message: `Layanan BSrE sedang bermasalah (HTTP ${status})${tries}. Coba lagi nanti.` },
    ex.retryAfterMs,
  );
}

function withRetryAfter<T>(
  outcome: Extract<BsreOutcome<T>, { kind: 'unavailable' }>,
  retryAfterMs: number | null,
): BsreOutcome<T> {
  return retryAfterMs === null ? outcome : { ...outcome, retryAfterMs };
}

function codeOf(ex: Extract<Exchange, { kind: 'answer' }>): string | null {
  return extractBsreCode(ex.json.ok ? ex.json.value : ex.text);
}

/** BSrE's own words when there are any, short and without markup. */
export function rejectionMessage(ex: Extract<Exchange, { kind: 'answer' }>): string {
  if (ex.json.ok && ex.json.value !== null && typeof ex.json.value === 'object') {
    const record = ex.json.value as Record<string, unknown>;
    // Spring's {status, error: "Bad Request", message}: the reason phrase says less than the message.
    const springMessage = typeof record.status === 'number' && typeof record.message === 'string';
    if (springMessage && String(record.message).trim() !== '') return clip(String(record.message));
    for (const key of ['error', 'message', 'error_description']) {
      const value = record[key];
      if (typeof value === 'string' && value.trim() !== '') return clip(value);
    }
  }
  const text = ex.text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text === '' ? `BSrE menolak permintaan (HTTP ${ex.status}).` : clip(text);
}

function clip(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > 500 ? `${trimmed.slice(0, 500)}…` : trimmed;
}
