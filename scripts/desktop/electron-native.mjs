/**
 * Prepares a better-sqlite3 add-on built for the pinned Electron's ABI **beside** the Node build in
 * node_modules (tests, the web host and the CLIs keep using that one). The result is cached per
 * better-sqlite3 version, Electron version, platform and arch under `.cache/electron-native/`, and
 * its ABI is checked before use — never trusted because a tool said "ok". Two ways to get it, both
 * needing the internet once: the prebuilt binary (prebuild-install --runtime electron), else a
 * node-gyp compile against Electron's headers.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { assertNativeAbi, electronAbi, electronVersion } from './native-abi.mjs';

export const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers';
const ADDON = 'better_sqlite3.node';

export class DesktopSetupError extends Error {
  constructor(message, detail = '') {
    super(message);
    this.name = 'DesktopSetupError';
    this.detail = detail;
  }
}

/** Where the Electron build of better-sqlite3 lives for this project's pins. */
export function electronNativePath(root, { platform = process.platform, arch = process.arch } = {}) {
  const sqliteVersion = JSON.parse(
    readFileSync(join(root, 'node_modules/better-sqlite3/package.json'), 'utf8'),
  ).version;
  const folder = `better-sqlite3-${sqliteVersion}-electron-${electronVersion(root)}-${platform}-${arch}`;
  return join(root, '.cache', 'electron-native', folder, ADDON);
}

/** The environment for a build aimed at Electron: npm's `nodedir` (set on this machine) would silently target Node. */
function electronBuildEnv(extra) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_config_(nodedir|target|runtime|disturl|dist_url)$/i.test(key)) continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

function run(command, args, cwd, env) {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 15 * 60_000 });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}`;
  return { ok: result.status === 0, output };
}

const tail = (text, lines = 8) => text.trim().split('\n').slice(-lines).join('\n');

/**
 * Returns the path of an Electron-ABI better_sqlite3.node, building it when the cache has none.
 * `headersUrl` and `prebuiltHost` exist for tests (a closed loopback port proves the offline path).
 */
export function prepareElectronSqlite(projectRoot, options = {}) {
  const root = resolve(projectRoot); // the tools run inside the staging folder
  const target = options.target ?? electronNativePath(root);
  const abi = electronAbi(root);
  const version = electronVersion(root);
  const label = `Electron ${version}`;
  if (existsSync(target)) {
    try {
      assertNativeAbi(target, abi, label);
      return target;
    } catch {
      rmSync(target, { force: true }); // a stale or wrong build is rebuilt, never used
    }
  }

  const stage = join(root, '.cache', 'electron-native', `build-${process.pid}`);
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  try {
    const source = join(root, 'node_modules', 'better-sqlite3');
    cpSync(source, stage, { recursive: true, filter: (file) => !file.startsWith(join(source, 'build')) });
    const env = electronBuildEnv({
      ...(options.prebuiltHost ? { npm_config_better_sqlite3_binary_host: options.prebuiltHost } : {}),
    });
    const arch = options.arch ?? process.arch;
    const prebuilt = run(
      process.execPath,
      [
        join(root, 'node_modules/prebuild-install/bin.js'),
        '--runtime',
        'electron',
        '--target',
        version,
        '--arch',
        arch,
      ],
      stage,
      env,
    );
    let log = `prebuild-install:\n${tail(prebuilt.output)}`;
    if (!prebuilt.ok) {
      const gyp = run(
        process.execPath,
        [
          join(root, 'node_modules/node-gyp/bin/node-gyp.js'),
          'rebuild',
          '--release',
          '--runtime=electron',
          `--target=${version}`,
          `--arch=${arch}`,
          `--dist-url=${options.headersUrl ?? ELECTRON_HEADERS_URL}`,
          `--devdir=${join(root, '.cache', 'electron-native', 'headers')}`,
        ],
        stage,
        env,
      );
      log += `\nnode-gyp:\n${tail(gyp.output)}`;
      if (!gyp.ok)
        throw new DesktopSetupError(
          `better-sqlite3 untuk ${label} tidak dapat disiapkan: unduhan modul jadi dan header Electron gagal. ` +
            'Sambungkan PC ke internet sekali (atau pasang compiler C++ dan header Electron), lalu jalankan lagi `npm start`.\n' +
            `Could not prepare better-sqlite3 for ${label}: the prebuilt download and the Electron headers both failed. ` +
            'Connect this PC to the internet once (or provide a C++ toolchain and Electron headers), then run `npm start` again.',
          log,
        );
    }
    const built = join(stage, 'build', 'Release', ADDON);
    try {
      assertNativeAbi(built, abi, label);
    } catch (error) {
      throw new DesktopSetupError(error.message, log);
    }
    mkdirSync(join(target, '..'), { recursive: true });
    renameSync(built, target);
    return target;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}
