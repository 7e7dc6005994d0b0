/**
 * `npm run web`: starts the core with a SQLite file in the data folder (default ./data, or
 * LOKET_DATA_DIR) and a 0600 key file beside it — or, with LOKET_DATABASE_URL, on that PostgreSQL
 * database — serves the built renderer, prints the URL.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { type Core, createCore } from '../core/app';
import { FileKeyProvider } from '../core/crypto/key-provider';
import { Failure } from '../core/failure';
import { databaseUrlSchema } from '../server/office-options';
import { startWebHost } from './server';

const root = resolve(fileURLToPath(import.meta.url), '../../../..');
const dataDir = resolve(process.env.LOKET_DATA_DIR ?? join(root, 'data'));
const staticDir = resolve(process.env.LOKET_STATIC_DIR ?? join(root, 'dist/renderer'));
const port = Number(process.env.LOKET_PORT ?? 4780);

if (!existsSync(join(staticDir, 'index.html'))) {
  console.error(`Tampilan belum dibangun: ${staticDir}/index.html tidak ada. Jalankan "npm run build:renderer".`);
  process.exit(1);
}

const database = process.env.LOKET_DATABASE_URL ? databaseUrlSchema.safeParse(process.env.LOKET_DATABASE_URL) : null;
if (database && !database.success) {
  console.error(`[loket] ${database.error.issues[0]?.message ?? 'LOKET_DATABASE_URL tidak sah'}`);
  process.exit(2);
}

let core: Core;
try {
  core = await createCore({
    dbPath: join(dataDir, 'loket-tte.sqlite'),
    ...(database?.success ? { postgres: { url: database.data } } : {}),
    keyProvider: new FileKeyProvider(join(dataDir, 'data.key')),
  });
} catch (error) {
  // Key mismatch, read-only folder, damaged file, store in use: one clear line, no stack.
  if (!(error instanceof Failure)) throw error;
  console.error(`[loket] ${error.code}: ${error.message}`);
  process.exit(1);
}
await core.start();
const host = await startWebHost({ core, staticDir, port });
console.log(`Loket TTE (web) berjalan di ${host.url}`);
console.log(`Data: ${dataDir}`);

const stop = async () => {
  await host.close();
  await core.shutdown();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
