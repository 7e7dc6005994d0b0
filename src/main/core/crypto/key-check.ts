/**
 * The data key's check value, kept in the database: a keyed hash of a fixed label, so the core can
 * tell at start whether the key it was given is the one the sealed rows need — before it reads a
 * record or seals a new one under the wrong key. A store from before the check gets it on first
 * start, but only after a sealed value has been opened with the key.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

import type { Db } from '../store/db';
import { readMeta, writeMeta } from '../store/repos/store-meta';
import { open } from './aead';
import { SEALED_COLUMNS } from './sealed-columns';

export const keyCheckOf = (key: Buffer): string =>
  createHmac('sha256', key).update('loket-data-key-check-v1').digest('hex').slice(0, 32);

export function keyMatchesCheck(key: Buffer, check: string): boolean {
  const mine = Buffer.from(keyCheckOf(key), 'hex');
  const theirs = Buffer.from(check, 'hex');
  return mine.length === theirs.length && timingSafeEqual(mine, theirs);
}

/** The store's recorded check value, or null (new store, or one from before migration 8). */
export const storedKeyCheck = async (db: Db): Promise<string | null> => await readMeta(db, 'data_key_check');

/** One sealed value of the store, with its associated data, or null when nothing is sealed yet. */
async function firstSealedValue(db: Db): Promise<{ value: Buffer; ad: string } | null> {
  for (const c of SEALED_COLUMNS) {
    const cols = [...c.uses, `${c.column} AS _v`].join(', ');
    const row = (await db
      .prepare(`SELECT ${cols} FROM ${c.table} WHERE ${c.column} IS NOT NULL AND length(${c.column}) > 0 LIMIT 1`)
      .get()) as Record<string, unknown> | undefined;
    if (row) return { value: row._v as Buffer, ad: c.ad(row) };
  }
  return null;
}

export const hasSealedData = async (db: Db): Promise<boolean> =>
  (await storedKeyCheck(db)) !== null || (await firstSealedValue(db)) !== null;

export type KeyVerdict = 'ok' | 'mismatch';

/**
 * Compares `key` with the store: against the recorded check, else against a sealed value; when it
 * fits (or nothing is sealed yet) the check is recorded so every later start compares in O(1).
 */
export async function verifyDataKey(db: Db, key: Buffer, at: string): Promise<KeyVerdict> {
  const check = await storedKeyCheck(db);
  if (check !== null) return keyMatchesCheck(key, check) ? 'ok' : 'mismatch';
  const sample = await firstSealedValue(db);
  if (sample) {
    try {
      open(key, sample.value, sample.ad);
    } catch {
      return 'mismatch';
    }
  }
  await writeMeta(db, 'data_key_check', keyCheckOf(key), at);
  return 'ok';
}
