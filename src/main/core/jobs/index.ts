/**
 * One home for the core's background work while a host runs: the BSrE outbox worker and status
 * poller (bsre-jobs.ts), the daily retention purge (run once now) and the backup schedule. The core
 * starts them with one call and stops them with one call, before the store closes.
 */
import type { Services } from '../context';
import type { Logger } from '../logger';
import { type BackupScheduleOptions, startBackupSchedule } from './backup-schedule';
import { type BsreJobOptions, startBsreJobs } from './bsre-jobs';
import { startRetentionJob } from './retention-job';

export interface JobOptions extends BsreJobOptions {
  retentionEveryMs?: number;
  backup?: BackupScheduleOptions;
}

export interface Jobs {
  /** Sends what the outbox holds now (after a request was queued). */
  kick(): void;
  /** Runs the outbox and the poller once and waits for them (tests and the "check now" button). */
  runOnce(): Promise<void>;
  /** Stops every timer and waits for running passes to finish. */
  stop(): Promise<void>;
}

export async function startJobs(services: Services, logger: Logger, options: JobOptions = {}): Promise<Jobs> {
  const retention = await startRetentionJob(services, logger, options.retentionEveryMs);
  const backups = startBackupSchedule(services, logger, options.backup);
  const bsre = startBsreJobs(services, logger, options);
  return {
    kick: () => bsre.kick(),
    runOnce: () => bsre.runOnce(),
    async stop() {
      retention.stop();
      await backups.stop();
      await bsre.stop();
    },
  };
}
