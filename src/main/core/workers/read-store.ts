/**
 * A task worker's own read-only connection to the store, opened through store/sqlite.ts (so the
 * add-on the host chose is used) on first use and kept for the thread's life. SQLite's WAL lets it
 * read a consistent picture while the main connection writes; it can never write.
 */
import type { Db } from '../store/db';
import { openSqlite } from '../store/sqlite';
import { SqliteStore } from '../store/sqlite-store';

const connections = new Map<string, Db>();

export function readConnection(dbPath: string): Db {
  const kept = connections.get(dbPath);
  if (kept) return kept;
  const sqlite = openSqlite(dbPath, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  const db = new SqliteStore(sqlite);
  connections.set(dbPath, db);
  return db;
}
