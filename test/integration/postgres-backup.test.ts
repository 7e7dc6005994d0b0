/**
 * An office on PostgreSQL (runs only when LOKET_TEST_DATABASE_URL names a database): its data at
 * rest and its backups. A plain `pg_dump` of the office's schema — what anyone with database access
 * can read — shows names but no NIK, phone or document bytes. "Cadangkan sekarang" writes one
 * encrypted .lbk (pg_dump inside, format 2) holding nothing readable; restoring it into an empty
 * database gives the same rows, a whole audit chain and records a core can open; a wrong key, a
 * SQLite target, a non-empty target and a tampered byte are refused.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createCore } from '../../src/main/core/app';
import { findPgTool } from '../../src/main/core/backup/pg-tools';
import { restoreBackup } from '../../src/main/core/backup/restore';
import { restoreToPostgres } from '../../src/main/core/backup/restore-postgres';
import { StaticKeyProvider } from '../../src/main/core/crypto/key-provider';
import { Failure } from '../../src/main/core/failure';
import { PgStore, type PostgresTarget } from '../../src/main/core/store/postgres/pg-store';
import { postgresTableCounts } from '../../src/main/core/store/postgres/schema-contents';
import {
  APPLICANT_NIK,
  APPLICANT_PHONE,
  applicantNik,
  call,
  makeTempCore,
  pdfBytes,
  PNG_BYTES,
  readyOffice,
  STAFF_PASSWORD,
  TEST_PASSWORD_COST,
  type TestCore,
  unwrap,
  validIntake,
  walkToEnd,
} from '../helpers/core-fixture';

const URL_ = process.env.LOKET_TEST_DATABASE_URL;
const onPostgres = URL_ ? describe : describe.skip;

const MARKER = 'RAHASIA-SURAT-POSTGRES-5521';
let t: TestCore;
let appId: string;
let work: string;
let adminToken: string;
const databases: string[] = [];

const failureCode = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
    return 'ok';
  } catch (error) {
    return error instanceof Failure ? error.code : `not a Failure: ${String(error)}`;
  }
};

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: URL_ });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A new, empty database on the test server, and its URL. */
async function freshDatabase(): Promise<string> {
  const name = `restore_${Math.random().toString(36).slice(2, 10)}`;
  await admin(`CREATE DATABASE ${name}`);
  databases.push(name);
  // Text, not URL(): postgresql://user@/db?host=/socket is not a WHATWG URL.
  return URL_!.replace(/^(postgres(?:ql)?:\/\/[^/]*)\/[^?]*/, `$1/${name}`);
}

