/**
 * Opens the SQLite store: WAL for crash safety with readers, foreign keys on, a busy timeout for
 * the second process (backup, CLI), then migrates. No module-global connection: callers own it.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

import type Database from 'better-sqlite3';

import { assertNotNewer, migrate } from './migrations';
import { openSqlite } from './sqlite';

export type Db = Database.Database;

export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = openSqlite(path);
  try {
    assertNotNewer(db);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    // Purged documents and erased personal data are overwritten on disk, not left in free pages.
    db.pragma('secure_delete = ON');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Runs `fn` in one IMMEDIATE transaction: all of it is written, or none. */
export function inTransaction<T>(db: Db, fn: () => T): T {
  return db.transaction(fn).immediate();
}
