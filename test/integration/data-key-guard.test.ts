/**
 * The data key must match the database: a missing key file while sealed rows exist, or a wrong
 * key, refuses to start with DATA_KEY_MISMATCH (and never makes a new key over sealed data); a key
 * rotation SIGKILLed after any of its phases is finished or rolled back at the next start, with
 * every record readable; a rotation while a host holds the store is refused and changes nothing.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type Core, createCore } from '../../src/main/core/app';
import { verifyAuditChain } from '../../src/main/core/audit/verify';
import { ManualClock } from '../../src/main/core/clock';
import { FileKeyProvider, type KeyProvider, StaticKeyProvider } from '../../src/main/core/crypto/key-provider';
import { checkSealedValues } from '../../src/main/core/crypto/rotate-key';
import type { RotationPhase } from '../../src/main/core/crypto/rotate-key-files';
import { Failure } from '../../src/main/core/failure';
import {
  APPLICANT_NIK,
  call,
  createApplication,
  readyOffice,
  STAFF_PASSWORD,
  START,
  TEST_PASSWORD_COST,
  unwrap,
} from '../helpers/core-fixture';

let seedDir: string;
const made: string[] = [];

async function openCore(
  dir: string,
  keyProvider: KeyProvider = new FileKeyProvider(join(dir, 'data.key')),
  logs: string[] = [],
): Promise<Core> {
  return await createCore({
    dbPath: join(dir, 'loket-tte.sqlite'),
    keyProvider,
    clock: new ManualClock(START),
    logger: { info: (m) => void logs.push(m), error: () => {} },
    passwordCost: TEST_PASSWORD_COST,
  });
}

/** A copy of the seeded web-host data folder (database + data.key). */
function freshFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'loket-keyguard-'));
  made.push(dir);
  for (const name of ['loket-tte.sqlite', 'data.key']) copyFileSync(join(seedDir, name), join(dir, name));
  return dir;
}

const keyOf = (dir: string) => Buffer.from(readFileSync(join(dir, 'data.key'), 'utf8'), 'base64');

async function startError(open: () => Promise<Core>): Promise<Failure> {
  try {
    await (await open()).close();
  } catch (error) {
    if (error instanceof Failure) return error;
    throw error;
  }
  throw new Error('the core started');
}

/** Signs in and reads the seeded application back with its full NIK. */
async function readsEverything(core: Core): Promise<void> {
  const token = unwrap(
    await call(core, 'auth.login', { username: 'verifikator.satu', password: STAFF_PASSWORD }),
  ).token;
  const apps = unwrap(await call(core, 'applications.list', { status: 'all' }, token));
  expect(apps).toHaveLength(1);
  const app = unwrap(await call(core, 'applications.get', { id: apps[0]?.id ?? '' }, token));
  expect(app.applicant.nik).toBe(APPLICANT_NIK);
}

beforeAll(async () => {
  seedDir = mkdtempSync(join(tmpdir(), 'loket-keyguard-seed-'));
  const core = await openCore(seedDir);
  const { staff } = await readyOffice(core, 'trenggalek-2024');
  await createApplication(core, staff, 'trenggalek-2024');
  await core.close();
});

afterAll(() => {
  for (const dir of [seedDir, ...made]) rmSync(dir, { recursive: true, force: true });
});

describe('the key must match the database', () => {
  it('a missing data.key with sealed rows refuses to start and creates no new key', async () => {
    const dir = freshFolder();
    rmSync(join(dir, 'data.key'));
    const error = await startError(async () => await openCore(dir));
    expect(error.code).toBe('DATA_KEY_MISMATCH');
    expect(error.message).toContain('tidak ada');
    expect(existsSync(join(dir, 'data.key'))).toBe(false);
  });

  it('a wrong data.key refuses to start, naming a leftover key file, and writes nothing', async () => {
    const dir = freshFolder();
    const right = keyOf(dir);
    writeFileSync(join(dir, 'data.key'), randomBytes(32).toString('base64'), { mode: 0o600 });
    writeFileSync(join(dir, 'data.key.old-20250301T000000'), randomBytes(32).toString('base64'), { mode: 0o600 });
    const before = readFileSync(join(dir, 'loket-tte.sqlite'));
    const error = await startError(async () => await openCore(dir));
    expect(error.code).toBe('DATA_KEY_MISMATCH');
    expect(error.message).toContain('data.key.old-20250301T000000');
    expect(readFileSync(join(dir, 'loket-tte.sqlite')).equals(before)).toBe(true);
    // With the right key back, everything opens.
    writeFileSync(join(dir, 'data.key'), right.toString('base64'), { mode: 0o600 });
    const core = await openCore(dir);
    await core.close();
  });

  it('a wrong key from any provider is refused, also for a store from before the check value', async () => {
    const dir = freshFolder();
    const db = new Database(join(dir, 'loket-tte.sqlite'));
    db.prepare("DELETE FROM store_meta WHERE key = 'data_key_check'").run();
    db.close();
    expect((await startError(async () => await openCore(dir, new StaticKeyProvider(randomBytes(32))))).code).toBe(
      'DATA_KEY_MISMATCH',
    );
    // The right key records the check value again on its first start.
    await (await openCore(dir)).close();
    const again = new Database(join(dir, 'loket-tte.sqlite'));
    expect(again.prepare("SELECT COUNT(*) FROM store_meta WHERE key = 'data_key_check'").pluck().get()).toBe(1);
    again.close();
  });
});

describe('key rotation is crash-safe', () => {
  const phases: RotationPhase[] = ['locked', 'keys-written', 'committed', 'renamed'];
  for (const phase of phases) {
    it(`killed after "${phase}": the next start finishes or rolls back, and every record reads`, async () => {
      const dir = freshFolder();
      const oldKey = keyOf(dir);
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'test/helpers/rotate-and-die.ts', dir, phase], {
        encoding: 'utf8',
      });
      expect(run.signal).toBe('SIGKILL');
      const logs: string[] = [];
      const core = await openCore(dir, undefined, logs);
      try {
        await readsEverything(core);
        const key = keyOf(dir);
        expect(await checkSealedValues(core.db, key)).toMatchObject({ failed: 0, indexMismatches: 0 });
        expect((await verifyAuditChain(core.db)).ok).toBe(true);
        const rotated = phase === 'committed' || phase === 'renamed';
        expect(key.equals(oldKey)).toBe(!rotated);
        if (phase === 'committed') expect(logs.join('\n')).toContain('diselesaikan');
        if (phase === 'keys-written') expect(logs.join('\n')).toContain('dibatalkan');
        // No new-key file is left that could be mistaken for the current one.
        expect(readdirSync(dir).filter((n) => n.startsWith('data.key.new-'))).toEqual([]);
      } finally {
        await core.close();
      }
    });
  }

  it('is refused while a host holds the database, and changes nothing', async () => {
    const dir = freshFolder();
    const core = await openCore(dir);
    try {
      const key = keyOf(dir);
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/key-rotate.ts', '--data', dir], {
        encoding: 'utf8',
      });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('sedang dipakai');
      expect(keyOf(dir).equals(key)).toBe(true);
      expect(readdirSync(dir).filter((n) => n.startsWith('data.key'))).toEqual(['data.key']);
      expect(await checkSealedValues(core.db, key)).toMatchObject({ failed: 0 });
    } finally {
      await core.close();
    }
  });
});
