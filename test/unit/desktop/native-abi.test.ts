// The ABI check that stands between a silently wrong better-sqlite3 build and a desktop app that
// crashes before its first screen (this machine's npm config builds for Node while saying Electron).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { describe, expect, it } from 'vitest';

import { abisOfNativeFile, assertNativeAbi, electronAbi } from '../../../scripts/desktop/native-abi.mjs';

const root = resolve(__dirname, '../../..');
const nodeBuild = createRequire(join(root, 'package.json')).resolve('better-sqlite3/build/Release/better_sqlite3.node');
const dir = mkdtempSync(join(tmpdir(), 'loket-abi-'));
const fake = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.from(content)]));
  return path;
};

describe('native add-on ABI', () => {
  it("reads the Node build's ABI from its registration symbol", () => {
    expect(abisOfNativeFile(nodeBuild)).toEqual([Number(process.versions.modules)]);
    expect(assertNativeAbi(nodeBuild, Number(process.versions.modules), 'Node')).toBe(Number(process.versions.modules));
  });

  it("refuses the Node build where Electron's ABI is expected, naming both", () => {
    const abi = electronAbi(root);
    expect(abi).toBe(Number(readFileSync(join(root, 'node_modules/electron/abi_version'), 'utf8')));
    expect(abi).not.toBe(Number(process.versions.modules));
    expect(() => assertNativeAbi(nodeBuild, abi, 'Electron')).toThrow(
      new RegExp(`ABI ${process.versions.modules}, bukan Electron \\(ABI ${abi}\\)`),
    );
  });

  it('accepts a file that registers exactly the expected ABI', () => {
    expect(assertNativeAbi(fake('ok.node', '...node_register_module_v150\0...'), 150, 'Electron')).toBe(150);
  });

  it('refuses a file with no registration symbol, with two ABIs, or that is not there', () => {
    expect(() => assertNativeAbi(fake('none.node', 'napi_register_module_v1'), 150, 'Electron')).toThrow(
      /bukan modul native Node/,
    );
    expect(() =>
      assertNativeAbi(fake('two.node', 'node_register_module_v150 node_register_module_v115'), 150, 'Electron'),
    ).toThrow(/ABI 150, 115/);
    expect(() => assertNativeAbi(join(dir, 'missing.node'), 150, 'Electron')).toThrow(/tidak ditemukan/);
  });
});
