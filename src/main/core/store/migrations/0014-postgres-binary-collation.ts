/**
 * Migration 14: every text column on PostgreSQL compares as SQLite's BINARY does (COLLATE "C"),
 * whatever collation the database was created with. The repositories share one SQL text with
 * SQLite and rely on byte order: the NIP prefix search is the range `nip >= '1985' AND nip < '1985:'`
 * (':' right after '9'), the OPD list and every sort follow code points, keyset pages compare
 * strings. On a database made with a language collation (Debian's default follows the system
 * locale, e.g. en_US.UTF-8 or ICU id-ID) punctuation sorts before digits and case is folded: the NIP
 * search found nothing and the OPD list came back in another order than on SQLite (found by running
 * the suite on an ICU id-ID database). Changing only the collation rewrites no table; the indexes on
 * those columns are rebuilt. holders.name_tsv is generated from name, so it is dropped and made again
 * around the change (with its GIN index). New text columns must say COLLATE "C" (postgres-schema
 * test). SQLite changes nothing.
 */
import type { Migration } from './migration';

const POSTGRES = `
  ALTER TABLE holders DROP COLUMN name_tsv;
  DO $$
  DECLARE t record;
  BEGIN
    FOR t IN
      SELECT c.table_name, string_agg(format('ALTER COLUMN %I TYPE text COLLATE "C"', c.column_name), ', '
               ORDER BY c.ordinal_position) AS changes
      FROM information_schema.columns c
      JOIN information_schema.tables b ON b.table_schema = c.table_schema AND b.table_name = c.table_name
      WHERE c.table_schema = current_schema() AND b.table_type = 'BASE TABLE'
        AND c.data_type = 'text' AND c.collation_name IS DISTINCT FROM 'C'
      GROUP BY c.table_name
      ORDER BY c.table_name
    LOOP
      EXECUTE format('ALTER TABLE %I %s', t.table_name, t.changes);
    END LOOP;
  END $$;
  ALTER TABLE holders ADD COLUMN name_tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', name)) STORED;
  CREATE INDEX holders_name_search ON holders USING GIN (name_tsv);
`;

export const migration: Migration = {
  version: 14,
  name: 'PostgreSQL text columns compare byte by byte (COLLATE "C"), as SQLite does',
  sqlite: "-- SQLite's default collation is already BINARY: nothing to change.",
  postgres: POSTGRES,
};
