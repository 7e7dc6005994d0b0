/**
 * What the disk and SQLite say when the machine misbehaves, turned into stable codes with
 * Indonesian text: a full disk (SQLITE_FULL / ENOSPC), a folder that cannot be written (read-only
 * mount, no permission), a damaged file. Anything else stays an internal error.
 */
import { Failure } from '../failure';

const codeOf = (error: unknown): string => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
};

/** Faults any write can meet at run time (the store's file, its WAL). */
export function writeFault(error: unknown): Failure | null {
  const code = codeOf(error);
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return new Failure('DISK_FULL');
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code === 'EROFS')
    return new Failure('DATA_DIR_READ_ONLY');
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return new Failure('DATABASE_CORRUPT');
  return null;
}

/** Faults met while opening the store: the same, plus permission errors on the data folder itself. */
export function openFault(error: unknown, dataDir: string): Failure | null {
  if (error instanceof Failure) return error;
  const code = codeOf(error);
  if (
    code === 'EACCES' ||
    code === 'EPERM' ||
    code === 'EROFS' ||
    code.startsWith('SQLITE_READONLY') ||
    code.startsWith('SQLITE_CANTOPEN')
  )
    return new Failure(
      'DATA_DIR_READ_ONLY',
      `Folder data ${dataDir} tidak dapat ditulisi (hanya-baca atau tanpa izin). Aplikasi tidak dijalankan; periksa izin folder atau disknya, lalu jalankan ulang.`,
    );
  return writeFault(error);
}
