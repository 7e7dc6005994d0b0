/**
 * A task worker's own read-only connection to the store, opened through store/sqlite.ts (so the
 * add-on the host chose is used) on first use and kept for the thread's life. SQLite's WAL lets it
 * read a consistent picture while the main connection writes; it can never write.
 */
import type { Db } from '../store/db';
import { openSqlite } from '../store/sqlite';

const connections = new Map<string, Db>();

export function readConnection(dbPath: string): Db {
  let db = connections.get(dbPath);
  if (!db) {
    db = openSqlite(dbPath, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    connections.set(dbPath, db);
  }
  return db;
}
