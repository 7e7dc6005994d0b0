/**
 * The simulated BSrE endpoints: status (v2 and v1), registration, certificate chain and PDF verify,
 * answering with the shapes in shared/docs/bsre.md. Codes 2011, 2021 (v2) and 1111, 1110 (v1) come
 * from the doc; the other 4-digit codes below are the simulator's own inventions.
 */
import type { Clock } from '../../clock';
import { maskIdentity } from '../mask';
import type { KnownBsreStatus } from '../types';
import type { SimCa } from './ca';
import { isRecord, json, parseJson, type Reply, spring, text } from './replies';
import type { SimUserTable } from './users';

export interface EndpointContext {
  users: SimUserTable;
  ca: SimCa;
  clock: Clock;
  /** How v2 sends status_code (v1 always sends numbers). */
  statusCodeAs: 'string' | 'number';
}

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
const FILE_INVALID_CODE = 3001;

function statusBody(ctx: EndpointContext, identity: string, version: 'v1' | 'v2'): Reply {
  const user = identity === '' ? undefined : ctx.users.lookup(identity);
  const status: KnownBsreStatus = user?.status ?? 'NOT_REGISTERED';
  const answer = STATUS_ANSWERS[status];
  const code = version === 'v1' && status === 'NOT_REGISTERED' ? 1110 : answer.code;
  const statusCode = version === 'v1' || ctx.statusCodeAs === 'number' ? code : String(code);
  return json(200, { status_code: statusCode, message: answer.message, status });
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

/** GET /api/v2/user/certificate/chain/{nik|email}: leaf as bare base64 DER, CA as PEM (both forms occur). */
export function chain(ctx: EndpointContext, rawId: string): Reply {
  let id: string;
  try {
    id = decodeURIComponent(rawId);
  } catch {
    return text(400, 'Bad Request: invalid identifier');
  }
  const user = ctx.users.lookup(id);
  if (!user) return text(400, 'Bad Request: user not found');
  if (!user.certificate) {
    return json(400, { success: false, error: 'User belum memiliki sertifikat', status_code: 2021 });
  }
  const leafBase64 = user.certificate.pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
  return json(200, { success: true, data: [leafBase64, ctx.ca.certificatePem] });
}

/** POST /api/v2/verify/pdf {file, password?}: a plausible summary; signatures are counted, not validated. */
export function verifyPdf(ctx: EndpointContext, body: Buffer, path: string): Reply {
  const input = parseJson(body);
  if (input === undefined) return spring(400, path, ctx.clock.now());
  const file = isRecord(input) && typeof input.file === 'string' ? input.file.replace(/\s+/g, '') : '';
  if (file === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(file)) {
    return json(400, {
      error: 'File harus berupa PDF dalam base64 (file must be base64)',
      status_code: FILE_INVALID_CODE,
    });
  }
  const pdf = Buffer.from(file, 'base64').toString('latin1');
  if (!pdf.startsWith('%PDF-'))
    return json(400, { error: 'Dokumen bukan PDF (not a PDF document)', status_code: FILE_INVALID_CODE });
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
