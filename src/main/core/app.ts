/**
 * Builds the application core for a host: opens the store, loads the SOP templates, and returns
 * the single `dispatch` both the Electron shell and the web host call. No Electron here.
 */
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import type { Result } from '../../shared/contract/result';
import { BUILTIN_TEMPLATES } from '../../shared/sop/builtin';
import type { SopTemplate } from '../../shared/sop/template';
import { removeBackupLeftovers } from './backup/leftovers';
import { BsreRuntime, type BsreRuntimeOptions } from './bsre/runtime';
import { bindingOf, type CallOrigin } from './call-origin';
import { type Clock, systemClock } from './clock';
import { checkClockAtStart } from './clock-guard';
import type { Services } from './context';
import { hasSealedData, storedKeyCheck, verifyDataKey } from './crypto/key-check';
import type { KeyProvider } from './crypto/key-provider';
import { PASSWORD_COST, type ScryptCost } from './crypto/passwords';
import { type CallContext, createDispatch } from './dispatch';
import { ChangeBus } from './events';
import { Failure } from './failure';
import { type IdentityEngines, lazyEngines } from './identity/engines';
import { type JobOptions, type Jobs, startJobs } from './jobs';
import { consoleLogger, type Logger } from './logger';
import type { RuntimeAssets } from './runtime-assets';
import { effectiveBackupSettings } from './services/backups';
import { RecapRefresher } from './services/recap-refresh';
import { SourceThrottle } from './services/source-throttle';
import { SessionStore } from './sessions';
import { corruptMessage } from './store/corrupt';
import { type Db, openDatabase } from './store/db';
import { openFault } from './store/faults';
import { acquireStoreLock, type StoreLock } from './store/lock';
import { openPostgresStore, type PostgresTarget } from './store/postgres/open-postgres';
import { recoverInterruptedSends } from './store/repos/bsre-outbox';
import { useSqliteBinding } from './store/sqlite';
import { WorkerPool } from './workers/pool';
import { ReaderThread } from './workers/reader-thread';

export interface CoreOptions {
  /**
   * The SQLite file (the embedded default). With `postgres` set it only places the office's local
   * files — the OCR data, the default backup folder — in its folder; the records live in PostgreSQL.
   */
  dbPath: string;
  /** Run the store on PostgreSQL (an office server: `--database postgres://…` / LOKET_DATABASE_URL). */
  postgres?: PostgresTarget;
  keyProvider: KeyProvider;
  clock?: Clock;
  logger?: Logger;
  templates?: readonly SopTemplate[];
  /** BSrE client tuning for tests (short timeouts, fast sleep). */
  bsre?: Pick<BsreRuntimeOptions, 'timeouts' | 'clientDeps'> & { recapIntervalMs?: number };
  /** KTP OCR and face match; by default loaded on first use from the bundled models. */
  identity?: IdentityEngines;
  /** Where the engines' files are (the packaged app's app.asar.unpacked); default: node_modules. */
  assets?: RuntimeAssets;
  /**
   * scrypt cost of new password hashes. Production never sets it (PASSWORD_COST, N=2^17); a test
   * passes a cheaper one explicitly to stay fast.
   */
  passwordCost?: ScryptCost;
}

export interface Core {
  dispatch(channel: string, input: unknown, ctx: CallContext): Promise<Result<unknown>>;
  /** For hosts and tests that need the store directly (backups, diagnostics). */
  readonly db: Db;
  /** Whether `token` names a signed-in session (locked or not): hosts read large bodies only then. */
  hasSession(token: string | null, origin?: CallOrigin): boolean;
  readonly services: Services;
  /** What changed, for the hosts to pass on to every window, desk and browser. */
  readonly events: ChangeBus;
  /** Connects BSrE (starting the simulator in Mode Latihan), then starts the background jobs (jobs/): outbox, poller, backup schedule, daily retention purge (run once now). */
  start(options?: JobOptions): Promise<void>;
  /** Stops background work, the simulator, the engines and the worker threads, then closes the store. */
  shutdown(): Promise<void>;
  /** Closes the store at once (for hosts and tests that never called start). */
  close(): Promise<void>;
}

/** OCR and face engines are heavy (tesseract worker, tfjs wasm): started on first use, each in its own thread. */
function defaultIdentityEngines(reader: ReaderThread, assets: RuntimeAssets = {}): IdentityEngines {
  return lazyEngines({
    ocr: async () => {
      // In the reader thread: the card locator and preprocessing are pixel loops in JavaScript.
      await reader.warmUp();
      return { read: (image, hints) => reader.readKtp(image, hints), close: () => undefined };
    },
    face: async () => {
      // In a worker thread: wasm inference would otherwise block the core's event loop.
      const matcher = new (await import('./face/worker-client')).FaceWorker({
        modelDir: assets.faceModelDir,
        wasmDir: assets.tfjsWasmDir,
      });
      await matcher.init();
      return matcher;
    },
    imageHeight: async (image) => (await (await import('sharp')).default(image).metadata()).height ?? 0,
    decodedSize: async (image) => {
      const [{ default: sharp }, { MAX_IMAGE_SIDE }] = await Promise.all([import('sharp'), import('./face/image')]);
      const meta = await sharp(image).metadata();
      const turned = (meta.orientation ?? 1) >= 5;
      const width = (turned ? meta.height : meta.width) ?? 0;
      const height = (turned ? meta.width : meta.height) ?? 0;
      const scale = Math.min(1, MAX_IMAGE_SIDE / Math.max(width, height, 1));
      return { width: Math.round(width * scale), height: Math.round(height * scale) };
    },
  });
}

