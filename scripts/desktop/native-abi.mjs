/**
 * Tells which Node ABI a native add-on (`.node`) was built for, by the registration symbol every
 * V8-API add-on exports: `node_register_module_v<N>`. Needed because this machine's npm config
 * (`nodedir=/usr`) makes node-gyp and @electron/rebuild build for Node while reporting success for
 * Electron: a wrong-ABI better_sqlite3.node crashes the desktop app before its first screen.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const SYMBOL = /node_register_module_v(\d+)/g;

/** Every ABI number named by a registration symbol in the file (usually exactly one). */
export function abisOfNativeFile(file) {
  const text = readFileSync(file).toString('latin1');
  return [...new Set([...text.matchAll(SYMBOL)].map((m) => Number(m[1])))];
}

/** The ABI of the Electron runtime the project pins (node_modules/electron/abi_version). */
export function electronAbi(root) {
  const value = Number(readFileSync(join(root, 'node_modules', 'electron', 'abi_version'), 'utf8').trim());
  if (!Number.isInteger(value) || value <= 0) throw new Error('node_modules/electron/abi_version tidak terbaca');
  return value;
}

export function electronVersion(root) {
  return JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
}

/**
 * Throws a clear, bilingual error unless `file` is an add-on for exactly `expected`.
 * `label` names the runtime in the message ("Electron 45", "Node 20").
 */
export function assertNativeAbi(file, expected, label) {
  let found;
  try {
    found = abisOfNativeFile(file);
  } catch (error) {
    throw new Error(`Modul native tidak ditemukan / native module not found: ${file} (${error.code ?? error.message})`);
  }
  if (found.length === 0)
    throw new Error(`${file} bukan modul native Node (tidak ada node_register_module_v*) / is not a Node add-on`);
  if (found.length !== 1 || found[0] !== expected)
    throw new Error(
      `${file} dibangun untuk ABI ${found.join(', ')}, bukan ${label} (ABI ${expected}). ` +
        `Built for ABI ${found.join(', ')}, not ${label} (ABI ${expected}). ` +
        'Periksa nodedir di ~/.npmrc: node-gyp membangun untuk Node bila nodedir diatur.',
    );
  return expected;
}
