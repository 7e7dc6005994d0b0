/**
 * Migration 11: the office network — paired desk devices (only a hash of each device key is kept;
 * revocation is a stamp, never a deletion, so the audit's device ids keep their names), the Admin's
 * one-time pairing codes (only the code's hash; used once, 10 minutes), and the network settings
 * (whether Kepala Dinas and Kabid may sign in from a browser).
 */
import type { Migration } from './migration';

/** The same text on both engines. */
const SQL = `
  CREATE TABLE devices (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    credential_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT REFERENCES users(id),
    last_seen_at TEXT,
    last_ip TEXT,
    revoked_at TEXT,
    revoked_by TEXT REFERENCES users(id)
  );
  CREATE TABLE pairing_codes (
    hash TEXT PRIMARY KEY,
    created_by TEXT REFERENCES users(id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT,
    device_id TEXT REFERENCES devices(id)
  );
  CREATE INDEX pairing_codes_open ON pairing_codes (expires_at) WHERE used_at IS NULL;
  CREATE TABLE network_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    browser_allowed INTEGER NOT NULL DEFAULT 0 CHECK (browser_allowed IN (0,1)),
    updated_at TEXT,
    updated_by TEXT REFERENCES users(id)
  );
  INSERT INTO network_settings (id, browser_allowed) VALUES (1, 0);
`;

export const migration: Migration = {
  version: 11,
  name: 'office network: paired devices, pairing codes, browser sign-in setting',
  sqlite: SQL,
  postgres: SQL,
};
