/**
 * The migration runner. The schema history itself is ./migrations/ (one file per version, listed in
 * ./migrations/index.ts): append-only, never edit a released entry; add a new one. A database
 * stamped with a newer version than this list knows is refused rather than half-understood.
 */
import type Database from 'better-sqlite3';

import { Failure } from '../failure';
import { MIGRATIONS } from './migrations/index';

export type { Migration } from './migrations/migration';
export { MIGRATIONS };

export const SCHEMA_VERSION = MIGRATIONS.length;

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Refuses, before anything is changed, a database written by a newer version of the app. */
export function assertNotNewer(db: Database.Database): void {
  if (schemaVersion(db) > SCHEMA_VERSION) throw new Failure('DATABASE_TOO_NEW');
}

/** Applies the pending migrations, each in its own transaction, up to `target` (default: all). */
export function migrate(db: Database.Database, target: number = SCHEMA_VERSION): void {
  assertNotNewer(db);
  const current = schemaVersion(db);
  for (const migration of MIGRATIONS) {
    if (migration.version <= current || migration.version > target) continue;
    db.transaction(() => {
      db.exec(migration.sqlite);
      migration.after?.(db);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}
