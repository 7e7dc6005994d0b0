/**
 * Pengaturan BSrE against a live-mode simulator: the registration extras are opt-in and off by
 * default, "Uji koneksi" says the credentials are bound to this computer's IP, and migration 8
 * keeps an office's explicitly typed oid_instansi while turning the NIK off.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { type BsreSimulator, startBsreSimulator } from '../../../src/main/core/bsre/simulator';
import { migrate } from '../../../src/main/core/store/migrations';
import { type BsreTestCore, startBsreCore } from '../../helpers/bsre-core';
import { call, setupOffice, unwrap } from '../../helpers/core-fixture';

const SIM_USER = 'kominfo';
const SIM_PASSWORD = 'rahasia-bsre';
let sim: BsreSimulator;
let t: BsreTestCore;
let admin: string;

beforeEach(async () => {
  sim = await startBsreSimulator({ username: SIM_USER, password: SIM_PASSWORD });
  t = await startBsreCore();
  admin = (await setupOffice(t.core, 'trenggalek-2024')).token;
});
afterEach(async () => {
  await t.shutdown();
  await sim.close();
});

const live = (overrides: Record<string, unknown> = {}) => ({
  mode: 'live' as const,
  baseUrl: sim.url,
  allowHttp: true,
  username: SIM_USER,
  password: SIM_PASSWORD,
  ...overrides,
});

describe('Pengaturan BSrE', () => {
  it('keeps nik, oid_instansi and the letter off by default, and saves each switch', async () => {
    const initial = unwrap(await call(t.core, 'bsre.getSettings', {}, admin));
    expect(initial).toMatchObject({ sendNik: false, sendOidInstansi: false, sendRecommendationLetter: false });
    const saved = unwrap(
      await call(
        t.core,
        'bsre.updateSettings',
        live({ sendNik: true, oidInstansi: '1.2.3', sendOidInstansi: true }),
        admin,
      ),
    );
    expect(saved).toMatchObject({ sendNik: true, sendOidInstansi: true, oidInstansi: '1.2.3', hasPassword: true });
    expect(unwrap(await call(t.core, 'bsre.getSettings', {}, admin))).toMatchObject({ sendNik: true });
  });

  it('Uji koneksi: ok says the credentials and this IP are accepted; 401 and 403 name the IP registration', async () => {
    unwrap(await call(t.core, 'bsre.updateSettings', live(), admin));
    const ok = unwrap(await call(t.core, 'bsre.testConnection', {}, admin));
    expect(ok).toMatchObject({ ok: true, httpStatus: 200 });
    expect(ok.message).toMatch(/kredensial dan alamat IP komputer ini diterima/);
    expect(ok.message).not.toMatch(/NO_CERTIFICATE|NOT_REGISTERED/);

    sim.faults.set({ forbidden: true });
    const forbidden = unwrap(await call(t.core, 'bsre.testConnection', {}, admin));
    expect(forbidden).toMatchObject({ ok: false, kind: 'unauthorized', httpStatus: 403 });
    expect(forbidden.message).toMatch(/alamat IP komputer ini belum didaftarkan di Esign Client Service \(HTTP 403\)/);
    sim.faults.clear();

    unwrap(await call(t.core, 'bsre.updateSettings', live({ password: 'salah' }), admin));
    const wrong = unwrap(await call(t.core, 'bsre.testConnection', {}, admin));
    expect(wrong).toMatchObject({ ok: false, kind: 'unauthorized', httpStatus: 401 });
    expect(wrong.message).toMatch(/Kredensial salah atau alamat IP komputer ini belum didaftarkan/);
  });
});

describe('migration 8', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('turns the NIK off and keeps sending an oid_instansi the office had typed', () => {
    dir = mkdtempSync(join(tmpdir(), 'loket-m8-'));
    const db = new Database(join(dir, 'm.sqlite'));
    try {
      migrate(db, 7);
      db.prepare(
        "INSERT INTO bsre_settings (id, mode, base_url, username, api_version, registration_path, oid_instansi, updated_at) VALUES (1, 'live', 'https://esign.kab.go.id', 'u', 'v2', '/api/v2/user/registration', '2.16.360.1', '2025-03-10T00:00:00.000Z')",
      ).run();
      migrate(db, 8);
      expect(db.prepare('SELECT send_nik, send_oid_instansi FROM bsre_settings').get()).toEqual({
        send_nik: 0,
        send_oid_instansi: 1,
      });
      expect(() => db.prepare('UPDATE bsre_settings SET send_nik = 2').run()).toThrow(/CHECK/);
      expect(db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'bsre_kyc_refusals'").get()).toEqual({
        n: 1,
      });
    } finally {
      db.close();
    }
  });
});
