/**
 * The pieces that make the client follow the juknis and production: the registration body, what a
 * 2xx registration reply means, how "BSrE has this email" is decided, KYC refusals recognised in
 * BSrE's words, and the simulator's multipart reader and behaviour switches.
 */
import { describe, expect, it } from 'vitest';

import { registrationBody } from '../../../src/main/core/bsre/client';
import { KNOWN_SUCCESS_CODES, refusalInBody } from '../../../src/main/core/bsre/codes';
import { presenceByEmail } from '../../../src/main/core/bsre/presence';
import { BehaviourSwitch, PRODUCTION_BEHAVIOUR } from '../../../src/main/core/bsre/simulator/behaviour';
import { multipartField } from '../../../src/main/core/bsre/simulator/multipart';
import type { BsreClient, BsreOutcome, RawResponse, StatusResult } from '../../../src/main/core/bsre/types';
import { kycReasonFromText } from '../../../src/shared/domain/kyc';
import { simSettings } from '../../helpers/bsre-settings';

const settings = (o: Parameters<typeof simSettings>[2] = {}) =>
  simSettings('http://127.0.0.1:1', { username: 'u', password: 'p' }, o);
const input = {
  nama: 'Budi Santoso',
  email: 'budi@kab.go.id',
  nik: '3503011506850001',
  oidInstansi: '2.16.360.1.1.1.9',
  suratRekomendasiBase64: 'JVBERi0=',
};

describe('registration body', () => {
  it('is exactly {nama, email} by default, whatever the entry carries', () => {
    expect(registrationBody(settings({ oidInstansi: '2.16.360.1.1.1.9' }), input)).toEqual({
      nama: 'Budi Santoso',
      email: 'budi@kab.go.id',
    });
  });
  it('adds each extra only when its switch is on (and it has a value)', () => {
    expect(registrationBody(settings({ sendNik: true }), input)).toEqual({
      nama: 'Budi Santoso',
      email: 'budi@kab.go.id',
      nik: '3503011506850001',
    });
    expect(
      registrationBody(settings({ sendOidInstansi: true, sendRecommendationLetter: true }), {
        ...input,
        oidInstansi: undefined,
      }),
    ).toEqual({ nama: 'Budi Santoso', email: 'budi@kab.go.id', suratRekomendasiBase64: 'JVBERi0=' });
    expect(
      registrationBody(settings({ sendOidInstansi: true, oidInstansi: '1.2.3' }), { nama: 'A', email: 'a@b.id' }),
    ).toEqual({ nama: 'A', email: 'a@b.id', oid_instansi: '1.2.3' });
    expect(registrationBody(settings({ sendNik: true }), { nama: 'A', email: 'a@b.id', nik: '  ' })).toEqual({
      nama: 'A',
      email: 'a@b.id',
    });
  });
});

describe('a 2xx registration reply that still says no', () => {
  it('error, success:false, or a 4-digit status_code that is not a success is a refusal with its text', () => {
    expect(refusalInBody({ error: 'Email sudah digunakan', status_code: 2013 })).toBe('Email sudah digunakan');
    expect(refusalInBody({ success: false, message: 'Data tidak valid' })).toBe('Data tidak valid');
    expect(refusalInBody({ status_code: '2002', message: 'Instansi tidak dikenal' })).toBe('Instansi tidak dikenal');
    expect(refusalInBody({ status_code: 400 })).toMatch(/status_code 400/);
    expect(refusalInBody({ error: true })).toMatch(/menolak/);
  });
  it('a success body, a known success code, or something that is not an object is not a refusal', () => {
    expect(refusalInBody({ success: true, message: 'Pendaftaran berhasil' })).toBeNull();
    expect(refusalInBody({ status_code: '1111', message: 'OK' })).toBeNull();
    expect(KNOWN_SUCCESS_CODES.has('1111')).toBe(true);
    expect(refusalInBody({ status_code: 200, data: {} })).toBeNull();
    expect(refusalInBody({ error: '' })).toBeNull();
    expect(refusalInBody('error')).toBeNull();
    expect(refusalInBody(null)).toBeNull();
    expect(refusalInBody([{ error: 'x' }])).toBeNull();
  });
});

/** A client whose status answers come from a table keyed by email; everything else is unused. */
function statusClient(answers: (email: string) => BsreOutcome<StatusResult>): BsreClient & { asked: string[] } {
  const asked: string[] = [];
  const unused = () => Promise.reject(new Error('not used'));
  return {
    asked,
    checkStatus: (identity) => {
      const email = 'email' in identity ? identity.email : '';
      asked.push(email);
      return Promise.resolve(answers(email));
    },
    register: unused,
    certificateChain: unused,
    verifyPdf: unused,
  };
}
const raw: RawResponse = {
  operation: 'status',
  method: 'POST',
  path: '/api/v2/user/check/status',
  httpStatus: 200,
  contentType: 'application/json',
  body: '{}',
  at: '2025-03-10T02:00:00.000Z',
  durationMs: 1,
  attempts: 1,
};
const status = (s: string): BsreOutcome<StatusResult> => ({
  kind: 'ok',
  value: { status: s, statusCode: '', message: '' },
  raw,
});

