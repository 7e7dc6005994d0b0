/**
 * Reading a query plan of either engine (queryPlan's lines): which index a plan uses, and which
 * steps read a whole table. SQLite says "SEARCH holders USING INDEX holders_expires (…)" and
 * "SCAN holders"; PostgreSQL "Index Scan using holders_expires on holders", "Bitmap Index Scan on
 * holders_name_search" and "Seq Scan on holders".
 */
import { expect } from 'vitest';

export function usesIndex(plan: readonly string[], index: string): boolean {
  const sqlite = new RegExp(`USING (COVERING )?INDEX ${index}\\b`);
  const postgres = new RegExp(`(Index (Only )?Scan (Backward )?using ${index} on|Bitmap Index Scan on ${index})\\b`);
  return plan.some((line) => sqlite.test(line) || postgres.test(line));
}

/** The steps that read one of these tables whole (table names or their aliases). */
export function tableScans(plan: readonly string[], tables: readonly string[]): string[] {
  const names = tables.join('|');
  const sqlite = new RegExp(`^\\s*SCAN (${names})\\b`);
  const postgres = new RegExp(`Seq Scan on (${names})\\b`);
  return plan.filter((line) => (sqlite.test(line) && !/USING/.test(line)) || postgres.test(line));
}

/** The plan uses the index and reads none of the tables whole. */
export function expectIndexed(plan: readonly string[], index: string, tables: readonly string[]): void {
  const text = plan.join(' | ');
  expect(usesIndex(plan, index), `${index} not in: ${text}`).toBe(true);
  expect(tableScans(plan, tables), text).toEqual([]);
}
