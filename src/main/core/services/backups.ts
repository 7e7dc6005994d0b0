/**
 * The Admin's backups: where and how often (validated so a backup can only go to a real, private
 * folder), "Cadangkan sekarang", and the log. Every attempt — ok or failed — is logged and audited.
 */
import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { isAbsolute, join, parse, resolve } from 'node:path';

import type { ChannelParsed, ChannelResult } from '../../../shared/contract/channels';
import {
  type BackupLogEntry,
  type BackupSettingsView,
  DEFAULT_BACKUP_EVERY_HOURS,
  DEFAULT_BACKUP_KEEP,
} from '../../../shared/domain/backups';
import { TIME_ZONES } from '../../../shared/domain/office';
import { pruneBackups } from '../backup/files';
import { writeBackupFile } from '../backup/write-backup';
import { clockHold } from '../clock-guard';
import type { ServiceContext, Services } from '../context';
import { fail, Failure } from '../failure';
import { type Db, inTransaction } from '../store/db';
import { writeAudit } from '../store/repos/audit';
import {
  type BackupSettingsRecord,
  insertBackupLog,
  listBackupLog,
  readBackupSettings,
  saveBackupSettings,
} from '../store/repos/backups';
import { readOffice } from '../store/repos/office';
import { newId } from './ids';

export const defaultBackupDirectory = (dataDir: string): string => join(resolve(dataDir), 'backups');

export async function effectiveBackupSettings({
  db,
  dataDir,
}: Pick<Services, 'db' | 'dataDir'>): Promise<BackupSettingsView> {
  const saved = await readBackupSettings(db);
  return saved
    ? { ...saved, saved: true }
    : {
        directory: defaultBackupDirectory(dataDir),
        everyHours: DEFAULT_BACKUP_EVERY_HOURS,
        keep: DEFAULT_BACKUP_KEEP,
        saved: false,
      };
}

