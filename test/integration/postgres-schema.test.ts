/**
 * The schema on PostgreSQL (runs only when LOKET_TEST_DATABASE_URL names a database): the PostgreSQL
 * forms of the migrations build the same tables and columns as the SQLite ones, migrating again is a
 * no-op, a database from a newer app is refused untouched, the audit log is append-only, and a few
 * constraints hold the same way on both engines. Each test works in its own fresh schema.
 */
import { randomBytes } from 'node:crypto';

import Database from 'better-sqlite3';
import type pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { Failure } from '../../src/main/core/failure';
import { migrate, SCHEMA_VERSION } from '../../src/main/core/store/migrations';
import { connectPostgres } from '../../src/main/core/store/postgres/connect';
import { migratePostgres, postgresSchemaVersion } from '../../src/main/core/store/postgres/migrate';

const URL = process.env.LOKET_TEST_DATABASE_URL;

/** SQLite tables with no PostgreSQL counterpart: its own bookkeeping, and the FTS5 table with its shadow tables. */
const SQLITE_ONLY = [
  'sqlite_sequence',
  'holders_name_fts',
  'holders_name_fts_config',
  'holders_name_fts_data',
  'holders_name_fts_docsize',
  'holders_name_fts_idx',
];
/** PostgreSQL tables with no SQLite counterpart: the version stamp (SQLite keeps it in PRAGMA user_version). */
const POSTGRES_ONLY = ['schema_version'];
/**
 * Indexes on one engine only: the FTS5 table's PostgreSQL replacement, and the unique index on each
 * `rowid` column migration 12 adds (SQLite's rowid is implicit and indexed by the table itself).
 */
const POSTGRES_ONLY_INDEXES = ['holders_name_search'];
const postgresOnlyIndex = (name: string) => POSTGRES_ONLY_INDEXES.includes(name) || name.endsWith('_rowid');
/** SQLite's implicit rowid, made a real column on PostgreSQL by migration 12 (PRAGMA table_info does not list it). */
const IMPLICIT_ON_SQLITE = 'rowid';
/** PostgreSQL-only columns: the holders' stored name vector (migration 13; SQLite has its FTS5 table). */
const POSTGRES_ONLY_COLUMNS = ['name_tsv'];

/** The PostgreSQL types a SQLite declared type may become (migrations/migration.ts, conventions). */
const TYPES: Record<string, string[]> = {
  TEXT: ['text'],
  INTEGER: ['integer', 'bigint'],
  BLOB: ['bytea'],
  REAL: ['double precision'],
};

interface Column {
  name: string;
  type: string;
  notNull: boolean;
}

let client: pg.Client;
let schema: string;

beforeEach(async () => {
  client = await connectPostgres(URL);
  schema = `t_${randomBytes(6).toString('hex')}`;
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.query(`SET search_path TO ${schema}`);
});

afterEach(async () => {
  await client.query(`DROP SCHEMA ${schema} CASCADE`);
  await client.end();
});

function migratedSqlite(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}

function sqliteTables(db: Database.Database): string[] {
  const rows = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
    name: string;
  }[];
  return rows.map((r) => r.name).filter((name) => !SQLITE_ONLY.includes(name));
}

function sqliteColumns(db: Database.Database, table: string): Column[] {
  const rows = db.pragma(`table_info(${table})`) as { name: string; type: string; notnull: number; pk: number }[];
  // A PostgreSQL primary key is always NOT NULL; SQLite's declares it only for INTEGER PRIMARY KEY.
  return rows.map((r) => ({ name: r.name, type: r.type, notNull: r.notnull === 1 || r.pk > 0 }));
}

function sqliteIndexes(db: Database.Database): string[] {
  const rows = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
    .all() as { name: string }[];
  return rows.map((r) => r.name);
}

async function postgresTables(): Promise<string[]> {
  const { rows } = await client.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  return rows.map((r) => r.table_name).filter((name) => !POSTGRES_ONLY.includes(name));
}

