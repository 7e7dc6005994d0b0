/**
 * What an office's PostgreSQL schema holds, for the tools that must find it empty before they fill
 * it (backup restore, the move from SQLite) and must leave it empty again when they fail.
 */
import type { PgStore } from './pg-store';

/** Ordinary tables in the target's schema, with their row counts. */
export async function postgresTableCounts(db: PgStore): Promise<Record<string, number>> {
  const tables = (await db
    .prepare('SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename')
    .pluck()
    .all()) as string[];
  const counts: Record<string, number> = {};
  for (const table of tables)
    counts[table] = (await db.prepare(`SELECT COUNT(*) FROM "${table}"`).pluck().get()) as number;
  return counts;
}

/** Drops every table and function in the target's schema: what a refused restore created. */
export async function emptySchema(db: PgStore): Promise<void> {
  await db.exec(`DO $$ DECLARE r record; BEGIN
    FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() LOOP
      EXECUTE 'DROP TABLE IF EXISTS ' || quote_ident(r.tablename) || ' CASCADE';
    END LOOP;
    FOR r IN SELECT p.oid::regprocedure AS f FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
             WHERE n.nspname = current_schema() LOOP
      EXECUTE 'DROP FUNCTION IF EXISTS ' || r.f || ' CASCADE';
    END LOOP;
  END $$`);
}
