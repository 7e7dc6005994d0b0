/**
 * Migration 9: resilience — a small key/value table for facts about the store itself (the data
 * key's check value, the clock's high-water mark and an unconfirmed clock jump), and the results of
 * mutating calls by idempotency key so a retried call returns the first answer and writes nothing.
 */
import type { Migration } from './migration';

export const migration: Migration = {
  version: 9,
  name: 'resilience: store facts (key check, clock) and idempotency keys',
  sqlite: `
  -- Facts about the store: data_key_check, clock_seen_at, clock_hold.
  CREATE TABLE store_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );

  -- One row per (user, idempotency key): claimed inside the call's first write transaction, the
  -- sealed result added when the call answers. Kept two days (pruned by created_at).
  CREATE TABLE idempotency_keys (
    user_id TEXT NOT NULL,
    key TEXT NOT NULL,
    channel TEXT NOT NULL,
    input_hash TEXT NOT NULL,
    attempt TEXT NOT NULL,
    created_at TEXT NOT NULL,
    result_sealed BLOB,
    PRIMARY KEY (user_id, key)
  );
  CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
`,
  postgres: `
  -- Facts about the store: data_key_check, clock_seen_at, clock_hold.
  CREATE TABLE store_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );

  -- One row per (user, idempotency key): claimed inside the call's first write transaction, the
  -- sealed result added when the call answers. Kept two days (pruned by created_at).
  CREATE TABLE idempotency_keys (
    user_id TEXT NOT NULL,
    key TEXT NOT NULL,
    channel TEXT NOT NULL,
    input_hash TEXT NOT NULL,
    attempt TEXT NOT NULL,
    created_at TEXT NOT NULL,
    result_sealed BYTEA,
    PRIMARY KEY (user_id, key)
  );
  CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
`,
};
