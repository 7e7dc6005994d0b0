/** What every service gets: the store, the data key, the clock, the templates and the caller. */
import type { Role } from '../../shared/domain/roles';
import type { SopTemplate } from '../../shared/sop/template';
import type { BsreRuntime } from './bsre/runtime';
import type { CallOrigin } from './call-origin';
import type { Clock } from './clock';
import type { ScryptCost } from './crypto/passwords';
import type { ChangeBus } from './events';
import type { IdentityEngines } from './identity/engines';
import type { RecapRefresher } from './services/recap-refresh';
import type { SourceThrottle } from './services/source-throttle';
import type { SessionStore } from './sessions';
import type { Db } from './store/db';
import type { WorkerPool } from './workers/pool';
import type { ReaderThread } from './workers/reader-thread';

export interface NetworkRuntime {
  mode: 'single' | 'server';
  address: string | null;
  fingerprint: string | null;
}

export interface Caller {
  userId: string;
  role: Role;
  fullName: string;
  token: string;
}

export interface Services {
  db: Db;
  /**
   * The office's own folder on this machine (the SQLite file's folder; on PostgreSQL the server's
   * data folder): the default backup folder and a backup's temporary copy live here.
   */
  dataDir: string;
  dataKey: Buffer;
  clock: Clock;
  templates: readonly SopTemplate[];
  sessions: SessionStore;
  bsre: BsreRuntime;
  /** Background work: `kick` sends the outbox now; `runOnce` runs outbox + poller and waits. */
  jobs: { kick(): void; runOnce(): Promise<void> };
  recap: RecapRefresher;
  identity: IdentityEngines;
  /** scrypt cost for new password hashes: PASSWORD_COST unless a test passes a cheaper one explicitly. */
  passwordCost: ScryptCost;
  /** Failed sign-ins per source (in memory). */
  loginSources: SourceThrottle;
  /** Announces changes to the hosts (live updates on every desk). */
  events: ChangeBus;
  /** Whether this core runs as the office server, and at which address and certificate (set by the server). */
  network: NetworkRuntime;
  /** Worker threads for heavy work (files, import parsing, backup sealing): the event loop stays free. */
  workers: WorkerPool;
  /** The reader thread: KTP cards (the default OCR engine) and intake letters are read there. */
  reader: ReaderThread;
}

export interface ServiceContext extends Services {
  /** Null only for public channels. */
  caller: Caller | null;
  /** Where the call came from (sign-in throttling per source); 'local' when the host does not say. */
  source?: string;
  /** Which desk, browser or window the call came from (sessions are bound to it at sign-in). */
  origin?: CallOrigin;
}
