/**
 * Makes one encrypted backup file while the app keeps running, its heavy work handed by the caller
 * to a task worker thread (seal.ts): SQLite's online backup to a temporary copy by the thread's own
 * connection, the copy's integrity_check, gzip + AES-256-GCM straight into a `.part` file that is
 * fsynced and renamed into place. The plaintext copy is deleted whatever happens; it only ever lives
 * inside the data folder (0700), as a 0600 file named `.loket-backup-*.sqlite`, and a copy or `.part`
 * left by a killed process is removed at the next start (leftovers.ts). The sealing step gets the
 * backup key derived here, never the data key. On PostgreSQL the plaintext is `pg_dump`'s archive
 * of the office's schema (pg-tools.ts), made into the same 0600 file in the data folder and sealed
 * the same way.
 */
import { randomUUID } from 'node:crypto';
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { fail } from '../failure';
import type { Db } from '../store/db';
import { SCHEMA_VERSION } from '../store/migrations';
import type { PgStore } from '../store/postgres/pg-store';
import { sqliteOf } from '../store/store';
import { freshBackupName, PLAIN_COPY_PREFIX } from './files';
import { deriveBackupKeys, newNonce, newSalt } from './format';
import { dumpDatabase } from './pg-tools';
import { sealBackup, type SealJob, type SealResult } from './seal';

export { fsyncPath } from './fsync';
export { sha256OfFile } from './seal';

export interface WrittenBackup {
  fileName: string;
  path: string;
  bytes: number;
  /** sha256 of the .lbk file. */
  sha256: string;
}

/** Runs the sealing step: in a worker thread in the app, in this thread by default (CLIs, the bench's baseline). */
export type Sealer = (job: SealJob) => Promise<SealResult>;

const removeQuietly = (path: string) => rmSync(path, { force: true });

export async function writeBackupFile(
  db: Db,
  dataKey: Buffer,
  options: {
    directory: string;
    now: Date;
    timeZone: string;
    seal?: Sealer;
    /** Where the plaintext copy is made: the office's own folder (default: the SQLite file's). */
    dataDir?: string;
  },
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
  const postgres = db.engine === 'postgres' ? (db as PgStore).target : null;
  const dataDir = options.dataDir ?? (db.name === ':memory:' || postgres ? tmpdir() : dirname(db.name));
  const plainPath = join(dataDir, `${PLAIN_COPY_PREFIX}${randomUUID()}.${postgres ? 'dump' : 'sqlite'}`);
  const fileName = freshBackupName(directory, now, options.timeZone);
  const finalPath = join(directory, fileName);
  const partPath = join(directory, `.${fileName}.${randomUUID().slice(0, 8)}.part`);
  try {
    // Created owner-only before SQLite writes into it (its journal takes the same mode).
    writeFileSync(plainPath, '', { mode: 0o600, flag: 'wx' });
    // A store file is copied by the sealing thread's own connection; only an in-memory one here.
    // PostgreSQL is dumped by pg_dump, a child process: this thread only waits for it.
    const inMemory = db.name === ':memory:';
    if (postgres) await dumpDatabase(postgres, plainPath);
    else if (inMemory) await sqliteOf(db, 'Pencadangan berkas').backup(plainPath);
    const salt = newSalt();
    const keys = deriveBackupKeys(dataKey, salt);
    const job: SealJob = {
      ...(postgres
        ? { payload: { kind: 'pg_dump' as const, schemaVersion: SCHEMA_VERSION } }
        : inMemory
          ? {}
          : { sourcePath: db.name }),
      plainPath,
      partPath,
      finalPath,
      directory,
      createdAt: now,
      salt,
      nonce: newNonce(),
      key: keys.key,
      keyCheck: keys.keyCheck,
    };
    const sealed = await (options.seal ?? sealBackup)(job);
    return { fileName, path: finalPath, ...sealed };
  } catch (error) {
    removeQuietly(partPath);
    throw error;
  } finally {
    for (const suffix of ['', '-journal', '-wal', '-shm']) removeQuietly(plainPath + suffix);
  }
}
