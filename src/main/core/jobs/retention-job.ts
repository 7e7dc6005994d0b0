/**
 * The daily retention purge while a host runs: once at start, then on a timer (elapsed time, not the
 * wall clock); a failure is logged, never thrown. Held while the clock is unconfirmed (clock-guard.ts).
 */
import { clockHold, ClockWatch } from '../clock-guard';
import type { Services } from '../context';
import type { Logger } from '../logger';
import { runRetentionPurge } from '../services/retention';

export const RETENTION_EVERY_MS = 24 * 60 * 60 * 1000;

export interface RetentionJob {
  stop(): void;
}

export async function startRetentionJob(
  services: Services,
  logger: Logger,
  everyMs: number = RETENTION_EVERY_MS,
): Promise<RetentionJob> {
  const watch = new ClockWatch(services.db, services.clock, logger);
  const run = async () => {
    try {
      await watch.tick();
      if (await clockHold(services.db)) {
        logger.info('retensi ditahan: jam komputer belum dipastikan Admin TTE');
        return;
      }
      const result = await runRetentionPurge(services, null);
      if (result.applications > 0)
        logger.info(
          `retensi: berkas ${result.applications} permohonan dihapus (${result.documents} dokumen, ${result.bytes} byte)`,
        );
    } catch (error) {
      logger.error('retention purge failed', error);
    }
  };
  await run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
