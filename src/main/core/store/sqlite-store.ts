/**
 * The Store on one better-sqlite3 connection. SQLite itself is synchronous and fast; what this adds
 * is the transaction carried through awaits: BEGIN IMMEDIATE takes the gate, statements made inside
 * the transaction's async context run at once, every other statement waits for the COMMIT (else it
 * would run inside someone else's transaction on the shared connection), and nested calls become
 * savepoints. Outside a transaction a statement runs in the same tick it is called.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

import type Database from 'better-sqlite3';

import { Gate } from './gate';
import type { RunResult, SqlArg, Statement, Store } from './store';

interface Transaction {
  open: boolean;
  savepoints: number;
}

export class SqliteStore implements Store {
  readonly engine = 'sqlite' as const;
  private readonly gate = new Gate<Transaction>();
  private readonly current = new AsyncLocalStorage<Transaction>();

  constructor(readonly sqlite: Database.Database) {}

  get name(): string {
    return this.sqlite.name;
  }

  get inTransaction(): boolean {
    const tx = this.current.getStore();
    return tx !== undefined && tx.open && this.gate.holder === tx;
  }

  /** Runs `fn` now when no other transaction holds the connection, else as soon as it is let go. */
  when<T>(fn: () => T): Promise<T> {
    if (this.mayRun()) {
      try {
        return Promise.resolve(fn());
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return this.later(fn);
  }

  private mayRun(): boolean {
    return this.gate.holder === null || this.inTransaction;
  }

  private async later<T>(fn: () => T): Promise<T> {
    while (!this.mayRun()) await this.gate.released();
    return fn();
  }

  prepare(sql: string): Statement {
    return new SqliteStatement(this, sql, false);
  }

  exec(sql: string): Promise<void> {
    return this.when(() => void this.sqlite.exec(sql));
  }

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    const outer = this.current.getStore();
    if (outer && outer.open && this.gate.holder === outer) return this.savepoint(outer, fn);
    while (this.gate.holder !== null) await this.gate.released();
    const tx: Transaction = { open: true, savepoints: 0 };
    this.gate.take(tx);
    try {
      await this.begin();
    } catch (error) {
      tx.open = false;
      this.gate.release();
      throw error;
    }
    try {
      const value = await this.current.run(tx, fn);
      this.sqlite.exec('COMMIT');
      return value;
    } catch (error) {
      if (this.sqlite.inTransaction) this.sqlite.exec('ROLLBACK');
      throw error;
    } finally {
      tx.open = false;
      this.gate.release();
    }
  }

  /**
   * BEGIN IMMEDIATE without SQLite's busy wait: another connection (a second process, the CLI) may
   * hold the write lock across its own awaits, and a busy wait here would stop this whole event loop,
   * that connection's owner included when it lives in this process. So: try, and on SQLITE_BUSY
   * wait a little on a timer and try again, for as long as busy_timeout would have waited.
   */
  private async begin(): Promise<void> {
    const patience = Number(this.sqlite.pragma('busy_timeout', { simple: true })) || 0;
    const deadline = Date.now() + patience;
    this.sqlite.pragma('busy_timeout = 0');
    try {
      for (let pause = 2; ; pause = Math.min(pause * 2, 50)) {
        try {
          this.sqlite.exec('BEGIN IMMEDIATE');
          return;
        } catch (error) {
          if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() >= deadline) throw error;
        }
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    } finally {
      this.sqlite.pragma(`busy_timeout = ${patience}`);
    }
  }

  private async savepoint<T>(tx: Transaction, fn: () => Promise<T>): Promise<T> {
    const name = `sp${++tx.savepoints}`;
    this.sqlite.exec(`SAVEPOINT ${name}`);
    try {
      const value = await fn();
      this.sqlite.exec(`RELEASE ${name}`);
      return value;
    } catch (error) {
      if (this.sqlite.inTransaction) this.sqlite.exec(`ROLLBACK TO ${name}; RELEASE ${name}`);
      throw error;
    }
  }

  async close(): Promise<void> {
    while (this.gate.holder !== null) await this.gate.released();
    if (this.sqlite.open) this.sqlite.close();
  }
}

class SqliteStatement implements Statement {
  constructor(
    private readonly store: SqliteStore,
    private readonly sql: string,
    private readonly plucked: boolean,
  ) {}

  /** Prepared at run time, from the connection's statement cache (statement-cache.ts). */
  private statement(): Database.Statement {
    const statement = this.store.sqlite.prepare(this.sql);
    return this.plucked ? statement.pluck() : statement;
  }

  pluck(on = true): Statement {
    return new SqliteStatement(this.store, this.sql, on);
  }

  get(...params: SqlArg[]): Promise<unknown> {
    return this.store.when(() => this.statement().get(...params));
  }

  all(...params: SqlArg[]): Promise<unknown[]> {
    return this.store.when(() => this.statement().all(...params));
  }

  run(...params: SqlArg[]): Promise<RunResult> {
    return this.store.when(() => ({ changes: this.statement().run(...params).changes }));
  }

  /** Read whole before the first row is handed out: a row consumer may await other statements. */
  async *iterate(...params: SqlArg[]): AsyncIterable<unknown> {
    for (const row of await this.all(...params)) yield row;
  }
}
