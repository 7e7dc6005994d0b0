/** Flushes a file (or, on POSIX, a directory entry) to the disk: backups, restores and key rotation rely on it. */
import { closeSync, fsyncSync, openSync } from 'node:fs';

export function fsyncPath(path: string, directory = false): void {
  if (directory && process.platform === 'win32') return;
  const fd = openSync(path, directory ? 'r' : 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