onPostgres('an office on PostgreSQL: data at rest and backups', () => {
  let file: string;
  let source: PostgresTarget;
  let countsBefore: Record<string, number>;

  beforeAll(async () => {
    t = await makeTempCore(undefined, { engine: 'postgres' });
    source = t.postgres!;
    work = mkdtempSync(join(tmpdir(), 'loket-pg-backup-'));
    const office = await readyOffice(t.core, 'trenggalek-2024');
    adminToken = office.admin.token;
    appId = unwrap(
      await call(
        t.core,
        'applications.create',
        validIntake('trenggalek-2024', { pdfMarker: MARKER }),
        office.staff.tokens.verifikator,
      ),
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
  });

  afterAll(async () => {
    await t?.close();
    for (const name of databases) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('a plain pg_dump of the live schema shows names but no NIK, phone, document or image bytes', () => {
    const pgDump = findPgTool('pg_dump');
    expect(pgDump).not.toBeNull();
    const dump = execFileSync(pgDump!, ['--format=plain', `--schema=${source.schema}`, `--dbname=${URL_}`], {
      maxBuffer: 256 << 20,
    });
    // The scan can find what is stored in the clear: names are, by design (the recap lists them).
    expect(dump.includes(Buffer.from('Budi Santoso'))).toBe(true);
    for (const needle of [APPLICANT_NIK, applicantNik(1), APPLICANT_PHONE, MARKER])
      expect(dump.includes(Buffer.from(needle)), needle).toBe(false);
    // bytea is dumped as hex: neither the raw bytes nor their hex spelling may appear.
    expect(dump.includes(Buffer.from(pdfBytes(MARKER).toString('hex')))).toBe(false);
    expect(dump.includes(Buffer.from(PNG_BYTES.subarray(0, 24).toString('hex')))).toBe(false);
  });

  it('"Cadangkan sekarang" writes one encrypted .lbk with pg_dump inside and nothing readable', async () => {
    countsBefore = await postgresTableCounts(t.core.db as PgStore);
    const entry = unwrap(await call(t.core, 'backup.run', {}, adminToken));
    expect(entry).toMatchObject({ status: 'ok', error: null });
    file = join(t.dir, 'backups', entry.fileName);
    const raw = readFileSync(file);
    expect(raw.subarray(0, 8).toString('latin1')).toBe('LOKETBK1');
    expect(raw.readUInt8(8)).toBe(2);
    for (const needle of ['PGDMP', APPLICANT_NIK, APPLICANT_PHONE, MARKER, 'Budi Santoso', 'audit_log', 'CREATE TABLE'])
      expect(raw.includes(Buffer.from(needle, 'latin1')), needle).toBe(false);
    // No plaintext archive is left in the data folder.
    expect(readdirSync(t.dir).filter((n) => n.startsWith('.loket-backup'))).toEqual([]);
  });

  it('restores into an empty database: the same rows, a whole audit chain, records a core opens', async () => {
    const url = await freshDatabase();
    const target = { url, schema: source.schema! };
    const report = await restoreToPostgres(file, target, t.key);
    expect(report.audit.ok).toBe(true);
    expect(report.audit.checked).toBeGreaterThan(10);
    expect(report.counts).toEqual(countsBefore);

    const core = await createCore({
      dbPath: join(work, 'pulih', 'unused.sqlite'),
      postgres: target,
      keyProvider: new StaticKeyProvider(t.key),
      logger: { info: () => {}, error: () => {} },
      passwordCost: TEST_PASSWORD_COST,
    });
    try {
      const token = unwrap(
        await call(core, 'auth.login', { username: 'verifikator.satu', password: STAFF_PASSWORD }),
      ).token;
      const app = unwrap(await call(core, 'applications.get', { id: appId }, token));
      expect(app.applicant.nik).toBe(APPLICANT_NIK);
      expect(app.applicant.phone).toBe(APPLICANT_PHONE);
      const letter = app.documents.find((d) => d.kind === 'letter');
      const doc = unwrap(await call(core, 'documents.get', { id: letter?.id ?? '' }, token));
      expect(Buffer.from(doc.dataBase64, 'base64').equals(pdfBytes(MARKER))).toBe(true);
    } finally {
      await core.close();
    }
    // Restoring again over what is now there is refused: the target is not empty.
    expect(await failureCode(restoreToPostgres(file, target, t.key))).toBe('BACKUP_TARGET_NOT_EMPTY');
  });

  it('refuses the wrong key, a SQLite target and a tampered byte, and leaves the target empty', async () => {
    const url = await freshDatabase();
    const target = { url, schema: source.schema! };
    expect(await failureCode(restoreToPostgres(file, target, Buffer.alloc(32, 9)))).toBe('BACKUP_WRONG_KEY');
    expect(await failureCode(restoreBackup(file, join(work, 'salah.sqlite'), t.key))).toBe('BACKUP_WRONG_ENGINE');
    const bad = join(work, 'rusak.lbk');
    const bytes = readFileSync(file);
    bytes[2000] = (bytes[2000] ?? 0) ^ 0x01;
    writeFileSync(bad, bytes);
    expect(await failureCode(restoreToPostgres(bad, target, t.key))).toBe('BACKUP_CORRUPT');
    const check = PgStore.open(url, { max: 1, schema: source.schema! });
    try {
      expect(await postgresTableCounts(check)).toEqual({});
    } finally {
      await check.close();
    }
    expect(readdirSync(work).filter((n) => n.endsWith('.sqlite'))).toEqual([]);
  });
});
