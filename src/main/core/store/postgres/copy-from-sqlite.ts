/**
 * Moves an office from its SQLite file to PostgreSQL (`npm run migrate:to-postgres`): the target
 * must be empty; it is migrated to this app's schema, then every row of every table is copied in
 * foreign-key order — sealed columns as they are (they stay sealed: no key is needed to copy), each
 * row keeping its SQLite rowid, so insertion order and the audit log's numbering survive — all in
 * one transaction; a failure removes what was made, so the target is left as empty as it was. Afterwards the copy is proved:
 * row counts per table, the audit hash chain on PostgreSQL, and (given the data key) every sealed
 * value opened.
 */
import type Database from 'better-sqlite3';

import { type ChainReport, verifyAuditChain } from '../../audit/verify';
import { checkSealedValues, type SealedCheck } from '../../crypto/rotate-key';
import { fail } from '../../failure';
import { SCHEMA_VERSION, schemaVersion } from '../migrations';
import { migratePostgres } from './migrate';
import type { PgStore } from './pg-store';
import { emptySchema, postgresTableCounts } from './schema-contents';

export interface CopyReport {
  /** Rows per table, the same on both sides (checked). */
  counts: Record<string, number>;
  audit: ChainReport;
  /** Every sealed value tried under the data key; null when no key was given. */
  sealed: SealedCheck | null;
  millis: number;
}

/**
 * Rows per INSERT. Each batch travels as one JSON parameter that PostgreSQL unpacks into the
 * table's row type (json_populate_recordset): one statement to parse per batch instead of one
 * bound parameter per value, several times faster than multi-row VALUES for the step history.
 */
const BATCH_ROWS = 5_000;

/** A SQLite value as JSON the row type's input functions read back: bytes as bytea's hex form. */
const jsonValue = (value: unknown) => (Buffer.isBuffer(value) ? `\\x${value.toString('hex')}` : value);

/** SQLite's own tables and the FTS5 index (PostgreSQL has a GIN index on holders instead). */
const notCopied = (name: string) => name.startsWith('sqlite_') || name.startsWith('holders_name_fts');

function sqliteTables(db: Database.Database): string[] {
  return (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[]
  ).filter((name) => !notCopied(name));
}

interface CopyPlan {
  /** Parents before children, by the foreign keys SQLite declares. */
  order: string[];
  /**
   * Columns of a foreign-key cycle (applications.renewal_of_holder_id → holders → applications):
   * copied as NULL first and filled in once the rows they point to are there.
   */
  deferred: Map<string, string[]>;
}

function copyPlan(db: Database.Database, tables: string[]): CopyPlan {
  const fks = new Map(
    tables.map((t) => [
      t,
      (db.prepare(`PRAGMA foreign_key_list("${t}")`).all() as { table: string; from: string }[]).filter(
        (fk) => fk.table !== t && tables.includes(fk.table),
      ),
    ]),
  );
  const order: string[] = [];
  const deferred = new Map<string, string[]>();
  const visit = (t: string, path: Set<string>) => {
    if (order.includes(t)) return;
    path.add(t);
    for (const fk of fks.get(t) ?? []) {
      if (path.has(fk.table)) deferred.set(t, [...(deferred.get(t) ?? []), fk.from]);
      else visit(fk.table, path);
    }
    path.delete(t);
    order.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return { order, deferred };
}

/** Which PostgreSQL tables carry migration 12's rowid column (the others have no rowid ordering). */
async function tablesWithRowid(target: PgStore): Promise<Set<string>> {
  const rows = (await target
    .prepare(
      "SELECT table_name FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = 'rowid'",
    )
    .pluck()
    .all()) as string[];
  return new Set(rows);
}

async function copyTable(
  source: Database.Database,
  target: PgStore,
  table: string,
  withRowid: boolean,
  deferred: readonly string[],
): Promise<number> {
  const columns = (source.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name);
  const names = [...(withRowid ? ['rowid'] : []), ...columns];
  const value = (c: string) => (deferred.includes(c) ? 'NULL' : `"${c}"`);
  const select = `SELECT ${withRowid ? 'rowid AS "__rowid", ' : ''}${columns.map(value).join(', ')} FROM "${table}" ORDER BY rowid`;
  const quoted = names.map((c) => `"${c}"`).join(', ');
  const insert = target.prepare(
    `INSERT INTO "${table}" (${quoted}) SELECT ${quoted} FROM json_populate_recordset(NULL::"${table}", ?::json)`,
  );
  let batch: Record<string, unknown>[] = [];
  let copied = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await insert.run(JSON.stringify(batch));
    copied += batch.length;
    batch = [];
  };
  // `raw` answers arrays in column order: the rowid first when selected, then the columns.
  for (const row of source.prepare(select).raw().iterate() as IterableIterator<unknown[]>) {
    batch.push(Object.fromEntries(names.map((name, i) => [name, jsonValue(row[i])])));
    if (batch.length >= BATCH_ROWS) await flush();
  }
  await flush();
  return copied;
}

/** The deferred columns of a cycle, filled in by rowid now that what they point to is copied. */
async function fillDeferred(source: Database.Database, target: PgStore, table: string, columns: readonly string[]) {
  for (const column of columns) {
    const update = target.prepare(
      `UPDATE "${table}" SET "${column}" = v."${column}" FROM json_populate_recordset(NULL::"${table}", ?::json) AS v
       WHERE "${table}".rowid = v.rowid`,
    );
    const rows = source
      .prepare(`SELECT rowid AS rowid, "${column}" FROM "${table}" WHERE "${column}" IS NOT NULL ORDER BY rowid`)
      .raw()
      .all() as [number, unknown][];
    for (let at = 0; at < rows.length; at += BATCH_ROWS)
      await update.run(
        JSON.stringify(
          rows.slice(at, at + BATCH_ROWS).map(([rowid, value]) => ({ rowid, [column]: jsonValue(value) })),
        ),
      );
  }
}

