/**
 * Scheduled backups while a host runs: a timer checks every few minutes (and shortly after start)
 * whether the newest good backup is older than the Admin's interval, and makes one if so. A failed
 * attempt is retried after an hour at the earliest, so a missing USB disk does not flood the log.
 * "Newest" is the last one written (not the latest time stamped): a backup stamped in the future by
 * a clock that was later moved back counts as of unknown age, so the next check makes a fresh one.
 */
import type { BackupLogEntry } from '../../../shared/domain/backups';
import { ClockWatch } from '../clock-guard';
import type { Services } from '../context';
import type { Logger } from '../logger';
import { backupRunning, effectiveBackupSettings, runBackup } from '../services/backups';
import type { Db } from '../store/db';

export interface BackupScheduleOptions {
  checkEveryMs?: number;
  firstCheckMs?: number;
}

export interface BackupSchedule {
  /** One check: makes a backup when due; null when not due or one is already running. */
  runIfDue(): Promise<BackupLogEntry | null>;
  stop(): Promise<void>;
}

const HOUR = 3_600_000;

/** The last written log row of that kind (by insertion order), with its rowid. */
async function lastLogged(db: Db, where: string): Promise<{ at: string; rowid: number } | null> {
  return (
    ((await db.prepare(`SELECT at, rowid FROM backup_log WHERE ${where} ORDER BY rowid DESC LIMIT 1`).get()) as
      { at: string; rowid: number } | undefined) ?? null
  );
}

/** How long ago `at` was; Infinity when it lies in the future (the clock was moved back since). */
const ageOf = (now: Date, at: string): number => {
  const age = now.getTime() - Date.parse(at);
  return age < 0 ? Number.POSITIVE_INFINITY : age;
};

export async function backupDue(services: Pick<Services, 'db' | 'dataDir'>, now: Date): Promise<boolean> {
  const { db } = services;
  const { everyHours } = await effectiveBackupSettings(services);
  if (everyHours <= 0) return false;
  const lastOk = await lastLogged(db, "status = 'ok'");
  if (lastOk && ageOf(now, lastOk.at) < everyHours * HOUR) return false;
  const failed = await lastLogged(db, "status = 'failed' AND trigger = 'scheduled'");
  if (failed && (!lastOk || failed.rowid > lastOk.rowid) && ageOf(now, failed.at) < HOUR) return false;
  return true;
}

export function startBackupSchedule(
  services: Services,
  logger: Logger,
  options: BackupScheduleOptions = {},
): BackupSchedule {
  let current: Promise<BackupLogEntry | null> = Promise.resolve(null);
  let stopped = false;
  const watch = new ClockWatch(services.db, services.clock, logger);

  async function check(): Promise<BackupLogEntry | null> {
    if (!stopped) await watch.tick();
    if (stopped || backupRunning(services.db) || !(await backupDue(services, services.clock.now()))) return null;
    const entry = await runBackup(services, 'scheduled', null);
    if (entry.status === 'failed') logger.info(`Pencadangan terjadwal gagal: ${entry.error ?? ''}`);
    return entry;
  }

  const tick = () => {
    current = check().catch((error: unknown) => {
      logger.error('scheduled backup failed', error);
      return null;
    });
    return current;
  };
  const first = setTimeout(() => void tick(), options.firstCheckMs ?? 60_000);
  const timer = setInterval(() => void tick(), options.checkEveryMs ?? 5 * 60_000);
  first.unref();
  timer.unref();
  return {
    runIfDue: tick,
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      await current;
    },
  };
}
