/**
 * Migration 1: the office (one row), its staff accounts with their roles, and the audit log, which
 * triggers keep append-only from the first version on.
 */
import type { Migration } from './migration';

export const migration: Migration = {
  version: 1,
  name: 'office, users and the audit log',
  sqlite: `
      CREATE TABLE office (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        name TEXT NOT NULL,
        regency TEXT NOT NULL,
        address TEXT NOT NULL,
        time_zone TEXT NOT NULL,
        letterhead TEXT NOT NULL,
        sop_template_id TEXT NOT NULL,
        idle_lock_minutes INTEGER NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        full_name TEXT NOT NULL,
        nip TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('admin','kadin','kabid','kasi','verifikator')),
        password_hash TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL
      );
      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        user_id TEXT,
        action TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id TEXT,
        detail_json TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    `,
};
