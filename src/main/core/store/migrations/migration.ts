/**
 * The shape of one schema migration, shared by the files in this folder and the runner
 * (../migrations.ts), in its own file so neither imports the other for it.
 */
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  /**
   * The SQLite form, run as one script. Released text: never edit it (its sha256 is frozen in
   * test/integration/migration-hashes.test.ts); add a new migration instead.
   */
  sqlite: string;
  /**
   * The PostgreSQL form, for the PostgreSQL port, where it differs from `sqlite`. Absent means
   * "not yet written", not "same as sqlite".
   */
  postgres?: string;
  /** Work SQL alone cannot do (hashing), run after `sqlite` in the same transaction. */
  after?: (db: Database.Database) => void;
}
