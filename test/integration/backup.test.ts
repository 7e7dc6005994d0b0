/**
 * Encrypted backups on real files: a backup of an office with real applications and documents
 * holds no plaintext; restoring it gives the same records (row counts and a content hash per
 * table), integrity_check ok and a whole audit chain, readable by a core; a tampered byte, the
 * wrong key or an existing target are refused and leave nothing; keep-N pruning; the schedule
 * with the ManualClock; a missing folder is logged as failed.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createCore } from '../../src/main/core/app';
import { restoreBackup } from '../../src/main/core/backup/restore';
import { StaticKeyProvider } from '../../src/main/core/crypto/key-provider';
import { Failure } from '../../src/main/core/failure';
import { startBackupSchedule } from '../../src/main/core/jobs/backup-schedule';
import type { SessionInfo } from '../../src/shared/domain/office';
import {
  APPLICANT_NIK,
  APPLICANT_PHONE,
  applicantNik,
  auditActions,
  call,
  countRows,
  errorOf,
  makeTempCore,
  pdfBytes,
  PNG_BYTES,
  readyOffice,
  type Staff,
  STAFF_PASSWORD,
  TEST_PASSWORD_COST,
  type TestCore,
  unwrap,
  validIntake,
  walkToEnd,
} from '../helpers/core-fixture';
import { tableDigests } from '../helpers/store-digest';

const MARKER = 'RAHASIA-SURAT-PERMOHONAN-7731';
let t: TestCore;
let admin: SessionInfo;
let staff: Staff;
let appId: string;
let work: string;

const failureCode = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
    return 'ok';
  } catch (error) {
    return error instanceof Failure ? error.code : `not a Failure: ${String(error)}`;
  }
};

beforeAll(async () => {
  t = await makeTempCore();
  work = mkdtempSync(join(tmpdir(), 'loket-backup-work-'));
  const office = await readyOffice(t.core, 'trenggalek-2024');
  admin = office.admin;
  staff = office.staff;
  appId = unwrap(
    await call(
      t.core,
      'applications.create',
      validIntake('trenggalek-2024', { pdfMarker: MARKER }),
      staff.tokens.verifikator,
    ),
  ).id;
  const done = unwrap(
    await call(
      t.core,
      'applications.create',
      validIntake('trenggalek-2024', { nik: applicantNik(1) }),
      staff.tokens.verifikator,
    ),
  );
  await walkToEnd(t.core, staff, done.id, office.template, { clock: t.clock, minutesPerStep: 7 });
  unwrap(
    await call(
      t.core,
      'messages.send',
      { applicationId: appId, template: 'received', channel: 'whatsapp' },
      staff.tokens.verifikator,
    ),
  );
});

/** Fresh sessions: the tests move the clock by days. */
const adminToken = () => t.core.services.sessions.create(admin.user.id, 'admin').token;
const staffTokens = () => Object.values(staff.users).map((u) => t.core.services.sessions.create(u.id, u.role).token);

afterAll(async () => {
  await t.close();
  rmSync(work, { recursive: true, force: true });
});

