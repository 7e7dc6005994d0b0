/**
 * `npm run dist`: the installers. electron-builder rebuilds better-sqlite3 for Electron **in place**
 * in node_modules, which would leave the tests, the web host and the CLIs with an add-on they cannot
 * load; so the Node build is kept aside and put back afterwards. The afterPack hook
 * (scripts/desktop/after-pack.cjs) fails the build when the packed add-on is not for Electron's ABI.
 * Extra arguments go to electron-builder (e.g. `npm run dist -- --linux deb`).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const addon = path.join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');
const kept = path.join(root, '.cache', 'node-build', 'better_sqlite3.node');

const build = spawnSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

mkdirSync(path.dirname(kept), { recursive: true });
if (existsSync(addon)) copyFileSync(addon, kept);
const builder = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules/electron-builder/cli.js'), ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit', env: { ...process.env, LOKET_PACKAGE_EXPECT_ABI: '' } },
);
if (existsSync(kept)) copyFileSync(kept, addon); // the Node build back for tests, web host and CLIs
process.exit(builder.status ?? 1);
