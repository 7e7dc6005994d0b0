/**
 * Migration 7: personal-data lifecycle — retention of KTP images, selfies and documents after an
 * application closes (purged bytes leave a tombstone: metadata, decisions and scores stay), the
 * purge log, data-subject requests, and encrypted backups (settings and the log of each backup).
 * Sections belong to one capability each.
 */
import type { Migration } from './migration';

export const migration: Migration = {
  version: 7,
  name: 'personal-data lifecycle: retention and purge log, encrypted backups',
  sqlite: `
  -- Retention: when an application closed; a purged document keeps its row, its bytes become x'' and purged_at is set.
  ALTER TABLE applications ADD COLUMN closed_at TEXT;
  UPDATE applications SET closed_at = updated_at WHERE status IN ('completed','rejected');
  CREATE INDEX applications_closed ON applications (closed_at) WHERE closed_at IS NOT NULL;
  ALTER TABLE documents ADD COLUMN purged_at TEXT;
  CREATE TABLE retention_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    document_days INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL REFERENCES users(id)
  );
  CREATE TABLE purge_log (
    id TEXT PRIMARY KEY,
    at TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (reason IN ('retention','erasure')),
    application_id TEXT REFERENCES applications(id),
    documents INTEGER NOT NULL,
    bytes INTEGER NOT NULL,
    by_user_id TEXT REFERENCES users(id)
  );
  CREATE INDEX purge_log_at ON purge_log (at);

  -- Backups: where and how often, and what each backup produced.
  CREATE TABLE backup_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    directory TEXT NOT NULL,
    every_hours INTEGER NOT NULL,
    keep INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL REFERENCES users(id)
  );
  CREATE TABLE backup_log (
    id TEXT PRIMARY KEY,
    at TEXT NOT NULL,
    file_name TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    trigger TEXT NOT NULL CHECK (trigger IN ('manual','scheduled')),
    status TEXT NOT NULL CHECK (status IN ('ok','failed')),
    error TEXT,
    by_user_id TEXT REFERENCES users(id)
  );
  CREATE INDEX backup_log_at ON backup_log (at);
`,
  postgres: `
  -- Retention: when an application closed; a purged document keeps its row, its bytes become '\\x'::bytea and purged_at is set.
  ALTER TABLE applications ADD COLUMN closed_at TEXT;
  UPDATE applications SET closed_at = updated_at WHERE status IN ('completed','rejected');
  CREATE INDEX applications_closed ON applications (closed_at) WHERE closed_at IS NOT NULL;
  ALTER TABLE documents ADD COLUMN purged_at TEXT;
  CREATE TABLE retention_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    document_days INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL REFERENCES users(id)
  );
  CREATE TABLE purge_log (
    id TEXT PRIMARY KEY,
    at TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (reason IN ('retention','erasure')),
    application_id TEXT REFERENCES applications(id),
    documents INTEGER NOT NULL,
    bytes BIGINT NOT NULL,
    by_user_id TEXT REFERENCES users(id)
  );
  CREATE INDEX purge_log_at ON purge_log (at);

  -- Backups: where and how often, and what each backup produced.
  CREATE TABLE backup_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    directory TEXT NOT NULL,
    every_hours INTEGER NOT NULL,
    keep INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL REFERENCES users(id)
  );
  CREATE TABLE backup_log (
    id TEXT PRIMARY KEY,
    at TEXT NOT NULL,
    file_name TEXT NOT NULL,
    bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    trigger TEXT NOT NULL CHECK (trigger IN ('manual','scheduled')),
    status TEXT NOT NULL CHECK (status IN ('ok','failed')),
    error TEXT,
    by_user_id TEXT REFERENCES users(id)
  );
  CREATE INDEX backup_log_at ON backup_log (at);
`,
};
