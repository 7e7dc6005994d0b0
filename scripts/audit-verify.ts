/**
 * `npm run audit:verify -- <berkas-basis-data | postgresql://…>`: checks the audit log's hash chain
 * of a Loket TTE database (the live file, a backup copy, or an office's PostgreSQL database) without
 * changing it, for an auditor or after an incident. Exit 0 when the chain is whole; 1 at the first broken entry; 2 on wrong usage or a file
 * that cannot be checked.
 */
import { existsSync } from 'node:fs';

import Database from 'better-sqlite3';

import { describeChainReport, verifyAuditChain } from '../src/main/core/audit/verify';
import { PgStore } from '../src/main/core/store/postgres/pg-store';
import { SqliteStore } from '../src/main/core/store/sqlite-store';

const USAGE = 'Pemakaian: npm run audit:verify -- <berkas-basis-data | postgresql://…>  (mis. data/loket-tte.sqlite)';
const CHAINED_SINCE = 6;

async function verifyPostgres(url: string): Promise<number> {
  const db = PgStore.open(url, { max: 1 });
  try {
    const report = await verifyAuditChain(db);
    process.stdout.write(`${describeChainReport(report)}\n`);
    return report.ok ? 0 : 1;
  } catch (err) {
    process.stderr.write(`Basis data ${db.name} tidak dapat diperiksa: ${(err as Error).message}\n`);
    return 2;
  } finally {
    await db.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [path] = argv;
  if (path === undefined || argv.length > 1) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  if (/^postgres(ql)?:\/\//.test(path)) return await verifyPostgres(path);
  if (!existsSync(path)) {
    process.stderr.write(`Berkas basis data tidak ada: ${path}\n`);
    return 2;
  }
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (err) {
    process.stderr.write(`Berkas tidak dapat dibuka sebagai basis data (${path}): ${(err as Error).message}\n`);
    return 2;
  }
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version < CHAINED_SINCE) {
      process.stderr.write(
        `Basis data ini versi ${version}; rantai audit ada sejak versi ${CHAINED_SINCE}. Buka aplikasi sekali agar basis data diperbarui.\n`,
      );
      return 2;
    }
    const report = await verifyAuditChain(new SqliteStore(db));
    process.stdout.write(`${describeChainReport(report)}\n`);
    return report.ok ? 0 : 1;
  } finally {
    db.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
