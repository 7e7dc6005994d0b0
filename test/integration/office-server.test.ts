/**
 * The office server on real HTTPS: the server "PC" listens on 127.0.0.2 (and 127.0.0.1 for itself),
 * desks connect from 127.0.0.3 and 127.0.0.5, a browser on another PC from 127.0.0.4; a real SQLite
 * core in a temp folder. Pairing bound to the certificate, revocation, sessions bound to their
 * device or browser, who may sign in from a browser, Host and body limits, the live event stream,
 * and the audit's device and IP.
 */
import { statSync } from 'node:fs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { verifyAuditChain } from '../../src/main/core/audit/verify';
import { listAudit } from '../../src/main/core/store/repos/audit';
import { type OfficeServer, startOfficeServer } from '../../src/main/server/office-server';
import { fingerprintOf, loadOrCreateOfficeTls } from '../../src/main/server/office-tls';
import { serverProof } from '../../src/main/server/pairing-proof';
import { HEALTH_PATH, OFFICE_CA_PATH } from '../../src/shared/contract/transport';
import {
  ADMIN_PASSWORD,
  ADMIN_USERNAME,
  call,
  makeTempCore,
  readyOffice,
  setupInput,
  STAFF_PASSWORD,
  type TestCore,
  unwrap,
  validIntake,
} from '../helpers/core-fixture';
import {
  browserHeaders,
  callApi,
  type DeskCredential,
  deskHeaders,
  openPage,
  pairRequest,
  peerFingerprint,
  readEvents,
  send,
  type Target,
} from '../helpers/office-client';

const TEMPLATE = 'trenggalek-2024';
let t: TestCore;
let server: OfficeServer;
let adminToken: string;
let port: number;
let ca: string;

const from = (localAddress: string, host = '127.0.0.2'): Target => ({ host, port, ca, localAddress });
const deskA = () => from('127.0.0.3');
const deskB = () => from('127.0.0.5');
const otherBrowser = () => from('127.0.0.4');
const serverBox = (): Target => ({ host: '127.0.0.1', port, ca });

