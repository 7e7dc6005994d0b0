/** backup_settings (one row, absent until the Admin saves) and backup_log (one row per attempt). */
import type { BackupLogEntry } from '../../../../shared/domain/backups';
import type { Db } from '../db';

export interface BackupSettingsRecord {
  directory: string;
  everyHours: number;
  keep: number;
}

export async function readBackupSettings(db: Db): Promise<BackupSettingsRecord | null> {
  const row = (await db.prepare('SELECT directory, every_hours, keep FROM backup_settings WHERE id = 1').get()) as
    { directory: string; every_hours: number; keep: number } | undefined;
  return row ? { directory: row.directory, everyHours: row.every_hours, keep: row.keep } : null;
}

export async function saveBackupSettings(db: Db, s: BackupSettingsRecord, at: string, userId: string): Promise<void> {
  await db
    .prepare(
      `INSERT INTO backup_settings (id, directory, every_hours, keep, updated_at, updated_by) VALUES (1, @directory, @everyHours, @keep, @at, @userId)
     ON CONFLICT (id) DO UPDATE SET directory = excluded.directory, every_hours = excluded.every_hours, keep = excluded.keep, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    )
    .run({ ...s, at, userId });
}

interface LogRow {
  id: string;
  at: string;
  file_name: string;
  bytes: number;
  sha256: string;
  trigger: 'manual' | 'scheduled';
  status: 'ok' | 'failed';
  error: string | null;
  by_user_id: string | null;
}

const toEntry = (r: LogRow): BackupLogEntry => ({
  id: r.id,
  at: r.at,
  fileName: r.file_name,
  bytes: r.bytes,
  sha256: r.sha256,
  trigger: r.trigger,
  status: r.status,
  error: r.error,
  byUserId: r.by_user_id,
});

export async function insertBackupLog(db: Db, e: BackupLogEntry): Promise<void> {
  await db
    .prepare(
      'INSERT INTO backup_log (id, at, file_name, bytes, sha256, trigger, status, error, by_user_id) VALUES (@id, @at, @fileName, @bytes, @sha256, @trigger, @status, @error, @byUserId)',
    )
    .run({
      id: e.id,
      at: e.at,
      fileName: e.fileName,
      bytes: e.bytes,
      sha256: e.sha256,
      trigger: e.trigger,
      status: e.status,
      error: e.error,
      byUserId: e.byUserId,
    });
}

export async function listBackupLog(db: Db, limit: number): Promise<BackupLogEntry[]> {
  return (
    (await db.prepare('SELECT * FROM backup_log ORDER BY at DESC, rowid DESC LIMIT ?').all(limit)) as LogRow[]
  ).map(toEntry);
}

/** When the newest successful backup was made, if any. */
export async function lastOkBackupAt(db: Db): Promise<string | null> {
  const row = (await db.prepare("SELECT MAX(at) AS at FROM backup_log WHERE status = 'ok'").get()) as {
    at: string | null;
  };
  return row.at;
}
