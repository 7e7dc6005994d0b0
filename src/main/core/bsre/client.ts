/**
 * The core's only door to the office's BSrE Esign Client Service (shared/docs/bsre.md). Every method
 * answers with a BsreOutcome and never throws for network or HTTP trouble; reads retry with backoff,
 * a registration is sent exactly once per call so the outbox can decide what happens next. The
 * registration body is the juknis' {nama, email}; anything more only when the settings opt in.
 */
import { type Clock, systemClock } from '../clock';
import type { Logger } from '../logger';
import { toPem } from './certificates';
import { normalizeStatusCode, refusalInBody } from './codes';
import { type Exchange, exchange, type ExchangeContext, type ExchangeSpec } from './exchange';
import { maskIdentity } from './mask';
import { toOutcome, type Understanding } from './outcomes';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry';
import type {
  BsreClient,
  BsreOutcome,
  BsreSettings,
  ChainResult,
  RegistrationInput,
  RegistrationReply,
  StatusResult,
} from './types';

export interface BsreClientDeps {
  logger?: Logger;
  clock?: Clock;
  fetchImpl?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  retry?: Partial<RetryPolicy>;
}

const V2_STATUS_PATH = '/api/v2/user/check/status';
const V2_VERIFY_PATH = '/api/v2/verify/pdf';
const V1_VERIFY_PATH = '/api/sign/verify';

/** The registration body: exactly the juknis' {nama, email} unless the settings opt in to more. */
export function registrationBody(settings: BsreSettings, input: RegistrationInput): Record<string, string> {
  const oid = (input.oidInstansi ?? settings.oidInstansi).trim();
  const nik = input.nik?.trim() ?? '';
  const letter = input.suratRekomendasiBase64 ?? '';
  return {
    nama: input.nama,
    email: input.email,
    ...(settings.sendNik && nik !== '' ? { nik } : {}),
    ...(settings.sendOidInstansi && oid !== '' ? { oid_instansi: oid } : {}),
    ...(settings.sendRecommendationLetter && letter !== '' ? { suratRekomendasiBase64: letter } : {}),
  };
}

/** An Indonesian problem with the base URL, or null when it can be used. */
export function validateBaseUrl(url: string, allowHttp: boolean): string | null {
  if (typeof url !== 'string' || url.trim() === '') return 'Alamat Esign Client Service belum diisi.';
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return 'Alamat Esign Client Service tidak valid (contoh: https://esign.kab.go.id).';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    return 'Alamat Esign Client Service harus diawali https://.';
  if (parsed.protocol === 'http:' && !allowHttp) {
    return 'Alamat memakai http:// (tidak terenkripsi). Gunakan https://, atau izinkan http secara eksplisit di pengaturan bila server hanya di jaringan internal.';
  }
  if (parsed.hostname === '') return 'Alamat Esign Client Service tidak memuat nama server.';
  if (parsed.username !== '' || parsed.password !== '')
    return 'Jangan menaruh nama pengguna atau kata sandi di alamat; isi di kolom kredensial.';
  if (parsed.search !== '' || parsed.hash !== '') return 'Alamat Esign Client Service tidak boleh memuat ? atau #.';
  return null;
}

