/** The connection's statement cache: one statement per SQL text, its pluck mode reset, a busy one never handed out twice. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { openSqlite } from '../../../src/main/core/store/sqlite';
import { cacheStatements } from '../../../src/main/core/store/statement-cache';

let db: ReturnType<typeof openSqlite>;

beforeEach(() => {
  db = openSqlite(':memory:');
  db.exec('CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (1), (2), (3);');
  cacheStatements(db, 3);
});
afterEach(() => db.close());

describe('the statement cache', () => {
  it('hands back the same statement for the same text, with pluck switched off again', () => {
    const sql = 'SELECT n FROM t ORDER BY n';
    const first = db.prepare(sql);
    expect(first.pluck().all()).toEqual([1, 2, 3]);
    const again = db.prepare(sql);
    expect(again).toBe(first);
    expect(again.all()).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });

  it('makes a fresh statement while the kept one is still iterating', () => {
    const sql = 'SELECT n FROM t ORDER BY n';
    const outer = db.prepare(sql);
    const seen: number[] = [];
    for (const row of outer.iterate() as Iterable<{ n: number }>) {
      const inner = db.prepare(sql);
      expect(inner).not.toBe(outer);
      seen.push(row.n + (inner.all() as unknown[]).length);
    }
    expect(seen).toEqual([4, 5, 6]);
    expect(db.prepare(sql)).toBe(outer);
  });

  it('keeps writes working and stops keeping new texts at its limit', () => {
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    insert.run(4);
    expect(db.prepare('INSERT INTO t VALUES (?)')).toBe(insert);
    db.prepare('SELECT 1');
    db.prepare('SELECT 2');
    const overLimit = db.prepare('SELECT 3');
    expect(db.prepare('SELECT 3')).not.toBe(overLimit);
    expect(db.prepare('SELECT COUNT(*) FROM t').pluck().get()).toBe(4);
  });
});
