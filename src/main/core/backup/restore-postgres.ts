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
import { emptySchema, postgresTableCounts } from '../store/postgres/schema-contents';
import { PG_DUMP_FORMAT_VERSION } from './format';
import { decryptBackup } from './open-backup';
import { dumpIsReadable, restoreDump } from './pg-tools';
import type { RestoreReport } from './restore';

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
      integrity: 'ok',
      audit,
      counts: await postgresTableCounts(db),
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
    await db.close();
  }
}
