/**
 * A 100,000-application / 100,000-holder office, seeded once per machine and copied for each test
 * file that needs it: seeding takes tens of seconds, copying a file well under one. The cached
 * file is named by a hash of the seeder and the migrations, so a schema or seeder change seeds
 * afresh; a lock file lets parallel test workers wait for the one that seeds.
 */
import { createHash } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { type Core, createCore } from '../../src/main/core/app';
import { ManualClock } from '../../src/main/core/clock';
import { StaticKeyProvider } from '../../src/main/core/crypto/key-provider';
import { type CopyReport, copySqliteToPostgres } from '../../src/main/core/store/postgres/copy-from-sqlite';
import { PgStore } from '../../src/main/core/store/postgres/pg-store';
import { openSqlite } from '../../src/main/core/store/sqlite';
import type { UserView } from '../../src/shared/domain/office';
import {
  call,
  readyOffice,
  type Staff,
  STAFF_PASSWORD,
  STAFF_ROLES,
  type StaffRole,
  TEST_PASSWORD_COST,
  unwrap,
} from './core-fixture';
import { freshPostgresSchema, TEST_ENGINE, type TestSchema } from './test-engine';
import { seedVolume, type VolumeSummary } from './volume-seed';

export const VOLUME_NOW = new Date('2026-11-20T03:00:00.000Z');
export const VOLUME_TEMPLATE = 'trenggalek-2024';
export const VOLUME_SIZE = { applications: 100_000, holders: 100_000 } as const;
const KEY = Buffer.alloc(32, 7);
const ROOT = resolve(import.meta.dirname, '../..');

export interface VolumeCore {
  core: Core;
  clock: ManualClock;
  key: Buffer;
  staff: Staff;
  /** The two verifiers the applications are spread over (the staff verifier first). */
  verifierIds: string[];
  summary: VolumeSummary;
  /** On PostgreSQL: the move's report (counts, audit chain, sealed values opened). */
  move: CopyReport | null;
  close(): Promise<void>;
}

function cacheName(): string {
  const hash = createHash('sha256');
  const migrationDir = 'src/main/core/store/migrations';
  for (const file of [
    'test/helpers/volume-seed.ts',
    'test/helpers/volume-store.ts',
    'src/main/core/store/migrations.ts',
    ...readdirSync(join(ROOT, migrationDir))
      .filter((name) => name.endsWith('.ts'))
      .sort()
      .map((name) => `${migrationDir}/${name}`),
  ]) {
    const path = join(ROOT, file);
    if (existsSync(path)) hash.update(readFileSync(path));
  }
  return `loket-volume-${hash.digest('hex').slice(0, 16)}`;
}

async function seedInto(dbPath: string): Promise<void> {
  const clock = new ManualClock(VOLUME_NOW);
  const core = await createCore({
    dbPath,
    keyProvider: new StaticKeyProvider(KEY),
    clock,
    logger: { info: () => {}, error: () => {} },
    passwordCost: TEST_PASSWORD_COST,
  });
  const { staff, admin } = await readyOffice(core, VOLUME_TEMPLATE);
  const second = unwrap(
    await call(
      core,
      'users.create',
      {
        username: 'verifikator.dua',
        fullName: 'Sri Wahyuni',
        nip: '199202022020122001',
        role: 'verifikator',
        password: STAFF_PASSWORD,
      },
      admin.token,
    ),
  );
  const summary = await seedVolume(core.db, KEY, {
    ...VOLUME_SIZE,
    now: VOLUME_NOW,
    templateId: VOLUME_TEMPLATE,
    creatorId: staff.users.verifikator.id,
    verifierIds: [staff.users.verifikator.id, second.id],
    actorIds: { kadin: staff.users.kadin.id, kabid: staff.users.kabid.id, kasi: staff.users.kasi.id },
  });
  core.db.sqlite!.pragma('wal_checkpoint(TRUNCATE)');
  await core.db.prepare('CREATE TABLE volume_summary (json TEXT NOT NULL)').run();
  await core.db.prepare('INSERT INTO volume_summary (json) VALUES (?)').run(JSON.stringify(summary));
  core.db.sqlite!.pragma('wal_checkpoint(TRUNCATE)');
  await core.close();
}

/**
 * Runs fn while holding a lock file that parallel test workers share; a lock older than 10 minutes
 * is left over from a killed run. `done` answers early (without the lock) once the work is there.
 */
