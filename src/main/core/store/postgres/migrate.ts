/**
 * The PostgreSQL migration runner: the same history as the SQLite one (../migrations/), each
 * migration's `postgres` form. The version lives in a one-row table, schema_version, where SQLite
 * uses `PRAGMA user_version`. A database stamped newer than this app knows is refused before
 * anything is changed; each pending migration runs in its own transaction with its version stamp.
 */
import type { Client, PoolClient } from 'pg';

import { Failure } from '../../failure';
import { MIGRATIONS, SCHEMA_VERSION } from '../migrations';

type PgClient = Client | PoolClient;

/** The stamped version, 0 for a database without schema_version (or without its row). */
export async function postgresSchemaVersion(client: PgClient): Promise<number> {
  const table = await client.query<{ present: boolean }>("SELECT to_regclass('schema_version') IS NOT NULL AS present");
  if (!table.rows[0]?.present) return 0;
  const row = await client.query<{ version: number }>('SELECT version FROM schema_version WHERE id = 1');
  return row.rows[0]?.version ?? 0;
}

/** Applies the pending migrations' PostgreSQL forms up to `target` (default: all). */
export async function migratePostgres(client: PgClient, target: number = SCHEMA_VERSION): Promise<void> {
  const current = await postgresSchemaVersion(client);
  if (current > SCHEMA_VERSION) throw new Failure('DATABASE_TOO_NEW');
  const pending = MIGRATIONS.filter((m) => m.version > current && m.version <= target);
  const unwritten = pending.find((m) => m.postgres === undefined);
  if (unwritten)
    throw new Error(
      `migration ${unwritten.version} (${unwritten.name}) has no PostgreSQL form: write its \`postgres\` text`,
    );

  await inTransaction(client, async () => {
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)',
    );
    await client.query('INSERT INTO schema_version (id, version) VALUES (1, 0) ON CONFLICT (id) DO NOTHING');
  });
  for (const migration of pending) {
    await inTransaction(client, async () => {
      // Locked and read again: another process may have migrated (or upgraded) it meanwhile.
      const row = await client.query<{ version: number }>('SELECT version FROM schema_version WHERE id = 1 FOR UPDATE');
      const version = row.rows[0]?.version ?? 0;
      if (version > SCHEMA_VERSION) throw new Failure('DATABASE_TOO_NEW');
      if (version >= migration.version) return;
      await client.query(migration.postgres as string);
      await client.query('UPDATE schema_version SET version = $1 WHERE id = 1', [migration.version]);
    });
  }
}

async function inTransaction(client: PgClient, work: () => Promise<void>): Promise<void> {
  await client.query('BEGIN');
  try {
    await work();
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}