/**
 * The store, owned by this process (lock), checked (quick_check; a damaged file names the latest
 * backup) and with the data key proven to be the one its sealed rows need.
 */
async function openStore(
  options: CoreOptions,
  logger: Logger,
  clock: Clock,
): Promise<{ db: Db; dataKey: Buffer; lock: StoreLock }> {
  const dataDir = dirname(options.dbPath);
  let lock: StoreLock | null = null;
  let db: Db | null = null;
  try {
    if (options.postgres) {
      ({ db, lock } = await openPostgresStore(options.postgres));
    } else {
      try {
        lock = acquireStoreLock(options.dbPath, 'aplikasi');
      } catch (error) {
        throw openFault(error, dataDir) ?? error;
      }
      db = openDatabase(options.dbPath, { quickCheck: true, privateFolder: true });
    }
    const expect = {
      check: await storedKeyCheck(db),
      sealedData: await hasSealedData(db),
      log: (m: string) => logger.info(m),
    };
    const dataKey = options.keyProvider.getDataKey(expect);
    if ((await verifyDataKey(db, dataKey, clock.now().toISOString())) === 'mismatch')
      throw new Failure('DATA_KEY_MISMATCH');
    return { db, dataKey, lock };
  } catch (error) {
    lock?.release();
    await db?.close();
    if (error instanceof Failure && error.code === 'DATABASE_CORRUPT') {
      logger.error(`store ${options.dbPath} is damaged`, error.message);
      throw new Failure('DATABASE_CORRUPT', corruptMessage(options.dbPath, dataDir));
    }
    throw error;
  }
}

export async function createCore(options: CoreOptions): Promise<Core> {
  if (options.assets?.sqliteBinding) useSqliteBinding(options.assets.sqliteBinding);
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? consoleLogger;
  const { db, dataKey, lock } = await openStore(options, logger, clock);
  const bsre = new BsreRuntime({ db, dataKey, clock, logger, ...options.bsre });
  const events = new ChangeBus();
  const dataDir = dirname(options.dbPath === ':memory:' ? join(tmpdir(), 'loket-tte') : options.dbPath);
  const reader = new ReaderThread({
    // The language data is unpacked beside the database: worker threads cannot read from app.asar.
    tessdataDir: join(dataDir, 'tessdata'),
    langPackagesDir: options.assets?.ocrLangPackages,
    tesseractWorker: options.assets?.tesseractWorker,
    sqliteBinding: options.assets?.sqliteBinding,
  });
  const services: Services = {
    db,
    dataDir,
    dataKey,
    clock,
    templates: options.templates ?? BUILTIN_TEMPLATES,
    sessions: new SessionStore(clock),
    bsre,
    jobs: { kick: () => undefined, runOnce: async () => undefined },
    recap: new RecapRefresher({ db, dataKey, clock, bsre, events }, logger, options.bsre?.recapIntervalMs),
    identity: options.identity ?? defaultIdentityEngines(reader, options.assets),
    reader,
    passwordCost: options.passwordCost ?? PASSWORD_COST,
    loginSources: new SourceThrottle(clock),
    events,
    network: { mode: 'single', address: null, fingerprint: null },
    // The worker threads load the same SQLite add-on as this process (the Electron ABI build in the app).
    workers: new WorkerPool({ sqliteBinding: options.assets?.sqliteBinding }),
  };
  const dispatch = createDispatch(services, logger);
  let jobs: Jobs | null = null;
  return {
    dispatch,
    db,
    hasSession(token, origin) {
      const binding = origin ? bindingOf(origin) : undefined;
      const state = services.sessions.inspect(token, Number.MAX_SAFE_INTEGER, binding).state;
      return state === 'active' || state === 'locked';
    },
    services,
    events: services.events,
    async start(jobOptions) {
      if (options.dbPath !== ':memory:')
        await removeBackupLeftovers(
          db,
          { dataDir, backupDir: (await effectiveBackupSettings(services)).directory },
          clock.now().toISOString(),
          logger,
        );
      await checkClockAtStart(db, clock, logger);
      const recovered = await recoverInterruptedSends(db, clock.now().toISOString());
      if (recovered > 0)
        logger.info(`${recovered} permintaan BSrE yang terputus akan dipastikan statusnya sebelum dikirim ulang`);
      await services.bsre.reload();
      jobs = await startJobs(services, logger, jobOptions);
      services.jobs = jobs;
    },
    async shutdown() {
      await jobs?.stop();
      await services.bsre.close();
      await services.identity.close();
      await services.reader.close();
      await services.workers.close();
      await db.close();
      lock.release();
    },
    close: async () => {
      void services.reader.close();
      void services.workers.close();
      await db.close();
      lock.release();
    },
  };
}
