/**
 * `npm run migrate:to-postgres -- --from <loket-tte.sqlite> --to <postgresql://…> [--schema nama]
 * [--key data/data.key]`: moves an office from its SQLite file to an empty PostgreSQL database
 * (store/postgres/copy-from-sqlite.ts) while the app is stopped (the file's lock is taken), then
 * proves the copy: rows per table, the audit chain, and with the data key every sealed value opened.
 * Exit 0 when all of it holds, 1 when the move is refused or a proof fails, 2 on wrong usage.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';

import { describeChainReport } from '../src/main/core/audit/verify';
import { FileKeyProvider } from '../src/main/core/crypto/key-provider';
import { Failure } from '../src/main/core/failure';
import { acquireStoreLock } from '../src/main/core/store/lock';
import { copySqliteToPostgres } from '../src/main/core/store/postgres/copy-from-sqlite';
import { PgStore } from '../src/main/core/store/postgres/pg-store';
import { openSqlite } from '../src/main/core/store/sqlite';

const USAGE =
  'Pemakaian: npm run migrate:to-postgres -- --from <loket-tte.sqlite> --to <postgresql://…> [--schema nama] [--key data/data.key]';

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        schema: { type: 'string' },
        key: { type: 'string' },
      },
    }));
  } catch {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  if (!values.from || !values.to || !/^postgres(ql)?:\/\//.test(values.to)) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  if (!existsSync(values.from)) {
    process.stderr.write(`Berkas SQLite tidak ada: ${values.from}\n`);
    return 2;
  }
  if (values.key && !existsSync(values.key)) {
    process.stderr.write(`Berkas kunci data tidak ada: ${values.key}\n`);
    return 2;
  }
  let target: PgStore;
  try {
    target = PgStore.open(values.to, { max: 2, ...(values.schema ? { schema: values.schema } : {}) });
  } catch (error) {
    process.stderr.write(`${error instanceof Failure ? error.message : String(error)}\n`);
    return 2;
  }
  let lock;
  try {
    lock = acquireStoreLock(values.from, 'pindah ke PostgreSQL');
  } catch (error) {
    process.stderr.write(`${error instanceof Failure ? error.message : String(error)}\n`);
    await target.close();
    return 1;
  }
  let source;
  try {
    source = openSqlite(values.from, { readonly: true, fileMustExist: true });
    source.pragma('user_version');
  } catch (error) {
    process.stderr.write(
      `Berkas ${values.from} tidak dapat dibuka sebagai basis data SQLite: ${(error as Error).message}\n`,
    );
    source?.close();
    lock.release();
    await target.close();
    return 2;
  }
  try {
    const dataKey = values.key ? new FileKeyProvider(values.key).getDataKey() : undefined;
    const report = await copySqliteToPostgres(source, target, {
      ...(dataKey ? { dataKey } : {}),
      at: new Date().toISOString(),
    });
    process.stdout.write(`Dipindahkan ke ${target.name} dalam ${(report.millis / 1000).toFixed(1)} s.\n`);
    process.stdout.write('Jumlah baris per tabel (sama di kedua sisi):\n');
    for (const [table, n] of Object.entries(report.counts)) process.stdout.write(`  ${table.padEnd(28)} ${n}\n`);
    process.stdout.write(`${describeChainReport(report.audit)}\n`);
    if (report.sealed)
      process.stdout.write(
        `Nilai terenkripsi: ${report.sealed.opened} terbuka dengan kunci data, ${report.sealed.failed} gagal, ${report.sealed.indexMismatches} indeks tidak cocok.\n`,
      );
    else process.stdout.write('Nilai terenkripsi tidak diperiksa (beri --key data/data.key untuk memeriksanya).\n');
    const sealedOk = !report.sealed || (report.sealed.failed === 0 && report.sealed.indexMismatches === 0);
    if (report.audit.ok && sealedOk)
      process.stdout.write(
        'Jalankan server kantor dengan --database <alamat ini> dan folder data yang sama (berkas kunci data ikut dipakai).\n',
      );
    return report.audit.ok && sealedOk ? 0 : 1;
  } catch (error) {
    process.stderr.write(
      `Pemindahan ditolak: ${error instanceof Failure ? error.message : (error as Error).message}\n`,
    );
    return 1;
  } finally {
    source.close();
    await target.close();
    lock.release();
  }
}

process.exitCode = await main();
