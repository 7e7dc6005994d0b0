/**
 * The audit log's hash chain on PostgreSQL (runs only when LOKET_TEST_DATABASE_URL names a
 * database): the append-only triggers refuse UPDATE, DELETE and TRUNCATE; a database owner who
 * switches them off and edits, deletes, cuts or appends entries is found by verifyAuditChain at the
 * first broken entry — entries cut from the end through the store_meta high-water mark, the
 * PostgreSQL form of SQLite's AUTOINCREMENT counter. Each tampering runs in a transaction that is
 * rolled back after the check, so the next one starts from the whole chain.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { entryHash } from '../../src/main/core/audit/chain';
import { type ChainReport, verifyAuditChain } from '../../src/main/core/audit/verify';
import { PgStore } from '../../src/main/core/store/postgres/pg-store';
import {
  ADMIN_USERNAME,
  call,
  createApplication,
  errorOf,
  makeTempCore,
  readyOffice,
  type TestCore,
  walkToEnd,
} from '../helpers/core-fixture';

const URL_ = process.env.LOKET_TEST_DATABASE_URL;
const ROOT = resolve(import.meta.dirname, '../..');
const TEMPLATE = 'trenggalek-2024';

let t: TestCore;
let owner: PgStore;
let total: number;

class RolledBack extends Error {}

/** Tampers as the database owner (triggers off), checks the chain inside, then undoes everything. */
async function tampered(tamper: (db: PgStore) => Promise<void>): Promise<ChainReport> {
  let report: ChainReport | null = null;
  await owner
    .transaction(async () => {
      await owner.exec('ALTER TABLE audit_log DISABLE TRIGGER USER');
      await tamper(owner);
      report = await verifyAuditChain(owner);
      throw new RolledBack();
    })
    .catch((error: unknown) => {
      if (!(error instanceof RolledBack)) throw error;
    });
  return report!;
}

describe.runIf(URL_)('the audit chain on PostgreSQL', () => {
  beforeAll(async () => {
    t = await makeTempCore(undefined, { engine: 'postgres' });
    const { staff, template } = await readyOffice(t.core, TEMPLATE);
    const app = await createApplication(t.core, staff, TEMPLATE);
    await walkToEnd(t.core, staff, app.id, template, { clock: t.clock, minutesPerStep: 7 });
    errorOf(
      await call(t.core, 'auth.login', { username: ADMIN_USERNAME, password: 'BukanSandinya-1' }),
      'INVALID_CREDENTIALS',
    );
    owner = PgStore.open(t.postgres!.url, { max: 2, schema: t.postgres!.schema! });
    total = (await owner.prepare('SELECT COUNT(*) FROM audit_log').pluck().get()) as number;
  });

  afterAll(async () => {
    await owner?.close();
    await t?.close();
  });

  it('the live chain is whole, and the triggers refuse UPDATE, DELETE and TRUNCATE', async () => {
    expect(total).toBeGreaterThan(12);
    expect(await verifyAuditChain(t.core.db)).toMatchObject({ ok: true, checked: total });
    await expect(owner.prepare("UPDATE audit_log SET hash = 'x' WHERE seq = 1").run()).rejects.toThrow(/append-only/);
    await expect(owner.prepare('DELETE FROM audit_log WHERE seq = 1').run()).rejects.toThrow(/append-only/);
    await expect(owner.exec('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
  });

  it('an edited entry is found where it was edited, even with its own hash recomputed', async () => {
    expect(
      await tampered((db) =>
        db.prepare(`UPDATE audit_log SET detail_json = '{"username":"orang.lain"}' WHERE seq = 9`).run().then(),
      ),
    ).toEqual({ ok: false, checked: 8, firstBadId: 9, problem: 'edited' });
    expect(
      await tampered(async (db) => {
        const row = (await db.prepare('SELECT * FROM audit_log WHERE seq = 12').get()) as Parameters<
          typeof entryHash
        >[0];
        const forged = { ...row, action: 'auth.login' };
        await db
          .prepare('UPDATE audit_log SET action = ?, hash = ? WHERE seq = 12')
          .run(forged.action, entryHash(forged));
      }),
    ).toMatchObject({ ok: false, firstBadId: 12, problem: 'edited' });
  });

  it('a deleted entry leaves a named gap; entries cut from the end are found through the high-water mark', async () => {
    expect(await tampered((db) => db.prepare('DELETE FROM audit_log WHERE seq = 7').run().then())).toEqual({
      ok: false,
      checked: 6,
      firstBadId: 7,
      problem: 'deleted',
    });
    expect(
      await tampered((db) =>
        db
          .prepare('DELETE FROM audit_log WHERE seq > ?')
          .run(total - 2)
          .then(),
      ),
    ).toEqual({
      ok: false,
      checked: total - 2,
      firstBadId: total - 1,
      problem: 'deleted',
    });
  });

  it('a forged entry appended by plain SQL (the next number, no hash) is an insertion', async () => {
    expect(
      await tampered((db) =>
        db
          .prepare(
            "INSERT INTO audit_log (seq, at, user_id, action, entity, entity_id, detail_json) VALUES (?, ?, NULL, 'user.update', 'user', 'x', '{}')",
          )
          .run(total + 1, t.clock.now().toISOString())
          .then(),
      ),
    ).toEqual({ ok: false, checked: total, firstBadId: total + 1, problem: 'inserted' });
  });

  it('after all that, rolled back, the chain is whole again, and npm run audit:verify says so for the database', () => {
    const url = `${t.postgres!.url}${t.postgres!.url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${t.postgres!.schema}`)}`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts', url], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(String(total));
  });
});
