/**
 * The PostgreSQL store (runs only when LOKET_TEST_DATABASE_URL names a database): the same answers
 * as the SQLite store (numbers and 1/0, ? and @name parameters), transactions carried through
 * awaits, and two connections racing for one write decided one after the other by the writer lock.
 */
import { randomBytes } from 'node:crypto';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { PgStore } from '../../src/main/core/store/postgres/pg-store';

const URL = process.env.LOKET_TEST_DATABASE_URL;
const onPostgres = URL ? describe : describe.skip;

let schema: string;
let stores: PgStore[] = [];

/** A store whose every connection works in this test's own schema (or the one named). */
function openStore(inSchema = schema): PgStore {
  const store = PgStore.open(URL!, { max: 4, options: `-c search_path=${inSchema}` });
  stores.push(store);
  return store;
}

beforeEach(async () => {
  schema = `s_${randomBytes(6).toString('hex')}`;
  const admin = PgStore.open(URL!, { max: 1 });
  await admin.exec(`CREATE SCHEMA ${schema}`);
  await admin.close();
  const store = openStore();
  await store.exec(
    'CREATE TABLE steps (app TEXT NOT NULL, step INTEGER NOT NULL, by_desk TEXT NOT NULL, PRIMARY KEY (app, step))',
  );
  await store.exec('CREATE TABLE apps (id TEXT PRIMARY KEY, current_step INTEGER NOT NULL)');
  await store.exec("INSERT INTO apps VALUES ('a1', 2)");
});

afterEach(async () => {
  const [first] = stores;
  await first?.exec(`DROP SCHEMA ${schema} CASCADE`);
  for (const store of stores) await store.close();
  stores = [];
});

/** What the step service does: read the current step, and only if it is still the one seen, record it. */
async function completeStep(store: PgStore, desk: string): Promise<'done' | 'conflict'> {
  return store.transaction(async () => {
    const current = (await store.prepare('SELECT current_step FROM apps WHERE id = ?').pluck().get('a1')) as number;
    if (current !== 2) return 'conflict';
    await store.prepare('INSERT INTO steps (app, step, by_desk) VALUES (?, ?, ?)').run('a1', current, desk);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await store.prepare('UPDATE apps SET current_step = @next WHERE id = @id').run({ next: current + 1, id: 'a1' });
    return 'done';
  });
}

onPostgres('the PostgreSQL store', () => {
  it('answers counts as numbers, booleans as 1/0 and plucks the first column, as the SQLite store does', async () => {
    const store = openStore();
    expect(await store.prepare('SELECT count(*) AS n, 1 = 1 AS yes FROM apps').get()).toEqual({ n: 1, yes: 1 });
    expect(await store.prepare('SELECT id FROM apps WHERE current_step = ?').pluck().all(2)).toEqual(['a1']);
    expect((await store.prepare('UPDATE apps SET current_step = current_step').run()).changes).toBe(1);
  });

  it('two desks on two connections completing the same step: one records it, the other sees it done', async () => {
    const [a, b] = [openStore(), openStore()];
    const results = await Promise.all([completeStep(a, 'desk-a'), completeStep(b, 'desk-b')]);
    expect(results.sort()).toEqual(['conflict', 'done']);
    expect(await a.prepare('SELECT count(*) FROM steps').pluck().get()).toBe(1);
    expect(await a.prepare('SELECT current_step FROM apps').pluck().get()).toBe(3);
  });

  it('a transaction that throws leaves nothing; a caught savepoint undoes only its own part', async () => {
    const store = openStore();
    await expect(
      store.transaction(async () => {
        await store.prepare("INSERT INTO steps VALUES ('a1', 1, 'x')").run();
        throw new Error('batal');
      }),
    ).rejects.toThrow('batal');
    await store.transaction(async () => {
      await store.prepare("INSERT INTO steps VALUES ('a1', 1, 'outer')").run();
      await store
        .transaction(async () => {
          await store.prepare("INSERT INTO steps VALUES ('a1', 9, 'inner')").run();
          throw new Error('inner');
        })
        .catch(() => undefined);
    });
    expect(await store.prepare('SELECT by_desk FROM steps ORDER BY step').pluck().all()).toEqual(['outer']);
  });

  it('reads outside a transaction do not see its writes before the commit', async () => {
    const store = openStore();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const tx = store.transaction(async () => {
      await store.prepare("INSERT INTO steps VALUES ('a1', 5, 'tx')").run();
      await held;
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(await store.prepare('SELECT count(*) FROM steps').pluck().get()).toBe(0);
    release();
    await tx;
    expect(await store.prepare('SELECT count(*) FROM steps').pluck().get()).toBe(1);
  });

  it("the writer lock is the office's own: a writer in another schema is not held, one in the same schema waits", async () => {
    const other = `s_${randomBytes(6).toString('hex')}`;
    const admin = openStore();
    await admin.exec(`CREATE SCHEMA ${other}; CREATE TABLE ${other}.apps (id TEXT PRIMARY KEY)`);
    try {
      const [holder, neighbour, sameOffice] = [openStore(), openStore(other), openStore()];
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const order: string[] = [];
      const holding = holder.transaction(async () => {
        await holder.prepare("INSERT INTO steps VALUES ('a1', 7, 'holder')").run();
        await held;
        order.push('holder commits');
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      const waiting = sameOffice.transaction(async () => {
        order.push('same office writes');
        await sameOffice.prepare("INSERT INTO steps VALUES ('a1', 8, 'same')").run();
      });
      await neighbour.transaction(async () => {
        await neighbour.prepare("INSERT INTO apps VALUES ('b1')").run();
        order.push('other office writes');
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      release();
      await Promise.all([holding, waiting]);
      expect(order).toEqual(['other office writes', 'holder commits', 'same office writes']);
    } finally {
      await admin.exec(`DROP SCHEMA ${other} CASCADE`);
    }
  });
});
