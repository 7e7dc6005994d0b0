/**
 * The real BSrE client against the real simulator over loopback HTTP: every endpoint, every status
 * of the lifecycle, both API versions, and the awkward shapes bsre.md warns about (string/number
 * status codes, Spring 401 bodies, a 400 on the chain that says JSON and is not). The simulator
 * runs production-like by default (a random NIK answers NO_CERTIFICATE, a chain has three
 * certificates, verify answers a bad file with 500 JSON); each behaviour switch is exercised too.
 */
import { X509Certificate } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { parseCertificateValidity } from '../../../src/main/core/bsre/certificates';
import { createBsreClient, validateBaseUrl } from '../../../src/main/core/bsre/client';
import {
  type BsreSimulator,
  SIM_CA_NAME,
  SIM_ROOT_CA_NAME,
  startBsreSimulator,
} from '../../../src/main/core/bsre/simulator';
import {
  BSRE_STATUSES,
  type BsreOutcome,
  type BsreSettings,
  type StatusResult,
} from '../../../src/main/core/bsre/types';
import { ManualClock } from '../../../src/main/core/clock';
import type { Logger } from '../../../src/main/core/logger';
import { simSettings } from '../../helpers/bsre-settings';

const USER = 'loket';
const PASSWORD = 'rahasia-uji';
const START = new Date('2025-03-10T02:00:00.000Z');

function settingsFor(sim: BsreSimulator, overrides: Partial<BsreSettings> = {}): BsreSettings {
  return simSettings(sim.url, { username: USER, password: PASSWORD }, { sendRecommendationLetter: true, ...overrides });
}

function capturingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(m), error: (m) => lines.push(m) };
}

function okValue<T>(outcome: BsreOutcome<T>): T {
  if (outcome.kind !== 'ok')
    throw new Error(`expected ok, got ${outcome.kind}: ${'message' in outcome ? outcome.message : ''}`);
  return outcome.value;
}

let counter = 0;
function person() {
  counter += 1;
  const nik = `350312010190${String(counter).padStart(4, '0')}`;
  return { nama: `Pegawai Uji ${counter}`, email: `pegawai${counter}@trenggalekkab.go.id`, nik };
}

const clock = new ManualClock(START);
let sim: BsreSimulator;
const logger = capturingLogger();
const client = () => createBsreClient(settingsFor(sim), { clock, logger, sleep: async () => undefined });

beforeAll(async () => {
  sim = await startBsreSimulator({ username: USER, password: PASSWORD, clock });
});

afterAll(async () => {
  await sim.close();
});

