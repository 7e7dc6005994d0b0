/**
 * The heavy half of a backup, run in a task worker thread (or in-thread by the bench's baseline):
 * copies the store with its own connection (when given the store's path), checks the plaintext copy with its own connection (integrity_check, switched out of WAL),
 * then gzip + AES-256-GCM into the `.part` file, fsynced and renamed into place. It is given the
 * backup's own derived key and key check, never the data key (write-backup.ts derives them).
 */
import { createCipheriv, createHash } from 'node:crypto';
import { appendFileSync, createReadStream, createWriteStream, renameSync, statSync, writeFileSync } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

import { fail } from '../failure';
import { openSqlite } from '../store/sqlite';
import { encodeHeader, FORMAT_VERSION, PG_DUMP_FORMAT_VERSION } from './format';
import { fsyncPath } from './fsync';
import { dumpIsReadable } from './pg-tools';

export interface SealJob {
  /**
   * What `plainPath` holds: a SQLite file (copied and checked here), or a pg_dump archive the
   * caller made of the office's PostgreSQL schema at `schemaVersion` (checked here with pg_restore).
   */
  payload?: { kind: 'sqlite' } | { kind: 'pg_dump'; schemaVersion: number };
  /**
   * The store file to copy into `plainPath` first, with this thread's own connection; absent when
   * the caller made the copy itself (an in-memory store can only be copied by its own connection).
   */
  sourcePath?: string;
  plainPath: string;
  partPath: string;
  finalPath: string;
  directory: string;
  createdAt: Date;
  salt: Uint8Array;
  nonce: Uint8Array;
  /** The backup key derived from the data key and this salt, and its check value for the header. */
  key: Uint8Array;
  keyCheck: Uint8Array;
}

export interface SealResult {
  bytes: number;
  /** sha256 of the .lbk file. */
  sha256: string;
}

export async function sha256OfFile(path: string): Promise<Buffer> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest();
}

/** Pages per backup step: all of them, so the copy is one read transaction that writers never restart. */
const ALL_PAGES = 0x7fffffff;

/** SQLite's online backup from a connection of this thread: a consistent copy while the core keeps writing (WAL). */
export async function copyStore(sourcePath: string, plainPath: string): Promise<void> {
  const source = openSqlite(sourcePath, { readonly: true, fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    await source.backup(plainPath, { progress: () => ALL_PAGES });
  } finally {
    source.close();
  }
}

/** The copy, checked and switched out of WAL so it is one self-contained file; returns its schema version. */
function checkCopy(plainPath: string): number {
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

/** The payload checked as its kind requires; returns the header's format and schema versions. */
async function checkPayload(job: SealJob): Promise<{ formatVersion: number; schemaVersion: number }> {
  if (job.payload?.kind === 'pg_dump') {
    if (!(await dumpIsReadable(job.plainPath))) fail('BACKUP_INTEGRITY_FAILED');
    return { formatVersion: PG_DUMP_FORMAT_VERSION, schemaVersion: job.payload.schemaVersion };
  }
  if (job.sourcePath !== undefined) await copyStore(job.sourcePath, job.plainPath);
  return { formatVersion: FORMAT_VERSION, schemaVersion: checkCopy(job.plainPath) };
}

export async function sealBackup(job: SealJob): Promise<SealResult> {
  const { formatVersion, schemaVersion } = await checkPayload(job);
  const header = encodeHeader({
    formatVersion,
    schemaVersion,
    createdAt: job.createdAt,
    salt: Buffer.from(job.salt),
    nonce: Buffer.from(job.nonce),
    plaintextSha256: await sha256OfFile(job.plainPath),
    keyCheck: Buffer.from(job.keyCheck),
  });
  const fileHash = createHash('sha256').update(header);
  const cipher = createCipheriv('aes-256-gcm', job.key, job.nonce);
  cipher.setAAD(header);
  writeFileSync(job.partPath, header, { mode: 0o600, flag: 'wx' });
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      fileHash.update(chunk);
      done(null, chunk);
    },
  });
  await pipeline(
    createReadStream(job.plainPath),
    createGzip({ level: 6 }),
    cipher,
    tap,
    createWriteStream(job.partPath, { flags: 'a' }),
  );
  const tag = cipher.getAuthTag();
  appendFileSync(job.partPath, tag);
  fileHash.update(tag);
  fsyncPath(job.partPath);
  renameSync(job.partPath, job.finalPath);
  fsyncPath(job.directory, true);
  return { bytes: statSync(job.finalPath).size, sha256: fileHash.digest('hex') };
}