describe('backup and restore', () => {
  let file: string;
  let before: ReturnType<typeof tableDigests>;

  it('"Cadangkan sekarang" writes one encrypted .lbk into <data>/backups, logs and audits it, leaves no plaintext copy', async () => {
    before = tableDigests(t.core.db.sqlite!);
    const entry = unwrap(await call(t.core, 'backup.run', {}, admin.token));
    expect(entry).toMatchObject({ status: 'ok', trigger: 'manual', error: null, byUserId: admin.user.id });
    expect(entry.fileName).toMatch(/^loket-tte-20250310-\d{6}\.lbk$/);
    file = join(t.dir, 'backups', entry.fileName);
    const bytes = readFileSync(file);
    expect(bytes.length).toBe(entry.bytes);
    const store =
      readFileSync(t.dbPath).length + (existsSync(`${t.dbPath}-wal`) ? readFileSync(`${t.dbPath}-wal`).length : 0);
    console.log(`backup: ${entry.bytes} bytes for a ${store}-byte store (file + WAL) in ${entry.durationMs} ms`);
    expect(unwrap(await call(t.core, 'backup.list', {}, admin.token))[0]).toMatchObject({
      id: entry.id,
      status: 'ok',
      fileName: entry.fileName,
    });
    expect((await auditActions(t.core.db, 'backup.created')).map((a) => a.entity_id)).toEqual([entry.id]);
    expect(readdirSync(t.dir).filter((n) => n.startsWith('.loket-backup'))).toEqual([]);
    expect(readdirSync(join(t.dir, 'backups'))).toEqual([entry.fileName]);
  });

  it('the file holds no SQLite header, NIK, phone, document marker or image bytes', () => {
    const raw = readFileSync(file);
    expect(raw.subarray(0, 8).toString('latin1')).toBe('LOKETBK1');
    for (const needle of [
      'SQLite format 3',
      APPLICANT_NIK,
      APPLICANT_PHONE,
      MARKER,
      'Budi Santoso',
      'Dinas Komunikasi',
      'audit_log',
      'CREATE TABLE',
    ]) {
      expect(raw.includes(Buffer.from(needle, 'latin1')), needle).toBe(false);
      expect(raw.includes(Buffer.from(needle, 'utf16le')), needle).toBe(false);
    }
    expect(raw.includes(PNG_BYTES.subarray(0, 16))).toBe(false);
    // Not gzip either: the compressed stream is inside the encryption.
    expect(raw.subarray(95, 98).equals(Buffer.from([0x1f, 0x8b, 0x08]))).toBe(false);
  });

  it('restores into a new file with the same records, integrity_check ok and a whole audit chain', async () => {
    const target = join(work, 'pulih.sqlite');
    const report = await restoreBackup(file, target, t.key);
    expect(report.integrity).toBe('ok');
    expect(report.audit.ok).toBe(true);
    const restored = new Database(target, { readonly: true });
    try {
      expect(tableDigests(restored)).toEqual(before);
    } finally {
      restored.close();
    }
    expect(report.counts.documents).toBeGreaterThanOrEqual(4);
    expect(report.counts.holders).toBe(1);
    expect(readdirSync(work).sort()).toEqual(['pulih.sqlite']);
  });

  it('a core opened on the restored file reads the application, its NIK and its document back', async () => {
    const target = join(work, 'pulih.sqlite');
    const core = await createCore({
      dbPath: target,
      keyProvider: new StaticKeyProvider(t.key),
      logger: { info: () => {}, error: () => {} },
      passwordCost: TEST_PASSWORD_COST,
    });
    try {
      const token = unwrap(
        await call(core, 'auth.login', { username: 'verifikator.satu', password: STAFF_PASSWORD }),
      ).token;
      const app = unwrap(await call(core, 'applications.get', { id: appId }, token));
      expect(app.applicant.nik).toBe(APPLICANT_NIK);
      expect(app.applicant.phone).toBe(APPLICANT_PHONE);
      const letter = app.documents.find((d) => d.kind === 'letter');
      const doc = unwrap(await call(core, 'documents.get', { id: letter?.id ?? '' }, token));
      expect(Buffer.from(doc.dataBase64, 'base64').equals(pdfBytes(MARKER))).toBe(true);
    } finally {
      await core.close();
    }
  });

  it('a tampered byte anywhere (body, header, tag) is refused and nothing is written', async () => {
    for (const [where, offset] of [
      ['body', 2000],
      ['created-at in the header', 15],
      ['tag', -1],
    ] as const) {
      const bad = join(work, `rusak-${where.length}.lbk`);
      const bytes = readFileSync(file);
      const at = offset < 0 ? bytes.length + offset : offset;
      bytes[at] = (bytes[at] ?? 0) ^ 0x01;
      writeFileSync(bad, bytes);
      const target = join(work, `rusak-${where.length}.sqlite`);
      expect(await failureCode(restoreBackup(bad, target, t.key)), where).toBe('BACKUP_CORRUPT');
      expect(existsSync(target), where).toBe(false);
      rmSync(bad);
    }
    expect(readdirSync(work).sort()).toEqual(['pulih.sqlite']);
  });

  it('the wrong key, a file that is not a backup, and an existing target are refused', async () => {
    const target = join(work, 'lain.sqlite');
    expect(await failureCode(restoreBackup(file, target, Buffer.alloc(32, 9)))).toBe('BACKUP_WRONG_KEY');
    expect(await failureCode(restoreBackup(t.dbPath, target, t.key))).toBe('BACKUP_NOT_A_BACKUP');
    expect(await failureCode(restoreBackup(file, join(work, 'pulih.sqlite'), t.key))).toBe('BACKUP_TARGET_EXISTS');
    expect(existsSync(target)).toBe(false);
    const forced = await restoreBackup(file, join(work, 'pulih.sqlite'), t.key, { force: true });
    expect(forced.integrity).toBe('ok');
  });

  it('npm run backup:restore restores with the key file and prints the counts; refuses an existing target', () => {
    const keyFile = join(work, 'data.key');
    writeFileSync(keyFile, t.key.toString('base64'), { mode: 0o600 });
    const target = join(work, 'cli.sqlite');
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'scripts/backup-restore.ts', ...args], { encoding: 'utf8' });
    const ok = run(file, target, '--key', keyFile);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('integrity_check: ok');
    expect(ok.stdout).toMatch(/applications\s+2\n/);
    const again = run(file, target, '--key', keyFile);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('sudah ada');
  });
});