async function postgresColumns(table: string): Promise<{ name: string; type: string; notNull: boolean }[]> {
  const { rows } = await client.query<{ column_name: string; data_type: string; is_nullable: string }>(
    `SELECT column_name, data_type, is_nullable FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
    [table],
  );
  return rows
    .filter((r) => r.column_name !== IMPLICIT_ON_SQLITE && !POSTGRES_ONLY_COLUMNS.includes(r.column_name))
    .map((r) => ({ name: r.column_name, type: r.data_type, notNull: r.is_nullable === 'NO' }));
}

/** Named indexes, without those PostgreSQL makes for PRIMARY KEY and UNIQUE constraints. */
async function postgresIndexes(): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_index x
       JOIN pg_class c ON c.oid = x.indexrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema()
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)
      ORDER BY c.relname`,
  );
  return rows.map((r) => r.name).filter((name) => !postgresOnlyIndex(name));
}

/** What a migration could change: tables, their columns, named indexes, the stamp and the seed rows. */
async function snapshot(): Promise<unknown> {
  const tables = await postgresTables();
  const columns = [];
  for (const table of tables) columns.push(await postgresColumns(table));
  const seeds = await client.query('SELECT id, browser_allowed FROM network_settings ORDER BY id');
  const users = await client.query('SELECT id FROM users ORDER BY id');
  return {
    tables,
    columns,
    indexes: await postgresIndexes(),
    version: await postgresSchemaVersion(client),
    seeds: seeds.rows,
    users: users.rows,
  };
}

async function refusal(run: Promise<unknown>): Promise<unknown> {
  try {
    await run;
    return 'no refusal';
  } catch (error) {
    return error instanceof Failure ? error.code : String(error);
  }
}

