/**
 * Pairing attempts per source address: 10 failures in 10 minutes lock that address out of `/pair`
 * for 10 minutes, so nobody on the LAN can try codes at speed. In memory: codes live 10 minutes.
 */
export const PAIRING_LIMIT = { maxFailures: 10, windowMs: 10 * 60_000, lockMs: 10 * 60_000 } as const;

interface Counter {
  failures: number;
  windowStartedAt: number;
  lockedUntil: number;
}

export class PairingThrottle {
  private readonly counters = new Map<string, Counter>();
  constructor(private readonly now: () => number = Date.now) {}

  locked(ip: string): boolean {
    const c = this.counters.get(ip);
    return !!c && c.lockedUntil > this.now();
  }

  recordFailure(ip: string): void {
    const now = this.now();
    if (this.counters.size > 10_000)
      for (const [k, c] of this.counters) if (now - c.windowStartedAt > PAIRING_LIMIT.windowMs) this.counters.delete(k);
    const c = this.counters.get(ip);
    const open = c && now - c.windowStartedAt < PAIRING_LIMIT.windowMs;
    const next = open ? { ...c, failures: c.failures + 1 } : { failures: 1, windowStartedAt: now, lockedUntil: 0 };
    if (next.failures >= PAIRING_LIMIT.maxFailures) next.lockedUntil = now + PAIRING_LIMIT.lockMs;
    this.counters.set(ip, next);
  }
}
