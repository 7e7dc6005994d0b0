/**
 * Migration 8: BSrE as the official juknis and production answer. The registration body is the
 * juknis' {nama, email}; NIK and oid_instansi become opt-in (an office that had typed an
 * oid_instansi keeps sending it). BSrE's KYC refusals (since 2025: Dukcapil and liveness at
 * activation) are recorded per application so the monthly report can count them by reason.
 */
import type { Migration } from './migration';

/** The same text on both engines. */
const SQL = `
  ALTER TABLE bsre_settings ADD COLUMN send_nik INTEGER NOT NULL DEFAULT 0 CHECK (send_nik IN (0,1));
  ALTER TABLE bsre_settings ADD COLUMN send_oid_instansi INTEGER NOT NULL DEFAULT 0 CHECK (send_oid_instansi IN (0,1));
  UPDATE bsre_settings SET send_oid_instansi = 1 WHERE oid_instansi <> '';

  CREATE TABLE bsre_kyc_refusals (
    id TEXT PRIMARY KEY,
    application_id TEXT NOT NULL REFERENCES applications(id),
    reason TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('bsre','verifier')),
    -- BSrE's own words, or the verifier's note; never personal data beyond what BSrE said.
    note TEXT NOT NULL,
    at TEXT NOT NULL,
    by_user_id TEXT REFERENCES users(id)
  );
  CREATE INDEX bsre_kyc_refusals_at ON bsre_kyc_refusals (at);
  CREATE INDEX bsre_kyc_refusals_application ON bsre_kyc_refusals (application_id, at);
`;

export const migration: Migration = {
  version: 8,
  name: 'BSrE juknis: opt-in registration fields, KYC refusals',
  sqlite: SQL,
  postgres: SQL,
};