describe.runIf(URL)('the schema on PostgreSQL', () => {
  it('builds the same tables, columns and indexes as SQLite', async () => {
    await migratePostgres(client);
    expect(await postgresSchemaVersion(client)).toBe(SCHEMA_VERSION);

    const sqlite = migratedSqlite();
    try {
      const tables = sqliteTables(sqlite);
      expect(tables.length).toBeGreaterThan(25);
      expect(await postgresTables()).toEqual(tables);
      for (const table of tables) {
        const expected = sqliteColumns(sqlite, table);
        const actual = await postgresColumns(table);
        expect(
          actual.map((c) => c.name),
          table,
        ).toEqual(expected.map((c) => c.name));
        for (const [i, column] of expected.entries()) {
          const other = actual[i];
          expect(TYPES[column.type], `${table}.${column.name}: ${column.type}`).toContain(other?.type);
          expect(other?.notNull, `${table}.${column.name} NOT NULL`).toBe(column.notNull);
        }
      }
      expect(await postgresIndexes()).toEqual(sqliteIndexes(sqlite));
      // The same seed rows: the inactive BSrE system actor and the network settings row.
      expect((await client.query('SELECT id, active FROM users')).rows).toEqual(
        sqlite.prepare('SELECT id, active FROM users').all(),
      );
      expect((await client.query('SELECT id, browser_allowed FROM network_settings')).rows).toEqual(
        sqlite.prepare('SELECT id, browser_allowed FROM network_settings').all(),
      );
    } finally {
      sqlite.close();
    }
  });

  it('compares every text column byte by byte (COLLATE "C", as SQLite), whatever the database default', async () => {
    await migratePostgres(client);
    const rows = (
      await client.query<{ name: string; collation: string | null }>(
        `SELECT c.table_name || '.' || c.column_name AS name, c.collation_name AS collation
         FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
         WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' AND c.data_type = 'text'`,
      )
    ).rows;
    expect(rows.length).toBeGreaterThan(100);
    expect(rows.filter((r) => r.collation !== 'C').map((r) => r.name)).toEqual([]);
  });

  it('migration 14 on a v13 office with rows: holders keep their rows, the name search and the NIP range work', async () => {
    await migratePostgres(client, 13);
    await client.query(
      `INSERT INTO holders (id, name, nik_sealed, nik_index, nik_masked, nip, agency, position, phone_sealed,
         issued_at, expires_at, bsre_status, created_at)
       SELECT 'h' || i, CASE WHEN i % 2 = 0 THEN 'Budi Santoso' ELSE 'Sri Wahyuni' END, '\\x00', 'idx' || i,
         '3503••••', '1985061520100110' || lpad(i::text, 2, '0'), CASE WHEN i % 2 = 0 THEN 'Bapenda' ELSE 'BKPSDM' END,
         'Staf', '\\x00', '2025-01-01', '2026-12-31', 'ISSUE', '2025-01-01T00:00:00.000Z'
       FROM generate_series(1, 20) AS i`,
    );
    await migratePostgres(client);
    expect(await postgresSchemaVersion(client)).toBe(14);
    const count = async (sql: string, ...values: unknown[]) =>
      Number((await client.query<{ n: string }>(sql, values)).rows[0]?.n);
    expect(await count('SELECT count(*) AS n FROM holders')).toBe(20);
    expect(
      await count("SELECT count(*) AS n FROM holders WHERE name_tsv @@ to_tsquery('simple', 'budi:* & santoso:*')"),
    ).toBe(10);
    expect(
      await count(
        'SELECT count(*) AS n FROM holders WHERE nip >= $1 AND nip < $2',
        '198506152010011',
        '198506152010011:',
      ),
    ).toBe(20);
    expect((await client.query('SELECT agency FROM holders GROUP BY agency ORDER BY agency')).rows).toEqual([
      { agency: 'BKPSDM' },
      { agency: 'Bapenda' },
    ]);
  });

  it('migrating again changes nothing', async () => {
    await migratePostgres(client);
    const before = await snapshot();
    await migratePostgres(client);
    expect(await snapshot()).toEqual(before);
  });

  it('migrates step by step to the same schema as at once', async () => {
    for (let target = 1; target <= SCHEMA_VERSION; target++) {
      await migratePostgres(client, target);
      expect(await postgresSchemaVersion(client)).toBe(target);
    }
    const stepwise = await snapshot();
    await client.query(`DROP SCHEMA ${schema} CASCADE`);
    await client.query(`CREATE SCHEMA ${schema}`);
    await migratePostgres(client);
    expect(await snapshot()).toEqual(stepwise);
  });

  it('refuses a database stamped by a newer app, before changing anything', async () => {
    await client.query('CREATE TABLE schema_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)');
    await client.query('INSERT INTO schema_version (id, version) VALUES (1, $1)', [SCHEMA_VERSION + 1]);
    expect(await refusal(migratePostgres(client))).toBe('DATABASE_TOO_NEW');
    expect(await postgresTables()).toEqual([]);
    expect(await postgresSchemaVersion(client)).toBe(SCHEMA_VERSION + 1);

    // And a migrated database later stamped newer: refused, left as it is.
    await client.query('DROP TABLE schema_version');
    await migratePostgres(client);
    await client.query('UPDATE schema_version SET version = $1', [SCHEMA_VERSION + 5]);
    const before = await snapshot();
    expect(await refusal(migratePostgres(client))).toBe('DATABASE_TOO_NEW');
    expect(await snapshot()).toEqual(before);
  });

  it('keeps the audit log append-only: UPDATE, DELETE and TRUNCATE are refused', async () => {
    await migratePostgres(client);
    // The way the PostgreSQL port of writeAudit will take seq: from the identity's own sequence.
    const { rows } = await client.query<{ seq: string }>(
      `INSERT INTO audit_log (seq, at, user_id, action, entity, entity_id, detail_json, prev_hash, hash)
       VALUES (nextval(pg_get_serial_sequence('audit_log', 'seq')), '2025-03-10T02:00:00.000Z', NULL,
               'setup.initialize', 'office', '1', '{}', 'genesis', 'h1')
       RETURNING seq`,
    );
    expect(rows).toEqual([{ seq: '1' }]);
    for (const statement of ["UPDATE audit_log SET action = 'forged'", 'DELETE FROM audit_log', 'TRUNCATE audit_log'])
      expect(await refusal(client.query(statement)), statement).toMatch(/audit_log is append-only/);
    expect((await client.query('SELECT seq, action FROM audit_log')).rows).toEqual([
      { seq: '1', action: 'setup.initialize' },
    ]);
  });

  it('refuses to reach migration 6 with audit entries it could not chain (PostgreSQL starts empty)', async () => {
    await migratePostgres(client, 5);
    await client.query(
      "INSERT INTO audit_log (at, action, entity) VALUES ('2025-03-10T02:00:00.000Z', 'setup.initialize', 'office')",
    );
    expect(await refusal(migratePostgres(client))).toMatch(/audit_log has entries from before migration 6/);
    expect(await postgresSchemaVersion(client)).toBe(5);
  });

  it('holds the same constraints as SQLite', async () => {
    await migratePostgres(client);
    const sqlite = migratedSqlite();
    const AT = '2025-03-10T02:00:00.000Z';
    const user = (id: string, role: string, username = id) =>
      [
        'INSERT INTO users (id, username, full_name, nip, role, password_hash, active, created_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?)',
        [id, username, 'Nama', '198503152010011002', role, 'scrypt$x', AT],
      ] as const;
    const application = (id: string, createdBy: string) =>
      [
        `INSERT INTO applications (id, reference_no, template_id, service_type, status, applicant_name, nik_sealed, nik_index,
           nik_masked, nip, rank, position, agency, phone_sealed, letter_number, letter_date, letter_subject, agenda_number,
           current_step_no, current_step_started_at, created_at, created_by, updated_at)
         VALUES (?, ?, 'trenggalek-2024', 'new', 'inProgress', 'Budi', ?, 'idx', '3503', '1985', 'III/c', 'Analis',
           'Dinas', ?, '800/1', '2025-03-07', 'Permohonan', 'AG-1', 1, ?, ?, ?, ?)`,
        [id, `REF-${id}`, Buffer.from([1]), Buffer.from([2]), AT, AT, createdBy, AT],
      ] as const;
    const documentFor = (id: string, applicationId: string) =>
      [
        `INSERT INTO documents (id, application_id, kind, file_name, mime_type, size, sha256, sealed, uploaded_at, uploaded_by)
         VALUES (?, ?, 'letter', 'surat.pdf', 'application/pdf', 10, 'abc', ?, ?, 'u-admin')`,
        [id, applicationId, Buffer.from([3]), AT],
      ] as const;
    const cases: [string, readonly [string, readonly unknown[]], boolean][] = [
      ['an admin', user('u-admin', 'admin'), true],
      ['a role outside the list', user('u-boss', 'boss'), false],
      ['a second user with the same username', user('u-other', 'kasi', 'u-admin'), false],
      ['an application by a known user', application('a-1', 'u-admin'), true],
      ['an application by an unknown user', application('a-2', 'u-ghost'), false],
      ['a document of a known application', documentFor('d-1', 'a-1'), true],
      ['a document of an unknown application', documentFor('d-2', 'a-missing'), false],
      ['a second office row', ["INSERT INTO office VALUES (2, 'x', 'x', 'x', 'WIB', 'x', 'x', 15, 'x')", []], false],
      ['a browser_allowed other than 0/1', ['UPDATE network_settings SET browser_allowed = 2', []], false],
      ['an application status outside the list', ["UPDATE applications SET status = 'lost'", []], false],
    ];
    try {
      const outcomes: Record<string, { sqlite: boolean; postgres: boolean }> = {};
      for (const [label, [sql, params], expected] of cases) {
        let onSqlite = true;
        try {
          sqlite.prepare(sql).run(...params);
        } catch {
          onSqlite = false;
        }
        let n = 0;
        const onPostgres =
          (await refusal(
            client.query(
              sql.replace(/\?/g, () => `$${++n}`),
              [...params],
            ),
          )) === 'no refusal';
        outcomes[label] = { sqlite: onSqlite, postgres: onPostgres };
        expect(outcomes[label], label).toEqual({ sqlite: expected, postgres: expected });
      }
    } finally {
      sqlite.close();
    }
  });
});
