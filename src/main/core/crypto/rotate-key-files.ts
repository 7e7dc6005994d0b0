/**
 * `npm run key:rotate` as a function: the data folder's key file and database switched to a new key,
 * crash-safe at every point. Order: take the store lock (refused while a host holds it) → write
 * `data.key.old-<t>` and `data.key.new-<t>` (fsynced) → re-seal in one transaction that also records
 * the new key's check value → rename `.new` over `data.key`. A kill before the commit leaves the store
 * under the old key (the next start sets the unused `.new` aside); a kill after it leaves the store
 * saying it needs the `.new` key, and the next start (FileKeyProvider) finishes the rename.
 * An office server on PostgreSQL keeps its data.key in the same folder and its rows on the database
 * server: the same order, with the database's owner lock (refused while the server runs) in place of
 * the file's lock.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { fsyncPath } from '../backup/write-backup';
import { Failure } from '../failure';
import { type Db, openDatabase } from '../store/db';
import { acquireStoreLock, type StoreLock } from '../store/lock';
import { openPostgresStore, type PostgresTarget } from '../store/postgres/open-postgres';
import { storedKeyCheck, verifyDataKey } from './key-check';
import { FileKeyProvider } from './key-provider';
import { checkSealedValues, rotateDataKey, type RotationReport } from './rotate-key';

export type RotationPhase = 'locked' | 'keys-written' | 'committed' | 'renamed' | 'verified';

export interface KeyFileRotation {
  report: RotationReport;
  opened: number;
  keyPath: string;
  oldPath: string;
  newPath: string;
}

export interface RotateKeyFilesOptions {
  keepOld?: boolean;
  now?: Date;
  /** Called after each phase: tests stop the process here to prove each point is recoverable. */
  onPhase?: (phase: RotationPhase) => void;
  /** The office's database on PostgreSQL (the folder then holds data.key only). */
  postgres?: PostgresTarget;
}

/** The store, held against every other user: the file's lock, or the PostgreSQL owner lock. */
async function openHeld(dbPath: string, postgres: PostgresTarget | undefined): Promise<{ db: Db; lock: StoreLock }> {
  if (postgres) return await openPostgresStore(postgres);
  const lock = acquireStoreLock(dbPath, 'rotasi kunci');
  try {
    return { db: openDatabase(dbPath, { quickCheck: true }), lock };
  } catch (error) {
    lock.release();
    throw error;
  }
}

export class RotationFailure extends Error {
  constructor(
    message: string,
    /** True when the database already uses the new key. */
    readonly committed: boolean,
  ) {
    super(message);
  }
}

function writeKeyFile(path: string, key: Buffer): void {
  writeFileSync(path, key.toString('base64'), { mode: 0o600, flag: 'wx' });
  fsyncPath(path);
}

export async function rotateKeyFiles(dir: string, options: RotateKeyFilesOptions = {}): Promise<KeyFileRotation> {
  const keyPath = join(dir, 'data.key');
  const dbPath = join(dir, 'loket-tte.sqlite');
  if (!existsSync(keyPath) || (!options.postgres && !existsSync(dbPath)))
    throw new RotationFailure(
      options.postgres ? `Tidak ada data.key di ${dir}.` : `Tidak ada data.key dan loket-tte.sqlite di ${dir}.`,
      false,
    );
  const stamp = (options.now ?? new Date()).toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  const oldPath = `${keyPath}.old-${stamp}`;
  const newPath = `${keyPath}.new-${stamp}`;
  const held = await openHeld(dbPath, options.postgres);
  let db: Db | null = held.db;
  let committed = false;
  try {
    options.onPhase?.('locked');
    const logs: string[] = [];
    const oldKey = new FileKeyProvider(keyPath).getDataKey({
      check: await storedKeyCheck(db),
      sealedData: true,
      log: (m) => logs.push(m),
    });
    if ((await verifyDataKey(db, oldKey, new Date().toISOString())) === 'mismatch')
      throw new Failure(
        'DATA_KEY_MISMATCH',
        'data.key tidak cocok dengan basis data; rotasi dibatalkan, tidak ada yang diubah.',
      );
    const before = await checkSealedValues(db, oldKey);
    if (before.failed > 0)
      throw new Error(
        `${before.failed} nilai terenkripsi tidak dapat dibuka dengan data.key ini; rotasi dibatalkan, tidak ada yang diubah.`,
      );
    const newKey = randomBytes(32);
    writeKeyFile(oldPath, oldKey);
    writeKeyFile(newPath, newKey);
    fsyncPath(dir, true);
    options.onPhase?.('keys-written');
    const report = await rotateDataKey(db, oldKey, newKey, { at: new Date().toISOString() });
    committed = true;
    db.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
    options.onPhase?.('committed');
    renameSync(newPath, keyPath);
    fsyncPath(dir, true);
    options.onPhase?.('renamed');
    const after = await checkSealedValues(db, new FileKeyProvider(keyPath).getDataKey());
    if (after.failed > 0 || after.indexMismatches > 0)
      throw new Error(`Pemeriksaan setelah rotasi gagal (${after.failed} nilai, ${after.indexMismatches} indeks).`);
    await db.close();
    db = null;
    if (!options.keepOld) rmSync(oldPath);
    options.onPhase?.('verified');
    return { report, opened: after.opened, keyPath, oldPath, newPath };
  } catch (error) {
    if (!committed) for (const path of [oldPath, newPath]) rmSync(path, { force: true });
    const message = error instanceof Error ? error.message : String(error);
    throw new RotationFailure(message, committed);
  } finally {
    await db?.close();
    held.lock.release();
  }
}
