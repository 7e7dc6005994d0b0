/**
 * `npm run server -- --bind <address> --port <port> --data <dir> [--name <dns-or-ip>]… [--database
 * postgres://…]`: the office server without a desktop — a Linux box or a Windows service. Opens the
 * core in the data folder (SQLite file and a 0600 key file beside it; with --database or
 * LOKET_DATABASE_URL the records live in that PostgreSQL database and the folder keeps the key,
 * the certificate and the local files), starts its background work, listens on HTTPS, prints
 * the address, the certificate fingerprint and, while no desk is paired yet, a fresh pairing code.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { z } from 'zod';

import { type Core, createCore } from '../core/app';
import { FileKeyProvider } from '../core/crypto/key-provider';
import type { ScryptCost } from '../core/crypto/passwords';
import { Failure } from '../core/failure';
import { createPairingCode } from '../core/services/office-network';
import { countActiveDevices } from '../core/store/repos/devices';
import { bindAddressSchema, databaseUrlSchema, extraNameSchema, portSchema } from './office-options';
import { type OfficeServer, startOfficeServer } from './office-server';

const root = resolve(fileURLToPath(import.meta.url), '../../../..');

const argsSchema = z.object({
  bind: bindAddressSchema,
  port: portSchema,
  data: z.string({ error: 'Folder data --data wajib diisi' }).min(1, 'Folder data --data wajib diisi'),
  name: z.array(extraNameSchema).default([]),
  static: z.string().optional(),
  database: databaseUrlSchema.optional(),
});

/** A listen error as one line the person at the server understands. */
function listenProblem(error: unknown): string | null {
  const code = (error as { code?: string }).code;
  if (code === 'EADDRNOTAVAIL') return `Alamat ${args.bind} bukan alamat PC ini. Periksa dengan ipconfig / ip addr.`;
  if (code === 'EADDRINUSE') return `Port ${args.port} sudah dipakai program lain. Pilih port lain dengan --port.`;
  if (code === 'EACCES') return `Port ${args.port} memerlukan hak administrator. Pakai port di atas 1024, mis. 4443.`;
  return null;
}

function readArgs(): z.infer<typeof argsSchema> {
  const { values } = parseArgs({
    options: {
      bind: { type: 'string' },
      port: { type: 'string', default: '4443' },
      data: { type: 'string', default: process.env.LOKET_DATA_DIR },
      name: { type: 'string', multiple: true },
      static: { type: 'string' },
      database: { type: 'string', default: process.env.LOKET_DATABASE_URL || undefined },
    },
  });
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`[loket] ${issue.message}`);
    process.exit(2);
  }
  return parsed.data;
}

/**
 * Tests only: with NODE_ENV=test, LOKET_TEST_PASSWORD_COST=<log2 N> (10–17) hashes new passwords at
 * that cheaper scrypt cost, so a test office's sign-ins take milliseconds. Ignored otherwise.
 */
function testPasswordCost(): ScryptCost | undefined {
  if (process.env.NODE_ENV !== 'test') return undefined;
  const log2N = z.coerce.number().int().min(10).max(17).safeParse(process.env.LOKET_TEST_PASSWORD_COST);
  return log2N.success ? { N: 2 ** log2N.data, r: 8, p: 1 } : undefined;
}

const args = readArgs();
const dataDir = resolve(args.data);
const staticDir = resolve(args.static ?? join(root, 'dist/renderer'));

let core: Core;
try {
  core = await createCore({
    dbPath: join(dataDir, 'loket-tte.sqlite'),
    ...(args.database ? { postgres: { url: args.database } } : {}),
    keyProvider: new FileKeyProvider(join(dataDir, 'data.key')),
    ...(testPasswordCost() ? { passwordCost: testPasswordCost() } : {}),
  });
} catch (error) {
  // Key mismatch, read-only folder, damaged file, store in use: one clear line, no stack.
  if (!(error instanceof Failure)) throw error;
  console.error(`[loket] ${error.code}: ${error.message}`);
  process.exit(1);
}
await core.start();
let server: OfficeServer;
try {
  server = await startOfficeServer({
    core,
    dataDir,
    bind: args.bind,
    port: args.port,
    staticDir,
    extraNames: args.name,
  });
} catch (error) {
  const problem = listenProblem(error);
  if (!problem) throw error;
  console.error(`[loket] ${problem}`);
  await core.shutdown();
  process.exit(1);
}
console.log(`Loket TTE (server kantor) berjalan di ${server.url}`);
console.log(`Sidik jari sertifikat (SHA-256): ${server.fingerprint}`);
console.log(`Data: ${dataDir}${args.database ? ` · basis data: ${core.db.name}` : ''}`);
if (!existsSync(join(staticDir, 'index.html')))
  console.log('Tampilan browser belum dibangun (npm run build:renderer): hanya aplikasi meja yang dilayani.');
if ((await countActiveDevices(core.db)) === 0) {
  const { code, expiresAt } = await createPairingCode(core.services, null);
  console.log(`Belum ada meja yang dipasangkan. Kode pemasangan: ${code} (berlaku sampai ${expiresAt})`);
}

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await server.close();
  await core.shutdown();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