export function createBsreClient(settings: BsreSettings, deps: BsreClientDeps = {}): BsreClient {
  const problem = validateBaseUrl(settings.baseUrl, settings.allowHttp);
  if (problem !== null) throw new Error(problem);
  const ctx: ExchangeContext = {
    settings: { ...settings, baseUrl: settings.baseUrl.trim() },
    fetchImpl: deps.fetchImpl ?? globalThis.fetch,
    clock: deps.clock ?? systemClock,
    sleep: deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    random: deps.random ?? Math.random,
    policy: { ...DEFAULT_RETRY_POLICY, ...deps.retry },
  };
  const logger = deps.logger;

  const log = <T>(what: string, outcome: BsreOutcome<T>, extra = ''): BsreOutcome<T> => {
    if (logger) {
      const raw = outcome.raw;
      const http = raw?.httpStatus == null ? 'tanpa jawaban HTTP' : `HTTP ${raw.httpStatus}`;
      const line = `BSrE ${what}: ${outcome.kind}${extra} (${http}, ${raw?.attempts ?? 0} percobaan, ${raw?.durationMs ?? 0} ms)`;
      if (outcome.kind === 'ok' || outcome.kind === 'rejected') logger.info(line);
      else logger.error(`${line} — ${outcome.message}`);
    }
    return outcome;
  };

  const read = (spec: Omit<ExchangeSpec, 'retry' | 'method'> & { method?: 'GET' | 'POST' }) =>
    exchange(ctx, { method: 'POST', ...spec, retry: true });

  return {
    async checkStatus(identity) {
      const nik = 'nik' in identity ? String(identity.nik) : null;
      const who = maskIdentity(nik ?? ('email' in identity ? String(identity.email) : ''));
      const v1 = () =>
        read({
          operation: 'status',
          method: 'GET',
          path: `/api/user/status/${encodeURIComponent(nik ?? '')}`,
          timeoutMs: settings.timeouts.statusMs,
        });
      let ex: Exchange;
      // v1 knows only NIK; an email lookup always goes to v2.
      if (settings.apiVersion === 'v1' && nik !== null) {
        ex = await v1();
      } else {
        ex = await read({
          operation: 'status',
          path: V2_STATUS_PATH,
          body: nik !== null ? { nik } : identity,
          timeoutMs: settings.timeouts.statusMs,
        });
        if (ex.kind === 'answer' && ex.status === 404 && nik !== null) {
          const firstAttempts = ex.raw.attempts;
          const fallback = await v1();
          ex = {
            ...fallback,
            raw: {
              ...fallback.raw,
              path: `${V2_STATUS_PATH} → ${fallback.raw.path}`,
              attempts: fallback.raw.attempts + firstAttempts,
            },
          };
        }
      }
      const outcome = toOutcome(ex, { write: false, understand: understandStatus });
      return log(`status ${who}`, outcome, outcome.kind === 'ok' ? ` ${outcome.value.status}` : '');
    },

    async register(input: RegistrationInput) {
      const ex = await exchange(ctx, {
        operation: 'registration',
        method: 'POST',
        path: settings.registrationPath.trim() === '' ? '/api/v2/user/registration' : settings.registrationPath.trim(),
        body: registrationBody(settings, input),
        timeoutMs: settings.timeouts.registrationMs,
        retry: false,
      });
      const outcome = toOutcome(ex, { write: true, understand: understandRegistration });
      const extra = outcome.kind === 'ok' && !outcome.value.confirmed ? ' (belum pasti)' : '';
      return log(`registration ${maskIdentity(input.email)}`, outcome, extra);
    },

    async certificateChain(identity: string) {
      const ex = await read({
        operation: 'chain',
        method: 'GET',
        path: `/api/v2/user/certificate/chain/${encodeURIComponent(identity)}`,
        timeoutMs: settings.timeouts.chainMs,
      });
      return log(`chain ${maskIdentity(identity)}`, toOutcome(ex, { write: false, understand: understandChain }));
    },

    async verifyPdf(pdfBase64: string, password?: string) {
      const body = password !== undefined && password !== '' ? { file: pdfBase64, password } : { file: pdfBase64 };
      const options = { write: false, understand: understandJsonBody, fileError500: true } as const;
      const v1 = () =>
        read({
          operation: 'verify',
          path: V1_VERIFY_PATH,
          file: { field: 'signed_file', fileName: 'dokumen.pdf', bytes: Buffer.from(pdfBase64, 'base64') },
          timeoutMs: settings.timeouts.verifyMs,
        });
      let ex: Exchange;
      if (settings.apiVersion === 'v1') {
        ex = await v1();
      } else {
        ex = await read({ operation: 'verify', path: V2_VERIFY_PATH, body, timeoutMs: settings.timeouts.verifyMs });
        if (ex.kind === 'answer' && ex.status === 404) {
          const firstAttempts = ex.raw.attempts;
          const fallback = await v1();
          ex = {
            ...fallback,
            raw: {
              ...fallback.raw,
              path: `${V2_VERIFY_PATH} → ${V1_VERIFY_PATH}`,
              attempts: fallback.raw.attempts + firstAttempts,
            },
          };
        }
      }
      return log('verify pdf', toOutcome(ex, options));
    },
  };
}

function asRecord(json: { ok: true; value: unknown } | { ok: false }): Record<string, unknown> | null {
  if (!json.ok || json.value === null || typeof json.value !== 'object' || Array.isArray(json.value)) return null;
  return json.value as Record<string, unknown>;
}

function understandStatus(json: { ok: true; value: unknown } | { ok: false }): Understanding<StatusResult> {
  const record = asRecord(json);
  if (record === null || typeof record.status !== 'string' || record.status.trim() === '')
    return { ok: false, refused: false };
  return {
    ok: true,
    value: {
      status: record.status.trim(),
      statusCode: normalizeStatusCode(record.status_code),
      message: typeof record.message === 'string' ? record.message : '',
    },
  };
}

function understandChain(json: { ok: true; value: unknown } | { ok: false }): Understanding<ChainResult> {
  const record = asRecord(json);
  if (record === null) return { ok: false, refused: false };
  if (record.success === false) {
    const said = [record.message, record.error].find((v): v is string => typeof v === 'string' && v.trim() !== '');
    return { ok: false, refused: true, message: said ?? 'BSrE tidak memberikan rantai sertifikat.' };
  }
  if (record.success !== true || !Array.isArray(record.data)) return { ok: false, refused: false };
  const certificates = record.data.map(toPem);
  if (certificates.some((pem) => pem === null)) return { ok: false, refused: false };
  return { ok: true, value: { certificates: certificates as string[] } };
}

function understandJsonBody(json: { ok: true; value: unknown } | { ok: false }): Understanding<{ body: unknown }> {
  return json.ok ? { ok: true, value: { body: json.value } } : { ok: false, refused: false };
}

/**
 * A 2xx to a registration (no source shows its body): one that carries `error`, `success:false` or a
 * non-success status_code is a refusal with that text; an empty or non-JSON body is "sent, to be
 * confirmed by status"; any other JSON is confirmed.
 */
function understandRegistration(
  json: { ok: true; value: unknown } | { ok: false },
  text: string,
): Understanding<RegistrationReply> {
  if (!json.ok) return { ok: true, value: { body: text === '' ? null : text, confirmed: false } };
  const refusal = refusalInBody(json.value);
  if (refusal !== null) return { ok: false, refused: true, message: refusal };
  const isObject = json.value !== null && typeof json.value === 'object' && !Array.isArray(json.value);
  return { ok: true, value: { body: json.value, confirmed: isObject } };
}