describe('settings', () => {
  it('refuses an http:// base URL unless http is explicitly allowed', () => {
    expect(() => createBsreClient(settingsFor(sim, { allowHttp: false }))).toThrow(/http:\/\//);
    expect(validateBaseUrl(sim.url, false)).toMatch(/tidak terenkripsi/);
    expect(validateBaseUrl(sim.url, true)).toBeNull();
    expect(validateBaseUrl('https://esign.trenggalekkab.go.id/', false)).toBeNull();
    expect(validateBaseUrl('ftp://esign.kab.go.id', true)).not.toBeNull();
    expect(validateBaseUrl('https://admin:pw@esign.kab.go.id', false)).not.toBeNull();
    expect(validateBaseUrl('', true)).not.toBeNull();
  });
});

describe('status', () => {
  it('answers like production: a random well-formed NIK is NO_CERTIFICATE (2021), only empty or malformed is NOT_REGISTERED (2011)', async () => {
    expect(okValue(await client().checkStatus({ nik: '3503999999999999' }))).toEqual({
      status: 'NO_CERTIFICATE',
      statusCode: '2021',
      message: expect.any(String),
    });
    for (const identity of [{ nik: 'bukan-nik' }, { nik: '' }, { nik: '35039999' }, { email: 'tidak.ada@kab.go.id' }]) {
      const value = okValue(await client().checkStatus(identity));
      expect(value).toEqual({ status: 'NOT_REGISTERED', statusCode: '2011', message: expect.any(String) });
    }
  });

  it('with the switches: the old answer for unknown NIKs, and a server that cannot tell unknown emails apart', async () => {
    const old = await startBsreSimulator({
      username: USER,
      password: PASSWORD,
      clock,
      behaviour: { unknownNik: 'NOT_REGISTERED' },
    });
    try {
      const c = createBsreClient(settingsFor(old), { clock });
      expect(okValue(await c.checkStatus({ nik: '3503999999999999' }))).toMatchObject({ status: 'NOT_REGISTERED' });
      old.behaviour.set({ unknownNik: 'NO_CERTIFICATE', unknownEmail: 'NO_CERTIFICATE' });
      expect(okValue(await c.checkStatus({ email: 'tidak.ada@kab.go.id' }))).toMatchObject({
        status: 'NO_CERTIFICATE',
        statusCode: '2021',
      });
      expect(okValue(await c.checkStatus({ nik: 'bukan-nik' }))).toMatchObject({ status: 'NOT_REGISTERED' });
      old.behaviour.reset();
      expect(old.behaviour.current()).toEqual({
        unknownNik: 'NO_CERTIFICATE',
        unknownEmail: 'NOT_REGISTERED',
        strictRegistration: false,
      });
      expect(() => old.behaviour.set({ unknownNik: 'ISSUE' as never })).toThrow(/unknownNik/);
    } finally {
      await old.close();
    }
  });

  it('normalizes a numeric status_code to a string', async () => {
    const numeric = await startBsreSimulator({ username: USER, password: PASSWORD, clock, statusCodeAs: 'number' });
    try {
      const outcome = await createBsreClient(settingsFor(numeric)).checkStatus({ nik: '3503000000000001' });
      expect(okValue(outcome).statusCode).toBe('2021');
      expect(JSON.parse(outcome.raw?.body ?? '')).toMatchObject({ status_code: 2021 });
    } finally {
      await numeric.close();
    }
    const stringy = await client().checkStatus({ nik: '3503000000000001' });
    expect(JSON.parse(stringy.raw?.body ?? '')).toMatchObject({ status_code: '2021' });
    expect(okValue(stringy).statusCode).toBe('2021');
  });

  it('uses GET /api/user/status/{nik} when set to v1 (1110 / 1111)', async () => {
    const p = person();
    const v1 = createBsreClient(settingsFor(sim, { apiVersion: 'v1' }), { clock });
    const unknown = await v1.checkStatus({ nik: p.nik });
    expect(okValue(unknown)).toMatchObject({ status: 'NO_CERTIFICATE', statusCode: '2021' });
    expect(unknown.raw).toMatchObject({ method: 'GET', path: `/api/user/status/${p.nik}`, httpStatus: 200 });
    expect(okValue(await v1.checkStatus({ nik: 'bukan-nik' }))).toMatchObject({
      status: 'NOT_REGISTERED',
      statusCode: '1110',
    });
    sim.users.seed({ ...p, status: 'ISSUE' });
    expect(okValue(await v1.checkStatus({ nik: p.nik }))).toMatchObject({ status: 'ISSUE', statusCode: '1111' });
  });

  it('falls back to v1 once when the v2 status path answers 404, and records it in raw.path', async () => {
    const old = await startBsreSimulator({ username: USER, password: PASSWORD, clock, v1Only: true });
    try {
      const p = person();
      old.users.seed({ ...p, status: 'ISSUE' });
      const outcome = await createBsreClient(settingsFor(old), { clock }).checkStatus({ nik: p.nik });
      expect(okValue(outcome)).toMatchObject({ status: 'ISSUE', statusCode: '1111' });
      expect(outcome.raw?.path).toBe(`/api/v2/user/check/status → /api/user/status/${p.nik}`);
      expect(outcome.raw?.attempts).toBe(2);
      // v1 cannot look up an email: the 404 stays a rejection.
      const byEmail = await createBsreClient(settingsFor(old), { clock }).checkStatus({ email: p.email });
      expect(byEmail).toMatchObject({ kind: 'rejected', httpStatus: 404 });
    } finally {
      await old.close();
    }
  });
});

describe('registration and the lifecycle', () => {
  it('registers into NO_CERTIFICATE with an activation email, then rejects a duplicate with a code', async () => {
    const p = person();
    const c = createBsreClient(
      settingsFor(sim, { oidInstansi: '2.16.360.1.1.1.99', sendOidInstansi: true, sendNik: true }),
      { clock },
    );
    const outcome = await c.register({
      ...p,
      suratRekomendasiBase64: Buffer.from('%PDF-1.4 surat').toString('base64'),
    });
    expect(outcome).toMatchObject({ kind: 'ok', value: { confirmed: true } });
    expect(outcome.raw).toMatchObject({
      operation: 'registration',
      method: 'POST',
      path: '/api/v2/user/registration',
      httpStatus: 200,
      attempts: 1,
      at: START.toISOString(),
    });
    expect(sim.users.get(p.nik)).toMatchObject({
      status: 'NO_CERTIFICATE',
      oidInstansi: '2.16.360.1.1.1.99',
      hasRecommendationLetter: true,
      email: p.email,
    });
    expect(okValue(await c.checkStatus({ nik: p.nik }))).toMatchObject({
      status: 'NO_CERTIFICATE',
      statusCode: '2021',
    });
    expect(okValue(await c.checkStatus({ email: p.email.toUpperCase() }))).toMatchObject({ status: 'NO_CERTIFICATE' });

    const mail = sim.emails().find((e) => e.nik === p.nik);
    expect(mail?.to).toBe(p.email);
    expect(mail?.body).toContain(mail?.activationLink ?? 'no link');
    expect(mail?.body).toMatch(/aktivasi/i);

    const again = await c.register({ ...p });
    expect(again).toMatchObject({ kind: 'rejected', httpStatus: 409, bsreCode: '2012' });
    const sameEmail = await c.register({ nama: 'Lain', email: p.email, nik: '3503777777777777' });
    expect(sameEmail).toMatchObject({ kind: 'rejected', bsreCode: '2012' });
    expect(sim.registrationCount(p.nik)).toBe(2);
    expect(sim.registrationCount(p.email)).toBe(3);
  });

  it('sends exactly the juknis body {nama, email} unless extras are opted in; a strict server refuses them', async () => {
    const strict = await startBsreSimulator({
      username: USER,
      password: PASSWORD,
      clock,
      behaviour: { strictRegistration: true },
    });
    try {
      const p = person();
      const plain = createBsreClient(
        settingsFor(strict, { sendRecommendationLetter: false, oidInstansi: '2.16.360.1.1.1.99' }),
        { clock },
      );
      expect(
        await plain.register({ ...p, suratRekomendasiBase64: 'JVBERi0=', oidInstansi: '2.16.360.1.1.1.99' }),
      ).toMatchObject({ kind: 'ok', value: { confirmed: true } });
      expect(strict.users.get(p.email)).toMatchObject({ nik: '', oidInstansi: null, hasRecommendationLetter: false });

      for (const [field, overrides] of [
        ['nik', { sendNik: true }],
        ['oid_instansi', { sendOidInstansi: true, oidInstansi: '2.16.360.1.1.1.99' }],
        ['suratRekomendasiBase64', { sendRecommendationLetter: true }],
      ] as const) {
        const q = person();
        const c = createBsreClient(settingsFor(strict, { sendRecommendationLetter: false, ...overrides }), { clock });
        const refused = await c.register({ ...q, suratRekomendasiBase64: 'JVBERi0=' });
        expect(refused).toMatchObject({ kind: 'rejected', httpStatus: 400 });
        expect(refused.kind === 'rejected' && refused.message).toContain(`Unrecognized field "${field}"`);
        expect(strict.users.get(q.email)).toBeUndefined();
      }
    } finally {
      await strict.close();
    }
  });

  it('does not send the recommendation letter when the setting is off, and honours a custom registration path', async () => {
    const p = person();
    const c = createBsreClient(
      settingsFor(sim, { sendRecommendationLetter: false, registrationPath: '/api/v2/user/register' }),
      { clock },
    );
    const outcome = await c.register({ ...p, suratRekomendasiBase64: 'JVBERi0=' });
    expect(outcome.raw?.path).toBe('/api/v2/user/register');
    expect(sim.users.get(p.email)).toMatchObject({ hasRecommendationLetter: false, oidInstansi: null });
  });

  it('reports every status of BSRE_STATUSES as the user moves along the lifecycle', async () => {
    const c = createBsreClient(settingsFor(sim, { sendNik: true }), { clock });
    const seen = new Set<string>();
    const observe = async (nik: string, expected: string) => {
      const value: StatusResult = okValue(await c.checkStatus({ nik }));
      expect(value.status).toBe(expected);
      seen.add(value.status);
    };
    const a = person();
    await observe('', 'NOT_REGISTERED');
    expect((await c.register(a)).kind).toBe('ok');
    await observe(a.nik, 'NO_CERTIFICATE');
    sim.users.activate(a.nik);
    await observe(a.nik, 'WAITING_FOR_VERIFICATION');
    const issued = sim.users.verify(a.nik);
    await observe(a.nik, 'ISSUE');
    sim.users.suspend(a.nik);
    await observe(a.nik, 'SUSPEND');
    sim.users.unsuspend(a.nik);
    await observe(a.nik, 'ISSUE');
    sim.users.renew(a.nik);
    await observe(a.nik, 'RENEW');
    const renewed = sim.users.issue(a.nik);
    await observe(a.nik, 'ISSUE');
    expect(renewed.certificate?.serialNumber).not.toBe(issued.certificate?.serialNumber);
    expect(renewed.previousCertificates.map((cert) => cert.serialNumber)).toEqual([issued.certificate?.serialNumber]);
    sim.users.expire(a.nik);
    await observe(a.nik, 'EXPIRED');

    const b = person();
    await c.register(b);
    sim.users.activate(b.nik);
    sim.users.issue(b.nik);
    sim.users.revoke(b.nik);
    await observe(b.nik, 'REVOKE');
    expect(() => sim.users.unsuspend(b.nik)).toThrow(/REVOKE/);
    expect(() => sim.users.renew(b.nik)).toThrow(/renew/);

    // NEW (issued, not yet activated) is outside the office's path; it can only be seeded.
    const n = person();
    sim.users.seed({ ...n, status: 'NEW' });
    await observe(n.nik, 'NEW');
    sim.users.activate(n.nik);
    await observe(n.nik, 'ISSUE');

    expect([...seen].sort()).toEqual([...BSRE_STATUSES].sort());
  });

  it('refuses transitions the lifecycle does not allow, with a clear message', () => {
    const p = person();
    expect(() => sim.users.activate(p.nik)).toThrow(/tidak terdaftar/);
    sim.users.seed(p);
    expect(() => sim.users.issue(p.nik)).toThrow(/NO_CERTIFICATE/);
    expect(() => sim.users.suspend(p.nik)).toThrow(/hanya dari: ISSUE/);
    expect(() => sim.users.seed(p)).toThrow(/sudah terdaftar/);
    expect(sim.users.get(p.nik)?.status).toBe('NO_CERTIFICATE');
  });

  it('expires an issued certificate by itself when the injected clock passes notAfter', async () => {
    const local = new ManualClock(START);
    const s = await startBsreSimulator({ username: USER, password: PASSWORD, clock: local });
    try {
      const p = person();
      s.users.seed({ ...p, status: 'ISSUE' });
      const c = createBsreClient(settingsFor(s), { clock: local });
      expect(okValue(await c.checkStatus({ nik: p.nik })).status).toBe('ISSUE');
      local.advanceMinutes(2 * 366 * 24 * 60);
      expect(okValue(await c.checkStatus({ nik: p.nik })).status).toBe('EXPIRED');
      expect(s.users.get(p.nik)?.history.at(-1)?.action).toBe('auto-expire');
    } finally {
      await s.close();
    }
  });
});

describe('certificate chain', () => {
  it('returns three certificates as production does: leaf, issuing CA, root; the leaf is valid exactly 2 years − 1 s', async () => {
    const p = { ...person(), nama: 'Dr. Siti Aminah, S.Kom., M.T.' };
    sim.users.seed(p);
    sim.users.activate(p.nik);
    const user = sim.users.verify(p.nik);
    for (const identity of [p.nik, p.email]) {
      const chain = okValue(await client().certificateChain(identity));
      expect(chain.certificates).toHaveLength(3);
      for (const pem of chain.certificates)
        expect(pem).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+-----END CERTIFICATE-----\n?$/);
      const [leafPem, caPem, rootPem] = chain.certificates as [string, string, string];
      const leaf = parseCertificateValidity(leafPem);
      const ca = parseCertificateValidity(caPem);
      const root = parseCertificateValidity(rootPem);
      expect(leaf.subjectCN).toBe(p.nama);
      expect(leaf.issuerCN).toBe(SIM_CA_NAME);
      expect(ca.subjectCN).toBe(SIM_CA_NAME);
      expect(ca.issuerCN).toBe(SIM_ROOT_CA_NAME);
      expect(root).toMatchObject({ subjectCN: SIM_ROOT_CA_NAME, issuerCN: SIM_ROOT_CA_NAME });
      expect(leaf.notBefore.toISOString()).toBe(START.toISOString());
      const twoYears = new Date(leaf.notBefore.getTime());
      twoYears.setUTCFullYear(twoYears.getUTCFullYear() + 2);
      expect(leaf.notAfter.getTime()).toBe(twoYears.getTime() - 1000);
      expect(leaf.notAfter.toISOString()).toBe('2027-03-10T01:59:59.000Z');
      expect(leaf.serialNumber).toBe(user.certificate?.serialNumber);
      const x509 = new X509Certificate(leafPem);
      expect(x509.subject).toContain(`serialNumber=${p.nik}`);
      expect(x509.subject).toContain(`emailAddress=${p.email}`);
      expect(x509.verify(new X509Certificate(caPem).publicKey)).toBe(true);
      expect(x509.checkIssued(new X509Certificate(caPem))).toBe(true);
      expect(new X509Certificate(caPem).verify(new X509Certificate(rootPem).publicKey)).toBe(true);
      expect(new X509Certificate(rootPem).verify(new X509Certificate(rootPem).publicKey)).toBe(true);
    }
  });

  it('a bad id gets a 400 that says JSON and is not, which becomes a rejection without throwing', async () => {
    const outcome = await client().certificateChain('tidak-ada');
    expect(outcome).toMatchObject({ kind: 'rejected', httpStatus: 400, bsreCode: null });
    expect(outcome.raw?.contentType).toMatch(/application\/json/);
    expect(() => JSON.parse(outcome.raw?.body ?? '')).toThrow();
    expect(outcome.kind === 'rejected' && outcome.message).toMatch(/Bad Request/);
  });

  it('a registered user without a certificate gets a rejection with code 2021', async () => {
    const p = person();
    sim.users.seed(p);
    expect(await client().certificateChain(p.nik)).toMatchObject({
      kind: 'rejected',
      httpStatus: 400,
      bsreCode: '2021',
    });
  });
});

