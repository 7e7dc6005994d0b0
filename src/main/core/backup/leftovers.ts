/**
 * Start-up cleaning after a killed backup: the temporary plaintext copy in the data folder (a
 * full unencrypted database) and the half-written `.part` file in the backup folder are deleted,
 * and what was deleted is logged and audited, so a kill never leaves personal data in the clear.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

import type { Logger } from '../logger';
import type { Db } from '../store/db';
import { writeAudit } from '../store/repos/audit';
import { PART_FILE, PLAIN_COPY_PREFIX } from './files';

function matching(directory: string, test: (name: string) => boolean): string[] {
  try {
    return readdirSync(directory).filter(test);
  } catch {
    return [];
  }
}

export interface RemovedLeftovers {
  files: string[];
  bytes: number;
}

export async function removeBackupLeftovers(
  db: Db,
  dirs: { dataDir: string; backupDir: string },
  at: string,
  logger: Logger,
): Promise<RemovedLeftovers> {
  const found = [
    ...matching(dirs.dataDir, (n) => n.startsWith(PLAIN_COPY_PREFIX)).map((n) => join(dirs.dataDir, n)),
    ...matching(dirs.backupDir, (n) => PART_FILE.test(n)).map((n) => join(dirs.backupDir, n)),
  ];
  const removed: RemovedLeftovers = { files: [], bytes: 0 };
  for (const path of found) {
    try {
      removed.bytes += statSync(path).size;
      rmSync(path, { force: true });
      removed.files.push(path);
    } catch (error) {
      logger.error(`sisa cadangan ${path} tidak dapat dihapus`, error);
    }
  }
  if (removed.files.length === 0) return removed;
  logger.info(`Sisa pencadangan yang terputus dihapus: ${removed.files.length} berkas (${removed.bytes} byte).`);
  await writeAudit(db, {
    at,
    userId: null,
    action: 'backup.leftovers_removed',
    entity: 'backup_log',
    entityId: null,
    detail: { ...removed },
  });
  return removed;
}