describe('settings, pruning, schedule and failures', () => {
  it('the folder must be an absolute path to an existing, private, writable folder; refusals write nothing', async () => {
    const open = mkdtempSync(join(tmpdir(), 'loket-backup-open-'));
    chmodSync(open, 0o777);
    const rows = async () =>
      ((await t.core.db.prepare('SELECT COUNT(*) AS n FROM backup_settings').get()) as { n: number }).n;
    const before = await countRows(t.core.db);
    for (const directory of ['cadangan', '../../etc', '/', join(work, 'tidak-ada'), join(work, 'pulih.sqlite'), open]) {
      const error = errorOf(
        await call(t.core, 'backup.update', { directory, everyHours: 24, keep: 3 }, adminToken()),
        'VALIDATION_FAILED',
      );
      expect(error.fields?.directory, directory).toBeTruthy();
    }
    errorOf(
      await call(t.core, 'backup.update', { directory: work, everyHours: -1, keep: 0 }, adminToken()),
      'VALIDATION_FAILED',
    );
    for (const token of staffTokens())
      errorOf(await call(t.core, 'backup.update', { directory: work, everyHours: 24, keep: 3 }, token), 'FORBIDDEN');
    expect(await rows()).toBe(0);
    expect(await countRows(t.core.db)).toEqual(before);
    expect(unwrap(await call(t.core, 'backup.get', {}, adminToken()))).toEqual({
      directory: join(t.dir, 'backups'),
      everyHours: 24,
      keep: 14,
      saved: false,
    });
    rmSync(open, { recursive: true });
  });

  it('keeps the newest N files and nothing else in the folder is touched', async () => {
    const dir = join(work, 'usb');
    mkdirSync(dir, { mode: 0o700 });
    writeFileSync(join(dir, 'catatan.txt'), 'bukan cadangan');
    unwrap(await call(t.core, 'backup.update', { directory: dir, everyHours: 24, keep: 2 }, adminToken()));
    const names: string[] = [];
    for (let i = 0; i < 4; i++) {
      t.clock.advanceMinutes(60);
      names.push(unwrap(await call(t.core, 'backup.run', {}, adminToken())).fileName);
    }
    expect(new Set(names).size).toBe(4);
    expect(readdirSync(dir).sort()).toEqual(['catatan.txt', ...names.slice(2)].sort());
    expect((await auditActions(t.core.db, 'backup.created')).length).toBe(5);
  });

  it('two backups in the same second get distinct names', async () => {
    const a = unwrap(await call(t.core, 'backup.run', {}, adminToken()));
    const b = unwrap(await call(t.core, 'backup.run', {}, adminToken()));
    expect(b.fileName).not.toBe(a.fileName);
    expect(b.fileName.slice(0, 25)).toBe(a.fileName.slice(0, 25));
    // Both are the newest two (keep = 2): the suffix orders files of one second.
    expect(
      readdirSync(join(work, 'usb'))
        .filter((n) => n.endsWith('.lbk'))
        .sort(),
    ).toEqual([a.fileName, b.fileName].sort());
  });

  it('the schedule backs up when the last good backup is older than the interval, and not before', async () => {
    const logged: string[] = [];
    const schedule = startBackupSchedule(
      t.core.services,
      { info: (m) => void logged.push(m), error: (m) => void logged.push(m) },
      { firstCheckMs: 3_600_000, checkEveryMs: 3_600_000 },
    );
    try {
      t.clock.advanceMinutes(23 * 60);
      expect(await schedule.runIfDue()).toBeNull();
      t.clock.advanceMinutes(60);
      const entry = await schedule.runIfDue();
      expect(entry).toMatchObject({ status: 'ok', trigger: 'scheduled', byUserId: null });
      expect(unwrap(await call(t.core, 'backup.list', { limit: 1 }, adminToken()))[0]?.id).toBe(entry?.id);
      expect(await schedule.runIfDue()).toBeNull();
      unwrap(
        await call(t.core, 'backup.update', { directory: join(work, 'usb'), everyHours: 0, keep: 2 }, adminToken()),
      );
      t.clock.advanceMinutes(30 * 24 * 60);
      expect(await schedule.runIfDue()).toBeNull();
    } finally {
      await schedule.stop();
    }
    // The 30-day jump of the test clock within one run is reported as a clock jump (clock-guard.ts); nothing else is logged.
    expect(logged.filter((m) => !m.startsWith('Jam komputer'))).toEqual([]);
  });

  it('a missing folder: logged as failed with an Indonesian reason, audited, nothing left behind, no crash; the schedule retries after an hour', async () => {
    const dir = join(work, 'dicabut');
    mkdirSync(dir, { mode: 0o700 });
    unwrap(await call(t.core, 'backup.update', { directory: dir, everyHours: 1, keep: 2 }, adminToken()));
    rmSync(dir, { recursive: true });
    const entry = unwrap(await call(t.core, 'backup.run', {}, adminToken()));
    expect(entry).toMatchObject({ status: 'failed', fileName: '', bytes: 0 });
    expect(entry.error).toContain('Folder cadangan tidak ditemukan');
    expect((await auditActions(t.core.db, 'backup.failed')).map((a) => a.entity_id)).toEqual([entry.id]);
    expect(readdirSync(t.dir).filter((n) => n.startsWith('.loket-backup'))).toEqual([]);

    const logged: string[] = [];
    const schedule = startBackupSchedule(
      t.core.services,
      { info: (m) => void logged.push(m), error: (m) => void logged.push(m) },
      { firstCheckMs: 3_600_000, checkEveryMs: 3_600_000 },
    );
    try {
      t.clock.advanceMinutes(120);
      expect(await schedule.runIfDue()).toMatchObject({ status: 'failed', trigger: 'scheduled' });
      t.clock.advanceMinutes(30);
      expect(await schedule.runIfDue()).toBeNull();
      t.clock.advanceMinutes(31);
      expect(await schedule.runIfDue()).toMatchObject({ status: 'failed' });
    } finally {
      await schedule.stop();
    }
    expect(logged.length).toBe(2);
    expect(t.loggedErrors).toEqual([]);
    const failed = (
      (await t.core.db.prepare("SELECT COUNT(*) AS n FROM backup_log WHERE status = 'failed'").get()) as { n: number }
    ).n;
    expect(failed).toBe(3);
  });

  it('only the Admin may see or run backups', async () => {
    for (const token of staffTokens())
      for (const channel of ['backup.get', 'backup.run', 'backup.list'] as const)
        errorOf(await call(t.core, channel, {}, token), 'FORBIDDEN');
  });
});

describe('a copy on another disk', () => {
  it('the .lbk copied elsewhere restores the same way (nothing in it depends on its folder)', async () => {
    const src = readdirSync(join(work, 'usb')).find((n) => n.endsWith('.lbk')) ?? '';
    const copy = join(work, 'salinan.lbk');
    copyFileSync(join(work, 'usb', src), copy);
    const report = await restoreBackup(copy, join(work, 'dari-salinan.sqlite'), t.key);
    expect(report.audit.ok).toBe(true);
  });
});
