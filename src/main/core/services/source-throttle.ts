/**
 * Sign-in throttling by source, beside the per-username lockout: one source (a desk's address, a
 * local program hitting the web host) that fails 20 times in 15 minutes is refused for 15 minutes
 * before any password is hashed, so a flood costs no CPU and cannot slow the other desks. The
 * username lockout is counted per source too (login-lockout.ts), so a flood from one source cannot
 * lock the real user out at another. Kept in memory: a flood cannot restart the app. The desktop
 * app's own window ('ipc') and in-process callers ('local') are one desk: not throttled as a source
 * (that would let one person at the shared PC lock every colleague out), only per username.
 */
import type { Clock } from '../clock';

export const SOURCE_LIMIT = { maxFailures: 20, windowMinutes: 15, lockMinutes: 15 } as const;
const MINUTE = 60_000;

interface Counter {
  failures: number;
  windowStartedAt: number;
  lockedUntil: number | null;
}

const UNTHROTTLED = new Set(['ipc', 'local']);

export class SourceThrottle {
  private readonly counters = new Map<string, Counter>();
  constructor(private readonly clock: Clock) {}

  /** Until when `source` is refused, or null. */
  lockedUntil(source: string): Date | null {
    if (UNTHROTTLED.has(source)) return null;
    const c = this.counters.get(source);
    const now = this.clock.now().getTime();
    return c?.lockedUntil && c.lockedUntil > now ? new Date(c.lockedUntil) : null;
  }

  recordFailure(source: string): Date | null {
    if (UNTHROTTLED.has(source)) return null;
    const now = this.clock.now().getTime();
    if (this.counters.size > 10_000) this.prune(now);
    const c = this.counters.get(source);
    const open = c && c.lockedUntil === null && now - c.windowStartedAt < SOURCE_LIMIT.windowMinutes * MINUTE;
    const next: Counter = open
      ? { ...c, failures: c.failures + 1 }
      : { failures: 1, windowStartedAt: now, lockedUntil: null };
    if (next.failures >= SOURCE_LIMIT.maxFailures) next.lockedUntil = now + SOURCE_LIMIT.lockMinutes * MINUTE;
    this.counters.set(source, next);
    return next.lockedUntil ? new Date(next.lockedUntil) : null;
  }

  private prune(now: number): void {
    for (const [source, c] of this.counters)
      if ((c.lockedUntil ?? c.windowStartedAt + SOURCE_LIMIT.windowMinutes * MINUTE) < now)
        this.counters.delete(source);
  }
}
