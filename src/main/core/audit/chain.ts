/**
 * The audit log's hash chain: one canonical serialization and one hash, shared by the writer, the
 * migration that chains older rows and the verifier, so all three always agree on what was hashed.
 */
import { createHash } from 'node:crypto';

/** The `prev_hash` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The columns an entry's hash covers, as stored. */
export interface ChainedFields {
  seq: number;
  at: string;
  user_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  detail_json: string;
  prev_hash: string;
}

/**
 * A JSON array has one order and one escaping: the same stored values always give the same bytes.
 * The version tag lets a later scheme coexist with this one.
 */
export function canonicalEntry(e: ChainedFields): string {
  return JSON.stringify([
    'loket-audit/1',
    e.seq,
    e.at,
    e.user_id,
    e.action,
    e.entity,
    e.entity_id,
    e.detail_json,
    e.prev_hash,
  ]);
}

export function entryHash(e: ChainedFields): string {
  return createHash('sha256').update(canonicalEntry(e), 'utf8').digest('hex');
}
