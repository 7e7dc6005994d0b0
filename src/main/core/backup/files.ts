/**
 * Naming and keeping backup files: `loket-tte-YYYYMMDD-HHMMSS.lbk` in the office's time zone (a
 * suffix when two land in one second), and pruning to the newest N — only files with that name.
 */
import { existsSync, readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

const NAME = /^loket-tte-(\d{8})-(\d{6})(?:-(\d+))?\.lbk$/;

/** The temporary plaintext copy a backup is made from, in the data folder. */
export const PLAIN_COPY_PREFIX = '.loket-backup-';
/** A backup file being written, in the backup folder. */
export const PART_FILE = /^\.loket-tte-.*\.part$/;

function stamp(now: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}${parts.month}${parts.day}-${parts.hour}${parts.minute}${parts.second}`;
}

/** A name no file in `directory` has yet. */
export function freshBackupName(directory: string, now: Date, timeZone: string): string {
  const base = `loket-tte-${stamp(now, timeZone)}`;
  for (let n = 1; ; n++) {
    const name = n === 1 ? `${base}.lbk` : `${base}-${n}.lbk`;
    if (!existsSync(join(directory, name))) return name;
  }
}

/** Backup files in the folder, newest first (by the time in the name, then the suffix). */
export function listBackupFiles(directory: string): string[] {
  const key = (name: string) => {
    const m = NAME.exec(name);
    return m ? `${m[1]}${m[2]}${(m[3] ?? '1').padStart(6, '0')}` : '';
  };
  return readdirSync(directory)
    .filter((name) => NAME.test(name))
    .sort((a, b) => key(b).localeCompare(key(a)));
}

/** Deletes all but the newest `keep` backup files; returns the names deleted. */
export function pruneBackups(directory: string, keep: number): string[] {
  const old = listBackupFiles(directory).slice(Math.max(1, keep));
  for (const name of old) unlinkSync(join(directory, name));
  return old;
}
