/**
 * Builds the application core for a host: opens the store, loads the SOP templates, and returns
 * the single `dispatch` both the Electron shell and the web host call. No Electron here.
 */
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import type { Result } from '../../shared/contract/result';
import { BUILTIN_TEMPLATES } from '../../shared/sop/builtin';
import type { SopTemplate } from '../../shared/sop/template';
import { type BackupSchedule, startBackupSchedule } from './backup/schedule';
import { type Background, type BackgroundOptions, startBackground } from './bsre/background';
import { RecapRefresher } from './bsre/recap-refresh';
import { BsreRuntime, type BsreRuntimeOptions } from './bsre/runtime';
import { type Clock, systemClock } from './clock';
import type { Services } from './context';
import type { KeyProvider } from './crypto/key-provider';
import { type CallContext, createDispatch } from './dispatch';
import { type IdentityEngines, lazyEngines } from './identity/engines';
import { consoleLogger, type Logger } from './logger';
import { type RetentionJob, startRetentionJob } from './services/retention-job';
import { SessionStore } from './sessions';
import { type Db, openDatabase } from './store/db';
import { recoverInterruptedSends } from './store/repos/bsre-outbox';

export interface CoreOptions {
  dbPath: string;
  keyProvider: KeyProvider;
  clock?: Clock;
  logger?: Logger;
  templates?: readonly SopTemplate[];
  /** BSrE client tuning for tests (short timeouts, fast sleep). */
  bsre?: Pick<BsreRuntimeOptions, 'timeouts' | 'clientDeps'> & { recapIntervalMs?: number };
  /** KTP OCR and face match; by default loaded on first use from the bundled models. */
  identity?: IdentityEngines;
}

export interface Core {
  dispatch(channel: string, input: unknown, ctx: CallContext): Promise<Result<unknown>>;
  /** For hosts and tests that need the store directly (backups, diagnostics). */
  readonly db: Db;
  readonly services: Services;
  /** Connects BSrE (starting the simulator in Mode Latihan), starts the outbox worker and poller, and the daily retention purge (run once now). */
  start(options?: BackgroundOptions & { retentionEveryMs?: number }): Promise<void>;
  /** Stops background work, the simulator, then closes the store. */
  shutdown(): Promise<void>;
  /** Closes the store at once (for hosts and tests that never called start). */
  close(): void;
}

/** OCR and face engines are heavy (tesseract worker, tfjs wasm): imported and started on first use. */
function defaultIdentityEngines(dataDir: string): IdentityEngines {
  return lazyEngines({
    ocr: async () => {
      // The language data is unpacked beside the database: worker threads cannot read from app.asar.
      const ocr = new (await import('./ocr/engine')).KtpOcr({ tessdataDir: join(dataDir, 'tessdata') });
      await ocr.warmUp();
      return ocr;
    },
    face: async () => {
      // In a worker thread: wasm inference would otherwise block the core's event loop.
      const matcher = new (await import('./face/worker-client')).FaceWorker();
      await matcher.init();
      return matcher;
    },
    imageHeight: async (image) => (await (await import('sharp')).default(image).metadata()).height ?? 0,
  });
}

export function createCore(options: CoreOptions): Core {
  const db = openDatabase(options.dbPath);
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? consoleLogger;
  const dataKey = options.keyProvider.getDataKey();
  const bsre = new BsreRuntime({ db, dataKey, clock, logger, ...options.bsre });
  const services: Services = {
    db,
    dataKey,
    clock,
    templates: options.templates ?? BUILTIN_TEMPLATES,
    sessions: new SessionStore(clock),
    bsre,
    jobs: { kick: () => undefined, runOnce: async () => undefined },
    recap: new RecapRefresher({ db, dataKey, clock, bsre }, logger, options.bsre?.recapIntervalMs),
    identity:
      options.identity ??
      defaultIdentityEngines(dirname(options.dbPath === ':memory:' ? join(tmpdir(), 'loket-tte') : options.dbPath)),
  };
  const dispatch = createDispatch(services, logger);
  let background: Background | null = null;
  let retention: RetentionJob | null = null;
  let backupSchedule: BackupSchedule | null = null;
  return {
    dispatch,
    db,
    services,
    async start(backgroundOptions) {
      const recovered = recoverInterruptedSends(db, clock.now().toISOString());
      if (recovered > 0)
        logger.info(`${recovered} permintaan BSrE yang terputus akan dipastikan statusnya sebelum dikirim ulang`);
      retention = startRetentionJob(services, logger, backgroundOptions?.retentionEveryMs);
      backupSchedule = startBackupSchedule(services, logger);
      await services.bsre.reload();
      background = startBackground(services, logger, backgroundOptions);
      services.jobs = background;
    },
    async shutdown() {
      retention?.stop();
      await backupSchedule?.stop();
      await background?.stop();
      await services.bsre.close();
      await services.identity.close();
      db.close();
    },
    close: () => db.close(),
  };
}