async function underLock<T>(lock: string, fn: () => Promise<T>, done?: () => T | undefined): Promise<T> {
  for (;;) {
    const ready = done?.();
    if (ready !== undefined) return ready;
    let fd: number | null = null;
    try {
      fd = openSync(lock, 'wx');
    } catch {
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 600_000) rmSync(lock, { force: true });
      await new Promise((r) => setTimeout(r, 500));
      continue;
    }
    try {
      return done?.() ?? (await fn());
    } finally {
      closeSync(fd);
      rmSync(lock, { force: true });
    }
  }
}

async function ensureCache(): Promise<string> {
  const base = join(tmpdir(), cacheName());
  const file = `${base}.sqlite`;
  return await underLock(
    `${base}.lock`,
    async () => {
      const partial = `${base}.${process.pid}.partial`;
      await seedInto(partial);
      renameSync(partial, file);
      // Older caches (another seeder or schema) are half a gigabyte each: keep only this one.
      for (const name of readdirSync(tmpdir())) {
        if (name.startsWith('loket-volume-') && name.endsWith('.sqlite') && join(tmpdir(), name) !== file)
          rmSync(join(tmpdir(), name), { force: true });
      }
      rmSync(`${partial}-wal`, { force: true });
      rmSync(`${partial}-shm`, { force: true });
      return file;
    },
    () => (existsSync(file) ? file : undefined),
  );
}

/**
 * The cached office moved into a fresh PostgreSQL schema with the real move (migrate:to-postgres).
 * One move at a time across test workers: the move's VACUUM can mark pages all-visible only while
 * no other long transaction (another file's move) is open, and the plans the volume tests check
 * (index-only scans) depend on it.
 */
async function moveToPostgres(cached: string): Promise<{ schema: TestSchema; move: CopyReport; summary: string }> {
  return await underLock(`${cached}.pg-move.lock`, () => moveOnce(cached));
}

async function moveOnce(cached: string): Promise<{ schema: TestSchema; move: CopyReport; summary: string }> {
  const schema = await freshPostgresSchema();
  const source = openSqlite(cached, { readonly: true, fileMustExist: true });
  const target = PgStore.open(schema.target.url, { max: 2, schema: schema.target.schema! });
  try {
    const move = await copySqliteToPostgres(source, target, {
      dataKey: KEY,
      at: VOLUME_NOW.toISOString(),
      skip: ['volume_summary'],
    });
    const summary = (source.prepare('SELECT json FROM volume_summary').get() as { json: string }).json;
    return { schema, move, summary };
  } finally {
    source.close();
    await target.close();
  }
}

/**
 * A fresh copy of the volume office, with every staff role signed in: a copy of the cached SQLite
 * file, or (engine 'postgres', LOKET_TEST_DATABASE_URL set) the cached office moved to PostgreSQL.
 * The engine is the suite's (test-engine.ts) unless named.
 */
export async function openVolumeCore(options: { engine?: 'sqlite' | 'postgres' } = {}): Promise<VolumeCore> {
  const cached = await ensureCache();
  const dir = mkdtempSync(join(tmpdir(), 'loket-volume-it-'));
  const dbPath = join(dir, 'loket.sqlite');
  const onPostgres = (options.engine ?? TEST_ENGINE) === 'postgres' ? await moveToPostgres(cached) : null;
  if (!onPostgres) copyFileSync(cached, dbPath);
  const clock = new ManualClock(VOLUME_NOW);
  const core = await createCore({
    dbPath,
    ...(onPostgres ? { postgres: onPostgres.schema.target } : {}),
    keyProvider: new StaticKeyProvider(KEY),
    clock,
    logger: { info: () => {}, error: () => {} },
    passwordCost: TEST_PASSWORD_COST,
  });
  const tokens = {} as Record<StaffRole, string>;
  const users = {} as Record<StaffRole, UserView>;
  for (const role of STAFF_ROLES) {
    const session = unwrap(await call(core, 'auth.login', { username: `${role}.satu`, password: STAFF_PASSWORD }));
    tokens[role] = session.token;
    users[role] = session.user;
  }
  const verifierIds = (await core.db
    .prepare("SELECT id FROM users WHERE role = 'verifikator' AND active = 1 ORDER BY username DESC")
    .pluck()
    .all()) as string[];
  const summary = JSON.parse(
    onPostgres?.summary ?? ((await core.db.prepare('SELECT json FROM volume_summary').get()) as { json: string }).json,
  ) as VolumeSummary;
  return {
    core,
    clock,
    key: KEY,
    staff: { tokens, users },
    verifierIds,
    summary,
    move: onPostgres?.move ?? null,
    async close() {
      await core.close();
      await onPostgres?.schema.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
