/**
 * Migration 2: the work itself — applications (NIK and phone sealed, NIK searchable by a keyed
 * index), their uploaded documents (sealed), the step events of the SOP, and the recap of
 * certificate holders (TTE users).
 */
import type { Migration } from './migration';

export const migration: Migration = {
  version: 2,
  name: 'applications, documents, step events and the recap of TTE users',
  sqlite: `
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
  postgres: `
      CREATE TABLE applications (
        id TEXT PRIMARY KEY,
        reference_no TEXT NOT NULL UNIQUE,
        template_id TEXT NOT NULL,
        service_type TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('inProgress','returned','completed','rejected')),
        applicant_name TEXT NOT NULL,
        nik_sealed BYTEA NOT NULL,
        nik_index TEXT NOT NULL,
        nik_masked TEXT NOT NULL,
        nip TEXT NOT NULL,
        rank TEXT NOT NULL,
        position TEXT NOT NULL,
        agency TEXT NOT NULL,
        official_email TEXT,
        needs_official_email INTEGER NOT NULL DEFAULT 0,
        phone_sealed BYTEA NOT NULL,
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
      CREATE INDEX applications_name ON applications (lower(applicant_name));
      CREATE INDEX applications_created ON applications (created_at);

      CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        application_id TEXT NOT NULL REFERENCES applications(id),
        kind TEXT NOT NULL,
        file_name TEXT NOT NULL,
        mime_type TEXT NOT NULL,
        size BIGINT NOT NULL,
        sha256 TEXT NOT NULL,
        sealed BYTEA NOT NULL,
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
        elapsed_minutes DOUBLE PRECISION NOT NULL,
        standard_minutes INTEGER,
        note TEXT NOT NULL DEFAULT '',
        data_json TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX step_events_application ON step_events (application_id, at);

      CREATE TABLE holders (
        id TEXT PRIMARY KEY,
        application_id TEXT REFERENCES applications(id),
        name TEXT NOT NULL,
        nik_sealed BYTEA NOT NULL,
        nik_index TEXT NOT NULL,
        nik_masked TEXT NOT NULL,
        nip TEXT NOT NULL,
        agency TEXT NOT NULL,
        position TEXT NOT NULL,
        official_email TEXT,
        phone_sealed BYTEA NOT NULL,
        issued_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        bsre_status TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX holders_nik_index ON holders (nik_index);
      CREATE INDEX holders_expires ON holders (expires_at);
      CREATE INDEX holders_name ON holders (lower(name));
    `,
};
