/**
 * The plan an engine would run a statement with, one line per step, for the volume tests and the
 * bench: SQLite's EXPLAIN QUERY PLAN details ("SEARCH holders USING INDEX …"), or PostgreSQL's
 * EXPLAIN text without costs ("Index Scan using holders_expires on holders"). Nothing is executed.
 */
import type { SqlArg, Store } from './store';

export async function queryPlan(db: Store, sql: string, ...params: SqlArg[]): Promise<string[]> {
  if (db.engine === 'sqlite')
    return ((await db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params)) as { detail: string }[]).map(
      (r) => r.detail,
    );
  return (await db
    .prepare(`EXPLAIN (COSTS OFF) ${sql}`)
    .pluck()
    .all(...params)) as string[];
}
