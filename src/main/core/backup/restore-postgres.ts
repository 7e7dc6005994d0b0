/**
 * Restores a PostgreSQL office's .lbk file (format 2: a pg_dump archive inside) into an empty
 * PostgreSQL database or schema, behind the same proofs as a SQLite restore: the key check, the GCM
 * tag and the sha256 before anything is written, `pg_restore --list` on the archive, then
 * `pg_restore` in one transaction and the audit hash chain verified on the restored rows. A chain
 * that does not verify has what the restore created removed again, so the target is left as empty
 * as it was found. The plaintext archive lives 0600 in a private temporary folder and is deleted
 * whatever happens.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { verifyAuditChain } from '../audit/verify';
import { fail } from '../failure';
import { PgStore, type PostgresTarget } from '../store/postgres/pg-store';
import { PG_DUMP_FORMAT_VERSION } from './format';
import { decryptBackup } from './open-backup';
import { dumpIsReadable, restoreDump } from './pg-tools';
import type { RestoreReport } from './restore';

/** Ordinary tables in the target's schema, with their row counts. */
export async function postgresTableCounts(db: PgStore): Promise<Record<string, number>> {
  const tables = (await db
    .prepare('SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename')
    .pluck()
    .all()) as string[];
  const counts: Record<string, number> = {};
  for (const table of tables)
    counts[table] = (await db.prepare(`SELECT COUNT(*) FROM "${table}"`).pluck().get()) as number;
  return counts;
}

/** Drops every table and function in the target's schema: what a refused restore created. */
async function emptySchema(db: PgStore): Promise<void> {
  await db.exec(`DO $$ DECLARE r record; BEGIN
    FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() LOOP
      EXECUTE 'DROP TABLE IF EXISTS ' || quote_ident(r.tablename) || ' CASCADE';
    END LOOP;
    FOR r IN SELECT p.oid::regprocedure AS f FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
             WHERE n.nspname = current_schema() LOOP
      EXECUTE 'DROP FUNCTION IF EXISTS ' || r.f || ' CASCADE';
    END LOOP;
  END $$`);
}

export async function restoreToPostgres(file: string, target: PostgresTarget, dataKey: Buffer): Promise<RestoreReport> {
  const db = PgStore.open(target.url, { max: 2, ...(target.schema ? { schema: target.schema } : {}) });
  const folder = mkdtempSync(join(tmpdir(), 'loket-restore-'));
  try {
    if (Object.keys(await postgresTableCounts(db)).length > 0)
      fail(
        'BACKUP_TARGET_NOT_EMPTY',
        `Basis data tujuan ${db.name} sudah berisi tabel. Pulihkan ke basis data kosong.`,
      );
    const archive = join(folder, 'office.dump');
    const header = await decryptBackup(file, dataKey, archive, PG_DUMP_FORMAT_VERSION);
    if (!(await dumpIsReadable(archive))) fail('BACKUP_INTEGRITY_FAILED');
    await restoreDump(target, archive);
    const audit = await verifyAuditChain(db);
    if (!audit.ok) {
      await emptySchema(db);
      fail('BACKUP_AUDIT_BROKEN');
    }
    return {
      target: db.name,
      createdAt: header.createdAt.toISOString(),
      schemaVersion: header.schemaVersion,
      integrity: 'pg_restore --list: ok',
      audit,
      counts: await postgresTableCounts(db),
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
    await db.close();
  }
}
