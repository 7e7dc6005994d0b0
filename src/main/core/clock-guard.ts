/**
 * The clock is not trusted blindly. The store remembers the newest instant it has seen (the last
 * audit entry, and a mark the running jobs move forward); a clock more than a day behind it, or more
 * than a week ahead of it, is reported to the Admin (audit + `clock.status`) and holds the
 * destructive jobs — the retention purge and backup pruning — until the Admin confirms the clock
 * (`clock.confirm`). While the host runs, a wall clock that jumps more than a day against the
 * process's monotonic clock raises the same hold.
 */
import type { ClockHold } from '../../shared/domain/clock';
import type { Clock } from './clock';
import { fail } from './failure';
import type { Logger } from './logger';
import { type Db, inTransaction } from './store/db';
import { writeAudit } from './store/repos/audit';
import { deleteMeta, readMeta, writeMeta } from './store/repos/store-meta';

const DAY = 24 * 3_600_000;
export const CLOCK_BEHIND_LIMIT_MS = DAY;
export const CLOCK_AHEAD_LIMIT_MS = 7 * DAY;

export async function clockHold(db: Db): Promise<ClockHold | null> {
  const raw = await readMeta(db, 'clock_hold');
  return raw ? (JSON.parse(raw) as ClockHold) : null;
}

/** The newest instant the store has written: the mark the jobs keep, or the last audit entry's time. */
export async function newestWrittenInstant(db: Db): Promise<string | null> {
  const mark = await readMeta(db, 'clock_seen_at');
  const last = (await db.prepare('SELECT at FROM audit_log ORDER BY seq DESC LIMIT 1').pluck().get()) as
    string | undefined;
  if (!mark) return last ?? null;
  if (!last) return mark;
  return Date.parse(mark) >= Date.parse(last) ? mark : last;
}

async function raise(db: Db, hold: ClockHold, logger: Logger): Promise<ClockHold> {
  await inTransaction(db, async () => {
    await writeMeta(db, 'clock_hold', JSON.stringify(hold), hold.observedAt);
    await writeAudit(db, {
      at: hold.observedAt,
      userId: null,
      action: 'clock.suspect',
      entity: 'clock',
      entityId: null,
      detail: { ...hold },
    });
  });
  logger.info(
    `Jam komputer ${hold.kind === 'behind' ? 'mundur' : 'maju'} jauh dari catatan terakhir (${hold.reference} → ${hold.observedAt}); penghapusan data terjadwal ditahan sampai Admin TTE memastikan jam.`,
  );
  return hold;
}

/** At start: compares the clock with the store; returns the hold in force (new or still unconfirmed). */
export async function checkClockAtStart(db: Db, clock: Clock, logger: Logger): Promise<ClockHold | null> {
  const existing = await clockHold(db);
  if (existing) return existing;
  const now = clock.now();
  const reference = await newestWrittenInstant(db);
  if (reference) {
    const gap = now.getTime() - Date.parse(reference);
    if (gap < -CLOCK_BEHIND_LIMIT_MS)
      return await raise(db, { kind: 'behind', observedAt: now.toISOString(), reference, source: 'start' }, logger);
    if (gap > CLOCK_AHEAD_LIMIT_MS)
      return await raise(db, { kind: 'ahead', observedAt: now.toISOString(), reference, source: 'start' }, logger);
  }
  await markSeen(db, now);
  return null;
}

/** Moves the mark forward (never back), unless a hold is in force. */
export async function markSeen(db: Db, now: Date): Promise<void> {
  if (await clockHold(db)) return;
  const mark = await readMeta(db, 'clock_seen_at');
  if (!mark || Date.parse(mark) < now.getTime())
    await writeMeta(db, 'clock_seen_at', now.toISOString(), now.toISOString());
}

/** Watches the wall clock against the monotonic one between job ticks. */
export class ClockWatch {
  private last: { wall: number; mono: number } | null = null;
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly monotonic: () => number = () => performance.now(),
  ) {}

  async tick(): Promise<void> {
    const wall = this.clock.now().getTime();
    const mono = this.monotonic();
    const last = this.last;
    this.last = { wall, mono };
    if (last && !(await clockHold(this.db))) {
      const drift = wall - last.wall - (mono - last.mono);
      if (Math.abs(drift) > CLOCK_BEHIND_LIMIT_MS) {
        await raise(
          this.db,
          {
            kind: drift < 0 ? 'behind' : 'ahead',
            observedAt: new Date(wall).toISOString(),
            reference: new Date(last.wall).toISOString(),
            source: 'running',
          },
          this.logger,
        );
        return;
      }
    }
    await markSeen(this.db, new Date(wall));
  }
}

/** For destructive work started by a person: refused while the clock is unconfirmed. */
export async function requireTrustedClock(db: Db): Promise<void> {
  if (await clockHold(db)) fail('CLOCK_UNCONFIRMED');
}

/** The Admin says the clock is right now: the hold ends and the mark restarts from now. */
export async function confirmClock(db: Db, now: Date, userId: string): Promise<ClockHold | null> {
  const hold = await clockHold(db);
  await inTransaction(db, async () => {
    await deleteMeta(db, 'clock_hold');
    await writeMeta(db, 'clock_seen_at', now.toISOString(), now.toISOString());
    await writeAudit(db, {
      at: now.toISOString(),
      userId,
      action: 'clock.confirmed',
      entity: 'clock',
      entityId: null,
      detail: { hold, confirmedAt: now.toISOString() },
    });
  });
  return hold;
}
