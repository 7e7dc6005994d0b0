// `npm start` on a PC that cannot download the Electron runtime or its headers: a clear bilingual
// message and exit code 1, never a crash; the Electron build of better-sqlite3 is cached only when
// its ABI is right. (Closed loopback ports stand in for "no internet", on any machine.)
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { describe, expect, it } from 'vitest';

import { DesktopSetupError, prepareElectronSqlite } from '../../scripts/desktop/electron-native.mjs';
import { electronAbi } from '../../scripts/desktop/native-abi.mjs';

const root = resolve(__dirname, '../..');
const nodeBuild = createRequire(join(root, 'package.json')).resolve('better-sqlite3/build/Release/better_sqlite3.node');
const offline = { headersUrl: 'http://127.0.0.1:9', prebuiltHost: 'http://127.0.0.1:9' };
const stagingLeft = () =>
  existsSync(join(root, '.cache/electron-native'))
    ? readdirSync(join(root, '.cache/electron-native')).filter((f) => f.startsWith('build-'))
    : [];

describe('npm start without the internet', () => {
  it('explains a missing Electron runtime in Indonesian and English and exits 1', () => {
    const empty = mkdtempSync(join(tmpdir(), 'loket-no-electron-'));
    const run = spawnSync(process.execPath, [join(root, 'scripts/start-desktop.mjs'), '--check-only'], {
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: empty },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/Runtime Electron [\d.]+ belum terpasang dan tidak dapat diunduh/);
    expect(run.stderr).toMatch(/The Electron [\d.]+ runtime is not installed/);
    expect(run.stderr).toMatch(/npm run web/);
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  it('cannot prepare the Electron build of better-sqlite3 offline: a clear error, nothing cached', () => {
    const target = join(mkdtempSync(join(tmpdir(), 'loket-native-')), 'better_sqlite3.node');
    let error: unknown;
    try {
      prepareElectronSqlite(root, { ...offline, target });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DesktopSetupError);
    expect((error as Error).message).toMatch(/tidak dapat disiapkan[\s\S]*Could not prepare better-sqlite3/);
    expect((error as DesktopSetupError).detail).toMatch(/prebuild-install[\s\S]*node-gyp/);
    expect(existsSync(target)).toBe(false);
    expect(stagingLeft()).toEqual([]);
  });

  it('uses a cached build whose ABI is right, and throws away one built for Node', () => {
    const folder = mkdtempSync(join(tmpdir(), 'loket-native-'));
    const good = join(folder, 'good', 'better_sqlite3.node');
    mkdirSync(join(folder, 'good'));
    writeFileSync(good, Buffer.from(`\x7fELF node_register_module_v${electronAbi(root)} `));
    expect(prepareElectronSqlite(root, { ...offline, target: good })).toBe(good);

    const stale = join(folder, 'stale', 'better_sqlite3.node');
    mkdirSync(join(folder, 'stale'));
    copyFileSync(nodeBuild, stale);
    expect(() => prepareElectronSqlite(root, { ...offline, target: stale })).toThrow(DesktopSetupError);
    expect(existsSync(stale)).toBe(false);
  });
});
