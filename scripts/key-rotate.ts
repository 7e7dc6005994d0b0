/**
 * `npm run key:rotate -- --data <folder> [--keep-old]`: replaces the web host's data key. The new
 * key is written beside the old one first (data.key.new-<waktu>), the database is re-sealed in one
 * transaction, and only after the commit does the new key replace data.key (atomic rename). The
 * old key stays as data.key.old-<waktu> until the run is verified (or for good with --keep-old:
 * backups made before the rotation need it). Run it with the app closed.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { fsyncPath } from '../src/main/core/backup/write-backup';
import { FileKeyProvider } from '../src/main/core/crypto/key-provider';
import { checkSealedValues, rotateDataKey } from '../src/main/core/crypto/rotate-key';
import { type Db, openDatabase } from '../src/main/core/store/db';

const USAGE = 'Pemakaian: npm run key:rotate -- --data <folder-data> [--keep-old]   (tutup aplikasi terlebih dahulu)';
const say = (line: string) => process.stdout.write(`${line}\n`);

function writeKeyFile(path: string, key: Buffer): void {
  writeFileSync(path, key.toString('base64'), { mode: 0o600, flag: 'wx' });
  fsyncPath(path);
}

function main(): number {
  let values: { data?: string; 'keep-old'?: boolean };
  try {
    values = parseArgs({
      options: { data: { type: 'string' }, 'keep-old': { type: 'boolean', default: false } },
    }).values;
  } catch {
    values = {};
  }
  if (!values.data) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const dir = resolve(values.data);
  const keyPath = join(dir, 'data.key');
  const dbPath = join(dir, 'loket-tte.sqlite');
  if (!existsSync(keyPath) || !existsSync(dbPath)) {
    process.stderr.write(`Tidak ada data.key dan loket-tte.sqlite di ${dir}.\n`);
    return 2;
  }
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  const oldPath = `${keyPath}.old-${stamp}`;
  const newPath = `${keyPath}.new-${stamp}`;
  const oldKey = new FileKeyProvider(keyPath).getDataKey();
  const newKey = randomBytes(32);
  let db: Db | null = openDatabase(dbPath);
  let committed = false;
  try {
    const before = checkSealedValues(db, oldKey);
    if (before.failed > 0)
      throw new Error(
        `${before.failed} nilai terenkripsi tidak dapat dibuka dengan data.key ini; rotasi dibatalkan, tidak ada yang diubah.`,
      );
    writeKeyFile(oldPath, oldKey);
    writeKeyFile(newPath, newKey);
    const report = rotateDataKey(db, oldKey, newKey, { at: new Date().toISOString() });
    committed = true;
    db.pragma('wal_checkpoint(TRUNCATE)');
    renameSync(newPath, keyPath);
    fsyncPath(dir, true);
    const after = checkSealedValues(db, new FileKeyProvider(keyPath).getDataKey());
    if (after.failed > 0 || after.indexMismatches > 0)
      throw new Error(`Pemeriksaan setelah rotasi gagal (${after.failed} nilai, ${after.indexMismatches} indeks).`);
    db.close();
    db = null;
    if (!values['keep-old']) rmSync(oldPath);
    for (const [column, n] of Object.entries(report.resealed)) say(`  ${column.padEnd(34)} ${n} dienkripsi ulang`);
    for (const [column, n] of Object.entries(report.reindexed))
      say(`  ${column.padEnd(34)} ${n} indeks dihitung ulang`);
    say(`Kunci data diganti: ${after.opened} nilai terbuka dengan kunci baru di ${keyPath}.`);
    say(
      values['keep-old']
        ? `Kunci lama disimpan di ${oldPath} (untuk cadangan lama).`
        : 'Cadangan .lbk yang dibuat sebelum rotasi memerlukan kunci lama; buat cadangan baru sekarang.',
    );
    return 0;
  } catch (error) {
    process.stderr.write(`Rotasi kunci gagal: ${(error as Error).message}\n`);
    if (committed)
      process.stderr.write(
        `Basis data SUDAH memakai kunci baru. Jika data.key belum diganti, kunci baru ada di ${newPath}; jangan hapus ${oldPath}.\n`,
      );
    else for (const path of [oldPath, newPath]) rmSync(path, { force: true });
    return 1;
  } finally {
    db?.close();
  }
}

process.exitCode = main();