beforeEach(async () => {
  t = await makeTempCore();
  const ready = await readyOffice(t.core, TEMPLATE);
  adminToken = ready.admin.token;
  const staticDir = join(t.dir, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><html><head><title>Loket TTE</title></head></html>');
  server = await startOfficeServer({ core: t.core, dataDir: t.dir, bind: '127.0.0.2', port: 0, staticDir });
  port = Number(new URL(server.url).port);
  ca = server.caPem;
});

afterEach(async () => {
  await server.close();
  await t.close();
});

async function newCode(): Promise<string> {
  return unwrap(await call(t.core, 'network.pairingCode', {}, adminToken)).code;
}

async function pairDesk(target: Target, name = 'Meja verifikasi 1'): Promise<DeskCredential> {
  const fingerprint = await peerFingerprint(target);
  const answer = await pairRequest(target, await newCode(), fingerprint, name).answer;
  expect(answer.status).toBe(200);
  const body = answer.json();
  return { deviceId: body.deviceId, deviceKey: body.deviceKey };
}

async function deskLogin(target: Target, desk: DeskCredential, username: string, password = STAFF_PASSWORD) {
  return (await callApi(target, 'auth.login', { username, password }, deskHeaders(desk))).json();
}

describe('office TLS', () => {
  it('keeps its keys 0600 in a 0700 folder, reuses them, and the fingerprint is the one a client sees', async () => {
    const dir = join(t.dir, 'tls');
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    for (const file of ['office-ca.key', 'server.key', 'office-ca.crt', 'server.crt'])
      expect(statSync(join(dir, file)).mode & 0o777, file).toBe(0o600);
    expect(await peerFingerprint(deskA())).toBe(server.fingerprint);
    expect(await peerFingerprint(serverBox())).toBe(server.fingerprint);
    expect(server.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const again = loadOrCreateOfficeTls(t.dir, '127.0.0.2');
    expect(again.fingerprint).toBe(server.fingerprint);
    expect(again.caPem).toBe(server.caPem);
    // A new name re-issues the server certificate under the same CA.
    const renamed = loadOrCreateOfficeTls(t.dir, '127.0.0.2', ['loket.kantor.lan']);
    expect(renamed.fingerprint).not.toBe(server.fingerprint);
    expect(renamed.caPem).toBe(server.caPem);
    expect(fingerprintOf(renamed.certPem)).toBe(renamed.fingerprint);
  });

  it('refuses options that are not an address, a port and DNS names, before anything listens', async () => {
    const start = (bind: string, extraNames: string[] = [], p = 0) =>
      startOfficeServer({ core: t.core, dataDir: join(t.dir, 'other'), bind, port: p, extraNames }).then(
        () => 'started',
        (error: { code?: string; fields?: Record<string, string> }) => [error.code, Object.keys(error.fields ?? {})],
      );
    expect(await start('kantor')).toEqual(['VALIDATION_FAILED', ['bind']]);
    expect(await start('127.0.0.2', ['bad name!'])).toEqual(['VALIDATION_FAILED', ['extraNames.0']]);
    expect(await start('127.0.0.2', [], 70000)).toEqual(['VALIDATION_FAILED', ['port']]);
  });

  it('serves the CA certificate and a health probe without personal data', async () => {
    const caAnswer = await send(otherBrowser(), OFFICE_CA_PATH);
    expect(caAnswer.status).toBe(200);
    expect(caAnswer.text).toBe(server.caPem);
    expect(caAnswer.headers['content-disposition']).toMatch(/attachment; filename=".*\.crt"/);
    const health = await send(otherBrowser(), HEALTH_PATH);
    expect(health.json()).toEqual({ ok: true, name: 'loket-tte' });
  });
});

describe('pairing', () => {
  it('gives a device credential for a proof made with the real fingerprint, and proves the server knew the code', async () => {
    const code = await newCode();
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const fingerprint = await peerFingerprint(deskA());
    const { nonce, answer } = pairRequest(deskA(), code, fingerprint, 'Meja Kasi');
    const body = (await answer).json();
    expect(body).toMatchObject({ ok: true, fingerprint: server.fingerprint, officeName: expect.any(String) });
    expect(body.serverProof).toBe(serverProof(code, fingerprint, nonce));
    const devices = unwrap(await call(t.core, 'network.devices', {}, adminToken));
    expect(devices.map((d) => [d.id, d.name, d.lastIp, d.revokedAt])).toEqual([
      [body.deviceId, 'Meja Kasi', '127.0.0.3', null],
    ]);
    const login = await deskLogin(deskA(), body, 'kasi.satu');
    expect(login.ok).toBe(true);
  });

  it('refuses a proof made for another certificate (a server in the middle), and the code stays usable', async () => {
    const code = await newCode();
    const wrong = 'AB:'.repeat(31) + 'AB';
    const refused = await pairRequest(deskA(), code, wrong).answer;
    expect(refused.status).toBe(403);
    expect(refused.json().error.code).toBe('PAIRING_CODE_INVALID');
    const right = await pairRequest(deskA(), code, await peerFingerprint(deskA())).answer;
    expect(right.status).toBe(200);
  });

  it('refuses an expired code and a code used once already', async () => {
    const fingerprint = await peerFingerprint(deskA());
    const expired = await newCode();
    t.clock.advanceMinutes(11);
    const late = await pairRequest(deskA(), expired, fingerprint).answer;
    expect([late.status, late.json().error.code]).toEqual([403, 'PAIRING_CODE_INVALID']);
    const code = await newCode();
    expect((await pairRequest(deskA(), code, fingerprint).answer).status).toBe(200);
    const again = await pairRequest(deskB(), code, fingerprint).answer;
    expect([again.status, again.json().error.code]).toEqual([403, 'PAIRING_CODE_INVALID']);
  });

  it('throttles pairing attempts per source address', async () => {
    const fingerprint = await peerFingerprint(deskA());
    const code = await newCode();
    const wrong = 'CD:'.repeat(31) + 'CD';
    for (let i = 0; i < 10; i++) expect((await pairRequest(deskA(), code, wrong).answer).status).toBe(403);
    const locked = await pairRequest(deskA(), code, fingerprint).answer;
    expect([locked.status, locked.json().error.code]).toEqual([429, 'PAIRING_THROTTLED']);
    // Another PC is not locked out by the first one's attempts.
    expect((await pairRequest(deskB(), code, fingerprint).answer).status).toBe(200);
  });
});

describe('devices', () => {
  it('refuses an unknown device or a wrong key with 401 DEVICE_UNKNOWN', async () => {
    const desk = await pairDesk(deskA());
    const wrongKey = await callApi(deskA(), 'setup.status', {}, deskHeaders({ ...desk, deviceKey: 'x'.repeat(43) }));
    expect([wrongKey.status, wrongKey.json().error.code]).toEqual([401, 'DEVICE_UNKNOWN']);
    const unknown = await callApi(deskA(), 'setup.status', {}, deskHeaders({ deviceId: 'nope', deviceKey: 'x' }));
    expect([unknown.status, unknown.json().error.code]).toEqual([401, 'DEVICE_UNKNOWN']);
  });

  it('a revoked device is refused with 403 DEVICE_REVOKED, its sessions end and its event stream closes', async () => {
    const desk = await pairDesk(deskA());
    const { token } = (await deskLogin(deskA(), desk, 'kasi.satu')).value;
    const stream = readEvents(deskA(), deskHeaders(desk, token));
    expect(await stream.status).toBe(200);
    const revoked = unwrap(await call(t.core, 'network.revokeDevice', { deviceId: desk.deviceId }, adminToken));
    expect(revoked.revokedAt).not.toBeNull();
    await stream.ended;
    expect(t.core.hasSession(token, { kind: 'desk', device: desk.deviceId, ip: '127.0.0.3' })).toBe(false);
    const after = await callApi(deskA(), 'auth.me', {}, deskHeaders(desk, token));
    expect([after.status, after.json().error.code]).toEqual([403, 'DEVICE_REVOKED']);
    const audit = (await listAudit(t.core.db, 'device', desk.deviceId)).map((e) => e.action);
    expect(audit).toEqual(['network.device_paired', 'network.device_revoked']);
  });

  it('refuses a session token presented by another device, and by the server PC itself', async () => {
    const a = await pairDesk(deskA(), 'Meja A');
    const b = await pairDesk(deskB(), 'Meja B');
    const { token } = (await deskLogin(deskA(), a, 'verifikator.satu')).value;
    expect((await callApi(deskA(), 'auth.me', {}, deskHeaders(a, token))).json().ok).toBe(true);
    const stolen = (await callApi(deskB(), 'auth.me', {}, deskHeaders(b, token))).json();
    expect(stolen.error.code).toBe('NOT_AUTHENTICATED');
    expect(unwrapError(await call(t.core, 'auth.me', {}, token))).toBe('NOT_AUTHENTICATED');
    const stream = readEvents(deskB(), deskHeaders(b, token));
    expect(await stream.status).toBe(401);
  });
});

const unwrapError = (result: { ok: boolean; error?: { code: string } }) => (result.ok ? 'ok' : result.error?.code);

describe('browsers', () => {
  it('refuses a verifier and, until the Admin allows it, the Kepala Dinas; then lets the Kepala Dinas and Kabid in', async () => {
    const browser = await openPage(otherBrowser());
    expect(browser.cookie).toMatch(/^loket_browser=/);
    expect(browser.secret.length).toBeGreaterThan(20);
    const login = async (username: string, password = STAFF_PASSWORD) =>
      (await callApi(otherBrowser(), 'auth.login', { username, password }, browserHeaders(browser))).json();
    expect((await login('verifikator.satu')).error.code).toBe('BROWSER_NOT_ALLOWED');
    expect((await login('kadin.satu')).error.code).toBe('BROWSER_NOT_ALLOWED');
    const refusals = (await listAudit(t.core.db)).filter((e) => e.action === 'auth.login_refused_browser');
    expect(refusals.map((e) => [e.detail.role, (e.detail.origin as { ip: string }).ip])).toEqual([
      ['verifikator', '127.0.0.4'],
      ['kadin', '127.0.0.4'],
    ]);
    unwrap(await call(t.core, 'network.updateSettings', { browserAllowed: true }, adminToken));
    const kadin = await login('kadin.satu');
    expect(kadin.ok).toBe(true);
    expect((await login('kabid.satu')).ok).toBe(true);
    expect((await login('verifikator.satu')).error.code).toBe('BROWSER_NOT_ALLOWED');
    expect((await login('kasi.satu')).error.code).toBe('BROWSER_NOT_ALLOWED');
    expect((await login(ADMIN_USERNAME, ADMIN_PASSWORD)).error.code).toBe('BROWSER_NOT_ALLOWED');
    const queue = await callApi(otherBrowser(), 'queue.list', {}, browserHeaders(browser, kadin.value.token));
    expect(queue.json().ok).toBe(true);
    const browserId = /^loket_browser=([^.]+)\./.exec(browser.cookie)?.[1];
    const signIn = (await listAudit(t.core.db)).filter(
      (e) => e.action === 'auth.login' && e.userId === kadin.value.user.id,
    );
    expect(signIn.at(-1)?.detail.origin).toEqual({ kind: 'browser', device: browserId, ip: '127.0.0.4' });
    // Switching browser sign-in off ends the Kepala Dinas's browser session.
    unwrap(await call(t.core, 'network.updateSettings', { browserAllowed: false }, adminToken));
    const after = await callApi(otherBrowser(), 'auth.me', {}, browserHeaders(browser, kadin.value.token));
    expect(after.json().error.code).toBe('NOT_AUTHENTICATED');
  });

  it('lets the Admin sign in on the server PC itself (loopback), not a verifier', async () => {
    const browser = await openPage(serverBox());
    const login = async (username: string, password: string) =>
      (await callApi(serverBox(), 'auth.login', { username, password }, browserHeaders(browser))).json();
    const admin = await login(ADMIN_USERNAME, ADMIN_PASSWORD);
    expect(admin.ok).toBe(true);
    expect((await login('verifikator.satu', STAFF_PASSWORD)).error.code).toBe('BROWSER_NOT_ALLOWED');
    const status = await callApi(serverBox(), 'network.status', {}, browserHeaders(browser, admin.value.token));
    expect(status.json().value).toMatchObject({ mode: 'server', address: server.url, fingerprint: server.fingerprint });
  });

  it('refuses first-run setup from a browser on another PC, not on the server PC itself', async () => {
    const elsewhere = await openPage(otherBrowser());
    const box = await openPage(serverBox());
    const full = setupInput(TEMPLATE);
    expect((await callApi(otherBrowser(), 'setup.initialize', full, browserHeaders(elsewhere))).json().error.code).toBe(
      'BROWSER_NOT_ALLOWED',
    );
    // On the server PC the place is fine; this office is simply set up already.
    expect((await callApi(serverBox(), 'setup.initialize', full, browserHeaders(box))).json().error.code).toBe(
      'ALREADY_SET_UP',
    );
  });

  it('refuses an API call without the page secret or without the id cookie', async () => {
    const browser = await openPage(otherBrowser());
    const noSecret = await callApi(otherBrowser(), 'setup.status', {}, { cookie: browser.cookie });
    expect([noSecret.status, noSecret.json().error.code]).toEqual([403, 'HOST_SECRET_INVALID']);
    const forged = await callApi(
      otherBrowser(),
      'setup.status',
      {},
      browserHeaders({ ...browser, cookie: 'loket_browser=abc.def' }),
    );
    expect([forged.status, forged.json().error.code]).toEqual([401, 'BROWSER_UNKNOWN']);
    expect((await callApi(otherBrowser(), 'setup.status', {}, browserHeaders(browser))).json().ok).toBe(true);
  });
});

describe('the gate', () => {
  it('refuses a Host header of another name and a foreign Origin', async () => {
    const desk = await pairDesk(deskA());
    const otherHost = await callApi(
      deskA(),
      'setup.status',
      {},
      { ...deskHeaders(desk), host: `evil.example:${port}` },
    );
    expect([otherHost.status, otherHost.json().error.code]).toEqual([403, 'HOST_NOT_ALLOWED']);
    const page = await send(otherBrowser(), '/', { headers: { host: `rebind.example:${port}` } });
    expect(page.status).toBe(403);
    expect(page.text).not.toContain('loket-host-secret');
    const foreign = await callApi(
      deskA(),
      'setup.status',
      {},
      { ...deskHeaders(desk), origin: 'https://evil.example' },
    );
    expect([foreign.status, foreign.json().error.code]).toEqual([403, 'HOST_NOT_ALLOWED']);
    const own = await callApi(
      deskA(),
      'setup.status',
      {},
      { ...deskHeaders(desk), origin: `https://127.0.0.2:${port}` },
    );
    expect(own.json().ok).toBe(true);
  });

  it('answers an oversized body before a session exists with 413, also on /pair', async () => {
    const desk = await pairDesk(deskA());
    const big = JSON.stringify({ username: 'kasi.satu', password: 'x'.repeat(100 * 1024) });
    const api = await send(deskA(), '/api/auth.login', { method: 'POST', headers: deskHeaders(desk), body: big });
    expect([api.status, api.json().error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    const pair = await send(deskB(), '/pair', { method: 'POST', body: big });
    expect([pair.status, pair.json().error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
  });
});

describe('live updates and audit', () => {
  it("delivers another desk's change within 2 s, and the audit records each desk's device and IP", async () => {
    const kasiDesk = await pairDesk(deskA(), 'Meja Kasi');
    const verifierDesk = await pairDesk(deskB(), 'Meja Verifikasi');
    const kasi = (await deskLogin(deskA(), kasiDesk, 'kasi.satu')).value;
    const verifier = (await deskLogin(deskB(), verifierDesk, 'verifikator.satu')).value;
    const stream = readEvents(deskA(), deskHeaders(kasiDesk, kasi.token));
    expect(await stream.status).toBe(200);
    const created = (
      await callApi(deskB(), 'applications.create', validIntake(TEMPLATE), deskHeaders(verifierDesk, verifier.token))
    ).json();
    expect(created.ok).toBe(true);
    const seen = await stream.next(
      (e) => (e as { kind: string; applicationId?: string }).applicationId === created.value.id,
      2000,
    );
    expect(seen).toEqual({ kind: 'application', applicationId: created.value.id });
    await stream.next((e) => (e as { kind: string }).kind === 'queue', 2000);
    stream.close();
    const entries = await listAudit(t.core.db);
    const login = entries.filter((e) => e.action === 'auth.login' && e.userId === verifier.user.id).at(-1);
    expect(login?.detail.origin).toEqual({ kind: 'desk', device: verifierDesk.deviceId, ip: '127.0.0.5' });
    const intake = entries.filter((e) => e.entity === 'application' && e.entityId === created.value.id);
    expect(intake.length).toBeGreaterThan(0);
    for (const entry of intake)
      expect(entry.detail.origin).toEqual({ kind: 'desk', device: verifierDesk.deviceId, ip: '127.0.0.5' });
    expect((await verifyAuditChain(t.core.db)).ok).toBe(true);
  });
});
