/**
 * Opens the core's store on PostgreSQL: the pool, one office server owning the database (a
 * session advisory lock held on its own connection for the core's life — the PostgreSQL form of
 * the SQLite file's `<db>.lock`, and like it shared by the cores of one process), then the migrations. What SQLite needs at open (file modes, WAL,
 * quick_check) is the database server's business here.
 */
import pg from 'pg';

import { Failure } from '../../failure';
import type { StoreLock } from '../lock';
import { migratePostgres } from './migrate';
import { connectionOptions, PgStore, type PostgresTarget, withoutPassword } from './pg-store';

export type { PostgresTarget } from './pg-store';

/** The session lock one office server holds: "LOKET" + 1, scoped to the schema the office lives in. */
const OWNER_LOCK_SQL = 'SELECT pg_try_advisory_lock(1280264005, hashtext(current_schema())) AS taken';

/** Locks this process holds, by database and schema: a second core here shares it, as on SQLite. */
const held = new Map<string, { taken: Promise<pg.Client>; users: number }>();

async function takeOwnerLock(target: PostgresTarget): Promise<StoreLock> {
  const key = `${withoutPassword(target.url)}#${target.schema ?? ''}`;
  let entry = held.get(key);
  if (!entry) {
    entry = { taken: connectOwner(target), users: 0 };
    held.set(key, entry);
    entry.taken.catch(() => held.delete(key));
  }
  entry.users++;
  const mine = entry;
  const client = await mine.taken.catch((error: unknown) => {
    mine.users--;
    throw error;
  });
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      if (--mine.users > 0) return;
      held.delete(key);
      // PostgreSQL drops a session's advisory locks when its connection closes.
      void client.end().catch(() => undefined);
    },
  };
}

async function connectOwner(target: PostgresTarget): Promise<pg.Client> {
  const options = connectionOptions(target);
  const client = new pg.Client({ connectionString: target.url, ...(options ? { options } : {}) });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    // The reason (refused, no such database, password) without the password itself.
    throw new Failure(
      'DATABASE_UNREACHABLE',
      `Server basis data ${withoutPassword(target.url)} tidak dapat dihubungi: ${(error as Error).message}`,
    );
  }
  const taken = (await client.query<{ taken: boolean }>(OWNER_LOCK_SQL)).rows[0]?.taken === true;
  if (!taken) {
    await client.end();
    throw new Failure(
      'DATABASE_IN_USE',
      'Basis data PostgreSQL ini sedang dipakai server kantor lain. Hentikan server itu dulu, atau pakai basis data lain.',
    );
  }
  return client;
}

export async function openPostgresStore(target: PostgresTarget): Promise<{ db: PgStore; lock: StoreLock }> {
  const lock = await takeOwnerLock(target);
  const db = PgStore.open(target.url, target.schema ? { schema: target.schema } : {});
  try {
    const client = await db.pool.connect();
    try {
      await migratePostgres(client);
    } finally {
      client.release();
    }
    return { db, lock };
  } catch (error) {
    await db.close();
    lock.release();
    throw error;
  }
}
