/**
 * Restores a .lbk file into a new SQLite file, refusing anything it cannot prove whole: the key
 * check, the GCM tag, the sha256 of the content, integrity_check and the audit hash chain. The
 * target appears only after all of that passed; a refused restore leaves nothing behind.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

import type Database from 'better-sqlite3';

import { type ChainReport, verifyAuditChain } from '../audit/verify';
import { fail } from '../failure';
import { openSqlite } from '../store/sqlite';
import { SqliteStore } from '../store/sqlite-store';
import { FORMAT_VERSION } from './format';
import { decryptBackup } from './open-backup';
import { fsyncPath } from './write-backup';

export interface RestoreReport {
  target: string;
  createdAt: string;
  schemaVersion: number;
  integrity: string;
  audit: ChainReport;
  /** Rows per table of the restored database. */
  counts: Record<string, number>;
}

/** Row counts of every ordinary table (for the operator and the tests). */
export function tableCounts(db: Database.Database): Record<string, number> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  return Object.fromEntries(
    tables.map(({ name }) => [name, (db.prepare(`SELECT COUNT(*) AS n FROM "${name}"`).get() as { n: number }).n]),
  );
}

async function checkRestored(path: string): Promise<Pick<RestoreReport, 'integrity' | 'audit' | 'counts'>> {
  const db = openSqlite(path, { fileMustExist: true });
  try {
    const integrity = String(db.pragma('integrity_check', { simple: true }));
    if (integrity !== 'ok') fail('BACKUP_INTEGRITY_FAILED');
    const audit = await verifyAuditChain(new SqliteStore(db));
    if (!audit.ok) fail('BACKUP_AUDIT_BROKEN');
    return { integrity, audit, counts: tableCounts(db) };
  } finally {
    db.close();
  }
}

export async function restoreBackup(
  file: string,
  target: string,
  dataKey: Buffer,
  options: { force?: boolean } = {},
): Promise<RestoreReport> {
  const targetPath = resolve(target);
  if (existsSync(targetPath) && !options.force)
    fail(
      'BACKUP_TARGET_EXISTS',
      `Berkas tujuan sudah ada: ${targetPath}. Pilih nama lain atau pakai --force untuk menimpanya.`,
    );
  const temp = join(dirname(targetPath), `.${basename(targetPath)}.${randomUUID().slice(0, 8)}.restoring`);
  try {
    const header = await decryptBackup(file, dataKey, temp, FORMAT_VERSION);
    const checked = await checkRestored(temp);
    fsyncPath(temp);
    // A forced restore replaces the file: a stale WAL beside it would be replayed into the new one.
    for (const suffix of ['-wal', '-shm', '-journal']) rmSync(targetPath + suffix, { force: true });
    renameSync(temp, targetPath);
    fsyncPath(dirname(targetPath), true);
    return {
      target: targetPath,
      createdAt: header.createdAt.toISOString(),
      schemaVersion: header.schemaVersion,
      ...checked,
    };
  } finally {
    for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(temp + suffix, { force: true });
  }
}
