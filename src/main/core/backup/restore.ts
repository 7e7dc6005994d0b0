/**
 * Restores a .lbk file into a new SQLite file, refusing anything it cannot prove whole: the key
 * check, the GCM tag, the sha256 of the content, integrity_check and the audit hash chain. The
 * target appears only after all of that passed; a refused restore leaves nothing behind.
 */
import { createDecipheriv, createHash, randomUUID } from 'node:crypto';
import {
  closeSync,
  createReadStream,
  createWriteStream,
  existsSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';

import type Database from 'better-sqlite3';

import { type ChainReport, verifyAuditChain } from '../audit/verify';
import { fail } from '../failure';
import { SCHEMA_VERSION } from '../store/migrations';
import { openSqlite } from '../store/sqlite';
import {
  type BackupHeader,
  decodeHeader,
  deriveBackupKeys,
  FORMAT_VERSION,
  HEADER_BYTES,
  keyMatches,
  TAG_BYTES,
} from './format';
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

function readEnds(file: string): { header: BackupHeader; headerBytes: Buffer; tag: Buffer; size: number } {
  let size = 0;
  try {
    size = statSync(file).size;
  } catch {
    fail('BACKUP_NOT_A_BACKUP', `Berkas cadangan tidak ditemukan: ${file}`);
  }
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(HEADER_BYTES);
    const tag = Buffer.alloc(TAG_BYTES);
    const headRead = readSync(fd, head, 0, HEADER_BYTES, 0);
    const header = size >= HEADER_BYTES + TAG_BYTES && headRead === HEADER_BYTES ? decodeHeader(head) : null;
    if (!header) return fail('BACKUP_NOT_A_BACKUP');
    readSync(fd, tag, 0, TAG_BYTES, size - TAG_BYTES);
    return { header, headerBytes: head, tag, size };
  } finally {
    closeSync(fd);
  }
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

function checkRestored(path: string): Pick<RestoreReport, 'integrity' | 'audit' | 'counts'> {
  const db = openSqlite(path, { fileMustExist: true });
  try {
    const integrity = String(db.pragma('integrity_check', { simple: true }));
    if (integrity !== 'ok') fail('BACKUP_INTEGRITY_FAILED');
    const audit = verifyAuditChain(db);
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
  const { header, headerBytes, tag, size } = readEnds(file);
  if (header.formatVersion !== FORMAT_VERSION || header.schemaVersion > SCHEMA_VERSION) fail('BACKUP_TOO_NEW');
  const keys = deriveBackupKeys(dataKey, header.salt);
  if (!keyMatches(keys, header)) fail('BACKUP_WRONG_KEY');

  const decipher = createDecipheriv('aes-256-gcm', keys.key, header.nonce);
  decipher.setAAD(headerBytes);
  decipher.setAuthTag(tag);
  const hash = createHash('sha256');
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const temp = join(dirname(targetPath), `.${basename(targetPath)}.${randomUUID().slice(0, 8)}.restoring`);
  try {
    try {
      await pipeline(
        createReadStream(file, { start: HEADER_BYTES, end: size - TAG_BYTES - 1 }),
        decipher,
        createGunzip(),
        tap,
        createWriteStream(temp, { flags: 'wx', mode: 0o600 }),
      );
    } catch {
      fail('BACKUP_CORRUPT');
    }
    if (!hash.digest().equals(header.plaintextSha256)) fail('BACKUP_CORRUPT');
    const checked = checkRestored(temp);
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
