/**
 * Makes one encrypted backup file while the app keeps running: SQLite's online backup to a
 * temporary copy, its integrity_check, then gzip + AES-256-GCM straight into a `.part` file that is
 * fsynced and renamed into place. The plaintext copy is deleted whatever happens; it only ever lives
 * inside the data folder (0700), as a 0600 file named `.loket-backup-*.sqlite`, and a copy or `.part`
 * left by a killed process is removed at the next start (leftovers.ts).
 */
import { createCipheriv, createHash, randomUUID } from 'node:crypto';
import {
  appendFileSync,
  closeSync,
  createReadStream,
  createWriteStream,
  fsyncSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

import { fail } from '../failure';
import type { Db } from '../store/db';
import { openSqlite } from '../store/sqlite';
import { freshBackupName, PLAIN_COPY_PREFIX } from './files';
import { deriveBackupKeys, encodeHeader, FORMAT_VERSION, newNonce, newSalt } from './format';

export interface WrittenBackup {
  fileName: string;
  path: string;
  bytes: number;
  /** sha256 of the .lbk file. */
  sha256: string;
}

export async function sha256OfFile(path: string): Promise<Buffer> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest();
}

/** Flushes a file (or, on POSIX, a directory entry) to the disk. */
export function fsyncPath(path: string, directory = false): void {
  if (directory && process.platform === 'win32') return;
  const fd = openSync(path, directory ? 'r' : 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

const removeQuietly = (path: string) => rmSync(path, { force: true });

/** The copy, checked and switched out of WAL so it is one self-contained file; returns its schema version. */
async function snapshot(db: Db, plainPath: string): Promise<number> {
  await db.backup(plainPath);
  const copy = openSqlite(plainPath);
  try {
    copy.pragma('journal_mode = DELETE');
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok') fail('BACKUP_INTEGRITY_FAILED');
    return copy.pragma('user_version', { simple: true }) as number;
  } finally {
    copy.close();
  }
}

export async function writeBackupFile(
  db: Db,
  dataKey: Buffer,
  options: { directory: string; now: Date; timeZone: string },
): Promise<WrittenBackup> {
  const { directory, now } = options;
  let isDirectory = false;
  try {
    isDirectory = statSync(directory).isDirectory();
  } catch {
    isDirectory = false;
  }
  if (!isDirectory)
    fail(
      'BACKUP_DIRECTORY_MISSING',
      `Folder cadangan tidak ditemukan: ${directory}. Periksa Pengaturan cadangan atau sambungkan kembali disknya.`,
    );
  const dataDir = db.name === ':memory:' ? tmpdir() : dirname(db.name);
  const plainPath = join(dataDir, `${PLAIN_COPY_PREFIX}${randomUUID()}.sqlite`);
  const fileName = freshBackupName(directory, now, options.timeZone);
  const finalPath = join(directory, fileName);
  const partPath = join(directory, `.${fileName}.${randomUUID().slice(0, 8)}.part`);
  try {
    // Created owner-only before SQLite writes into it (its journal takes the same mode).
    writeFileSync(plainPath, '', { mode: 0o600, flag: 'wx' });
    const schemaVersion = await snapshot(db, plainPath);
    const salt = newSalt();
    const nonce = newNonce();
    const keys = deriveBackupKeys(dataKey, salt);
    const header = encodeHeader({
      formatVersion: FORMAT_VERSION,
      schemaVersion,
      createdAt: now,
      salt,
      nonce,
      plaintextSha256: await sha256OfFile(plainPath),
      keyCheck: keys.keyCheck,
    });
    const fileHash = createHash('sha256').update(header);
    const cipher = createCipheriv('aes-256-gcm', keys.key, nonce);
    cipher.setAAD(header);
    writeFileSync(partPath, header, { mode: 0o600, flag: 'wx' });
    const tap = new Transform({
      transform(chunk: Buffer, _enc, done) {
        fileHash.update(chunk);
        done(null, chunk);
      },
    });
    await pipeline(
      createReadStream(plainPath),
      createGzip({ level: 6 }),
      cipher,
      tap,
      createWriteStream(partPath, { flags: 'a' }),
    );
    const tag = cipher.getAuthTag();
    appendFileSync(partPath, tag);
    fileHash.update(tag);
    fsyncPath(partPath);
    renameSync(partPath, finalPath);
    fsyncPath(directory, true);
    return { fileName, path: finalPath, bytes: statSync(finalPath).size, sha256: fileHash.digest('hex') };
  } catch (error) {
    removeQuietly(partPath);
    throw error;
  } finally {
    for (const suffix of ['', '-journal', '-wal', '-shm']) removeQuietly(plainPath + suffix);
  }
}