describe('does BSrE have this email?', () => {
  it('a status only a held user can have is present, without a control check', async () => {
    for (const s of ['WAITING_FOR_VERIFICATION', 'NEW', 'ISSUE', 'EXPIRED', 'RENEW', 'SUSPEND', 'REVOKE']) {
      const c = statusClient(() => status(s));
      expect(await presenceByEmail(c, 'budi@kab.go.id')).toMatchObject({ kind: 'present', status: s });
      expect(c.asked).toEqual(['budi@kab.go.id']);
    }
  });
  it('NOT_REGISTERED is absent', async () => {
    expect(
      await presenceByEmail(
        statusClient(() => status('NOT_REGISTERED')),
        'x@kab.go.id',
      ),
    ).toMatchObject({
      kind: 'absent',
    });
  });
  it('NO_CERTIFICATE is present only when an address nobody has answers NOT_REGISTERED', async () => {
    const distinguishes = statusClient((e) => status(e === 'budi@kab.go.id' ? 'NO_CERTIFICATE' : 'NOT_REGISTERED'));
    expect(await presenceByEmail(distinguishes, 'budi@kab.go.id')).toMatchObject({ kind: 'present' });
    expect(distinguishes.asked[1]).toMatch(/^cek-[0-9a-f]{12}@loket-tte\.invalid$/);
    const cannotTell = statusClient(() => status('NO_CERTIFICATE'));
    expect(await presenceByEmail(cannotTell, 'budi@kab.go.id')).toMatchObject({
      kind: 'unclear',
      message: expect.stringMatching(/tidak dapat memastikan/),
    });
  });
  it('a strange status is unclear, a failed check is unreachable', async () => {
    expect(
      await presenceByEmail(
        statusClient(() => status('FROZEN')),
        'b@k.id',
      ),
    ).toMatchObject({ kind: 'unclear' });
    const down = statusClient(() => ({ kind: 'unavailable', message: 'HTTP 503', raw: null }));
    expect(await presenceByEmail(down, 'b@k.id')).toMatchObject({ kind: 'unreachable', message: 'HTTP 503' });
  });
});

describe("KYC refusals in BSrE's words", () => {
  it('names the reason', () => {
    expect(kycReasonFromText('Aktivasi ditolak: nama tidak sesuai dengan data Dukcapil')).toBe('nameMismatch');
    expect(kycReasonFromText('Aktivasi ditolak: NIK tidak sesuai dengan data Dukcapil')).toBe('nikMismatch');
    expect(kycReasonFromText('Verifikasi liveness gagal')).toBe('livenessFailed');
    expect(kycReasonFromText('Verifikasi gagal: nomor HP tidak terdaftar di WhatsApp')).toBe('phoneUnreachable');
    expect(kycReasonFromText('Gagal: tautan aktivasi sudah kedaluwarsa')).toBe('linkExpired');
  });
  it('ignores ordinary status messages', () => {
    for (const text of ['User belum memiliki sertifikat', 'Sertifikat aktif', 'Data Dukcapil terverifikasi', '', null])
      expect(kycReasonFromText(text)).toBeNull();
  });
});

describe('simulator plumbing', () => {
  it('reads one multipart field and nothing else', () => {
    const boundary = '----loket123';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="other"\r\n\r\nx\r\n`),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="signed_file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      Buffer.from('%PDF-1.7\r\nisi\r\n'),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const type = `multipart/form-data; boundary=${boundary}`;
    expect(multipartField(body, type, 'signed_file')?.toString('latin1')).toBe('%PDF-1.7\r\nisi\r\n');
    expect(multipartField(body, type, 'file')).toBeNull();
    expect(multipartField(body, 'application/json', 'signed_file')).toBeNull();
  });
  it('behaviour switches start at production and refuse nonsense', () => {
    const b = new BehaviourSwitch();
    expect(b.current()).toEqual(PRODUCTION_BEHAVIOUR);
    b.set({ unknownEmail: 'NO_CERTIFICATE', strictRegistration: true });
    expect(b.current()).toMatchObject({ unknownEmail: 'NO_CERTIFICATE', strictRegistration: true });
    expect(() => b.set({ strictRegistration: 'ya' as never })).toThrow(/strictRegistration/);
    expect(() => b.set({ bogus: 1 } as never)).toThrow(/bogus/);
    b.reset();
    expect(b.current()).toEqual(PRODUCTION_BEHAVIOUR);
  });
});
