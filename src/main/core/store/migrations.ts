/**
 * The schema history: an append-only list. Never edit a released entry; add a new one. A database
 * stamped with a newer version than this list knows is refused rather than half-understood.
 */
import type Database from 'better-sqlite3';

import { Failure } from '../failure';
import { MIGRATION_5_SQL } from './migration-5';
import { chainExistingAudit, MIGRATION_6_SQL } from './migration-6';
import { MIGRATION_7_SQL } from './migration-7';
import { MIGRATION_8_SQL } from './migration-8';
import { MIGRATION_9_SQL } from './migration-9';
import { MIGRATION_10_SQL } from './migration-10';
import { MIGRATION_11_SQL } from './migration-11';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Work SQL alone cannot do (hashing), run after `sql` in the same transaction. */
  after?: (db: Database.Database) => void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'office, users and the audit log',
    sql: `
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
  },
  {
    version: 2,
    name: 'applications, documents, step events and the recap of TTE users',
    sql: `
      CREATE TABLE applications (
        id TEXT PRIMARY KEY,
        reference_no TEXT NOT NULL UNIQUE,
        template_id TEXT NOT NULL,
        service_type TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('inProgress','returned','completed','rejected')),
        applicant_name TEXT NOT NULL,
        nik_sealed BLOB NOT NULL,
        nik_index TEXT NOT NULL,
        nik_masked TEXT NOT NULL,
        nip TEXT NOT NULL,
        rank TEXT NOT NULL,
        position TEXT NOT NULL,
        agency TEXT NOT NULL,
        official_email TEXT,
        needs_official_email INTEGER NOT NULL DEFAULT 0,
        phone_sealed BLOB NOT NULL,
        letter_number TEXT NOT NULL,
        letter_date TEXT NOT NULL,
        letter_subject TEXT NOT NULL,
        agenda_number TEXT NOT NULL,
        agency_head_name TEXT,
        agency_head_nip TEXT,
        agency_head_position TEXT,
        assigned_verifier_id TEXT REFERENCES users(id),
        current_step_no INTEGER NOT NULL,
        current_step_started_at TEXT NOT NULL,
        return_reason TEXT,
        issued_at TEXT,
        expires_at TEXT,
        certificate_serial TEXT,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL REFERENCES users(id),
        updated_at TEXT NOT NULL
      );
      CREATE INDEX applications_status_step ON applications (status, current_step_no);
      CREATE INDEX applications_nik_index ON applications (nik_index);
      CREATE INDEX applications_nip ON applications (nip);
      CREATE INDEX applications_name ON applications (applicant_name COLLATE NOCASE);
      CREATE INDEX applications_created ON applications (created_at);

      CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        application_id TEXT NOT NULL REFERENCES applications(id),
        kind TEXT NOT NULL,
        file_name TEXT NOT NULL,
        mime_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        sealed BLOB NOT NULL,
        uploaded_at TEXT NOT NULL,
        uploaded_by TEXT NOT NULL REFERENCES users(id)
      );
      CREATE INDEX documents_application ON documents (application_id);

      CREATE TABLE step_events (
        id TEXT PRIMARY KEY,
        application_id TEXT NOT NULL REFERENCES applications(id),
        step_no INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('completed','returned','resubmitted','rejected')),
        actor_id TEXT NOT NULL REFERENCES users(id),
        actor_role TEXT NOT NULL,
        at TEXT NOT NULL,
        started_at TEXT NOT NULL,
        elapsed_minutes REAL NOT NULL,
        standard_minutes INTEGER,
        note TEXT NOT NULL DEFAULT '',
        data_json TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX step_events_application ON step_events (application_id, at);

      CREATE TABLE holders (
        id TEXT PRIMARY KEY,
        application_id TEXT REFERENCES applications(id),
        name TEXT NOT NULL,
        nik_sealed BLOB NOT NULL,
        nik_index TEXT NOT NULL,
        nik_masked TEXT NOT NULL,
        nip TEXT NOT NULL,
        agency TEXT NOT NULL,
        position TEXT NOT NULL,
        official_email TEXT,
        phone_sealed BLOB NOT NULL,
        issued_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        bsre_status TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX holders_nik_index ON holders (nik_index);
      CREATE INDEX holders_expires ON holders (expires_at);
      CREATE INDEX holders_name ON holders (name COLLATE NOCASE);
    `,
  },
  {
    version: 3,
    name: 'BSrE: settings, outbox, raw responses, status on applications and holders, system actor',
    sql: `
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
  },
  {
    version: 4,
    name: 'identity desk: consent, KTP OCR, face match and the verifier decision per application',
    sql: `
      CREATE TABLE identity_checks (
        id TEXT PRIMARY KEY,
        application_id TEXT NOT NULL REFERENCES applications(id),
        consent_at TEXT NOT NULL,
        consent_version TEXT NOT NULL,
        consent_recorded_by TEXT NOT NULL REFERENCES users(id),
        ktp_document_id TEXT REFERENCES documents(id),
        ocr_sealed BLOB,
        confirmed_sealed BLOB,
        confirmed_at TEXT,
        selfie_document_id TEXT REFERENCES documents(id),
        face_json TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX identity_checks_application ON identity_checks (application_id, created_at);
    `,
  },
  {
    version: 5,
    name: 'office records: queue reassignments, imported recap, report indexes, messages',
    sql: MIGRATION_5_SQL,
  },
  {
    version: 6,
    name: 'security: audit log hash chain, persistent login lockout counters',
    sql: MIGRATION_6_SQL,
    after: chainExistingAudit,
  },
  { version: 7, name: 'personal-data lifecycle: retention and purge log, encrypted backups', sql: MIGRATION_7_SQL },
  { version: 8, name: 'BSrE juknis: opt-in registration fields, KYC refusals', sql: MIGRATION_8_SQL },
  { version: 9, name: 'resilience: store facts (key check, clock) and idempotency keys', sql: MIGRATION_9_SQL },
  {
    version: 10,
    name: 'intake: staff directory, BSrE name, collective letters, KTP reading, drafts, agenda numbers',
    sql: MIGRATION_10_SQL,
  },
  {
    version: 11,
    name: 'office network: paired devices, pairing codes, browser sign-in setting',
    sql: MIGRATION_11_SQL,
  },
];

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
      db.exec(migration.sql);
      migration.after?.(db);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}
