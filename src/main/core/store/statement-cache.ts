/**
 * Keeps the connection's prepared statements: every request of every desk prepares the same dozen
 * statements (device, session user, office, queue), and preparing costs more than running most of
 * them. `db.prepare(sql)` hands back the kept statement for the same text, its pluck mode reset,
 * unless it is busy (an iterate() still open), when a fresh one is made. Dynamic SQL (IN lists
 * built per call) would grow the cache without end, so it stops keeping new texts at a limit.
 */
import type Database from 'better-sqlite3';

export const STATEMENT_CACHE_LIMIT = 1000;

export function cacheStatements(db: Database.Database, limit = STATEMENT_CACHE_LIMIT): void {
  const prepare = db.prepare.bind(db);
  const kept = new Map<string, Database.Statement>();
  const cached = (sql: string): Database.Statement => {
    const statement = kept.get(sql);
    if (statement && !statement.busy) {
      if (statement.reader) statement.pluck(false);
      return statement;
    }
    const made = prepare(sql);
    if (!statement && kept.size < limit) kept.set(sql, made);
    return made;
  };
  db.prepare = cached as Database.Database['prepare'];
}
