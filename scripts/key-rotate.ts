/**
 * `npm run key:rotate -- --data <folder> [--database postgres://… [--schema <name>]] [--keep-old]`:
 * replaces the web host's or office server's data key (see src/main/core/crypto/rotate-key-files.ts
 * for the crash-safe order). On PostgreSQL (`--database`, or LOKET_DATABASE_URL as the server reads
 * it) the folder holds data.key and the rows are on the database server. Refused while the app holds
 * the database. The old key stays as data.key.old-<waktu> with --keep-old (backups made before the
 * rotation need it).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { rotateKeyFiles, RotationFailure } from '../src/main/core/crypto/rotate-key-files';
import { Failure } from '../src/main/core/failure';
import { withoutPassword } from '../src/main/core/store/postgres/pg-store';
import { databaseUrlSchema } from '../src/main/server/office-options';

const USAGE =
  'Pemakaian: npm run key:rotate -- --data <folder-data> [--database postgres://… [--schema <nama>]] [--keep-old]   (hentikan aplikasi/server terlebih dahulu)';
const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<number> {
  let values: { data?: string; database?: string; schema?: string; 'keep-old'?: boolean };
  try {
    values = parseArgs({
      options: {
        data: { type: 'string' },
        database: { type: 'string' },
        schema: { type: 'string' },
        'keep-old': { type: 'boolean', default: false },
      },
    }).values;
  } catch {
    values = {};
  }
  if (!values.data) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const url = values.database ?? (process.env.LOKET_DATABASE_URL || undefined);
  const checked = url === undefined ? null : databaseUrlSchema.safeParse(url);
  if (checked && !checked.success) {
    process.stderr.write(`Rotasi kunci ditolak: ${checked.error.issues[0]?.message ?? USAGE}\n`);
    return 2;
  }
  if (url) say(`Basis data: PostgreSQL ${withoutPassword(url)}${values.schema ? ` (skema ${values.schema})` : ''}`);
  try {
    const done = await rotateKeyFiles(resolve(values.data), {
      keepOld: values['keep-old'],
      ...(url ? { postgres: { url, ...(values.schema ? { schema: values.schema } : {}) } } : {}),
    });
    for (const [column, n] of Object.entries(done.report.resealed)) say(`  ${column.padEnd(34)} ${n} dienkripsi ulang`);
    for (const [column, n] of Object.entries(done.report.reindexed))
      say(`  ${column.padEnd(34)} ${n} indeks dihitung ulang`);
    say(`Kunci data diganti: ${done.opened} nilai terbuka dengan kunci baru di ${done.keyPath}.`);
    say(
      values['keep-old']
        ? `Kunci lama disimpan di ${done.oldPath} (untuk cadangan lama).`
        : 'Cadangan .lbk yang dibuat sebelum rotasi memerlukan kunci lama; buat cadangan baru sekarang.',
    );
    return 0;
  } catch (error) {
    if (error instanceof Failure) {
      process.stderr.write(`Rotasi kunci ditolak: ${error.message}\n`);
      return 1;
    }
    const failure = error instanceof RotationFailure ? error : new RotationFailure(String(error), false);
    process.stderr.write(`Rotasi kunci gagal: ${failure.message}\n`);
    if (failure.committed)
      process.stderr.write(
        'Basis data SUDAH memakai kunci baru; aplikasi akan menyelesaikan penggantian data.key saat dijalankan. Jangan hapus berkas data.key.new-* atau data.key.old-*.\n',
      );
    return 1;
  }
}

process.exitCode = await main();
