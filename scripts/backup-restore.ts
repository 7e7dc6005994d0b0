/**
 * `npm run backup:restore -- <berkas.lbk> <tujuan.sqlite | postgresql://…> [--key data/data.key]
 * [--schema nama] [--force]`: restores an encrypted backup into a new database file (never over the
 * running app's file) or, for an office on PostgreSQL, into an empty PostgreSQL database, proving it
 * whole first: key, GCM tag, sha256, integrity_check (pg_restore --list) and the audit chain. Exit 0 on success, 1 when
 * the backup is refused, 2 on wrong usage.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';

import { describeChainReport } from '../src/main/core/audit/verify';
import { restoreBackup } from '../src/main/core/backup/restore';
import { restoreToPostgres } from '../src/main/core/backup/restore-postgres';
import { FileKeyProvider } from '../src/main/core/crypto/key-provider';
import { Failure } from '../src/main/core/failure';

const USAGE =
  'Pemakaian: npm run backup:restore -- <berkas.lbk> <tujuan.sqlite | postgresql://…> [--key data/data.key] [--schema nama] [--force]';

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        key: { type: 'string', default: 'data/data.key' },
        schema: { type: 'string' },
        force: { type: 'boolean', default: false },
      },
    });
  } catch {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const [file, target] = parsed.positionals;
  if (!file || !target || parsed.positionals.length > 2) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  if (!existsSync(parsed.values.key)) {
    process.stderr.write(`Berkas kunci data tidak ada: ${parsed.values.key}. Tunjukkan dengan --key <path>.\n`);
    return 2;
  }
  try {
    const key = new FileKeyProvider(parsed.values.key).getDataKey();
    const toPostgres = /^postgres(ql)?:\/\//.test(target);
    const report = toPostgres
      ? await restoreToPostgres(
          file,
          { url: target, ...(parsed.values.schema ? { schema: parsed.values.schema } : {}) },
          key,
        )
      : await restoreBackup(file, target, key, { force: parsed.values.force });
    process.stdout.write(
      `Cadangan dari ${report.createdAt} (skema versi ${report.schemaVersion}) dipulihkan ke ${report.target}\n`,
    );
    process.stdout.write(
      `${toPostgres ? 'pg_restore --list' : 'integrity_check'}: ${report.integrity}\n${describeChainReport(report.audit)}\n`,
    );
    process.stdout.write('Jumlah baris per tabel:\n');
    for (const [table, n] of Object.entries(report.counts)) process.stdout.write(`  ${table.padEnd(28)} ${n}\n`);
    process.stdout.write(
      'Jalankan aplikasi dengan berkas ini hanya setelah aplikasi ditutup dan berkas lama disimpan di tempat lain.\n',
    );
    return 0;
  } catch (error) {
    process.stderr.write(`Pemulihan ditolak: ${error instanceof Failure ? error.message : (error as Error).message}\n`);
    return 1;
  }
}

process.exitCode = await main();
