/**
 * Runs inside `npm run check:package`, under plain Node, from a packed app: it loads the core
 * bundle **from the package** (the extracted app.asar), resolves every run-time file the way the
 * shell does in a packaged app (`packagedAssets(process.resourcesPath)`), starts the core on a
 * fresh data folder, reads a KTP card with the OCR engine, describes faces and runs a task worker
 * thread that opens SQLite. Nothing is loaded
 * from the repository. Prints one JSON line with what it saw.
 */
'use strict';
const { existsSync, mkdtempSync } = require('node:fs');
const { readFile } = require('node:fs/promises');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

async function main() {
  const [resourcesPath, appDir, ktpImage, frame, selfie] = process.argv.slice(2);
  Object.defineProperty(process, 'resourcesPath', { value: resourcesPath });
  const core = require(join(appDir, 'dist', 'main', 'core.cjs'));
  const assets = core.packagedAssets(process.resourcesPath);
  const missing = Object.entries(assets).filter(([, path]) => !existsSync(path));
  if (missing.length > 0) throw new Error(`missing in app.asar.unpacked: ${JSON.stringify(missing)}`);

  const dataDir = mkdtempSync(join(tmpdir(), 'loket-package-probe-'));
  const app = await core.createCore({
    dbPath: join(dataDir, 'loket-tte.sqlite'),
    keyProvider: new core.FileKeyProvider(join(dataDir, 'data.key')),
    assets,
    logger: { info() {}, warn() {}, error: (...args) => console.error(...args) },
  });
  try {
    const status = await app.dispatch('setup.status', {}, { token: null });
    const ktp = await app.services.identity.readKtp(await readFile(ktpImage));
    const faces = await app.services.identity.detectFaces(await readFile(frame));
    const match = await app.services.identity.compareFaces(await readFile(ktpImage), await readFile(selfie));
    // A task worker thread from the package (dist/main/task-worker.cjs), with its own SQLite connection.
    const worker = await app.services.workers.run('diagnostics.sqlite', {});
    const loaded = Object.keys(require.cache).filter((id) => id.includes('better_sqlite3.node'));
    console.log(
      JSON.stringify({
        status,
        nik: ktp.fields?.nik?.value ?? null,
        faceCount: faces.faceHeights.length,
        match: { distance: match.distance, band: match.band },
        workerSqlite: worker.version,
        sqliteAddon: loaded,
        modules: Object.keys(require.cache).filter(
          (id) => id !== __filename && !id.startsWith(appDir) && !id.startsWith(resourcesPath),
        ),
      }),
    );
  } finally {
    await app.services.identity.close();
    await app.close();
  }
}

main().catch((error) => {
  console.error(error && error.stack ? error.stack : String(error));
  process.exit(1);
});
