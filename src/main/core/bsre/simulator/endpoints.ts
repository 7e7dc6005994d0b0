/**
 * The simulated BSrE endpoints: status (v2 and v1), registration, certificate chain and PDF verify
 * (v2 JSON and v1 multipart), answering with the shapes in shared/docs/bsre.md — production's where
 * they were seen live. Codes 2011, 2021 (v2) and 1111, 1110 (v1) come from the doc; the other
 * 4-digit codes below are the simulator's own inventions.
 */
import type { Clock } from '../../clock';
import { maskIdentity } from '../mask';
import type { KnownBsreStatus } from '../types';
import type { BehaviourSwitch } from './behaviour';
import type { SimCa } from './ca';
import type { SimKycRefusal, SimUser } from './model';
import { multipartField } from './multipart';
import { isRecord, json, parseJson, type Reply, spring } from './replies';
import type { SimUserTable } from './users';

export interface EndpointContext {
  users: SimUserTable;
  ca: SimCa;
  clock: Clock;
  /** How v2 sends status_code (v1 always sends numbers). */
  statusCodeAs: 'string' | 'number';
  behaviour: BehaviourSwitch;
}

/** The status message when BSrE's KYC at activation refused the user (the status itself stays). */
export const KYC_REFUSAL_MESSAGES: Record<SimKycRefusal, string> = {
  name: 'Aktivasi ditolak: nama tidak sesuai dengan data Dukcapil',
  nik: 'Aktivasi ditolak: NIK tidak sesuai dengan data Dukcapil',
  liveness: 'Aktivasi ditolak: verifikasi liveness gagal',
};

const WELL_FORMED_NIK = /^\d{16}$/;
const WELL_FORMED_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** The only fields the juknis puts in a registration body. */
const JUKNIS_REGISTRATION_FIELDS = new Set(['nama', 'email']);

const STATUS_ANSWERS: Record<KnownBsreStatus, { code: number; message: string }> = {
  ISSUE: { code: 1111, message: 'Sertifikat aktif' },
  NOT_REGISTERED: { code: 2011, message: 'User tidak terdaftar' },
  NO_CERTIFICATE: { code: 2021, message: 'User belum memiliki sertifikat' },
  WAITING_FOR_VERIFICATION: { code: 2041, message: 'Permohonan sertifikat menunggu verifikasi' },
  NEW: { code: 2042, message: 'Sertifikat sudah terbit, belum diaktivasi' },
  EXPIRED: { code: 2051, message: 'Sertifikat sudah kedaluwarsa' },
  RENEW: { code: 2052, message: 'Sertifikat dalam proses pembaruan' },
  SUSPEND: { code: 2061, message: 'Sertifikat sedang dibekukan' },
  REVOKE: { code: 2071, message: 'Sertifikat telah dicabut' },
};

export const REGISTRATION_INVALID_CODE = 2001;
export const ALREADY_REGISTERED_CODE = 2012;

/** What BSrE says about someone it has no user for: production answers a well-formed NIK with NO_CERTIFICATE. */
function unknownStatus(ctx: EndpointContext, identity: string): KnownBsreStatus {
  const b = ctx.behaviour.current();
  if (WELL_FORMED_NIK.test(identity)) return b.unknownNik;
  if (WELL_FORMED_EMAIL.test(identity)) return b.unknownEmail;
  return 'NOT_REGISTERED';
}

function statusBody(ctx: EndpointContext, identity: string, version: 'v1' | 'v2'): Reply {
  const user: SimUser | undefined = identity === '' ? undefined : ctx.users.lookup(identity);
  const status: KnownBsreStatus = user?.status ?? unknownStatus(ctx, identity);
  const answer = STATUS_ANSWERS[status];
  const code = version === 'v1' && status === 'NOT_REGISTERED' ? 1110 : answer.code;
  const statusCode = version === 'v1' || ctx.statusCodeAs === 'number' ? code : String(code);
  const message = user?.kycRefusal ? KYC_REFUSAL_MESSAGES[user.kycRefusal] : answer.message;
  return json(200, { status_code: statusCode, message, status });
}

/** POST /api/v2/user/check/status {nik} | {email}: always HTTP 200; the format of the NIK is not checked. */
export function statusV2(ctx: EndpointContext, body: Buffer, path: string): Reply {
  const input = parseJson(body);
  if (input === undefined) return spring(400, path, ctx.clock.now());
  const record = isRecord(input) ? input : {};
  const nik = record.nik;
  const identity =
    typeof nik === 'string' || typeof nik === 'number'
      ? String(nik)
      : typeof record.email === 'string'
        ? record.email
        : '';
  return statusBody(ctx, identity, 'v2');
}

/** GET /api/user/status/{nik} */
export function statusV1(ctx: EndpointContext, nik: string): Reply {
  return statusBody(ctx, nik, 'v1');
}

