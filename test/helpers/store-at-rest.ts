/**
 * What the store keeps at rest, as a thief would read it: SQLite's file and its WAL (checkpointed
 * first), or for a core on PostgreSQL a plain `pg_dump` of the office's schema (the raw scan the
 * PostgreSQL issue names; bytea appears there as hex, so `holds` looks for both spellings).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

import { findPgTool } from '../../src/main/core/backup/pg-tools';
import type { TestCore } from './core-fixture';

export function storeAtRest(t: TestCore): Buffer {
  if (!t.postgres) {
    t.core.db.sqlite!.pragma('wal_checkpoint(TRUNCATE)');
    return Buffer.concat([t.dbPath, `${t.dbPath}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f)));
  }
  const pgDump = findPgTool('pg_dump');
  if (!pgDump) throw new Error('pg_dump is not installed: the PostgreSQL suite needs the client programs');
  return execFileSync(pgDump, ['--format=plain', `--schema=${t.postgres.schema}`, `--dbname=${t.postgres.url}`], {
    maxBuffer: 512 << 20,
  });
}

/** Whether the bytes at rest hold these bytes, raw or in bytea's hex spelling. */
export function holds(atRest: Buffer, needle: Buffer | string): boolean {
  const bytes = typeof needle === 'string' ? Buffer.from(needle, 'utf8') : needle;
  return atRest.includes(bytes) || atRest.includes(Buffer.from(bytes.toString('hex')));
}
