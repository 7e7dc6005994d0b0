/**
 * What to tell the office when the store is damaged: restore the latest backup, named. The backup
 * log is read from the damaged file when it still can be; otherwise the default backup folder is listed.
 */
import { join } from 'node:path';

import { listBackupFiles } from '../backup/files';
import { openSqlite } from './sqlite';

function fromLog(dbPath: string): { directory: string; fileName: string } | null {
  try {
    const db = openSqlite(dbPath, { readonly: true, fileMustExist: true });
    try {
      const file = db
        .prepare("SELECT file_name FROM backup_log WHERE status = 'ok' ORDER BY rowid DESC LIMIT 1")
        .pluck()
        .get() as string | undefined;
      const dir = db.prepare('SELECT directory FROM backup_settings WHERE id = 1').pluck().get() as string | undefined;
      return file ? { directory: dir ?? '', fileName: file } : null;
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}

/** The newest backup file we can point at, as a path, or null. */
export function latestBackupPath(dbPath: string, dataDir: string): string | null {
  const logged = fromLog(dbPath);
  if (logged?.directory) return join(logged.directory, logged.fileName);
  const defaultDir = join(dataDir, 'backups');
  try {
    const newest = listBackupFiles(defaultDir)[0];
    if (newest) return join(defaultDir, newest);
  } catch {
    // no default backup folder
  }
  return logged ? join(defaultDir, logged.fileName) : null;
}

export function corruptMessage(dbPath: string, dataDir: string): string {
  const latest = latestBackupPath(dbPath, dataDir);
  const restore = latest
    ? `Pulihkan cadangan terakhir: ${latest} — npm run backup:restore -- "${latest}" <berkas-baru.sqlite> --key <data.key>, lalu ganti berkas basis data dengan hasilnya.`
    : 'Tidak ditemukan berkas cadangan; hubungi pengelola aplikasi dan jangan hapus berkas basis data.';
  return `Basis data ${dbPath} rusak (pemeriksaan quick_check gagal). Aplikasi dihentikan agar kerusakan tidak bertambah. ${restore}`;
}
