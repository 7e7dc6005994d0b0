/**
 * The Store on a PostgreSQL pool. Outside a transaction a statement takes any pooled connection;
 * inside `transaction(fn)` every statement of fn's async context goes to the transaction's own
 * connection. A writing transaction first takes one transaction-scoped advisory lock, so writers
 * run one after the other exactly as they do on SQLite (BEGIN IMMEDIATE): a step, an idempotency
 * key, a recap row is decided by the first desk, and the second sees its commit. Readers are never
 * held. Values come back as SQLite gives them: integers and counts as numbers, booleans as 1/0.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

import pg from 'pg';

import { Failure } from '../../failure';
import type { RunResult, SqlArg, Statement, Store } from '../store';
import { translate, valuesFor } from './placeholders';

export interface PostgresTarget {
  /** postgresql://user[:password]@host[:port]/database, or a local socket: postgresql://user@/db?host=/run/postgresql */
  url: string;
  /**
   * The schema the office's tables live in (default: the database's search_path, normally
   * `public`). Several offices — or the test suite's parallel cores — can share one database.
   */
  schema?: string;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** The connection settings that put every statement in the target's schema. */
export function connectionOptions(target: PostgresTarget): string | undefined {
  if (target.schema === undefined) return undefined;
  if (!SCHEMA_NAME.test(target.schema))
    throw new Failure(
      'VALIDATION_FAILED',
      `Nama skema PostgreSQL "${target.schema}" tidak sah: pakai huruf kecil, angka dan garis bawah, mis. kantor_tte.`,
    );
  return `-c search_path=${target.schema}`;
}

/**
 * The advisory lock every writing transaction takes, ("LOKW" in ASCII, the schema's hash): the
 * writers of one office queue behind each other while an office in another schema of the same
 * database (a province's kabupaten, the test suite's parallel files) is never held by them. The
 * owner lock in open-postgres.ts uses another first key.
 */
export const WRITER_LOCK = 0x4c4f4b57;

interface Transaction {
  client: pg.PoolClient;
  open: boolean;
  savepoints: number;
}

const INT8 = 20;
const NUMERIC = 1700;
const BOOL = 16;

/** Type parsers that answer like better-sqlite3 does (the repositories read one shape). */
export const sqliteLikeTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value);
    if (oid === BOOL) return (value: string) => (value === 't' ? 1 : 0);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/** The URL as it may be shown or logged: without its password. */
export function withoutPassword(url: string): string {
  // Text rewriting, not URL parsing: libpq URLs such as postgresql://user@/db?host=/run/postgresql
  // are not WHATWG URLs.
  return url.replace(/^([a-z]+:\/\/[^:@/?#]*):[^@/?#]*@/i, '$1:***@').replace(/([?&]password=)[^&#]*/gi, '$1***');
}

export class PgStore implements Store {
  readonly engine = 'postgres' as const;
  readonly sqlite = null;
  readonly name: string;
  private readonly current = new AsyncLocalStorage<Transaction>();

  constructor(
    readonly pool: pg.Pool,
    /** Where it connects, password included (for pg_dump); never logged — `name` is for that. */
    readonly target: PostgresTarget,
  ) {
    this.name = withoutPassword(target.url);
  }

  /**
   * `schema` puts every statement in that schema; `options` are other server settings for every
   * connection (e.g. `-c search_path=…`).
   */
  static open(url: string, settings: { max?: number; options?: string; schema?: string } = {}): PgStore {
    const target: PostgresTarget = { url, ...(settings.schema ? { schema: settings.schema } : {}) };
    const options = settings.options ?? connectionOptions(target);
    const pool = new pg.Pool({
      connectionString: url,
      max: settings.max ?? 10,
      types: sqliteLikeTypes,
      ...(options ? { options } : {}),
    });
    // An idle connection the server dropped must not take the process down; the next query reconnects.
    pool.on('error', () => undefined);
    return new PgStore(pool, target);
  }

  get inTransaction(): boolean {
    return this.current.getStore()?.open === true;
  }

  /** The connection a statement made here runs on: the transaction's, or the pool. */
  runner(): pg.Pool | pg.PoolClient {
    const tx = this.current.getStore();
    return tx?.open ? tx.client : this.pool;
  }

  prepare(sql: string): Statement {
    return new PgStatement(this, sql, false);
  }

  async exec(sql: string): Promise<void> {
    await this.runner().query(sql);
  }

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    const outer = this.current.getStore();
    if (outer?.open) return this.savepoint(outer, fn);
    const client = await this.pool.connect();
    const tx: Transaction = { client, open: true, savepoints: 0 };
    let broken = false;
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))', [WRITER_LOCK]);
      const value = await this.current.run(tx, fn);
      tx.open = false;
      await client.query('COMMIT');
      return value;
    } catch (error) {
      tx.open = false;
      await client.query('ROLLBACK').catch(() => (broken = true));
      throw error;
    } finally {
      tx.open = false;
      client.release(broken);
    }
  }

  private async savepoint<T>(tx: Transaction, fn: () => Promise<T>): Promise<T> {
    const name = `sp${++tx.savepoints}`;
    await tx.client.query(`SAVEPOINT ${name}`);
    try {
      const value = await fn();
      await tx.client.query(`RELEASE SAVEPOINT ${name}`);
      return value;
    } catch (error) {
      await tx.client.query(`ROLLBACK TO SAVEPOINT ${name}`);
      await tx.client.query(`RELEASE SAVEPOINT ${name}`);
      throw error;
    }
  }

  private closing: Promise<void> | null = null;

  /** Ends the pool once; closing again (shutdown after close, as on SQLite) is harmless. */
  async close(): Promise<void> {
    this.closing ??= this.pool.end();
    await this.closing;
  }
}

class PgStatement implements Statement {
  constructor(
    private readonly store: PgStore,
    private readonly sql: string,
    private readonly plucked: boolean,
  ) {}

  pluck(on = true): Statement {
    return new PgStatement(this.store, this.sql, on);
  }

  private async query(params: readonly SqlArg[]): Promise<pg.QueryResult> {
    const translated = translate(this.sql);
    const values = valuesFor(translated, params);
    return this.store.runner().query({
      text: translated.text,
      values,
      ...(this.plucked ? { rowMode: 'array' as const } : {}),
    });
  }

  private shape(rows: unknown[]): unknown[] {
    return this.plucked ? rows.map((row) => (row as unknown[])[0]) : rows;
  }

  async get(...params: SqlArg[]): Promise<unknown> {
    return this.shape((await this.query(params)).rows)[0];
  }

  async all(...params: SqlArg[]): Promise<unknown[]> {
    return this.shape((await this.query(params)).rows);
  }

  async run(...params: SqlArg[]): Promise<RunResult> {
    return { changes: (await this.query(params)).rowCount ?? 0 };
  }

  /**
   * The rows of one snapshot, yielded one by one, as SqliteStore does: paging with LIMIT/OFFSET
   * would skip or repeat rows of a statement without a total ORDER BY while desks keep writing.
   */
  async *iterate(...params: SqlArg[]): AsyncIterable<unknown> {
    for (const row of await this.all(...params)) yield row;
  }
}
