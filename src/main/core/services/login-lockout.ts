/**
 * Login lockout: five failed attempts for one username within 15 minutes lock it for 15 minutes,
 * whether the attempts came from the sign-in screen or the idle-lock screen, and whether or not the
 * username exists (so the lock reveals nothing). Every failure and every lock is audited.
 */
import { TIME_ZONES, type TimeZoneLabel } from '../../../shared/domain/office';
import type { Db } from '../store/db';
import { inTransaction } from '../store/db';
import { writeAudit } from '../store/repos/audit';
import { clearThrottle, pruneThrottle, readThrottle, saveThrottle } from '../store/repos/login-throttle';

export const LOCKOUT = { maxFailures: 5, windowMinutes: 15, lockMinutes: 15 } as const;

const MINUTE = 60_000;

/** Until when the username is locked, or null. */
export async function lockedUntil(db: Db, username: string, now: Date): Promise<Date | null> {
  const until = (await readThrottle(db, username))?.lockedUntil;
  return until && new Date(until) > now ? new Date(until) : null;
}

export interface FailureOutcome {
  failures: number;
  lockedUntil: Date | null;
}

export interface FailedAttempt {
  username: string;
  userId: string | null;
  /** 'auth.login' or 'auth.unlock': the audit actions become `<source>_failed` and `<source>_locked`. */
  source: 'auth.login' | 'auth.unlock';
}

/** Counts one failure, locks on the fifth in the window, and audits both — in one transaction. */
export async function recordFailure(db: Db, attempt: FailedAttempt, now: Date): Promise<FailureOutcome> {
  return await inTransaction(db, async () => {
    const at = now.toISOString();
    await pruneThrottle(db, new Date(now.getTime() - 24 * 60 * MINUTE).toISOString());
    const current = await readThrottle(db, attempt.username);
    const windowOpen =
      current !== null &&
      now.getTime() - new Date(current.windowStartedAt).getTime() < LOCKOUT.windowMinutes * MINUTE &&
      current.lockedUntil === null;
    const failures = windowOpen ? current.failures + 1 : 1;
    const locked = failures >= LOCKOUT.maxFailures ? new Date(now.getTime() + LOCKOUT.lockMinutes * MINUTE) : null;
    await saveThrottle(db, {
      username: attempt.username,
      failures,
      windowStartedAt: windowOpen ? current.windowStartedAt : at,
      lockedUntil: locked?.toISOString() ?? null,
    });
    const base = { at, userId: attempt.userId, entity: 'user', entityId: attempt.userId };
    await writeAudit(db, { ...base, action: `${attempt.source}_failed`, detail: { username: attempt.username } });
    if (locked)
      await writeAudit(db, {
        ...base,
        action: `${attempt.source}_locked`,
        detail: { username: attempt.username, failures, lockedUntil: locked.toISOString() },
      });
    return { failures, lockedUntil: locked };
  });
}

/** An attempt made while locked: refused without checking the password, and audited. */
export async function recordRefused(db: Db, attempt: FailedAttempt, now: Date, until: Date): Promise<void> {
  await writeAudit(db, {
    at: now.toISOString(),
    userId: attempt.userId,
    action: `${attempt.source}_refused_locked`,
    entity: 'user',
    entityId: attempt.userId,
    detail: { username: attempt.username, lockedUntil: until.toISOString() },
  });
}

export async function recordSuccess(db: Db, username: string): Promise<void> {
  await clearThrottle(db, username);
}

/** "Terlalu banyak percobaan masuk. Coba lagi setelah pukul 10.45 WIB." — rounded up to the minute. */
export function lockedMessage(until: Date, zone: TimeZoneLabel): string {
  const minute = new Date(Math.ceil(until.getTime() / MINUTE) * MINUTE);
  const time = new Intl.DateTimeFormat('id-ID', {
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZone: TIME_ZONES[zone],
  })
    .format(minute)
    .replace(':', '.');
  return `Terlalu banyak percobaan masuk. Coba lagi setelah pukul ${time} ${zone}.`;
}