/** Why `directory` cannot hold backups, or null when it can. */
export function directoryProblem(directory: string): string | null {
  if (!isAbsolute(directory)) return 'Tulis path lengkap folder, mis. D:\\Cadangan TTE atau /home/loket/cadangan';
  const path = resolve(directory);
  if (parse(path).root === path) return 'Pilih folder di dalam drive, bukan akar drive';
  try {
    const stat = statSync(path);
    if (!stat.isDirectory()) return 'Path ini bukan folder';
    // A folder every account on the PC can write to lets anyone replace or delete the backups.
    if (process.platform !== 'win32' && (stat.mode & 0o002) !== 0)
      return 'Folder ini dapat ditulisi semua pengguna komputer; pilih folder pribadi';
    accessSync(path, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'Folder tidak ditemukan; buat foldernya dulu';
    if (code === 'EACCES' || code === 'EPERM') return 'Aplikasi tidak dapat menulis ke folder ini';
    return 'Folder tidak dapat diperiksa';
  }
  return null;
}

export async function getSettings(ctx: ServiceContext): Promise<ChannelResult<'backup.get'>> {
  return await effectiveBackupSettings(ctx);
}

export async function updateSettings(
  ctx: ServiceContext,
  input: ChannelParsed<'backup.update'>,
): Promise<ChannelResult<'backup.update'>> {
  const problem = directoryProblem(input.directory);
  if (problem) fail('VALIDATION_FAILED', undefined, { directory: problem });
  const userId = ctx.caller?.userId ?? fail('NOT_AUTHENTICATED');
  const at = ctx.clock.now().toISOString();
  const next: BackupSettingsRecord = {
    directory: resolve(input.directory),
    everyHours: input.everyHours,
    keep: input.keep,
  };
  await inTransaction(ctx.db, async () => {
    const before = await effectiveBackupSettings(ctx);
    await saveBackupSettings(ctx.db, next, at, userId);
    await writeAudit(ctx.db, {
      at,
      userId,
      action: 'backup.settings_update',
      entity: 'backup_settings',
      entityId: '1',
      detail: { before, after: next },
    });
  });
  return { ...next, saved: true };
}

export async function list(
  ctx: ServiceContext,
  input: ChannelParsed<'backup.list'>,
): Promise<ChannelResult<'backup.list'>> {
  return await listBackupLog(ctx.db, input.limit);
}

/** What the office is told when the disk says no. */
function describeFailure(error: unknown): string {
  if (error instanceof Failure) return error.message;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOSPC') return 'Disk tujuan penuh. Kosongkan ruang atau pilih folder lain.';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
    return 'Aplikasi tidak diizinkan menulis ke folder cadangan.';
  if (code === 'ENOENT')
    return 'Folder cadangan tidak ditemukan. Periksa Pengaturan cadangan atau sambungkan kembali disknya.';
  return 'Pencadangan gagal karena kesalahan yang tidak terduga. Coba lagi; bila terulang, hubungi pengelola aplikasi.';
}

const running = new WeakMap<Db, Promise<BackupLogEntry>>();

export const backupRunning = (db: Db): boolean => running.has(db);

/** One backup now; never two at once on one store. Failures are logged and returned, not thrown. */
export function runBackup(
  services: Services,
  trigger: BackupLogEntry['trigger'],
  userId: string | null,
): Promise<BackupLogEntry> {
  if (running.has(services.db)) fail('BACKUP_RUNNING');
  const job = backupOnce(services, trigger, userId).finally(() => running.delete(services.db));
  running.set(services.db, job);
  return job;
}

async function backupOnce(
  services: Services,
  trigger: BackupLogEntry['trigger'],
  userId: string | null,
): Promise<BackupLogEntry> {
  const { db, clock } = services;
  const settings = await effectiveBackupSettings(services);
  const now = clock.now();
  const started = Date.now();
  const base = { id: newId(), at: now.toISOString(), trigger, byUserId: userId };
  let entry: BackupLogEntry;
  let pruned: string[] = [];
  try {
    if (settings.directory === defaultBackupDirectory(services.dataDir))
      mkdirSync(settings.directory, { recursive: true, mode: 0o700 });
    const timeZone = TIME_ZONES[(await readOffice(db))?.timeZone ?? 'WIB'];
    // Checking, compressing and encrypting the copy run in a worker thread (given the backup key only).
    const written = await writeBackupFile(db, services.dataKey, {
      directory: settings.directory,
      now,
      timeZone,
      dataDir: services.dataDir,
      seal: (job) => services.workers.run('backup.seal', job),
    });
    entry = {
      ...base,
      fileName: written.fileName,
      bytes: written.bytes,
      sha256: written.sha256,
      status: 'ok',
      error: null,
    };
    try {
      // Pruning keeps the newest N by the time in their names: not on a clock the Admin has not confirmed.
      pruned = (await clockHold(db)) ? [] : pruneBackups(settings.directory, settings.keep);
    } catch {
      pruned = [];
    }
  } catch (error) {
    entry = { ...base, fileName: '', bytes: 0, sha256: '', status: 'failed', error: describeFailure(error) };
  }
  const durationMs = Date.now() - started;
  await inTransaction(db, async () => {
    await insertBackupLog(db, entry);
    const detail = {
      fileName: entry.fileName,
      bytes: entry.bytes,
      sha256: entry.sha256,
      trigger,
      directory: settings.directory,
      error: entry.error,
      pruned,
    };
    await writeAudit(db, {
      at: entry.at,
      userId,
      action: entry.status === 'ok' ? 'backup.created' : 'backup.failed',
      entity: 'backup_log',
      entityId: entry.id,
      detail,
    });
  });
  return { ...entry, durationMs };
}

export function run(ctx: ServiceContext): Promise<ChannelResult<'backup.run'>> {
  return runBackup(ctx, 'manual', ctx.caller?.userId ?? null);
}
