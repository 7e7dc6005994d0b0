/**
 * Migration 4: the identity desk — per application, the applicant's consent, the KTP image and its
 * OCR reading (sealed), the confirmed identity (sealed), the selfie and the face-match result.
 */
import type { Migration } from './migration';

export const migration: Migration = {
  version: 4,
  name: 'identity desk: consent, KTP OCR, face match and the verifier decision per application',
  sqlite: `
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
  postgres: `
      CREATE TABLE identity_checks (
        id TEXT PRIMARY KEY,
        application_id TEXT NOT NULL REFERENCES applications(id),
        consent_at TEXT NOT NULL,
        consent_version TEXT NOT NULL,
        consent_recorded_by TEXT NOT NULL REFERENCES users(id),
        ktp_document_id TEXT REFERENCES documents(id),
        ocr_sealed BYTEA,
        confirmed_sealed BYTEA,
        confirmed_at TEXT,
        selfie_document_id TEXT REFERENCES documents(id),
        face_json TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX identity_checks_application ON identity_checks (application_id, created_at);
    `,
};
