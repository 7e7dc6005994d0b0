/** Failed sign-in counters per username, in the database so a lockout survives a restart of the app. */
import type { Db } from '../db';

export interface ThrottleRecord {
  username: string;
  failures: number;
  windowStartedAt: string;
  lockedUntil: string | null;
}

interface ThrottleRow {
  username: string;
  failures: number;
  window_started_at: string;
  locked_until: string | null;
}

export async function readThrottle(db: Db, username: string): Promise<ThrottleRecord | null> {
  const row = (await db.prepare('SELECT * FROM login_throttle WHERE username = ?').get(username)) as
    ThrottleRow | undefined;
  return row
    ? {
        username: row.username,
        failures: row.failures,
        windowStartedAt: row.window_started_at,
        lockedUntil: row.locked_until,
      }
    : null;
}

export async function saveThrottle(db: Db, r: ThrottleRecord): Promise<void> {
  await db
    .prepare(
      `INSERT INTO login_throttle (username, failures, window_started_at, locked_until) VALUES (?, ?, ?, ?)
     ON CONFLICT (username) DO UPDATE SET failures = excluded.failures, window_started_at = excluded.window_started_at, locked_until = excluded.locked_until`,
    )
    .run(r.username, r.failures, r.windowStartedAt, r.lockedUntil);
}

export async function clearThrottle(db: Db, username: string): Promise<void> {
  await db.prepare('DELETE FROM login_throttle WHERE username = ?').run(username);
}

/** Drops counters whose window and lock both ended before `before`, so made-up usernames do not pile up. */
export async function pruneThrottle(db: Db, before: string): Promise<void> {
  await db
    .prepare('DELETE FROM login_throttle WHERE window_started_at < ? AND (locked_until IS NULL OR locked_until < ?)')
    .run(before, before);
}
