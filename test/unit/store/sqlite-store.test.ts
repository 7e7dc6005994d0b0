import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { SqliteStore } from '../../../src/main/core/store/sqlite-store';

let store: SqliteStore;

beforeEach(() => {
  store = new SqliteStore(new Database(':memory:'));
  store.sqlite.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
});
afterEach(async () => await store.close());

const values = async () => (await store.prepare('SELECT v FROM t ORDER BY id').pluck().all()) as string[];
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('the SQLite store: transactions carried through awaits on one shared connection', () => {
  it('commits all of a transaction, or none of it when it throws', async () => {
    await store.transaction(async () => {
      await store.prepare('INSERT INTO t (v) VALUES (?)').run('a');
      await store.prepare('INSERT INTO t (v) VALUES (?)').run('b');
    });
    await expect(
      store.transaction(async () => {
        await store.prepare('INSERT INTO t (v) VALUES (?)').run('c');
        throw new Error('batal');
      }),
    ).rejects.toThrow('batal');
    expect(await values()).toEqual(['a', 'b']);
  });

  it('a statement from outside waits for the open transaction, so a rollback cannot take it along', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const tx = store
      .transaction(async () => {
        await store.prepare('INSERT INTO t (v) VALUES (?)').run('inside');
        await held;
        throw new Error('batal');
      })
      .catch((error: Error) => error.message);
    await tick();
    const outside = store.prepare('INSERT INTO t (v) VALUES (?)').run('outside');
    let outsideDone = false;
    void outside.then(() => (outsideDone = true));
    await tick();
    expect(outsideDone).toBe(false);
    expect(store.inTransaction).toBe(false);
    release();
    expect(await tx).toBe('batal');
    await outside;
    expect(await values()).toEqual(['outside']);
  });

  it('two transactions never interleave: the second starts after the first commits and sees its row', async () => {
    const seen: string[][] = [];
    const first = store.transaction(async () => {
      await store.prepare('INSERT INTO t (v) VALUES (?)').run('first');
      await tick();
      seen.push(await values());
    });
    const second = store.transaction(async () => {
      seen.push(await values());
      await store.prepare('INSERT INTO t (v) VALUES (?)').run('second');
    });
    await Promise.all([first, second]);
    expect(seen).toEqual([['first'], ['first']]);
    expect(await values()).toEqual(['first', 'second']);
  });

  it('a nested transaction is a savepoint: its failure, caught, undoes only its own part', async () => {
    await store.transaction(async () => {
      await store.prepare('INSERT INTO t (v) VALUES (?)').run('outer');
      await store
        .transaction(async () => {
          await store.prepare('INSERT INTO t (v) VALUES (?)').run('inner');
          throw new Error('inner');
        })
        .catch(() => undefined);
      expect(store.inTransaction).toBe(true);
    });
    expect(await values()).toEqual(['outer']);
  });

  it('work left running after a transaction ended does not count as inside it', async () => {
    let later!: Promise<unknown>;
    await store.transaction(async () => {
      later = (async () => {
        await tick();
        return store.inTransaction;
      })();
    });
    expect(await later).toBe(false);
  });

  it('answers run() with the number of rows changed, pluck() with the first column', async () => {
    await store.exec("INSERT INTO t (v) VALUES ('x'); INSERT INTO t (v) VALUES ('y')");
    expect((await store.prepare('UPDATE t SET v = v || ?').run('!')).changes).toBe(2);
    expect(await store.prepare('SELECT count(*) FROM t').pluck().get()).toBe(2);
    const rows: unknown[] = [];
    for await (const row of store.prepare('SELECT v FROM t ORDER BY id').iterate()) rows.push(row);
    expect(rows).toEqual([{ v: 'x!' }, { v: 'y!' }]);
  });
});
