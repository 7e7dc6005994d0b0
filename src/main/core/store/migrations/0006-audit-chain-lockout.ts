/**
 * Migration 6: security — the audit log becomes a hash chain (older entries are chained in order,
 * in the same transaction), and failed sign-ins are counted per username in the database, so a
 * lockout survives a restart of the app.
 */
import type Database from 'better-sqlite3';

import { type ChainedFields, entryHash, GENESIS_HASH } from '../../audit/chain';
import type { Migration } from './migration';

export const migration: Migration = {
  version: 6,
  name: 'security: audit log hash chain, persistent login lockout counters',
  sqlite: `
  -- The chain columns are filled by chainExistingAudit; the UPDATE guard comes back after it.
  DROP TRIGGER audit_log_no_update;
  ALTER TABLE audit_log ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
  ALTER TABLE audit_log ADD COLUMN hash TEXT NOT NULL DEFAULT '';

  -- Login lockout: failures in the current window and, once locked, until when.
  CREATE TABLE login_throttle (
    username TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    window_started_at TEXT NOT NULL,
    locked_until TEXT
  );
`,
  postgres: `
  -- A PostgreSQL database starts empty (there is no PostgreSQL data from before v11), so there are no
  -- entries to chain and the UPDATE guard stays: adding a column with a default fires no trigger.
  -- Refused rather than left unchained should an audit log with entries ever reach this step.
  DO $$ BEGIN
    IF EXISTS (SELECT 1 FROM audit_log) THEN
      RAISE EXCEPTION 'audit_log has entries from before migration 6: chain them first';
    END IF;
  END $$;
  ALTER TABLE audit_log ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
  ALTER TABLE audit_log ADD COLUMN hash TEXT NOT NULL DEFAULT '';

  -- Login lockout: failures in the current window and, once locked, until when.
  CREATE TABLE login_throttle (
    username TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    window_started_at TEXT NOT NULL,
    locked_until TEXT
  );
`,
  after: chainExistingAudit,
};

/** Chains the entries written before migration 6 in id order, then restores the append-only guard. */
export function chainExistingAudit(db: Database.Database): void {
  const rows = db
    .prepare('SELECT seq, at, user_id, action, entity, entity_id, detail_json FROM audit_log ORDER BY seq')
    .all() as Omit<ChainedFields, 'prev_hash'>[];
  const update = db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?');
  let prev = GENESIS_HASH;
  for (const row of rows) {
    const hash = entryHash({ ...row, prev_hash: prev });
    update.run(prev, hash, row.seq);
    prev = hash;
  }
  db.exec(`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;`);
}