/** POST /api/v2/user/registration {nama, email, nik?, oid_instansi?, suratRekomendasiBase64?} */
export function registration(ctx: EndpointContext, body: Buffer, path: string): Reply {
  const input = parseJson(body);
  if (input === undefined) return spring(400, path, ctx.clock.now());
  const record = isRecord(input) ? input : {};
  const extra = Object.keys(record).filter((key) => !JUKNIS_REGISTRATION_FIELDS.has(key));
  if (ctx.behaviour.current().strictRegistration && extra.length > 0) {
    return json(400, {
      timestamp: ctx.clock.now().toISOString(),
      status: 400,
      error: 'Bad Request',
      message: `JSON parse error: Unrecognized field "${extra[0]}" (class RegistrationRequest), not marked as ignorable`,
      path,
    });
  }
  const nama = typeof record.nama === 'string' ? record.nama.trim() : '';
  const email = typeof record.email === 'string' ? record.email.trim() : '';
  if (nama === '' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    return json(400, {
      error:
        'Data pendaftaran tidak lengkap: nama dan email yang valid wajib diisi (nama and a valid email are required)',
      status_code: REGISTRATION_INVALID_CODE,
    });
  }
  const nik = typeof record.nik === 'string' || typeof record.nik === 'number' ? String(record.nik).trim() : '';
  const result = ctx.users.register({
    nama,
    email,
    nik,
    oidInstansi: typeof record.oid_instansi === 'string' ? record.oid_instansi : null,
    hasRecommendationLetter: typeof record.suratRekomendasiBase64 === 'string' && record.suratRekomendasiBase64 !== '',
  });
  if (result.kind === 'duplicate') {
    const what = result.field === 'nik' ? 'NIK' : 'email';
    return json(409, {
      error: `User dengan ${what} tersebut sudah terdaftar (user already registered)`,
      status_code: ALREADY_REGISTERED_CODE,
    });
  }
  return json(200, {
    success: true,
    message: `Pendaftaran berhasil. Surel aktivasi dikirim ke ${maskIdentity(email)}.`,
    data: { nama: result.user.nama, email: result.user.email, nik: result.user.nik, status: result.user.status },
  });
}

/** GET /api/v2/user/certificate/chain/{nik|email}: leaf as bare base64 DER, the CAs as PEM (both forms occur). */
export function chain(ctx: EndpointContext, rawId: string): Reply {
  let id: string;
  try {
    id = decodeURIComponent(rawId);
  } catch {
    return badId();
  }
  const user = ctx.users.lookup(id);
  if (!user) return badId();
  if (!user.certificate) {
    return json(400, { success: false, error: 'User belum memiliki sertifikat', status_code: 2021 });
  }
  const leafBase64 = user.certificate.pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
  return json(200, { success: true, data: [leafBase64, ctx.ca.certificatePem, ctx.ca.rootCertificatePem] });
}

/** As seen live: a bad id is a 400 that says it is JSON and is not. */
function badId(): Reply {
  return { status: 400, contentType: 'application/json', body: 'Bad Request: user not found' };
}

/** Production answers an empty or invalid file with a 500 JSON body (not a 4xx). */
function fileError(ctx: EndpointContext, path: string, message: string): Reply {
  return json(500, {
    timestamp: ctx.clock.now().toISOString(),
    status: 500,
    error: 'Internal Server Error',
    message,
    path,
  });
}

/** POST /api/v2/verify/pdf {file, password?}: a plausible summary; signatures are counted, not validated. */
export function verifyPdf(ctx: EndpointContext, body: Buffer, path: string): Reply {
  const input = parseJson(body);
  if (input === undefined) return spring(400, path, ctx.clock.now());
  const file = isRecord(input) && typeof input.file === 'string' ? input.file.replace(/\s+/g, '') : '';
  if (file === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(file))
    return fileError(ctx, path, 'File harus berupa PDF (base64)');
  return verifySummary(ctx, Buffer.from(file, 'base64'), path);
}

/** POST /api/sign/verify, multipart field `signed_file` (v1). */
export function verifyPdfV1(ctx: EndpointContext, body: Buffer, contentType: string, path: string): Reply {
  const file = multipartField(body, contentType, 'signed_file');
  if (file === null || file.length === 0) return fileError(ctx, path, 'signed_file wajib berisi dokumen PDF');
  return verifySummary(ctx, file, path);
}

function verifySummary(ctx: EndpointContext, bytes: Buffer, path: string): Reply {
  const pdf = bytes.toString('latin1');
  if (!pdf.startsWith('%PDF-')) return fileError(ctx, path, 'Dokumen bukan PDF yang dapat dibaca');
  const signatureCount = pdf.match(/\/ByteRange\s*\[/g)?.length ?? 0;
  if (signatureCount === 0) {
    return json(200, {
      conclusion: 'NO_SIGNATURE',
      description: 'Dokumen tidak memiliki tanda tangan elektronik (tidak ada tanda tangan).',
      signatureCount: 0,
      signatureInformations: [],
      simulated: true,
    });
  }
  return json(200, {
    conclusion: 'WARNING',
    description: `SIMULASI: dokumen memuat ${signatureCount} tanda tangan; simulator tidak memeriksa keabsahannya.`,
    signatureCount,
    signatureInformations: Array.from({ length: signatureCount }, (_, i) => ({
      id: i + 1,
      signatureFormat: 'PAdES',
      checked: false,
    })),
    simulated: true,
  });
}
