/**
 * Every mutating call is safe to retry: a call that carries an idempotency key (the renderer's
 * api.ts sends one per user action; a desk on the office network retries with it) runs once per
 * (user, key). Its key is claimed inside its first write transaction (store/write-claim.ts) and its
 * result is kept, sealed, for two days; a repeat — concurrent or later — gets the first result and
 * writes nothing. The same key with another channel or input is refused.
 */
import { createHash, randomUUID } from 'node:crypto';

import type { ChannelName } from '../../shared/contract/channel-names';
import type { Result } from '../../shared/contract/result';
import type { Clock } from './clock';
import { openText, sealText } from './crypto/aead';
import type { Logger } from './logger';
import type { Db } from './store/db';
import { runWithClaim } from './store/write-claim';

/** Channels that only read (a view may still be audited): never stored, a key is ignored. */
export const READ_ONLY_CHANNELS: ReadonlySet<ChannelName> = new Set<ChannelName>([
  'setup.status',
  'auth.me',
  'office.get',
  'sop.list',
  'users.list',
  'applications.list',
  'applications.get',
  'documents.get',
  'holders.list',
  'holders.refreshProgress',
  'bsre.status',
  'bsre.getSettings',
  'bsre.testConnection',
  'bsre.checkNik',
  'identity.get',
  'identity.checkFrame',
  'training.state',
  'queue.list',
  'dashboard.get',
  'holders.importPreview',
  'holders.importProgress',
  'holders.export',
  'holders.renewalDraft',
  'reports.facilitation',
  'reports.facilitationFile',
  'printables.get',
  'messages.compose',
  'messages.log',
  'messages.getSmtp',
  'retention.get',
  'retention.log',
  'privacy.export',
  'backup.get',
  'backup.list',
  'clock.status',
  'network.status',
  'network.devices',
]);

/** Sign-in channels carry session tokens: they are never stored, and need no key. */
const NEVER_STORED: ReadonlySet<string> = new Set([
  'setup.initialize',
  'auth.login',
  'auth.logout',
  'auth.lock',
  'auth.unlock',
]);

export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{16,128}$/;
export const KEEP_RESULTS_MS = 2 * 24 * 3_600_000;

export const usesIdempotency = (channel: string): boolean =>
  !READ_ONLY_CHANNELS.has(channel as ChannelName) && !NEVER_STORED.has(channel);

interface StoredCall {
  channel: string;
  input_hash: string;
  result_sealed: Buffer | null;
}

const ad = (userId: string, key: string) => `idempotency:${userId}:${key}`;
const hashOf = (channel: string, input: unknown) =>
  createHash('sha256')
    .update(channel)
    .update('\u0000')
    .update(JSON.stringify(input ?? null))
    .digest('hex');

export interface IdempotencyDeps {
  db: Db;
  dataKey: Buffer;
  clock: Clock;
  logger: Logger;
}

export type Refusal = (code: 'IDEMPOTENCY_KEY_REUSED' | 'ALREADY_SAVED') => Result<never>;

export function createIdempotency(deps: IdempotencyDeps, refuse: Refusal) {
  const inFlight = new Map<string, { hash: string; result: Promise<Result<unknown>> }>();

  async function save(
    userId: string,
    key: string,
    channel: string,
    hash: string,
    attempt: string,
    value: unknown,
  ): Promise<void> {
    const at = deps.clock.now();
    const sealed = sealText(deps.dataKey, JSON.stringify(value ?? null), ad(userId, key));
    await deps.db
      .prepare(
        `INSERT INTO idempotency_keys (user_id, key, channel, input_hash, attempt, created_at, result_sealed)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (user_id, key) DO UPDATE SET result_sealed = excluded.result_sealed
         WHERE idempotency_keys.attempt = excluded.attempt`,
      )
      .run(userId, key, channel, hash, attempt, at.toISOString(), sealed);
    await deps.db
      .prepare('DELETE FROM idempotency_keys WHERE created_at < ?')
      .run(new Date(at.getTime() - KEEP_RESULTS_MS).toISOString());
  }

  return async function once(
    channel: string,
    input: unknown,
    userId: string,
    key: string,
    execute: () => Promise<Result<unknown>>,
  ): Promise<Result<unknown>> {
    const id = `${userId}\u0000${key}`;
    const hash = hashOf(channel, input);
    const running = inFlight.get(id);
    if (running) return running.hash === hash ? running.result : refuse('IDEMPOTENCY_KEY_REUSED');
    // Registered before the first await: a second identical call arriving meanwhile joins this one.
    const result = (async (): Promise<Result<unknown>> => {
      const stored = (await deps.db
        .prepare('SELECT channel, input_hash, result_sealed FROM idempotency_keys WHERE user_id = ? AND key = ?')
        .get(userId, key)) as StoredCall | undefined;
      if (stored) {
        if (stored.channel !== channel || stored.input_hash !== hash) return refuse('IDEMPOTENCY_KEY_REUSED');
        if (!stored.result_sealed) return refuse('ALREADY_SAVED');
        return {
          ok: true,
          value: JSON.parse(openText(deps.dataKey, stored.result_sealed, ad(userId, key))) as unknown,
        };
      }
      const attempt = randomUUID();
      const claim = { db: deps.db, userId, key, channel, inputHash: hash, attempt, at: deps.clock.now().toISOString() };
      const r = await runWithClaim(claim, execute);
      if (r.ok) {
        try {
          await save(userId, key, channel, hash, attempt, r.value);
        } catch (error) {
          deps.logger.error(`idempotency result of ${channel} not kept`, error);
        }
      }
      return r;
    })();
    inFlight.set(id, { hash, result });
    try {
      return await result;
    } finally {
      inFlight.delete(id);
    }
  };
}
