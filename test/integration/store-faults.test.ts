/**
 * Faults give clear errors, not stack traces, and leave nothing half-written: a full disk (a real
 * small tmpfs when the test may mount, and SQLite's own page limit either way) answers DISK_FULL; a
 * read-only data folder refuses to start with DATA_DIR_READ_ONLY; a damaged page is found by the
 * start-up quick_check (DATABASE_CORRUPT, naming the latest backup) before anything is written.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';

import { type Core, createCore } from '../../src/main/core/app';
import { ManualClock } from '../../src/main/core/clock';
import { StaticKeyProvider } from '../../src/main/core/crypto/key-provider';
import { Failure } from '../../src/main/core/failure';
import {
  assertIndonesianMessage,
  call,
  countRows,
  createStaff,
  errorOf,
  setupOffice,
  START,
  TEST_PASSWORD_COST,
  unwrap,
  validIntake,
} from '../helpers/core-fixture';

const KEY = Buffer.alloc(32, 9);
const cleanups: (() => unknown)[] = [];

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'loket-faults-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A tmpfs of `size` mounted on a fresh folder, or null when this process may not mount. */
function tmpfs(size: string): string | null {
  if (process.getuid?.() !== 0) return null;
  const dir = tempDir();
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    return null;
  }
  cleanups.push(() => execFileSync('umount', ['-l', dir], { stdio: 'ignore' }));
  return dir;
}

const logger = { info: () => {}, error: () => {} };
const open = async (dir: string): Promise<Core> =>
  await createCore({
    dbPath: join(dir, 'loket-tte.sqlite'),
    keyProvider: new StaticKeyProvider(KEY),
    clock: new ManualClock(START),
    logger,
    passwordCost: TEST_PASSWORD_COST,
  });

async function startFailure(dir: string): Promise<Failure> {
  try {
    await (await open(dir)).close();
  } catch (error) {
    if (error instanceof Failure) return error;
    throw error;
  }
  throw new Error('the core started');
}

async function office(core: Core) {
  const admin = await setupOffice(core, 'trenggalek-2024');
  return { admin, staff: await createStaff(core, admin.token) };
}

describe('a full disk', () => {
  it('SQLite at its page limit: the intake is DISK_FULL, nothing half-written, and works once there is room', async () => {
    const core = await open(tempDir());
    cleanups.push(async () => await core.close());
    const { staff } = await office(core);
    const before = await countRows(core.db);
    await core.db.exec('VACUUM'); // no free pages left to reuse
    const pages = core.db.sqlite!.pragma('page_count', { simple: true }) as number;
    core.db.sqlite!.pragma(`max_page_count = ${pages}`);
    // A letter large enough to need new pages (a small one fits in the free room of existing pages).
    const large = validIntake('trenggalek-2024', { pdfMarker: 'Surat '.repeat(40_000) });
    const result = await call(core, 'applications.create', large, staff.tokens.verifikator);
    errorOf(result, 'DISK_FULL');
    expect(await countRows(core.db)).toEqual(before);
    core.db.sqlite!.pragma('max_page_count = 1073741823');
    unwrap(await call(core, 'applications.create', validIntake('trenggalek-2024'), staff.tokens.verifikator));
  });

  it('a real filesystem with no space left (tmpfs): DISK_FULL, and nothing half-written', async (context) => {
    const dir = tmpfs('3m');
    if (!dir) return context.skip();
    const core = await open(dir);
    cleanups.push(async () => await core.close());
    const { staff } = await office(core);
    const before = await countRows(core.db);
    // Fill what is left of the disk.
    const filler = openSync(join(dir, 'filler'), 'w');
    const chunk = Buffer.alloc(64 * 1024, 1);
    try {
      for (;;) writeSync(filler, chunk);
    } catch (error) {
      expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
    } finally {
      closeSync(filler);
    }
    const result = await call(core, 'applications.create', validIntake('trenggalek-2024'), staff.tokens.verifikator);
    errorOf(result, 'DISK_FULL');
    expect(await countRows(core.db)).toEqual(before);
    expect(core.db.sqlite!.pragma('integrity_check', { simple: true })).toBe('ok');
    rmSync(join(dir, 'filler'));
    unwrap(await call(core, 'applications.create', validIntake('trenggalek-2024'), staff.tokens.verifikator));
  });
});

describe('a read-only data folder', () => {
  it('refuses to start with DATA_DIR_READ_ONLY and an Indonesian message, not a raw SQLITE_CANTOPEN', async () => {
    const mounted = tmpfs('8m');
    const dir = mounted ?? tempDir();
    const core = await open(dir);
    await office(core);
    await core.close();
    if (mounted) execFileSync('mount', ['-o', 'remount,ro', mounted]);
    else {
      // Without mounting: permissions (only meaningful for a non-root user).
      chmodSync(dir, 0o500);
      cleanups.push(() => chmodSync(dir, 0o700));
    }
    const error = await startFailure(dir);
    expect(error.code).toBe('DATA_DIR_READ_ONLY');
    expect(error.message).toContain(dir);
    assertIndonesianMessage({ code: error.code, message: error.message });
  });
});

describe('a damaged page', () => {
  it('is found at start (quick_check): DATABASE_CORRUPT names the latest backup, and nothing is written', async () => {
    const dir = tempDir();
    const backups = join(dir, 'cadangan');
    mkdirSync(backups, { mode: 0o700 });
    const core = await open(dir);
    const { admin, staff } = await office(core);
    unwrap(await call(core, 'applications.create', validIntake('trenggalek-2024'), staff.tokens.verifikator));
    unwrap(await call(core, 'backup.update', { directory: backups, everyHours: 24, keep: 7 }, admin.token));
    const backup = unwrap(await call(core, 'backup.run', {}, admin.token));
    expect(backup.status).toBe('ok');
    await core.close();
    // Scribble over the first page of the documents table's b-tree.
    const dbPath = join(dir, 'loket-tte.sqlite');
    const peek = new Database(dbPath, { readonly: true });
    const root = peek.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'documents'").pluck().get() as number;
    const pageSize = peek.pragma('page_size', { simple: true }) as number;
    peek.close();
    const fd = openSync(dbPath, 'r+');
    writeSync(fd, Buffer.alloc(64, 0xee), 0, 64, (root - 1) * pageSize);
    closeSync(fd);
    const damaged = readFileSync(dbPath);

    const error = await startFailure(dir);
    expect(error.code).toBe('DATABASE_CORRUPT');
    expect(error.message).toContain(backup.fileName);
    expect(error.message).toContain('backup:restore');
    assertIndonesianMessage({ code: error.code, message: error.message });
    expect(readFileSync(dbPath).equals(damaged)).toBe(true);
  });
});