describe('verify pdf', () => {
  const unsigned = Buffer.from(
    '%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  ).toString('base64');
  const signed = Buffer.from(
    '%PDF-1.7\n4 0 obj << /Type /Sig /ByteRange [0 10 20 30] /Contents <00> >> endobj\n%%EOF\n',
  ).toString('base64');

  it('says there is no signature for an unsigned PDF', async () => {
    const outcome = await client().verifyPdf(unsigned);
    const body = okValue(outcome).body as Record<string, unknown>;
    expect(body).toMatchObject({ conclusion: 'NO_SIGNATURE', signatureCount: 0 });
    expect(String(body.description)).toContain('tidak ada tanda tangan');
    expect(outcome.raw).toMatchObject({ operation: 'verify', method: 'POST', path: '/api/v2/verify/pdf' });
  });

  it('counts signatures in a signed PDF and accepts a password', async () => {
    expect(okValue(await client().verifyPdf(signed, 'sandi-dokumen')).body).toMatchObject({ signatureCount: 1 });
  });

  it('an empty or invalid file gets production\'s 500 JSON: "berkas tidak dapat diverifikasi", not retried', async () => {
    for (const file of [Buffer.from('bukan pdf').toString('base64'), '%%% bukan base64 %%%', '']) {
      const outcome = await client().verifyPdf(file);
      expect(outcome).toMatchObject({ kind: 'rejected', httpStatus: 500, raw: { attempts: 1 } });
      expect(outcome.kind === 'rejected' && outcome.message).toMatch(/^Berkas tidak dapat diverifikasi/);
      expect(outcome.kind === 'rejected' && outcome.message).not.toMatch(/coba lagi/i);
    }
  });

  it('uses v1 verify (multipart signed_file) when set to v1, and falls back to it when v2 verify is 404', async () => {
    const v1 = createBsreClient(settingsFor(sim, { apiVersion: 'v1' }), { clock });
    const direct = await v1.verifyPdf(signed);
    expect(okValue(direct).body).toMatchObject({ signatureCount: 1 });
    expect(direct.raw).toMatchObject({ method: 'POST', path: '/api/sign/verify', attempts: 1 });
    expect(await v1.verifyPdf('')).toMatchObject({ kind: 'rejected', httpStatus: 500 });
    const old = await startBsreSimulator({ username: USER, password: PASSWORD, clock, v1Only: true });
    try {
      const outcome = await createBsreClient(settingsFor(old), { clock }).verifyPdf(unsigned);
      expect(okValue(outcome).body).toMatchObject({ conclusion: 'NO_SIGNATURE' });
      expect(outcome.raw).toMatchObject({ path: '/api/v2/verify/pdf → /api/sign/verify', attempts: 2 });
    } finally {
      await old.close();
    }
  });
});

describe('authentication and logging', () => {
  it('wrong credentials give unauthorized with the Spring body on every endpoint', async () => {
    const wrong = createBsreClient(settingsFor(sim, { password: 'salah' }), { clock });
    const outcomes = [
      await wrong.checkStatus({ nik: '3503000000000001' }),
      await wrong.register(person()),
      await wrong.certificateChain('3503000000000001'),
      await wrong.verifyPdf('JVBERi0xLjcK'),
    ];
    for (const outcome of outcomes) {
      expect(outcome.kind).toBe('unauthorized');
      expect(outcome.raw?.attempts).toBe(1);
      const body = JSON.parse(outcome.raw?.body ?? '') as Record<string, unknown>;
      expect(body).toMatchObject({ status: 401, error: 'Unauthorized', path: expect.stringMatching(/^\/api\//) });
      expect(typeof body.timestamp).toBe('string');
    }
  });

  it("403 (this computer's IP not registered) is unauthorized, worded for credentials and IP", async () => {
    sim.faults.set({ forbidden: true, remaining: 1 });
    const outcome = await client().checkStatus({ nik: '3503000000000001' });
    expect(outcome).toMatchObject({ kind: 'unauthorized', raw: { httpStatus: 403, attempts: 1 } });
    expect(outcome.kind === 'unauthorized' && outcome.message).toMatch(
      /kredensial salah atau alamat IP komputer ini belum didaftarkan di Esign Client Service/i,
    );
    const wrong = await createBsreClient(settingsFor(sim, { password: 'salah' }), { clock }).checkStatus({ nik: '' });
    expect(wrong.kind === 'unauthorized' && wrong.message).toMatch(/alamat IP komputer ini/);
  });

  it('logs masked NIK and email only', async () => {
    const p = person();
    const log = capturingLogger();
    const c = createBsreClient(settingsFor(sim, { sendNik: true }), { clock, logger: log });
    await c.register(p);
    await c.checkStatus({ nik: p.nik });
    await c.checkStatus({ email: p.email });
    await c.certificateChain(p.email);
    const all = log.lines.join('\n');
    expect(log.lines).toHaveLength(4);
    expect(all).not.toContain(p.nik);
    expect(all).not.toContain(p.email);
    expect(all).toContain(`${p.nik.slice(0, 4)}••••••••${p.nik.slice(-4)}`);
    expect(all).toContain('p•••@trenggalekkab.go.id');
  });
});

describe('operator API', () => {
  it('exists only when asked for, behind the same credentials', async () => {
    const auth = { authorization: `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}` };
    const plain = await fetch(`${sim.url}/__sim/users`, { headers: auth });
    expect(plain.status).toBe(404);

    const op = await startBsreSimulator({ username: USER, password: PASSWORD, clock, operatorApi: true });
    try {
      const p = person();
      expect((await fetch(`${op.url}/__sim/users`)).status).toBe(401);
      const seeded = await fetch(`${op.url}/__sim/users`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ ...p, status: 'WAITING_FOR_VERIFICATION' }),
      });
      expect(seeded.status).toBe(201);
      const verified = await fetch(`${op.url}/__sim/users/${p.nik}/verify`, { method: 'POST', headers: auth });
      expect(await verified.json()).toMatchObject({ status: 'ISSUE' });
      const refused = await fetch(`${op.url}/__sim/users/${p.nik}/activate`, { method: 'POST', headers: auth });
      expect(refused.status).toBe(409);
      const faults = await fetch(`${op.url}/__sim/faults`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ serverError: 503, onlyFor: 'chain', remaining: 2 }),
      });
      expect(await faults.json()).toMatchObject({ serverError: 503, onlyFor: 'chain', remaining: 2 });
      expect(op.faults.current()).toMatchObject({ serverError: 503, remaining: 2 });
      const badFault = await fetch(`${op.url}/__sim/faults`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ serverError: 418 }),
      });
      expect(badFault.status).toBe(409);
      await fetch(`${op.url}/__sim/faults`, { method: 'DELETE', headers: auth });
      expect(op.faults.current().serverError).toBeNull();
      const strict = await fetch(`${op.url}/__sim/behaviour`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ strictRegistration: true, unknownEmail: 'NO_CERTIFICATE' }),
      });
      expect(await strict.json()).toMatchObject({ strictRegistration: true, unknownEmail: 'NO_CERTIFICATE' });
      expect(
        (await fetch(`${op.url}/__sim/behaviour`, { method: 'POST', headers: auth, body: '{"unknownNik":"ISSUE"}' }))
          .status,
      ).toBe(409);
      await fetch(`${op.url}/__sim/behaviour`, { method: 'DELETE', headers: auth });
      expect(op.behaviour.current().strictRegistration).toBe(false);
      const kyc = await fetch(`${op.url}/__sim/users/${p.nik}/refuse-kyc`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ reason: 'liveness' }),
      });
      expect(await kyc.json()).toMatchObject({ kycRefusal: 'liveness' });
      const status = await createBsreClient(settingsFor(op), { clock }).checkStatus({ nik: p.nik });
      expect(okValue(status).message).toMatch(/liveness gagal/);
      expect(
        (
          await fetch(`${op.url}/__sim/users/${p.nik}/refuse-kyc`, {
            method: 'POST',
            headers: auth,
            body: '{"reason":"lainnya"}',
          })
        ).status,
      ).toBe(400);
      await createBsreClient(settingsFor(op), { clock }).register(person());
      expect(await (await fetch(`${op.url}/__sim/emails`, { headers: auth })).json()).toHaveLength(1);
      expect(await (await fetch(`${op.url}/__sim/registrations`, { headers: auth })).json()).toEqual({ count: 1 });
    } finally {
      await op.close();
    }
  });
});
