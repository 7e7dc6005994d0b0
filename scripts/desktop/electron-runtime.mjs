/**
 * Finds the Electron runtime that `npm install` may or may not have downloaded (the electron
 * package fetches its binary from the internet on first use), without the package's own
 * download-on-require side effect, so `npm start` can explain a missing runtime instead of crashing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { DesktopSetupError } from './electron-native.mjs';
import { electronVersion } from './native-abi.mjs';

export function electronExecutable(root, env = process.env) {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) return join(env.ELECTRON_OVERRIDE_DIST_PATH, relative ?? 'electron');
  return relative ? join(pkg, 'dist', relative) : null;
}

/** Returns the runtime's executable, downloading it once when missing; throws a bilingual DesktopSetupError offline. */
export function ensureElectronRuntime(root, env = process.env) {
  const existing = electronExecutable(root, env);
  if (existing && existsSync(existing)) return existing;
  let detail = '';
  if (!env.ELECTRON_OVERRIDE_DIST_PATH) {
    const install = spawnSync(process.execPath, [join(root, 'node_modules', 'electron', 'install.js')], {
      env,
      encoding: 'utf8',
      timeout: 10 * 60_000,
    });
    const downloaded = electronExecutable(root, env);
    if (install.status === 0 && downloaded && existsSync(downloaded)) return downloaded;
    detail = `${install.stdout ?? ''}${install.stderr ?? ''}`
      .split('\n')
      .filter((line) => line.trim() !== '' && !/^\s+at /.test(line)) // the downloader's reason, not its stack
      .slice(0, 3)
      .join('\n');
  }
  const version = electronVersion(root);
  throw new DesktopSetupError(
    `Runtime Electron ${version} belum terpasang dan tidak dapat diunduh. Aplikasi desktop memerlukan internet ` +
      'sekali untuk mengunduhnya; tanpa internet, buka aplikasi yang sama di browser dengan `npm run web`, ' +
      'atau pasang installer Loket TTE yang dibuat dengan `npm run dist`.\n' +
      `The Electron ${version} runtime is not installed and could not be downloaded. The desktop app needs the ` +
      'internet once to fetch it; offline, run the same app in a browser with `npm run web`, or install a ' +
      'Loket TTE installer built with `npm run dist`.',
    detail,
  );
}
