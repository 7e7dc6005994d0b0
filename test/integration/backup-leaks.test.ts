/**
 * Nothing leaks on disk: every file the app writes is owner-only (0600) in owner-only folders
 * (0700), whatever the umask; a backup SIGKILLed mid-way leaves its temporary copy only inside the
 * data folder as a 0600 file, and the next start deletes it and the `.part` file, logged and audited.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { type Core, createCore } from '../../src/main/core/app';
import { ManualClock } from '../../src/main/core/clock';
import { FileKeyProvider, StaticKeyProvider } from '../../src/main/core/crypto/key-provider';
import {
  applicantNik,
  auditActions,
  call,
  createStaff,
  setupOffice,
  START,
  TEST_PASSWORD_COST,
  unwrap,
  validIntake,
} from '../helpers/core-fixture';

const posix = process.platform !== 'win32';
const modeOf = (path: string) => statSync(path).mode & 0o777;
let root: string;
let umask: number;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'loket-leaks-'));
  umask = process.umask(0o022);
});

afterEach(() => {
  process.umask(umask);
  rmSync(root, { recursive: true, force: true });
});

async function seed(core: Core, letters: number, letterBytes = 0) {
  const admin = await setupOffice(core, 'trenggalek-2024');
  const staff = await createStaff(core, admin.token);
  for (let i = 0; i < letters; i++) {
    const marker = letterBytes ? randomBytes(letterBytes).toString('base64') : undefined;
    unwrap(
      await call(
        core,
        'applications.create',
        validIntake('trenggalek-2024', { pdfMarker: marker, nik: applicantNik(i) }), // one open application per person
        staff.tokens.verifikator,
      ),
    );
  }
  return admin;
}

describe.runIf(posix)('file modes', () => {
  it('the data folder is 0700; the database, WAL, shared memory, key, backup folder and backup are owner-only', async () => {
    const dataDir = join(root, 'data');
    const logs: string[] = [];
    const core = await createCore({
      dbPath: join(dataDir, 'loket-tte.sqlite'),
      keyProvider: new FileKeyProvider(join(dataDir, 'data.key')),
      clock: new ManualClock(START),
      logger: { info: (m) => void logs.push(m), error: () => {} },
      passwordCost: TEST_PASSWORD_COST,
    });
    try {
      const admin = await seed(core, 1);
      const backup = unwrap(await call(core, 'backup.run', {}, admin.token));
      expect(backup.status).toBe('ok');
      expect(modeOf(dataDir)).toBe(0o700);
      for (const name of ['loket-tte.sqlite', 'loket-tte.sqlite-wal', 'loket-tte.sqlite-shm', 'data.key'])
        expect([name, modeOf(join(dataDir, name))]).toEqual([name, 0o600]);
      expect(modeOf(join(dataDir, 'backups'))).toBe(0o700);
      expect(modeOf(join(dataDir, 'backups', backup.fileName))).toBe(0o600);
    } finally {
      await core.close();
    }
  });
});

describe('a backup killed mid-way', () => {
  it('leaves no plaintext copy after the next start: the copy and the .part are removed, logged and audited', async () => {
    const dataDir = join(root, 'data');
    const dbPath = join(dataDir, 'loket-tte.sqlite');
    const key = randomBytes(32);
    const open = async (logs: string[] = []) =>
      await createCore({
        dbPath,
        keyProvider: new StaticKeyProvider(key),
        clock: new ManualClock(START),
        logger: { info: (m) => void logs.push(m), error: () => {} },
        passwordCost: TEST_PASSWORD_COST,
      });
    const seeded = await open();
    // Incompressible letters, so the encryption stage lasts long enough to be interrupted.
    await seed(seeded, 4, 900_000);
    await seeded.close();

    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'test/helpers/backup-and-die.ts', dbPath, key.toString('base64')],
      {
        encoding: 'utf8',
      },
    );
    expect(run.stderr).toBe('');
    expect(run.signal).toBe('SIGKILL');
    const plain = readdirSync(dataDir).filter((n) => n.startsWith('.loket-backup-'));
    const parts = readdirSync(join(dataDir, 'backups')).filter((n) => n.endsWith('.part'));
    expect(plain.length).toBeGreaterThan(0);
    expect(parts).toHaveLength(1);
    if (posix) for (const name of plain) expect(modeOf(join(dataDir, name))).toBe(0o600);

    const logs: string[] = [];
    const core = await open(logs);
    try {
      await core.start({ outboxEveryMs: 3_600_000, pollEveryMs: 3_600_000, retentionEveryMs: 3_600_000 });
      expect(readdirSync(dataDir).filter((n) => n.startsWith('.loket-backup-'))).toEqual([]);
      expect(readdirSync(join(dataDir, 'backups')).filter((n) => n.endsWith('.part'))).toEqual([]);
      expect(logs.join('\n')).toContain('Sisa pencadangan yang terputus dihapus');
      const audited = await auditActions(core.db, 'backup.leftovers_removed');
      expect(audited).toHaveLength(1);
      const detail = JSON.parse(audited[0]?.detail_json ?? '{}') as { files: string[]; bytes: number };
      expect(detail.files).toHaveLength(plain.length + 1);
      expect(detail.bytes).toBeGreaterThan(0);
    } finally {
      await core.shutdown();
    }
  });
});
