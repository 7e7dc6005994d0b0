// The store makes its data folder owner-only (0700) — but never a shared sticky folder such as /tmp:
// a store file placed there directly (a tool, a test seed) once turned the machine's /tmp into 0700
// and locked every other user (and the office-network test run as nobody) out of it.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { openDatabase } from '../../src/main/core/store/db';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function folder(mode: number): string {
  const parent = mkdtempSync(join(tmpdir(), 'loket-folder-mode-'));
  made.push(parent);
  const dir = join(parent, 'data');
  mkdirSync(dir);
  chmodSync(dir, mode);
  return dir;
}

describe('the data folder mode', () => {
  it('an app folder open to others becomes 0700 and the store file 0600', async () => {
    const dir = folder(0o755);
    await openDatabase(join(dir, 'loket.sqlite'), { privateFolder: true }).close();
    expect(statSync(dir).mode & 0o7777).toBe(0o700);
    expect(statSync(join(dir, 'loket.sqlite')).mode & 0o777).toBe(0o600);
  });

  it('a shared sticky folder (like /tmp) is left as it is; the store file is still 0600', async () => {
    const dir = folder(0o1777);
    await openDatabase(join(dir, 'loket.sqlite'), { privateFolder: true }).close();
    expect(statSync(dir).mode & 0o7777).toBe(0o1777);
    expect(statSync(join(dir, 'loket.sqlite')).mode & 0o777).toBe(0o600);
  });
});
