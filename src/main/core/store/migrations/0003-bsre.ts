/**
 * Migration 3: BSrE — its connection settings, the outbox of registrations (retried, never sent
 * twice), BSrE's raw answers (sealed), the BSrE status on applications and holders, and the
 * inactive system actor that status checks are recorded under.
 */
import type { Migration } from './migration';

export const migration: Migration = {
  version: 3,
  name: 'BSrE: settings, outbox, raw responses, status on applications and holders, system actor',
  sqlite: `
      CREATE TABLE bsre_settings (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        mode TEXT NOT NULL CHECK (mode IN ('training','live','manual')),
        base_url TEXT NOT NULL,
        allow_http INTEGER NOT NULL DEFAULT 0,
        username TEXT NOT NULL,
        password_sealed BLOB,
        api_version TEXT NOT NULL CHECK (api_version IN ('v1','v2')),
        registration_path TEXT NOT NULL,
        oid_instansi TEXT NOT NULL DEFAULT '',
        send_recommendation INTEGER NOT NULL DEFAULT 0,
        poll_interval_seconds INTEGER NOT NULL DEFAULT 60,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE bsre_outbox (
        id TEXT PRIMARY KEY,
        application_id TEXT NOT NULL REFERENCES applications(id),
        step_no INTEGER NOT NULL,
        operation TEXT NOT NULL CHECK (operation IN ('registration')),
        payload_sealed BLOB NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending','sending','unknown','done','failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        last_error TEXT,
        requested_by TEXT NOT NULL REFERENCES users(id),
        step_note TEXT NOT NULL DEFAULT '',
        step_data_json TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX bsre_outbox_due ON bsre_outbox (state, next_attempt_at);
      CREATE INDEX bsre_outbox_application ON bsre_outbox (application_id);
      CREATE TABLE bsre_responses (
        id TEXT PRIMARY KEY,
        application_id TEXT REFERENCES applications(id),
        operation TEXT NOT NULL,
        http_status INTEGER,
        outcome TEXT NOT NULL,
        sealed BLOB NOT NULL,
        at TEXT NOT NULL
      );
      CREATE INDEX bsre_responses_application ON bsre_responses (application_id, at);
      ALTER TABLE applications ADD COLUMN bsre_status TEXT;
      ALTER TABLE applications ADD COLUMN bsre_status_code TEXT;
      ALTER TABLE applications ADD COLUMN bsre_message TEXT;
      ALTER TABLE applications ADD COLUMN bsre_checked_at TEXT;
      ALTER TABLE applications ADD COLUMN bsre_next_check_at TEXT;
      CREATE INDEX applications_bsre_due ON applications (status, bsre_next_check_at);
      ALTER TABLE holders ADD COLUMN bsre_checked_at TEXT;
      ALTER TABLE holders ADD COLUMN bsre_message TEXT;
      ALTER TABLE holders ADD COLUMN bsre_mismatch INTEGER NOT NULL DEFAULT 0;
      INSERT INTO users (id, username, full_name, nip, role, password_hash, active, created_at)
        VALUES ('system-bsre', 'sistem.bsre', 'Sistem (status BSrE)', '-', 'verifikator', '!', 0, '1970-01-01T00:00:00.000Z');
    `,
  postgres: `
      CREATE TABLE bsre_settings (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        mode TEXT NOT NULL CHECK (mode IN ('training','live','manual')),
        base_url TEXT NOT NULL,
        allow_http INTEGER NOT NULL DEFAULT 0,
        username TEXT NOT NULL,
        password_sealed BYTEA,
        api_version TEXT NOT NULL CHECK (api_version IN ('v1','v2')),
        registration_path TEXT NOT NULL,
        oid_instansi TEXT NOT NULL DEFAULT '',
        send_recommendation INTEGER NOT NULL DEFAULT 0,
        poll_interval_seconds INTEGER NOT NULL DEFAULT 60,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE bsre_outbox (
        id TEXT PRIMARY KEY,
        application_id TEXT NOT NULL REFERENCES applications(id),
        step_no INTEGER NOT NULL,
        operation TEXT NOT NULL CHECK (operation IN ('registration')),
        payload_sealed BYTEA NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending','sending','unknown','done','failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        last_error TEXT,
        requested_by TEXT NOT NULL REFERENCES users(id),
        step_note TEXT NOT NULL DEFAULT '',
        step_data_json TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX bsre_outbox_due ON bsre_outbox (state, next_attempt_at);
      CREATE INDEX bsre_outbox_application ON bsre_outbox (application_id);
      CREATE TABLE bsre_responses (
        id TEXT PRIMARY KEY,
        application_id TEXT REFERENCES applications(id),
        operation TEXT NOT NULL,
        http_status INTEGER,
        outcome TEXT NOT NULL,
        sealed BYTEA NOT NULL,
        at TEXT NOT NULL
      );
      CREATE INDEX bsre_responses_application ON bsre_responses (application_id, at);
      ALTER TABLE applications ADD COLUMN bsre_status TEXT;
      ALTER TABLE applications ADD COLUMN bsre_status_code TEXT;
      ALTER TABLE applications ADD COLUMN bsre_message TEXT;
      ALTER TABLE applications ADD COLUMN bsre_checked_at TEXT;
      ALTER TABLE applications ADD COLUMN bsre_next_check_at TEXT;
      CREATE INDEX applications_bsre_due ON applications (status, bsre_next_check_at);
      ALTER TABLE holders ADD COLUMN bsre_checked_at TEXT;
      ALTER TABLE holders ADD COLUMN bsre_message TEXT;
      ALTER TABLE holders ADD COLUMN bsre_mismatch INTEGER NOT NULL DEFAULT 0;
      INSERT INTO users (id, username, full_name, nip, role, password_hash, active, created_at)
        VALUES ('system-bsre', 'sistem.bsre', 'Sistem (status BSrE)', '-', 'verifikator', '!', 0, '1970-01-01T00:00:00.000Z');
    `,
};
