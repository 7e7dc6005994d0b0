/**
 * Moving an office from its SQLite file to PostgreSQL (runs only when LOKET_TEST_DATABASE_URL names
 * a database), through the real `npm run migrate:to-postgres` command: every row copied with its
 * order, the audit chain whole on PostgreSQL (and still extendable: the next entry links on), every
 * sealed value opening under the office's key, and a core on PostgreSQL reading the same records.
 * A target that is not empty, or a SQLite file in use by a running app, is refused.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createCore } from '../../src/main/core/app';
import { verifyAuditChain } from '../../src/main/core/audit/verify';
import { StaticKeyProvider } from '../../src/main/core/crypto/key-provider';
import { acquireStoreLock } from '../../src/main/core/store/lock';
import { PgStore } from '../../src/main/core/store/postgres/pg-store';
import {
  APPLICANT_NIK,
  APPLICANT_PHONE,
  applicantNik,
  call,
  countRows,
  makeTempCore,
  readyOffice,
  STAFF_PASSWORD,
  TEST_PASSWORD_COST,
  type TestCore,
  unwrap,
  validIntake,
  walkToEnd,
} from '../helpers/core-fixture';
import { freshPostgresSchema, type TestSchema } from '../helpers/test-engine';

const URL_ = process.env.LOKET_TEST_DATABASE_URL;
const ROOT = resolve(import.meta.dirname, '../..');

let t: TestCore;
let keyFile: string;
let appId: string;
let renewalId: string;
let renewedHolderId: string;
let before: Record<string, number>;
const schemas: TestSchema[] = [];

function move(args: string[]): { status: number | null; out: string } {
  const r = spawnSync('npx', ['tsx', 'scripts/migrate-to-postgres.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

/** Every index of the schema as `table: definition`, the schema's own name taken out. */
async function indexDefinitions(db: TestCore['core']['db'], schema: string): Promise<string[]> {
  const rows = (await db
    .prepare('SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY indexname')
    .all()) as { tablename: string; indexdef: string }[];
  return rows.map((r) => `${r.tablename}: ${r.indexdef.replaceAll(`${schema}.`, '')}`);
}

describe.runIf(URL_)('migrate:to-postgres', () => {
  beforeAll(async () => {
    t = await makeTempCore(undefined, { engine: 'sqlite' });
    const office = await readyOffice(t.core, 'trenggalek-2024');
    appId = unwrap(
      await call(t.core, 'applications.create', validIntake('trenggalek-2024'), office.staff.tokens.verifikator),
    ).id;
    const done = unwrap(
      await call(
        t.core,
        'applications.create',
        validIntake('trenggalek-2024', { nik: applicantNik(1) }),
        office.staff.tokens.verifikator,
      ),
    );
    await walkToEnd(t.core, office.staff, done.id, office.template, { clock: t.clock, minutesPerStep: 7 });
    // A renewal points at a holder that points back at its application: the move's foreign-key cycle.
    renewedHolderId = (await t.core.db.prepare('SELECT id FROM holders LIMIT 1').pluck().get()) as string;
    renewalId = unwrap(
      await call(
        t.core,
        'applications.create',
        {
          ...validIntake('trenggalek-2024', { nik: applicantNik(1) }),
          serviceType: 'renewal',
          renewalOfHolderId: renewedHolderId,
        },
        office.staff.tokens.verifikator,
      ),
    ).id;
    before = await countRows(t.core.db);
    await t.core.close();
    keyFile = join(t.dir, 'data.key');
    writeFileSync(keyFile, t.key.toString('base64'), { mode: 0o600 });
  });

  afterAll(async () => {
    for (const s of schemas) await s.drop();
    await t?.close();
  });

  it('copies every row, proves the chain and the sealed values, and a PostgreSQL core reads the office', async () => {
    const schema = await freshPostgresSchema();
    schemas.push(schema);
    const r = move(['--from', t.dbPath, '--to', URL_!, '--schema', schema.target.schema!, '--key', keyFile]);
    expect(r.out).toContain('Rantai audit utuh');
    expect(r.out).toMatch(/Nilai terenkripsi: [1-9]\d* terbuka dengan kunci data, 0 gagal, 0 indeks tidak cocok/);
    expect(r.status, r.out).toBe(0);

    const core = await createCore({
      dbPath: t.dbPath,
      postgres: schema.target,
      keyProvider: new StaticKeyProvider(t.key),
      clock: t.clock,
      logger: { info: () => {}, error: () => {} },
      passwordCost: TEST_PASSWORD_COST,
    });
    try {
      expect(await countRows(core.db)).toEqual(before);
      expect(
        await core.db.prepare('SELECT renewal_of_holder_id FROM applications WHERE id = ?').pluck().get(renewalId),
      ).toBe(renewedHolderId);
      // The secondary indexes dropped for the copy are all built again, as the migrations define them.
      const fresh = await freshPostgresSchema();
      schemas.push(fresh);
      const migrated = await createCore({
        dbPath: join(t.dir, 'unused.sqlite'),
        postgres: fresh.target,
        keyProvider: new StaticKeyProvider(t.key),
        clock: t.clock,
        logger: { info: () => {}, error: () => {} },
        passwordCost: TEST_PASSWORD_COST,
      });
      try {
        expect(await indexDefinitions(core.db, schema.target.schema!)).toEqual(
          await indexDefinitions(migrated.db, fresh.target.schema!),
        );
      } finally {
        await migrated.close();
      }
      const token = unwrap(
        await call(core, 'auth.login', { username: 'verifikator.satu', password: STAFF_PASSWORD }),
      ).token;
      const app = unwrap(await call(core, 'applications.get', { id: appId }, token));
      expect(app.applicant.nik).toBe(APPLICANT_NIK);
      expect(app.applicant.phone).toBe(APPLICANT_PHONE);
      // Step history keeps its order (rowid carried over), and new work chains onto the copied log.
      expect(app.events.map((e) => e.stepNo)).toEqual([...app.events.map((e) => e.stepNo)].sort((a, b) => a - b));
      unwrap(await call(core, 'applications.create', validIntake('trenggalek-2024', { nik: applicantNik(2) }), token));
      const chain = await verifyAuditChain(core.db);
      expect(chain.ok).toBe(true);
      expect(chain.checked).toBeGreaterThan(before.audit_log ?? 0);
    } finally {
      await core.close();
    }

    // Again into the same, now filled, schema: refused, nothing changed.
    const again = move(['--from', t.dbPath, '--to', URL_!, '--schema', schema.target.schema!]);
    expect(again.status).toBe(1);
    expect(again.out).toContain('sudah berisi tabel');
  });

  it('refuses a SQLite file a running app holds, and leaves the target empty', async () => {
    const schema = await freshPostgresSchema();
    schemas.push(schema);
    const lock = acquireStoreLock(t.dbPath, 'aplikasi');
    try {
      const r = spawnSync(
        'npx',
        ['tsx', 'scripts/migrate-to-postgres.ts', '--from', t.dbPath, '--to', URL_!, '--schema', schema.target.schema!],
        { cwd: ROOT, encoding: 'utf8', env: { ...process.env } },
      );
      // The lock names this test process (alive): a live app is never moved from under its feet.
      expect(r.status).toBe(1);
      expect(`${r.stdout}${r.stderr}`).toContain('sedang dipakai');
    } finally {
      lock.release();
    }
    const check = PgStore.open(URL_!, { max: 1, schema: schema.target.schema! });
    try {
      expect(
        await check.prepare('SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema()').pluck().get(),
      ).toBe(0);
    } finally {
      await check.close();
    }
  });
});
