/**
 * `npm run audit:verify -- <berkas-basis-data>`: checks the audit log's hash chain of a Loket TTE
 * database (the live file or a backup copy) without changing it, for an auditor or after an
 * incident. Exit 0 when the chain is whole; 1 at the first broken entry; 2 on wrong usage or a file
 * that cannot be checked.
 */
import { existsSync } from 'node:fs';

import Database from 'better-sqlite3';

import { describeChainReport, verifyAuditChain } from '../src/main/core/audit/verify';

const USAGE = 'Pemakaian: npm run audit:verify -- <berkas-basis-data>  (mis. data/loket-tte.sqlite)';
const CHAINED_SINCE = 6;

function main(argv: string[]): number {
  const [path] = argv;
  if (path === undefined || argv.length > 1) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
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
    const report = verifyAuditChain(db);
    process.stdout.write(`${describeChainReport(report)}\n`);
    return report.ok ? 0 : 1;
  } finally {
    db.close();
  }
}

process.exitCode = main(process.argv.slice(2));
