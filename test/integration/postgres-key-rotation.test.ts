/**
 * `npm run key:rotate` for an office server on PostgreSQL (runs only when LOKET_TEST_DATABASE_URL
 * names a database): the data folder keeps data.key, the rows live on the database server. The key
 * is replaced only after the one re-sealing transaction commits; every sealed value then opens
 * under the new key and none under the old, the audit chain stays whole with its key.rotated entry,
 * and a core on the new key reads the applicant. Refused, with nothing changed, while a server holds
 * the database.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createCore } from '../../src/main/core/app';
import { verifyAuditChain } from '../../src/main/core/audit/verify';
import { StaticKeyProvider } from '../../src/main/core/crypto/key-provider';
import { checkSealedValues } from '../../src/main/core/crypto/rotate-key';
import { PgStore, type PostgresTarget } from '../../src/main/core/store/postgres/pg-store';
import {
  APPLICANT_NIK,
  APPLICANT_PHONE,
  auditActions,
  call,
  makeTempCore,
  readyOffice,
  STAFF_PASSWORD,
  TEST_PASSWORD_COST,
  type TestCore,
  unwrap,
  validIntake,
} from '../helpers/core-fixture';

const URL_ = process.env.LOKET_TEST_DATABASE_URL;
const ROOT = resolve(import.meta.dirname, '../..');
const quiet = { info: () => {}, error: () => {} };

let t: TestCore;
let target: PostgresTarget;
let dir: string;
let appId: string;

function rotate(): { status: number | null; out: string; err: string } {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/key-rotate.ts', '--data', dir, '--database', target.url, '--schema', target.schema!],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, LOKET_DATABASE_URL: '' } },
  );
  return { status: r.status, out: r.stdout, err: r.stderr };
}

async function onStore<T>(fn: (db: PgStore) => Promise<T>): Promise<T> {
  const db = PgStore.open(target.url, { max: 1, schema: target.schema! });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

describe.runIf(URL_)('npm run key:rotate on PostgreSQL', () => {
  beforeAll(async () => {
    t = await makeTempCore(undefined, { engine: 'postgres' });
    target = t.postgres!;
    const office = await readyOffice(t.core, 'trenggalek-2024');
    appId = unwrap(
      await call(t.core, 'applications.create', validIntake('trenggalek-2024'), office.staff.tokens.verifikator),
    ).id;
    dir = mkdtempSync(join(tmpdir(), 'loket-pg-rotate-'));
    writeFileSync(join(dir, 'data.key'), t.key.toString('base64'), { mode: 0o600 });
  });

  afterAll(async () => {
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a --database that is not a PostgreSQL URL, with the Indonesian message, touching nothing', () => {
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/key-rotate.ts', '--data', dir, '--database', 'mysql://loket@db/loket'],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, LOKET_DATABASE_URL: '' } },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('harus alamat PostgreSQL');
    expect(readdirSync(dir)).toEqual(['data.key']);
  });

  it('is refused while the office server holds the database, and changes nothing', async () => {
    const r = rotate();
    expect(r.status).toBe(1);
    expect(r.err).toContain('sedang dipakai');
    expect(readFileSync(join(dir, 'data.key'), 'utf8')).toBe(t.key.toString('base64'));
    expect(readdirSync(dir)).toEqual(['data.key']);
    expect((await checkSealedValues(t.core.db, t.key)).failed).toBe(0);
  });

  it('re-seals every value on the database server, then swaps data.key; a core on the new key reads it all', async () => {
    const before = await checkSealedValues(t.core.db, t.key);
    expect(before.opened).toBeGreaterThan(0);
    await t.core.close();

    const r = rotate();
    expect(r.err).toBe('');
    expect(r.status).toBe(0);
    expect(r.out).toContain('Basis data: PostgreSQL');
    expect(r.out).toContain('applications.nik_index');
    const newKey = Buffer.from(readFileSync(join(dir, 'data.key'), 'utf8'), 'base64');
    expect(newKey.length).toBe(32);
    expect(newKey.equals(t.key)).toBe(false);
    expect(statSync(join(dir, 'data.key')).mode & 0o077).toBe(0);
    expect(readdirSync(dir)).toEqual(['data.key']);

    await onStore(async (db) => {
      expect(await checkSealedValues(db, newKey)).toEqual({ ...before, opened: before.opened });
      expect((await checkSealedValues(db, t.key)).opened).toBe(0);
      expect((await verifyAuditChain(db)).ok).toBe(true);
      expect(await auditActions(db, 'key.rotated')).toHaveLength(1);
    });

    const core = await createCore({
      dbPath: t.dbPath,
      postgres: target,
      keyProvider: new StaticKeyProvider(newKey),
      clock: t.clock,
      logger: quiet,
      passwordCost: TEST_PASSWORD_COST,
    });
    try {
      const token = unwrap(
        await call(core, 'auth.login', { username: 'verifikator.satu', password: STAFF_PASSWORD }),
      ).token;
      const app = unwrap(await call(core, 'applications.get', { id: appId }, token));
      expect(app.applicant.nik).toBe(APPLICANT_NIK);
      expect(app.applicant.phone).toBe(APPLICANT_PHONE);
      const found = unwrap(await call(core, 'applications.list', { query: APPLICANT_NIK, status: 'all' }, token));
      expect(found.map((a) => a.id)).toEqual([appId]);
    } finally {
      await core.close();
    }
  });
});
