/**
 * `npm start`: the desktop app on this PC. Checks first (fast, and clear when offline): the
 * Electron runtime, then a better-sqlite3 built for Electron's ABI beside the Node build; then
 * builds the renderer and the main bundles and opens Electron with that binding
 * (LOKET_SQLITE_BINDING, honoured only by an unpackaged app).
 */
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { DesktopSetupError, prepareElectronSqlite } from './desktop/electron-native.mjs';
import { ensureElectronRuntime } from './desktop/electron-runtime.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function fail(error) {
  if (!(error instanceof DesktopSetupError)) throw error;
  console.error(`\n${error.message}`);
  if (error.detail) console.error(`\nRincian / details:\n${error.detail}`);
  process.exit(1);
}

let electron;
let binding;
try {
  console.log('Memeriksa runtime Electron… / Checking the Electron runtime…');
  electron = ensureElectronRuntime(root);
  console.log('Menyiapkan better-sqlite3 untuk Electron… / Preparing better-sqlite3 for Electron…');
  binding = prepareElectronSqlite(root);
} catch (error) {
  fail(error);
}

if (process.argv.includes('--check-only')) {
  console.log(`Siap / ready: ${electron}\n${binding}`);
  process.exit(0);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const build = spawnSync(npm, ['run', '-s', 'build'], {
  cwd: root,
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
if (build.status !== 0) process.exit(build.status ?? 1);

const child = spawn(electron, ['.'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, LOKET_SQLITE_BINDING: binding },
});
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
