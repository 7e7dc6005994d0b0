/**
 * Migration 10: intake in three fields — the office's staff directory (imported from its SIASN/SIMPEG
 * export; HP sealed), the import log, the BSrE name and the collective-letter group on each
 * application, the KTP reading made at intake (sealed, kept for the identity desk), the intake
 * draft of each desk user (sealed), and the office's intake settings (agenda number format and
 * its yearly counter, the service types allowed in parallel).
 */
import type { Migration } from './migration';

export const migration: Migration = {
  version: 10,
  name: 'intake: staff directory, BSrE name, collective letters, KTP reading, drafts, agenda numbers',
  sqlite: `
  -- Staff directory: one row per NIP, updated by each re-import. HP is sealed; retirement/transfer noted.
  CREATE TABLE staff_directory (
    nip TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    rank TEXT NOT NULL DEFAULT '',
    position TEXT NOT NULL DEFAULT '',
    agency TEXT NOT NULL DEFAULT '',
    official_email TEXT,
    phone_sealed BLOB,
    employment_status TEXT NOT NULL DEFAULT 'active' CHECK (employment_status IN ('active','retired','transferred','left')),
    status_note TEXT NOT NULL DEFAULT '',
    import_id TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX staff_directory_status ON staff_directory (employment_status) WHERE employment_status <> 'active';
  CREATE TABLE staff_imports (
    id TEXT PRIMARY KEY,
    at TEXT NOT NULL,
    by_user_id TEXT NOT NULL REFERENCES users(id),
    file_name TEXT NOT NULL,
    total_rows INTEGER NOT NULL,
    inserted INTEGER NOT NULL,
    updated INTEGER NOT NULL,
    skipped INTEGER NOT NULL
  );

  -- Applications: the name BSrE registers (titles stripped) and the letter a collective intake shares.
  ALTER TABLE applications ADD COLUMN bsre_name TEXT;
  ALTER TABLE applications ADD COLUMN letter_group_id TEXT;
  CREATE INDEX applications_letter_group ON applications (letter_group_id) WHERE letter_group_id IS NOT NULL;

  -- The KTP read at intake, so the identity desk starts from it. Purged with the documents.
  CREATE TABLE intake_ktp_readings (
    application_id TEXT PRIMARY KEY REFERENCES applications(id),
    document_id TEXT NOT NULL REFERENCES documents(id),
    ocr_sealed BLOB,
    read_at TEXT NOT NULL
  );

  -- What a desk user has typed on the intake form and not yet saved (sealed: it holds NIK and HP).
  CREATE TABLE intake_drafts (
    user_id TEXT PRIMARY KEY REFERENCES users(id),
    sealed BLOB NOT NULL,
    updated_at TEXT NOT NULL
  );

  -- Intake settings of the office and the agenda counter per year.
  CREATE TABLE intake_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    agenda_format TEXT NOT NULL,
    parallel_services_json TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL REFERENCES users(id)
  );
  CREATE TABLE agenda_counters (
    year INTEGER PRIMARY KEY,
    last INTEGER NOT NULL
  );
`,
  postgres: `
  -- Staff directory: one row per NIP, updated by each re-import. HP is sealed; retirement/transfer noted.
  CREATE TABLE staff_directory (
    nip TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    rank TEXT NOT NULL DEFAULT '',
    position TEXT NOT NULL DEFAULT '',
    agency TEXT NOT NULL DEFAULT '',
    official_email TEXT,
    phone_sealed BYTEA,
    employment_status TEXT NOT NULL DEFAULT 'active' CHECK (employment_status IN ('active','retired','transferred','left')),
    status_note TEXT NOT NULL DEFAULT '',
    import_id TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX staff_directory_status ON staff_directory (employment_status) WHERE employment_status <> 'active';
  CREATE TABLE staff_imports (
    id TEXT PRIMARY KEY,
    at TEXT NOT NULL,
    by_user_id TEXT NOT NULL REFERENCES users(id),
    file_name TEXT NOT NULL,
    total_rows INTEGER NOT NULL,
    inserted INTEGER NOT NULL,
    updated INTEGER NOT NULL,
    skipped INTEGER NOT NULL
  );

  -- Applications: the name BSrE registers (titles stripped) and the letter a collective intake shares.
  ALTER TABLE applications ADD COLUMN bsre_name TEXT;
  ALTER TABLE applications ADD COLUMN letter_group_id TEXT;
  CREATE INDEX applications_letter_group ON applications (letter_group_id) WHERE letter_group_id IS NOT NULL;

  -- The KTP read at intake, so the identity desk starts from it. Purged with the documents.
  CREATE TABLE intake_ktp_readings (
    application_id TEXT PRIMARY KEY REFERENCES applications(id),
    document_id TEXT NOT NULL REFERENCES documents(id),
    ocr_sealed BYTEA,
    read_at TEXT NOT NULL
  );

  -- What a desk user has typed on the intake form and not yet saved (sealed: it holds NIK and HP).
  CREATE TABLE intake_drafts (
    user_id TEXT PRIMARY KEY REFERENCES users(id),
    sealed BYTEA NOT NULL,
    updated_at TEXT NOT NULL
  );

  -- Intake settings of the office and the agenda counter per year.
  CREATE TABLE intake_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    agenda_format TEXT NOT NULL,
    parallel_services_json TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL REFERENCES users(id)
  );
  CREATE TABLE agenda_counters (
    year INTEGER PRIMARY KEY,
    last INTEGER NOT NULL
  );
`,
};
