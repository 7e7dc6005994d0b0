// The network-mode file on a real folder: absent → Satu PC (not yet chosen), each mode round-trips,
// a damaged or invalid file is an Indonesian message naming the file, the desk key is sealed in
// its own 0600 file and removed when the PC stops being a desk.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  DEVICE_KEY_FILE,
  OFFICE_MODE_FILE,
  readDeviceKey,
  readOfficeMode,
  type Sealer,
  writeOfficeMode,
} from '../../../src/main/desk/office-mode';

const sealer: Sealer = {
  isEncryptionAvailable: () => true,
  encryptString: (text) => Buffer.from(`sealed:${Buffer.from(text).toString('base64')}`),
  decryptString: (data) => {
    const text = data.toString();
    if (!text.startsWith('sealed:')) throw new Error('not sealed by this keychain');
    return Buffer.from(text.slice(7), 'base64').toString();
  },
};
const FP = Array.from({ length: 32 }, (_, i) => (i * 7).toString(16).padStart(2, '0').toUpperCase()).join(':');
const desk = {
  mode: 'desk',
  url: 'https://192.168.1.10:4443',
  fingerprint: FP,
  deviceId: 'dev-1',
  officeName: 'Kominfo',
} as const;
const folder = () => mkdtempSync(join(tmpdir(), 'loket-mode-'));

describe('office mode file', () => {
  it('is Satu PC, not yet chosen, when the file is absent', () => {
    expect(readOfficeMode(folder())).toEqual({ ok: true, mode: { mode: 'single' }, chosen: false });
  });

  it('round-trips each mode', () => {
    for (const mode of [{ mode: 'single' }, { mode: 'server', bind: '192.168.1.10', port: 4443 }] as const) {
      const dir = folder();
      writeOfficeMode(dir, mode, sealer);
      expect(readOfficeMode(dir)).toEqual({ ok: true, mode, chosen: true });
      expect(existsSync(join(dir, DEVICE_KEY_FILE))).toBe(false);
    }
  });

  it('keeps the desk key sealed in a 0600 file and drops it when the mode changes', () => {
    const dir = folder();
    writeOfficeMode(dir, desk, sealer, 'device-key-0123456789abcdef');
    expect(readOfficeMode(dir)).toEqual({ ok: true, mode: desk, chosen: true });
    const keyFile = join(dir, DEVICE_KEY_FILE);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(keyFile, 'utf8')).not.toContain('device-key');
    expect(readFileSync(join(dir, OFFICE_MODE_FILE), 'utf8')).not.toContain('device-key');
    expect(readDeviceKey(dir, sealer)).toBe('device-key-0123456789abcdef');
    writeOfficeMode(dir, { mode: 'single' }, sealer);
    expect(existsSync(keyFile)).toBe(false);
    expect(() => readDeviceKey(dir, sealer)).toThrow(/Pasangkan ulang/);
  });

  it('refuses a desk without a key, and a key the keychain cannot open', () => {
    const dir = folder();
    expect(() => writeOfficeMode(dir, desk, sealer)).toThrow(/pasangkan meja/);
    writeFileSync(join(dir, DEVICE_KEY_FILE), 'plain text key from elsewhere');
    expect(() => readDeviceKey(dir, sealer)).toThrow(/tidak dapat dibuka/);
    const noKeychain = { ...sealer, isEncryptionAvailable: () => false };
    expect(() => writeOfficeMode(dir, desk, noKeychain, 'device-key-0123456789abcdef')).toThrow(/safeStorage/);
  });

  it('names the file and the way out when it is damaged or invalid', () => {
    const cases: [string, RegExp][] = [
      ['{"mode": "desk", "url": ', /bukan JSON/],
      ['{"mode": "cloud"}', /mode/],
      ['{"mode": "server", "bind": "semua", "port": 4443}', /bind/],
      ['{"mode": "server", "bind": "10.0.0.2", "port": 70000}', /port/],
      [JSON.stringify({ ...desk, url: 'http://192.168.1.10:4443' }), /url/],
      [JSON.stringify({ ...desk, fingerprint: 'AB:CD' }), /fingerprint/],
    ];
    for (const [content, why] of cases) {
      const dir = folder();
      writeFileSync(join(dir, OFFICE_MODE_FILE), content);
      const read = readOfficeMode(dir);
      expect(read.ok).toBe(false);
      if (read.ok) continue;
      expect(read.message).toContain(join(dir, OFFICE_MODE_FILE));
      expect(read.message).toMatch(why);
      expect(read.message).toContain('Hapus berkas itu');
    }
  });
});
