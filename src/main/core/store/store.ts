/**
 * The store every repository talks to, the same on both engines: SQLite (one file, the embedded
 * default) and PostgreSQL (an office server's database). A statement is prepared from one SQL text
 * written in the subset both engines speak (`?` or `@name` parameters; the few dialect-specific
 * fragments come from ./dialect.ts) and answers with promises, so PostgreSQL's round trips never
 * hold the event loop. Transactions are carried through awaits: a statement made inside
 * `transaction(fn)` runs in that transaction wherever in the call chain it is written.
 */
import type Database from 'better-sqlite3';

export type SqlValue = string | number | bigint | Buffer | null;
/** Positional values (SqlValue), or one object of them for `@name` parameters; checked by the engine, as better-sqlite3 does. */
export type SqlArg = unknown;

export interface RunResult {
  /** Rows inserted, updated or deleted. */
  changes: number;
}

export interface Statement {
  get(...params: SqlArg[]): Promise<unknown>;
  all(...params: SqlArg[]): Promise<unknown[]>;
  run(...params: SqlArg[]): Promise<RunResult>;
  /** The rows one at a time (read in pages: never the whole table in memory at once on PostgreSQL). */
  iterate(...params: SqlArg[]): AsyncIterable<unknown>;
  /** Answers the first column's value instead of the row. */
  pluck(on?: boolean): Statement;
}

export type Engine = 'sqlite' | 'postgres';

export interface Store {
  readonly engine: Engine;
  /** The SQLite file path (':memory:' for a test store), or the PostgreSQL URL without its password. */
  readonly name: string;
  prepare(sql: string): Statement;
  /** Several statements in one text (migrations, test set-up); no parameters. */
  exec(sql: string): Promise<void>;
  /**
   * All of `fn` is written, or none of it. One writing transaction at a time on both engines: SQLite's
   * IMMEDIATE lock, PostgreSQL's transaction-scoped advisory lock, so a step, an idempotency key or
   * a recap row is decided by one desk while the other waits and then sees the first one's commit.
   * Nested calls are savepoints.
   */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /** Whether the caller is inside one of this store's transactions. */
  readonly inTransaction: boolean;
  close(): Promise<void>;
  /** SQLite only: the connection itself, for file-level work (pragmas, the backup copy, EXPLAIN). */
  readonly sqlite: Database.Database | null;
}

/** The SQLite connection of a store that must be SQLite (file-level work), or a clear refusal. */
export function sqliteOf(store: Store, what: string): Database.Database {
  if (!store.sqlite) throw new Error(`${what} needs the SQLite store (this office runs on ${store.engine})`);
  return store.sqlite;
}
