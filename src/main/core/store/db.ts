/**
 * Opens the SQLite store: WAL for crash safety with readers, foreign keys on, a busy timeout for
 * the second process (backup, CLI), then migrates. No module-global connection: callers own it.
 * The file is created 0600 before SQLite touches it (SQLite gives its WAL and shared-memory files
 * the database file's mode) and its folder 0700; a damaged file is found by `quick_check` before
 * anything is written; faults leave as DATA_DIR_READ_ONLY / DISK_FULL / DATABASE_CORRUPT.
 */
import { chmodSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

import { Failure } from '../failure';
import { openFault } from './faults';
import { assertNotNewer, migrate } from './migrations';
import { openSqlite } from './sqlite';
import { SqliteStore } from './sqlite-store';
import { cacheStatements } from './statement-cache';
import type { Store } from './store';
import { claimInTransaction } from './write-claim';

/** The store as services and repositories see it: either engine (./store.ts). */
export type Db = Store;

export interface OpenOptions {
  /** Run `PRAGMA quick_check` before migrating (the hosts do; a CLI reading one table need not). */
  quickCheck?: boolean;
  /** The folder is the app's data folder: make it 0700 (hosts; a CLI given a file in the cwd must not). */
  privateFolder?: boolean;
}

const POSIX = process.platform !== 'win32';

/** Owner-only modes for the data folder and the store's files (on Windows the folder's ACL applies). */
export function makePrivate(path: string, mode: 0o600 | 0o700): void {
  if (POSIX && existsSync(path) && (statSync(path).mode & 0o077) !== 0) chmodSync(path, mode);
}

function prepareFiles(path: string, privateFolder: boolean): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // A shared sticky folder (/tmp) is never the app's own: tightening it would lock every other user out.
  if (privateFolder && !(POSIX && (statSync(dir).mode & 0o1000) !== 0)) makePrivate(dir, 0o700);
  if (!existsSync(path)) writeFileSync(path, '', { mode: 0o600, flag: 'wx' });
  for (const suffix of ['', '-wal', '-shm', '-journal']) makePrivate(path + suffix, 0o600);
}

export function openDatabase(path: string, options: OpenOptions = {}): SqliteStore {
  let db: SqliteStore['sqlite'];
  try {
    if (path !== ':memory:') prepareFiles(path, options.privateFolder ?? false);
    db = openSqlite(path);
  } catch (error) {
    throw openFault(error, dirname(path)) ?? error;
  }
  try {
    assertNotNewer(db);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    // A 64 MB page cache (SQLite's default is 2 MB): a name search over a regency's recap visits
    // thousands of scattered holder rows; measured on 100k holders, a common surname's page with its
    // counts 12.7 → 8.8 ms. The cache grows only as pages are read.
    db.pragma('cache_size = -65536');
    // Purged documents and erased personal data are overwritten on disk, not left in free pages.
    db.pragma('secure_delete = ON');
    if (options.quickCheck) {
      const check = db.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new Failure('DATABASE_CORRUPT', `quick_check: ${String(check)}`);
    }
    migrate(db);
    cacheStatements(db);
    if (path !== ':memory:') for (const suffix of ['-wal', '-shm']) makePrivate(path + suffix, 0o600);
    return new SqliteStore(db);
  } catch (error) {
    db.close();
    throw openFault(error, dirname(path)) ?? error;
  }
}

/**
 * Runs `fn` in one writing transaction: all of it is written, or none. Inside a call that carries
 * an idempotency key, the key is claimed in the same transaction, so a retry can never write twice.
 */
export async function inTransaction<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  return await db.transaction(async () => {
    await claimInTransaction(db);
    return fn();
  });
}
