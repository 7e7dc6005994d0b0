/** The daily retention purge while a host runs: once at start, then on a timer; a failure is logged, never thrown. */
import type { Services } from '../context';
import type { Logger } from '../logger';
import { runRetentionPurge } from './retention';

export const RETENTION_EVERY_MS = 24 * 60 * 60 * 1000;

export interface RetentionJob {
  stop(): void;
}

export function startRetentionJob(
  services: Services,
  logger: Logger,
  everyMs: number = RETENTION_EVERY_MS,
): RetentionJob {
  const run = () => {
    try {
      const result = runRetentionPurge(services, null);
      if (result.applications > 0)
        logger.info(
          `retensi: berkas ${result.applications} permohonan dihapus (${result.documents} dokumen, ${result.bytes} byte)`,
        );
    } catch (error) {
      logger.error('retention purge failed', error);
    }
  };
  run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
