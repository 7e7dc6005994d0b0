/**
 * A core connected to BSrE the way a host runs it (Mode Latihan: the in-process simulator), with
 * the background timers slowed down so a test drives the outbox and poller itself (`runOnce`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type Core, createCore } from '../../src/main/core/app';
import type { BsreSimulator } from '../../src/main/core/bsre/simulator';
import { ManualClock } from '../../src/main/core/clock';
import { StaticKeyProvider } from '../../src/main/core/crypto/key-provider';
import { START, TEST_PASSWORD_COST } from './core-fixture';

export interface BsreTestCore {
  core: Core;
  clock: ManualClock;
  dbPath: string;
  key: Buffer;
  sim(): BsreSimulator;
  runOnce(): Promise<void>;
  /** A second core on the same database file, as after a restart of the app. */
  restart(): Promise<BsreTestCore>;
  shutdown(): Promise<void>;
}

const SLOW = { outboxEveryMs: 3_600_000, pollEveryMs: 3_600_000 };

export async function startBsreCore(existing?: {
  dir: string;
  dbPath: string;
  key: Buffer;
  clock: ManualClock;
}): Promise<BsreTestCore & { dir: string }> {
  const dir = existing?.dir ?? mkdtempSync(join(tmpdir(), 'loket-bsre-'));
  const dbPath = existing?.dbPath ?? join(dir, 'loket.sqlite');
  const key = existing?.key ?? Buffer.alloc(32, 9);
  const clock = existing?.clock ?? new ManualClock(START);
  const logger = { info: () => undefined, error: () => undefined };
  const core = await createCore({
    dbPath,
    keyProvider: new StaticKeyProvider(key),
    clock,
    logger,
    passwordCost: TEST_PASSWORD_COST,
    bsre: {
      timeouts: { statusMs: 800, registrationMs: 800, chainMs: 800, verifyMs: 800 },
      clientDeps: { sleep: () => Promise.resolve() },
      recapIntervalMs: 0,
    },
  });
  await core.start(SLOW);
  const self = {
    core,
    clock,
    dbPath,
    key,
    dir,
    sim: () => {
      const sim = core.services.bsre.simulator();
      if (!sim) throw new Error('no simulator: not in Mode Latihan');
      return sim;
    },
    runOnce: () => core.services.jobs.runOnce(),
    restart: async () => {
      await core.shutdown();
      return startBsreCore({ dir, dbPath, key, clock });
    },
    shutdown: async () => {
      await core.shutdown().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return self;
}
