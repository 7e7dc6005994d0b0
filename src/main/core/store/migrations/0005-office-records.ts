/**
 * Migration 5: the office's records — queue reassignments, imported recap rows, the facilitation
 * figures' indexes, the message log and SMTP settings. Each section belongs to one capability.
 */
import type { Migration } from './migration';

export const migration: Migration = {
  version: 5,
  name: 'office records: queue reassignments, imported recap, report indexes, messages',
  sqlite: `
  -- Queue: who moved an application to another verifier, when and why.
  CREATE TABLE reassignments (
    id TEXT PRIMARY KEY,
    application_id TEXT NOT NULL REFERENCES applications(id),
    from_verifier_id TEXT REFERENCES users(id),
    to_verifier_id TEXT NOT NULL REFERENCES users(id),
    by_user_id TEXT NOT NULL REFERENCES users(id),
    at TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
  );
  CREATE INDEX reassignments_application ON reassignments (application_id, at);
  CREATE INDEX applications_verifier_status ON applications (assigned_verifier_id, status);
  -- A closed application's step start is its closing instant: the dashboard's total durations.
  CREATE INDEX applications_status_started ON applications (status, current_step_started_at, created_at);
  -- The queue reads open applications from this small covering index only (no sealed row visited).
  CREATE INDEX applications_open_queue ON applications (status, id, reference_no, template_id, service_type, applicant_name, agency,
    assigned_verifier_id, current_step_no, current_step_started_at, issued_at) WHERE status IN ('inProgress','returned');

  -- Dashboard and report: periods are ranges over these instants.
  CREATE INDEX applications_created_type ON applications (created_at, service_type, status);
  CREATE INDEX applications_issued ON applications (issued_at);
  CREATE INDEX step_events_at ON step_events (at, step_no);
  -- Facilitation report: covering indexes, so a year's grouped counts never touch the rows.
  CREATE INDEX applications_created_report ON applications (created_at, service_type, agency);
  CREATE INDEX applications_issued_report ON applications (issued_at, service_type, agency);
  CREATE INDEX step_events_kind_at ON step_events (kind, at, step_no, elapsed_minutes, standard_minutes, application_id);
  -- The dashboard's step durations also read step_events_kind_at alone.

  -- Recap: imported rows, and the filters and sorts of a large table.
  ALTER TABLE holders ADD COLUMN source TEXT NOT NULL DEFAULT 'application';
  ALTER TABLE holders ADD COLUMN import_id TEXT;
  CREATE TABLE holder_imports (
    id TEXT PRIMARY KEY,
    at TEXT NOT NULL,
    by_user_id TEXT NOT NULL REFERENCES users(id),
    file_name TEXT NOT NULL,
    total_rows INTEGER NOT NULL,
    imported INTEGER NOT NULL,
    skipped INTEGER NOT NULL
  );
  CREATE INDEX holders_agency_expires ON holders (agency, expires_at);
  CREATE INDEX holders_status_expires ON holders (bsre_status, expires_at);
  CREATE INDEX holders_issued ON holders (issued_at);
  CREATE INDEX holders_nip ON holders (nip);
  -- Word-prefix search on names ("santoso" finds "Budi Santoso"), kept in step by triggers.
  CREATE VIRTUAL TABLE holders_name_fts USING fts5 (name, content = 'holders', content_rowid = 'rowid', tokenize = 'unicode61 remove_diacritics 2');
  INSERT INTO holders_name_fts (rowid, name) SELECT rowid, name FROM holders;
  CREATE TRIGGER holders_name_fts_insert AFTER INSERT ON holders BEGIN
    INSERT INTO holders_name_fts (rowid, name) VALUES (new.rowid, new.name);
  END;
  CREATE TRIGGER holders_name_fts_delete AFTER DELETE ON holders BEGIN
    INSERT INTO holders_name_fts (holders_name_fts, rowid, name) VALUES ('delete', old.rowid, old.name);
  END;
  CREATE TRIGGER holders_name_fts_update AFTER UPDATE OF name ON holders BEGIN
    INSERT INTO holders_name_fts (holders_name_fts, rowid, name) VALUES ('delete', old.rowid, old.name);
    INSERT INTO holders_name_fts (rowid, name) VALUES (new.rowid, new.name);
  END;
  ALTER TABLE applications ADD COLUMN renewal_of_holder_id TEXT REFERENCES holders(id);

  -- Messages to applicants: what was sent to whom, when and how (recipient sealed).
  CREATE TABLE message_log (
    id TEXT PRIMARY KEY,
    at TEXT NOT NULL,
    template TEXT NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('whatsapp','email')),
    recipient_sealed BLOB NOT NULL,
    recipient_masked TEXT NOT NULL,
    recipient_name TEXT NOT NULL,
    application_id TEXT REFERENCES applications(id),
    holder_id TEXT REFERENCES holders(id),
    via TEXT NOT NULL CHECK (via IN ('link','smtp')),
    status TEXT NOT NULL CHECK (status IN ('opened','sent','failed')),
    error TEXT,
    sent_by TEXT NOT NULL REFERENCES users(id)
  );
  CREATE INDEX message_log_application ON message_log (application_id, at);
  CREATE INDEX message_log_holder ON message_log (holder_id, at);
  CREATE INDEX message_log_at ON message_log (at);
  CREATE TABLE smtp_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    enabled INTEGER NOT NULL,
    host TEXT NOT NULL,
    port INTEGER NOT NULL,
    secure INTEGER NOT NULL,
    username TEXT NOT NULL,
    password_sealed BLOB,
    from_address TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL REFERENCES users(id)
  );
`,
  postgres: `
  -- Queue: who moved an application to another verifier, when and why.
  CREATE TABLE reassignments (
    id TEXT PRIMARY KEY,
    application_id TEXT NOT NULL REFERENCES applications(id),
    from_verifier_id TEXT REFERENCES users(id),
    to_verifier_id TEXT NOT NULL REFERENCES users(id),
    by_user_id TEXT NOT NULL REFERENCES users(id),
    at TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
  );
  CREATE INDEX reassignments_application ON reassignments (application_id, at);
  CREATE INDEX applications_verifier_status ON applications (assigned_verifier_id, status);
  -- A closed application's step start is its closing instant: the dashboard's total durations.
  CREATE INDEX applications_status_started ON applications (status, current_step_started_at, created_at);
  -- The queue reads open applications from this small covering index only (no sealed row visited).
  CREATE INDEX applications_open_queue ON applications (status, id, reference_no, template_id, service_type, applicant_name, agency,
    assigned_verifier_id, current_step_no, current_step_started_at, issued_at) WHERE status IN ('inProgress','returned');

  -- Dashboard and report: periods are ranges over these instants.
  CREATE INDEX applications_created_type ON applications (created_at, service_type, status);
  CREATE INDEX applications_issued ON applications (issued_at);
  CREATE INDEX step_events_at ON step_events (at, step_no);
  -- Facilitation report: covering indexes, so a year's grouped counts never touch the rows.
  CREATE INDEX applications_created_report ON applications (created_at, service_type, agency);
  CREATE INDEX applications_issued_report ON applications (issued_at, service_type, agency);
  CREATE INDEX step_events_kind_at ON step_events (kind, at, step_no, elapsed_minutes, standard_minutes, application_id);
  -- The dashboard's step durations also read step_events_kind_at alone.

  -- Recap: imported rows, and the filters and sorts of a large table.
  ALTER TABLE holders ADD COLUMN source TEXT NOT NULL DEFAULT 'application';
  ALTER TABLE holders ADD COLUMN import_id TEXT;
  CREATE TABLE holder_imports (
    id TEXT PRIMARY KEY,
    at TEXT NOT NULL,
    by_user_id TEXT NOT NULL REFERENCES users(id),
    file_name TEXT NOT NULL,
    total_rows INTEGER NOT NULL,
    imported INTEGER NOT NULL,
    skipped INTEGER NOT NULL
  );
  CREATE INDEX holders_agency_expires ON holders (agency, expires_at);
  CREATE INDEX holders_status_expires ON holders (bsre_status, expires_at);
  CREATE INDEX holders_issued ON holders (issued_at);
  CREATE INDEX holders_nip ON holders (nip);
  -- Word-prefix search on names ("santoso" finds "Budi Santoso"): SQLite's FTS5 table holders_name_fts
  -- and its triggers are, on PostgreSQL, this one expression index, queried with
  -- to_tsvector('simple', name) @@ to_tsquery('simple', 'santoso:*'). Nothing to keep in step.
  CREATE INDEX holders_name_search ON holders USING GIN (to_tsvector('simple', name));
  ALTER TABLE applications ADD COLUMN renewal_of_holder_id TEXT REFERENCES holders(id);

  -- Messages to applicants: what was sent to whom, when and how (recipient sealed).
  CREATE TABLE message_log (
    id TEXT PRIMARY KEY,
    at TEXT NOT NULL,
    template TEXT NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('whatsapp','email')),
    recipient_sealed BYTEA NOT NULL,
    recipient_masked TEXT NOT NULL,
    recipient_name TEXT NOT NULL,
    application_id TEXT REFERENCES applications(id),
    holder_id TEXT REFERENCES holders(id),
    via TEXT NOT NULL CHECK (via IN ('link','smtp')),
    status TEXT NOT NULL CHECK (status IN ('opened','sent','failed')),
    error TEXT,
    sent_by TEXT NOT NULL REFERENCES users(id)
  );
  CREATE INDEX message_log_application ON message_log (application_id, at);
  CREATE INDEX message_log_holder ON message_log (holder_id, at);
  CREATE INDEX message_log_at ON message_log (at);
  CREATE TABLE smtp_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    enabled INTEGER NOT NULL,
    host TEXT NOT NULL,
    port INTEGER NOT NULL,
    secure INTEGER NOT NULL,
    username TEXT NOT NULL,
    password_sealed BYTEA,
    from_address TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL REFERENCES users(id)
  );
`,
};
