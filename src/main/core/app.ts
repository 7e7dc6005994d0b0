/**
 * Builds the application core for a host: opens the store, loads the SOP templates, and returns
 * the single `dispatch` both the Electron shell and the web host call. No Electron here.
 */
import type { Result } from '../../shared/contract/result';
import { BUILTIN_TEMPLATES } from '../../shared/sop/builtin';
import type { SopTemplate } from '../../shared/sop/template';
import { systemClock, type Clock } from './clock';
import type { KeyProvider } from './crypto/key-provider';
import { createDispatch, type CallContext } from './dispatch';
import { consoleLogger, type Logger } from './logger';
import { SessionStore } from './sessions';
import { openDatabase, type Db } from './store/db';

export interface CoreOptions {
  dbPath: string;
  keyProvider: KeyProvider;
  clock?: Clock;
  logger?: Logger;
  templates?: readonly SopTemplate[];
}

export interface Core {
  dispatch(channel: string, input: unknown, ctx: CallContext): Promise<Result<unknown>>;
  /** For hosts and tests that need the store directly (backups, diagnostics). */
  readonly db: Db;
  close(): void;
}

export function createCore(options: CoreOptions): Core {
  const db = openDatabase(options.dbPath);
  const clock = options.clock ?? systemClock;
  const services = {
    db,
    dataKey: options.keyProvider.getDataKey(),
    clock,
    templates: options.templates ?? BUILTIN_TEMPLATES,
    sessions: new SessionStore(clock),
  };
  const dispatch = createDispatch(services, options.logger ?? consoleLogger);
  return { dispatch, db, close: () => db.close() };
}

export type { CallContext };
