/**
 * The clock is not trusted blindly. Started once with the clock a year ahead, the core purges
 * nothing (the documents of an application closed today stay), tells the Admin, and refuses a manual
 * purge until the Admin confirms the clock. Started with the clock two days behind its last backup,
 * it reports that too and still makes the scheduled backup (the future-dated one counts as of unknown
 * age) — once, not on every check. A wall clock that jumps while the host runs raises the same hold.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { type Core, createCore } from '../../src/main/core/app';
import { ManualClock } from '../../src/main/core/clock';
import { clockHold, ClockWatch } from '../../src/main/core/clock-guard';
import { StaticKeyProvider } from '../../src/main/core/crypto/key-provider';
import { backupDue, startBackupSchedule } from '../../src/main/core/jobs/backup-schedule';
import type { SessionInfo } from '../../src/shared/domain/office';
import {
  auditActions,
  call,
  createApplication,
  errorOf,
  makeTempCore,
  readyOffice,
  storeOf,
  TEST_PASSWORD_COST,
  type TestCore,
  unwrap,
  walkToEnd,
} from '../helpers/core-fixture';

const DAY_MINUTES = 24 * 60;
const quiet = { info: () => {}, error: () => {} };
const jobs = { outboxEveryMs: 3_600_000, pollEveryMs: 3_600_000, retentionEveryMs: 3_600_000 };
let t: TestCore;
let admin: SessionInfo;

beforeEach(async () => {
  t = await makeTempCore();
  const office = await readyOffice(t.core, 'trenggalek-2024');
  admin = office.admin;
  const done = await createApplication(t.core, office.staff, 'trenggalek-2024');
  await walkToEnd(t.core, office.staff, done.id, office.template, { clock: t.clock, minutesPerStep: 5 });
  unwrap(await call(t.core, 'backup.run', {}, admin.token));
  await t.core.close();
});

afterEach(async () => await t.close());

/** The same store started again with a clock at `at`. */
async function reopen(clock: ManualClock, logs: string[] = []): Promise<Core> {
  return await createCore({
    ...storeOf(t),
    keyProvider: new StaticKeyProvider(t.key),
    clock,
    logger: { info: (m) => void logs.push(m), error: () => {} },
    passwordCost: TEST_PASSWORD_COST,
  });
}

const adminSession = (core: Core) => core.services.sessions.create(admin.user.id, 'admin').token;
const purgedDocuments = async (core: Core) =>
  (await core.db.prepare('SELECT COUNT(*) FROM documents WHERE purged_at IS NOT NULL').pluck().get()) as number;

describe('a clock a year ahead at start', () => {
  it('purges nothing, reports to the Admin, refuses a manual purge until the Admin confirms', async () => {
    const ahead = new ManualClock(new Date(t.clock.now().getTime() + 365 * DAY_MINUTES * 60_000));
    const logs: string[] = [];
    const core = await reopen(ahead, logs);
    try {
      await core.start(jobs);
      expect(await purgedDocuments(core)).toBe(0);
      expect(await core.db.prepare('SELECT COUNT(*) FROM purge_log').pluck().get()).toBe(0);
      expect(logs.join('\n')).toContain('Jam komputer maju');
      const token = adminSession(core);
      const status = unwrap(await call(core, 'clock.status', {}, token));
      expect(status.hold).toMatchObject({ kind: 'ahead', source: 'start' });
      expect(await auditActions(core.db, 'clock.suspect')).toHaveLength(1);
      errorOf(await call(core, 'retention.purgeNow', {}, token), 'CLOCK_UNCONFIRMED');
      expect(await purgedDocuments(core)).toBe(0);
      // A restart with the clock still wrong keeps the hold (it is in the store, not in memory).
      await core.shutdown();
      const again = await reopen(ahead);
      try {
        await again.start(jobs);
        expect(await purgedDocuments(again)).toBe(0);
        expect((await clockHold(again.db))?.kind).toBe('ahead');
        // The Admin says the clock is right: the hold ends and the waiting purge runs.
        const confirmed = unwrap(await call(again, 'clock.confirm', {}, adminSession(again)));
        expect(confirmed.hold).toBeNull();
        expect(await purgedDocuments(again)).toBeGreaterThan(0);
        expect(await auditActions(again.db, 'clock.confirmed')).toHaveLength(1);
      } finally {
        await again.shutdown();
      }
    } finally {
      await core.close();
    }
  });
});

describe('a clock two days behind at start', () => {
  it('is reported, and the scheduled backup is still made — once — despite a last backup "in the future"', async () => {
    const behind = new ManualClock(new Date(t.clock.now().getTime() - 2 * DAY_MINUTES * 60_000));
    const logs: string[] = [];
    const core = await reopen(behind, logs);
    try {
      await core.start(jobs);
      expect(await clockHold(core.db)).toMatchObject({ kind: 'behind' });
      expect(logs.join('\n')).toContain('Jam komputer mundur');
      expect(await backupDue(core.services, behind.now())).toBe(true);
      const schedule = startBackupSchedule(core.services, quiet, { firstCheckMs: 3_600_000, checkEveryMs: 3_600_000 });
      try {
        expect(await schedule.runIfDue()).toMatchObject({ status: 'ok', trigger: 'scheduled' });
        behind.advanceMinutes(10);
        expect(await schedule.runIfDue()).toBeNull();
      } finally {
        await schedule.stop();
      }
    } finally {
      await core.shutdown();
    }
  });
});

describe('a clock that jumps while the host runs', () => {
  it('raises the hold when the wall clock moves a day more than the monotonic clock', async () => {
    const core = await reopen(new ManualClock(t.clock.now()));
    try {
      let mono = 0;
      const clock = core.services.clock as ManualClock;
      const watch = new ClockWatch(core.db, clock, quiet, () => mono);
      await watch.tick();
      mono += 5 * 60_000;
      clock.advanceMinutes(5);
      await watch.tick();
      expect(await clockHold(core.db)).toBeNull();
      mono += 5 * 60_000;
      clock.advanceMinutes(3 * DAY_MINUTES);
      await watch.tick();
      expect(await clockHold(core.db)).toMatchObject({ kind: 'ahead', source: 'running' });
    } finally {
      await core.close();
    }
  });
});
