/**
 * The idempotency key of the call being served, carried through the handler's awaits
 * (AsyncLocalStorage), so `inTransaction` can claim the key in the same transaction as the call's
 * first write: either the write and the claim are both committed, or neither is. A second attempt
 * with the same key — another process, or one that started before the first answered — meets the
 * claim, its transaction rolls back, and it writes nothing.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

import { Failure } from '../failure';
import type { Store } from './store';

export interface WriteClaim {
  db: Store;
  userId: string;
  key: string;
  channel: string;
  inputHash: string;
  /** Random per attempt: tells this attempt's claim from another's. */
  attempt: string;
  at: string;
  /** Set when the call has answered: work it left running (a kicked job) claims nothing more. */
  done?: boolean;
}

const current = new AsyncLocalStorage<WriteClaim>();

export async function runWithClaim<T>(claim: WriteClaim, fn: () => Promise<T>): Promise<T> {
  try {
    return await current.run(claim, fn);
  } finally {
    claim.done = true;
  }
}

/** Inside a write transaction: claims the current call's key, or refuses when another attempt holds it. */
export async function claimInTransaction(db: Store): Promise<void> {
  const claim = current.getStore();
  if (!claim || claim.db !== db || claim.done) return;
  const held = (await db
    .prepare('SELECT attempt FROM idempotency_keys WHERE user_id = ? AND key = ?')
    .pluck()
    .get(claim.userId, claim.key)) as string | undefined;
  if (held === claim.attempt) return;
  if (held !== undefined) throw new Failure('ALREADY_SAVED');
  await db
    .prepare(
      `INSERT INTO idempotency_keys (user_id, key, channel, input_hash, attempt, created_at, result_sealed)
     VALUES (?, ?, ?, ?, ?, ?, NULL)`,
    )
    .run(claim.userId, claim.key, claim.channel, claim.inputHash, claim.attempt, claim.at);
}