/**
 * The secondary indexes of the copied tables, dropped for the copy and built again after it: one
 * build per index is much faster than keeping every index up to date row by row. Indexes behind a
 * primary key or unique constraint stay (the copy relies on them); the DDL is part of the move's
 * transaction, so a failed move leaves every index as it was.
 */
async function dropSecondaryIndexes(target: PgStore, tables: readonly string[]): Promise<string[]> {
  const indexes = (await target
    .prepare(
      `SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
       WHERE i.schemaname = current_schema() AND i.tablename = ANY(?::text[])
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)
       ORDER BY i.indexname`,
    )
    .all(`{${tables.join(',')}}`)) as { name: string; definition: string }[];
  for (const index of indexes) await target.exec(`DROP INDEX "${index.name}"`);
  return indexes.map((index) => index.definition);
}

/** Identity sequences continue after the copied numbers (the next row gets max + 1). */
async function advanceSequences(target: PgStore, tables: Iterable<string>): Promise<void> {
  for (const table of tables)
    await target
      .prepare(
        `SELECT setval(pg_get_serial_sequence(?, 'rowid'), COALESCE((SELECT MAX(rowid) FROM "${table}"), 0) + 1, false)`,
      )
      .get(table);
  await target
    .prepare(
      "SELECT setval(pg_get_serial_sequence('audit_log', 'seq'), COALESCE((SELECT MAX(seq) FROM audit_log), 0) + 1, false)",
    )
    .get();
}

export async function copySqliteToPostgres(
  source: Database.Database,
  target: PgStore,
  options: {
    dataKey?: Buffer;
    at: string;
    /** Tables of the file that are not the office's (a test's or bench's own bookkeeping). */
    skip?: readonly string[];
  },
): Promise<CopyReport> {
  const started = Date.now();
  if (schemaVersion(source) !== SCHEMA_VERSION)
    fail(
      'DATABASE_VERSION_MISMATCH',
      `Berkas SQLite ini versi ${schemaVersion(source)}, aplikasi ini versi ${SCHEMA_VERSION}. Buka berkas itu sekali dengan aplikasi versi ini (agar diperbarui), lalu ulangi.`,
    );
  if (Object.keys(await postgresTableCounts(target)).length > 0)
    fail(
      'BACKUP_TARGET_NOT_EMPTY',
      `Basis data tujuan ${target.name} sudah berisi tabel. Pindahkan ke basis data kosong.`,
    );
  const plan = copyPlan(
    source,
    sqliteTables(source).filter((t) => !options.skip?.includes(t)),
  );
  const counts: Record<string, number> = {};
  try {
    await copyAll(source, target, plan, counts, options.at);
  } catch (error) {
    await emptySchema(target);
    throw error;
  }
  // Planner statistics and the visibility map for the freshly filled tables: without the map every
  // count reads the heap instead of the index alone (autovacuum would take its time to get there).
  for (const table of plan.order) await target.exec(`VACUUM (ANALYZE) "${table}"`);
  const audit = await verifyAuditChain(target);
  const sealed = options.dataKey ? await checkSealedValues(target, options.dataKey) : null;
  return { counts, audit, sealed, millis: Date.now() - started };
}

async function copyAll(
  source: Database.Database,
  target: PgStore,
  plan: CopyPlan,
  counts: Record<string, number>,
  at: string,
): Promise<void> {
  const tables = plan.order;
  const client = await target.pool.connect();
  try {
    await migratePostgres(client);
  } finally {
    client.release();
  }
  const present = new Set(Object.keys(await postgresTableCounts(target)));
  const absent = tables.filter((t) => !present.has(t));
  if (absent.length > 0) throw new Error(`tables missing on PostgreSQL: ${absent.join(', ')}`);
  await target.transaction(async () => {
    // The seed rows the migrations wrote (system actor, settings rows) make way for the office's own.
    for (const table of [...tables].reverse()) if (table !== 'audit_log') await target.exec(`DELETE FROM "${table}"`);
    const withRowid = await tablesWithRowid(target);
    const indexes = await dropSecondaryIndexes(target, tables);
    for (const table of tables)
      counts[table] = await copyTable(source, target, table, withRowid.has(table), plan.deferred.get(table) ?? []);
    for (const [table, columns] of plan.deferred) {
      if (!withRowid.has(table)) throw new Error(`${table} is in a foreign-key cycle but has no rowid on PostgreSQL`);
      await fillDeferred(source, target, table, columns);
    }
    for (const definition of indexes) await target.exec(definition);
    await advanceSequences(target, withRowid);
    // Counted inside the transaction, before the audit mark below adds its store_meta row.
    for (const table of tables) {
      const there = (await target.prepare(`SELECT COUNT(*) FROM "${table}"`).pluck().get()) as number;
      const here = source.prepare(`SELECT COUNT(*) FROM "${table}"`).pluck().get() as number;
      if (there !== here) throw new Error(`${table}: ${here} rows in SQLite, ${there} on PostgreSQL after the copy`);
    }
    const counter = source.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").pluck().get() as
      number | undefined;
    if (counter !== undefined)
      await target
        .prepare(
          `INSERT INTO store_meta (key, value, updated_at) VALUES ('audit_seq', ?, ?)
           ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
        )
        .run(String(counter), at);
  });
}
