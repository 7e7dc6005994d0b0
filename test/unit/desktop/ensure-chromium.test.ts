// `npm test` on a PC without Chromium: install it when allowed (root + apt-get), else stop at once
// with the command to type; a CHROMIUM_PATH that points at nothing is reported, never installed over.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { describe, expect, it, vi } from 'vitest';

import { ChromiumMissing, ensureChromium } from '../../../scripts/ensure-chromium.mjs';

const dir = mkdtempSync(join(tmpdir(), 'loket-chromium-'));
const executable = (name: string) => {
  const path = join(dir, name);
  writeFileSync(path, '#!/bin/sh\nexit 0\n');
  chmodSync(path, 0o755);
  return path;
};
const quiet = () => undefined;

describe('ensureChromium', () => {
  it('uses CHROMIUM_PATH when it is an executable file', () => {
    const path = executable('my-chromium');
    expect(ensureChromium({ env: { CHROMIUM_PATH: path }, candidates: [], log: quiet })).toBe(path);
  });

  it('reports a CHROMIUM_PATH that points at nothing, a folder or a plain file, and installs nothing', () => {
    const plain = join(dir, 'not-executable');
    writeFileSync(plain, 'x');
    for (const bad of [join(dir, 'nothing-here'), dir, plain]) {
      const install = vi.fn(() => true);
      const attempt = () =>
        ensureChromium({ env: { CHROMIUM_PATH: bad }, isRoot: true, canApt: () => true, install, log: quiet });
      expect(attempt).toThrow(ChromiumMissing);
      expect(attempt).toThrow(/sudo apt-get install chromium/);
      expect(attempt).toThrow(/CHROMIUM_PATH/);
      expect(install).not.toHaveBeenCalled();
    }
  });

  it('finds the first executable candidate without installing', () => {
    const found = executable('chromium-a');
    const install = vi.fn(() => true);
    const candidates = [join(dir, 'absent'), found];
    expect(ensureChromium({ env: {}, candidates, isRoot: true, canApt: () => true, install, log: quiet })).toBe(found);
    expect(install).not.toHaveBeenCalled();
  });

  it('as root with apt-get, installs Debian chromium and uses it', () => {
    const target = join(dir, 'installed-chromium');
    const log = vi.fn();
    const install = vi.fn(() => (executable('installed-chromium'), true));
    expect(ensureChromium({ env: {}, candidates: [target], isRoot: true, canApt: () => true, install, log })).toBe(
      target,
    );
    expect(install).toHaveBeenCalledOnce();
    expect(log.mock.calls[0]?.[0]).toMatch(/memasang paket Debian chromium/);
  });

  it('says what to do when the install fails, when not root, or without apt-get', () => {
    const candidates = [join(dir, 'never')];
    expect(() =>
      ensureChromium({ env: {}, candidates, isRoot: true, canApt: () => true, install: () => false, log: quiet }),
    ).toThrow(/apt-get gagal/);
    const install = vi.fn(() => true);
    for (const [isRoot, canApt] of [
      [false, true],
      [true, false],
    ] as const) {
      expect(() => ensureChromium({ env: {}, candidates, isRoot, canApt: () => canApt, install, log: quiet })).toThrow(
        /Chromium tidak ditemukan[\s\S]*sudo apt-get install chromium/,
      );
    }
    expect(install).not.toHaveBeenCalled();
  });

  it('as a command, prints the instructions and exits 1 without a stack trace', () => {
    const script = resolve(__dirname, '../../../scripts/ensure-chromium.mjs');
    const run = spawnSync(process.execPath, [script], {
      env: { ...process.env, CHROMIUM_PATH: join(dir, 'nothing-here') },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/sudo apt-get install chromium/);
    expect(run.stderr).toMatch(/The end-to-end tests need Chromium/);
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });
});
