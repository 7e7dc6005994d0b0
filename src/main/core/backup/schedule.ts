/**
 * Scheduled backups while a host runs: a timer checks every few minutes (and shortly after start)
 * whether the newest good backup is older than the Admin's interval, and makes one if so. A failed
 * attempt is retried after an hour at the earliest, so a missing USB disk does not flood the log.
 */
import type { BackupLogEntry } from '../../../shared/domain/backups';
import type { Services } from '../context';
import type { Logger } from '../logger';
import { backupRunning, effectiveBackupSettings, runBackup } from '../services/backups';
import type { Db } from '../store/db';
import { lastOkBackupAt } from '../store/repos/backups';

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

function lastFailedAt(db: Db): string | null {
  return (
    db.prepare("SELECT MAX(at) AS at FROM backup_log WHERE status = 'failed' AND trigger = 'scheduled'").get() as {
      at: string | null;
    }
  ).at;
}

export function backupDue(db: Db, now: Date): boolean {
  const { everyHours } = effectiveBackupSettings(db);
  if (everyHours <= 0) return false;
  const lastOk = lastOkBackupAt(db);
  if (lastOk && now.getTime() - Date.parse(lastOk) < everyHours * HOUR) return false;
  const failed = lastFailedAt(db);
  if (failed && (!lastOk || failed > lastOk) && now.getTime() - Date.parse(failed) < HOUR) return false;
  return true;
}

export function startBackupSchedule(
  services: Services,
  logger: Logger,
  options: BackupScheduleOptions = {},
): BackupSchedule {
  let current: Promise<BackupLogEntry | null> = Promise.resolve(null);
  let stopped = false;

  async function check(): Promise<BackupLogEntry | null> {
    if (stopped || backupRunning(services.db) || !backupDue(services.db, services.clock.now())) return null;
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
