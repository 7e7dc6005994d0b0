/**
 * Opens the core's store on PostgreSQL: the pool, one office server owning the database (a
 * session advisory lock held on its own connection for the core's life — the PostgreSQL form of
 * the SQLite file's `<db>.lock`), then the migrations. What SQLite needs at open (file modes, WAL,
 * quick_check) is the database server's business here.
 */
import pg from 'pg';

import { Failure } from '../../failure';
import type { StoreLock } from '../lock';
import { migratePostgres } from './migrate';
import { PgStore, withoutPassword } from './pg-store';

export interface PostgresTarget {
  /** postgresql://user[:password]@host[:port]/database, or a local socket: postgresql://user@/db?host=/run/postgresql */
  url: string;
  /** Server settings for every connection, e.g. `-c search_path=office_a` (one schema per office). */
  options?: string;
}

/** The session lock one office server holds: "LOKET" + 1, scoped to the schema the office lives in. */
const OWNER_LOCK_SQL = "SELECT pg_try_advisory_lock(1280264005, hashtext(current_schema())) AS taken";

async function takeOwnerLock(target: PostgresTarget): Promise<StoreLock> {
  const client = new pg.Client({
    connectionString: target.url,
    ...(target.options ? { options: target.options } : {}),
  });
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
  // Ended with the client: PostgreSQL drops a session's advisory locks when its connection closes.
  return { release: () => void client.end().catch(() => undefined) };
}

export async function openPostgresStore(target: PostgresTarget): Promise<{ db: PgStore; lock: StoreLock }> {
  const lock = await takeOwnerLock(target);
  const db = PgStore.open(target.url, target.options ? { options: target.options } : {});
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
