/**
 * `node --import tsx test/helpers/backup-and-die.ts <db> <key-base64>`: starts a backup of the
 * store and SIGKILLs itself as soon as the encrypted `.part` file appears — mid-way, with the
 * temporary copy of the database still on disk, as a killed process or a power cut would leave it.
 */
import { readdirSync } from 'node:fs';

import { createCore } from '../../src/main/core/app';
import { StaticKeyProvider } from '../../src/main/core/crypto/key-provider';
import { effectiveBackupSettings, runBackup } from '../../src/main/core/services/backups';

const [dbPath, key] = process.argv.slice(2) as [string, string];
const core = await createCore({
  dbPath,
  keyProvider: new StaticKeyProvider(Buffer.from(key, 'base64')),
  logger: { info: () => {}, error: () => {} },
  passwordCost: { N: 2 ** 14, r: 8, p: 1 },
});
const directory = (await effectiveBackupSettings(core.services)).directory;
setInterval(() => {
  let names: string[] = [];
  try {
    names = readdirSync(directory);
  } catch {
    return;
  }
  if (names.some((n) => n.endsWith('.part'))) process.kill(process.pid, 'SIGKILL');
}, 1);
void runBackup(core.services, 'manual', null).then(() => {
  process.stderr.write('backup finished before it could be killed\n');
  process.exit(3);
});
