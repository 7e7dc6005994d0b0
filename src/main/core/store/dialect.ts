/**
 * The few places where SQLite and PostgreSQL need different SQL, each in one function here, so a
 * repository writes one text and asks for the fragment that differs: case-insensitive order and
 * match, index hints, word-prefix name search (FTS5 vs a GIN tsvector index), minutes between two
 * ISO instants, a value inside a JSON text column, and the audit log's high-water mark. Everything
 * else — upserts (`ON CONFLICT … DO UPDATE SET … = excluded.…`), partial indexes, LIMIT/OFFSET,
 * `?`/`@name` parameters (rewritten by postgres/placeholders.ts) — is the same text on both.
 */
import type { Granularity } from '../../../shared/domain/dashboard';
import type { Store } from './store';

export interface Dialect {
  /** An ORDER BY key that ignores letter case (the index on it is built the same way). */
  nocase(expr: string): string;
  /** `LIKE` that ignores ASCII letter case, as SQLite's LIKE does. */
  readonly likeNocase: string;
  /** A FROM-clause index hint (SQLite only; PostgreSQL's planner picks its own). */
  indexedBy(index: string): string;
  /** A WHERE condition on holders: every word starts a word of the name; one parameter, from `nameQuery`. */
  readonly holderNameMatch: string;
  /** The parameter for `holderNameMatch`: letters and digits only, so no search syntax reaches the engine. */
  nameQuery(words: readonly string[]): string;
  /**
   * Whether a name search's page and its counts are best read in one statement (window functions
   * over the FTS5 matches: SQLite) or as two read side by side (PostgreSQL, whose planner would walk
   * the sort's index testing every row for the one statement: ~100 ms for a common surname).
   */
  readonly nameSearchCountedInOnePass: boolean;
  /** Minutes from ISO instant `from` to ISO instant `to` (both TEXT columns). */
  minutesBetween(from: string, to: string): string;
  /**
   * The first day (YYYY-MM-DD) of the office-zone bucket an ISO instant column falls in: the day,
   * its ISO week's Monday, or the month's 1st. `offsetHours` is a whole number (the office zone).
   */
  bucketDay(granularity: Granularity, column: string, offsetHours: number): string;
  /** The text at a dotted path (`identityCheck.method`) inside a JSON TEXT column, NULL when absent. */
  jsonText(column: string, path: string): string;
  /** The highest audit seq ever handed out (so a cut tail shows): one row `{ seq }`, or none. */
  readonly auditCounterSql: string;
  /** Records `@seq` as that mark in the entry's transaction (`@at`); null where the engine keeps it itself. */
  readonly auditCounterWriteSql: string | null;
}

const sqlite: Dialect = {
  nocase: (expr) => `${expr} COLLATE NOCASE`,
  likeNocase: 'LIKE',
  indexedBy: (index) => `INDEXED BY ${index}`,
  holderNameMatch: 'rowid IN (SELECT rowid FROM holders_name_fts WHERE holders_name_fts MATCH ?)',
  nameSearchCountedInOnePass: true,
  nameQuery: (words) => words.map((w) => `"${w}"*`).join(' '),
  minutesBetween: (from, to) => `((julianday(${to}) - julianday(${from})) * 1440)`,
  jsonText: (column, path) => `json_extract(${column}, '$.${path}')`,
  bucketDay: (granularity, column, offsetHours) => {
    const local = `${column}, '+${Math.trunc(offsetHours)} hours'`;
    if (granularity === 'day') return `date(${local})`;
    if (granularity === 'week') return `date(${local}, '-6 days', 'weekday 1')`;
    return `date(${local}, 'start of month')`;
  },
  // AUTOINCREMENT's own counter, moved by every insert.
  auditCounterSql: "SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'",
  auditCounterWriteSql: null,
};

const postgres: Dialect = {
  nocase: (expr) => `lower(${expr})`,
  likeNocase: 'ILIKE',
  indexedBy: () => '',
  // name_tsv is migration 13's stored to_tsvector('simple', name), under the GIN index holders_name_search.
  holderNameMatch: "name_tsv @@ to_tsquery('simple', ?)",
  nameSearchCountedInOnePass: false,
  nameQuery: (words) => words.map((w) => `${w}:*`).join(' & '),
  minutesBetween: (from, to) => `(EXTRACT(EPOCH FROM (${to}::timestamptz - ${from}::timestamptz)) / 60)`,
  jsonText: (column, path) => `(${column}::jsonb #>> '{${path.split('.').join(',')}}')`,
  // date_trunc('week') is ISO: Monday, as SQLite's 'weekday 1' after '-6 days'.
  bucketDay: (granularity, column, offsetHours) =>
    `to_char(date_trunc('${granularity}', (${column}::timestamptz AT TIME ZONE 'UTC') + interval '${Math.trunc(offsetHours)} hours'), 'YYYY-MM-DD')`,
  // An identity sequence is not transactional (a rolled-back entry would leave a gap that reads as a
  // deletion), so the mark is a store_meta row written in the entry's own transaction.
  auditCounterSql: "SELECT CAST(value AS BIGINT) AS seq FROM store_meta WHERE key = 'audit_seq'",
  auditCounterWriteSql: `INSERT INTO store_meta (key, value, updated_at) VALUES ('audit_seq', CAST(@seq AS TEXT), @at)
    ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
};

export function dialectOf(db: Pick<Store, 'engine'>): Dialect {
  return db.engine === 'postgres' ? postgres : sqlite;
}
