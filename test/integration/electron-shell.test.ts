// The Electron shell started under plain Node with a recording stand-in for `electron` (the binary
// cannot be downloaded here): the built dist/main/electron.cjs must register the app:// scheme, one
// IPC handler per contract channel and nothing else, both permission handlers, the navigation and
// window-open guards, open the window with the tested options, and open the store through the
// binding `npm start` prepared. The core behind it is real.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TLSSocket } from 'node:tls';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DEVICE_KEY_FILE, OFFICE_MODE_FILE } from '../../src/main/desk/office-mode';
import { APP_ENTRY_URL, APP_SCHEME } from '../../src/main/electron/security';
import { getMainWindowOptions } from '../../src/main/electron/window-options';
import { CHANNEL_NAMES } from '../../src/shared/contract/channel-names';
import { HOST_CHANNELS } from '../../src/shared/contract/host-channels';
import { type ElectronRecording, loadWithElectron, makeElectronStandIn } from '../helpers/electron-stand-in';
import { makeCert, startTestServer } from '../helpers/office-test-server';

const root = resolve(__dirname, '../..');
const bundle = join(root, 'dist/main/electron.cjs');
const nodeBuild = createRequire(join(root, 'package.json')).resolve('better-sqlite3/build/Release/better_sqlite3.node');

async function until(what: string, ready: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Starts the shell; resolves once it opened its window or showed a start-up error. */
async function startShell(
  binding: string | undefined,
  prepare?: (userData: string) => void,
): Promise<ElectronRecording> {
  const { electron, recording } = makeElectronStandIn();
  prepare?.(recording.userData);
  const previous = process.env.LOKET_SQLITE_BINDING;
  if (binding === undefined) delete process.env.LOKET_SQLITE_BINDING;
  else process.env.LOKET_SQLITE_BINDING = binding;
  try {
    loadWithElectron(bundle, electron);
    await until('the window or an error box', () => recording.windows.length > 0 || recording.errorBoxes.length > 0);
  } finally {
    if (previous === undefined) delete process.env.LOKET_SQLITE_BINDING;
    else process.env.LOKET_SQLITE_BINDING = previous;
  }
  return recording;
}

/** Runs the shell's will-quit handler (stops the core) and waits for its app.quit(). */
async function quit(recording: ElectronRecording): Promise<void> {
  const willQuit = recording.appEvents.get('will-quit') as ((event: { preventDefault(): void }) => void) | undefined;
  if (!willQuit) return;
  const before = recording.quits;
  willQuit({ preventDefault: () => undefined });
  await until('app.quit after shutdown', () => recording.quits > before);
}

describe('the Electron shell under a recording stand-in', () => {
  let shell: ElectronRecording;
  let binding: string;

  beforeAll(async () => {
    const built = spawnSync(process.execPath, [join(root, 'scripts/build-main.mjs')], { cwd: root, encoding: 'utf8' });
    expect(built.status, built.stderr).toBe(0);
    // A copy elsewhere: the shell must open the store through the file it is given, not node_modules'.
    binding = join(mkdtempSync(join(tmpdir(), 'loket-binding-')), 'better_sqlite3.node');
    copyFileSync(nodeBuild, binding);
    shell = await startShell(binding);
  }, 60_000);

  afterAll(async () => {
    if (shell) await quit(shell);
  }, 30_000);

  it('starts without an error box and opens the window on the app page', () => {
    expect(shell.errorBoxes).toEqual([]);
    expect(shell.windows).toHaveLength(1);
    expect(shell.windows[0]!.loadedUrl).toBe(APP_ENTRY_URL);
    expect(existsSync(join(shell.userData, 'loket-tte.sqlite'))).toBe(true);
  });

  it('registers the privileged app:// scheme before the app is ready, and serves it', () => {
    expect(shell.calls.indexOf('protocol.registerSchemesAsPrivileged')).toBeLessThan(
      shell.calls.indexOf('app.whenReady'),
    );
    expect(shell.privilegedSchemes).toEqual([
      { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect([...shell.protocolHandlers.keys()]).toEqual([APP_SCHEME]);
    expect(shell.calls).toContain('app.enableSandbox');
    expect(shell.switches).toContainEqual(['lang', 'id-ID']);
  });

  it('opens the window with exactly the tested options', () => {
    const options = shell.windows[0]!.options;
    expect(options).toEqual(getMainWindowOptions(join(root, 'dist/main/preload.cjs')));
    expect(options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
  });

  it('registers one IPC handler per contract channel, the host channels, and nothing else', () => {
    expect([...shell.ipcHandlers.keys()].sort()).toEqual(
      [...CHANNEL_NAMES.map((name) => `api:${name}`), ...HOST_CHANNELS].sort(),
    );
  });

  it('answers the host API from its own page only; at first run the mode may be chosen', async () => {
    const get = shell.ipcHandlers.get('host:mode.get') as (event: unknown) => Promise<unknown>;
    const sender = { id: 8, once: () => undefined };
    await expect(get({ sender, senderFrame: { url: 'https://evil.example/' } })).resolves.toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    await expect(get({ sender, senderFrame: { url: APP_ENTRY_URL } })).resolves.toMatchObject({
      ok: true,
      value: { current: { mode: 'single' }, chosen: false, canChange: true, defaultPort: 4443, server: null },
    });
    const choose = shell.ipcHandlers.get('host:mode.choose') as (event: unknown, input: unknown) => Promise<unknown>;
    await expect(choose({ sender, senderFrame: { url: APP_ENTRY_URL } }, { mode: 'desk' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'OFFICE_MODE_INVALID' },
    });
    await expect(
      choose({ sender, senderFrame: { url: APP_ENTRY_URL } }, { mode: 'server', bind: 'semua', port: 4443 }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'OFFICE_MODE_INVALID' } });
    expect(existsSync(join(shell.userData, OFFICE_MODE_FILE))).toBe(false);
    await expect(choose({ sender, senderFrame: { url: APP_ENTRY_URL } }, { mode: 'single' })).resolves.toEqual({
      ok: true,
      value: { relaunching: false },
    });
    expect(JSON.parse(readFileSync(join(shell.userData, OFFICE_MODE_FILE), 'utf8'))).toEqual({ mode: 'single' });
    expect(shell.relaunches).toBe(0);
    // Chosen now, and nobody is signed in as Admin: the mode stays.
    await expect(
      choose({ sender, senderFrame: { url: APP_ENTRY_URL } }, { mode: 'server', bind: '127.0.0.1', port: 4443 }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('answers an IPC call from its own page and refuses foreign or missing frames', async () => {
    const invoke = shell.ipcHandlers.get('api:setup.status') as (event: unknown, input: unknown) => Promise<unknown>;
    const sender = { id: 7, once: () => undefined };
    await expect(invoke({ sender, senderFrame: { url: APP_ENTRY_URL } }, {})).resolves.toMatchObject({ ok: true });
    for (const senderFrame of [
      { url: 'https://evil.example/' },
      { url: 'app://loket.evil/index.html' },
      { url: 'file:///etc/passwd' },
      { url: '' },
      null,
    ]) {
      await expect(invoke({ sender, senderFrame }, {})).resolves.toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
  });

  it('sets both permission handlers: only video for our own origin', () => {
    const request = shell.permissionRequestHandler as (...args: unknown[]) => void;
    const check = shell.permissionCheckHandler as (...args: unknown[]) => boolean;
    const answer = (permission: string, details: object): boolean => {
      let granted: boolean | null = null;
      request(null, permission, (value: boolean) => (granted = value), details);
      return granted === true;
    };
    expect(answer('media', { requestingUrl: APP_ENTRY_URL, mediaTypes: ['video'] })).toBe(true);
    expect(answer('media', { requestingUrl: APP_ENTRY_URL, mediaTypes: ['video', 'audio'] })).toBe(false);
    expect(answer('media', { requestingUrl: 'https://evil.example/', mediaTypes: ['video'] })).toBe(false);
    for (const permission of ['geolocation', 'notifications', 'clipboard-read', 'openExternal', 'usb', 'hid'])
      expect(answer(permission, { requestingUrl: APP_ENTRY_URL })).toBe(false);
    expect(check(null, 'media', 'app://loket', { requestingUrl: APP_ENTRY_URL, mediaType: 'video' })).toBe(true);
    expect(check(null, 'media', 'app://loket', { requestingUrl: APP_ENTRY_URL, mediaType: 'audio' })).toBe(false);
    expect(check(null, 'media', 'https://evil.example', { requestingUrl: 'https://evil.example/' })).toBe(false);
  });

  it('guards navigation, redirects, webviews and new windows', () => {
    const events = shell.windows[0]!.webContentsEvents;
    expect([...events.keys()].sort()).toEqual(['will-attach-webview', 'will-navigate', 'will-redirect']);
    const prevented = (event: string, url?: string): boolean => {
      let stopped = false;
      (events.get(event) as (e: unknown, url?: string) => void)({ preventDefault: () => (stopped = true) }, url);
      return stopped;
    };
    expect(prevented('will-navigate', 'app://loket/index.html#/antrean')).toBe(false);
    expect(prevented('will-navigate', 'https://evil.example/')).toBe(true);
    expect(prevented('will-navigate', 'https://wa.me/6281234567890')).toBe(true); // handed to the OS, not navigated
    expect(prevented('will-redirect', 'https://evil.example/')).toBe(true);
    expect(prevented('will-attach-webview')).toBe(true);
    const open = shell.windows[0]!.windowOpenHandler as (d: { url: string }) => unknown;
    expect(open({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(open({ url: 'https://wa.me/6281234567890' })).toEqual({ action: 'deny' });
    expect(shell.openedExternally).toEqual(['https://wa.me/6281234567890', 'https://wa.me/6281234567890']);
  });

  it('refuses to start unpackaged without the Electron build of SQLite, and with a binding that is not there', async () => {
    const missing = await startShell(undefined);
    expect(missing.windows).toEqual([]);
    expect(missing.errorBoxes[0]?.detail).toContain('npm start');
    expect(missing.exitCodes).toEqual([1]);
    const absent = await startShell(join(tmpdir(), 'no-such-dir', 'better_sqlite3.node'));
    expect(absent.windows).toEqual([]);
    expect(absent.errorBoxes).toHaveLength(1);
    expect(absent.exitCodes).toEqual([1]);
  });

  it('pairs at the first start with the office server and restarts as a desk with the key sealed', async () => {
    const cert = makeCert('office');
    const server = await startTestServer({
      cert,
      pairingCode: 'QW7K-39XD-MNPT',
      officeName: 'Dinas Kominfo Trenggalek',
    });
    const fresh = await startShell(binding);
    try {
      const frame = { sender: { id: 4, once: () => undefined }, senderFrame: { url: APP_ENTRY_URL } };
      const invoke = (name: string) =>
        fresh.ipcHandlers.get(name) as (event: unknown, input?: unknown) => Promise<unknown>;
      await expect(
        invoke('host:pair')(frame, { url: server.url, code: 'qw7k-39xd-mnpt', deviceName: 'Meja 2' }),
      ).resolves.toEqual({
        ok: true,
        value: {
          url: server.url,
          fingerprint: cert.fingerprint,
          officeName: 'Dinas Kominfo Trenggalek',
          deviceId: 'dev-1',
        },
      });
      await expect(invoke('host:mode.choose')(frame, { mode: 'desk' })).resolves.toEqual({
        ok: true,
        value: { relaunching: true },
      });
      expect(JSON.parse(readFileSync(join(fresh.userData, OFFICE_MODE_FILE), 'utf8'))).toEqual({
        mode: 'desk',
        url: server.url,
        fingerprint: cert.fingerprint,
        deviceId: 'dev-1',
        officeName: 'Dinas Kominfo Trenggalek',
      });
      expect(readFileSync(join(fresh.userData, DEVICE_KEY_FILE), 'utf8')).toBe(`wrapped:${'k'.repeat(43)}`);
      await until('the restart', () => fresh.relaunches === 1 && fresh.exitCodes.includes(0));
    } finally {
      await server.close();
    }
  });

  it('shows a damaged network-mode file as an error box naming it, without opening a store', async () => {
    const damaged = await startShell(binding, (userData) =>
      writeFileSync(join(userData, OFFICE_MODE_FILE), '{"mode": "desk", "url":'),
    );
    expect(damaged.windows).toEqual([]);
    expect(damaged.errorBoxes[0]?.detail).toContain(join(damaged.userData, OFFICE_MODE_FILE));
    expect(damaged.errorBoxes[0]?.detail).toContain('Hapus berkas itu');
    expect(existsSync(join(damaged.userData, 'loket-tte.sqlite'))).toBe(false);
    expect(damaged.exitCodes).toEqual([1]);
  });

  it('as a desk opens no store and forwards each call to the paired server over pinned HTTPS', async () => {
    const cert = makeCert('office');
    const server = await startTestServer({
      cert,
      onApi: (r) =>
        r.path === '/api/auth.login'
          ? { ok: true, value: { token: 'server-session-1', user: { role: 'kasi' }, office: {} } }
          : { ok: true, value: { initialized: true, templates: [] } },
    });
    try {
      const desk = await startShell(binding, (userData) => {
        writeFileSync(
          join(userData, OFFICE_MODE_FILE),
          JSON.stringify({
            mode: 'desk',
            url: server.url,
            fingerprint: cert.fingerprint,
            deviceId: 'dev-9',
            officeName: 'Kominfo',
          }),
        );
        // The stand-in keychain's wrapping (see electron-stand-in.ts).
        writeFileSync(join(userData, DEVICE_KEY_FILE), 'wrapped:device-key-0123456789abcdef', { mode: 0o600 });
      });
      expect(desk.errorBoxes).toEqual([]);
      expect(existsSync(join(desk.userData, 'loket-tte.sqlite'))).toBe(false);
      const invoke = (name: string) =>
        desk.ipcHandlers.get(name) as (event: unknown, input: unknown, key?: string) => Promise<unknown>;
      const sender = { id: 3, once: () => undefined, send: () => undefined };
      const frame = { sender, senderFrame: { url: APP_ENTRY_URL } };
      await expect(invoke('api:setup.status')(frame, {})).resolves.toEqual({
        ok: true,
        value: { initialized: true, templates: [] },
      });
      await invoke('api:auth.login')(frame, { username: 'kasi', password: 'x' }, 'login-key-0123456789');
      await invoke('api:queue.list')(frame, {}, 'queue-key-0123456789');
      const [status, login, queue] = server.received.filter((r) => r.path.startsWith('/api/') && r.method === 'POST');
      expect(status!.headers['x-loket-device']).toBe('dev-9');
      expect(status!.headers['x-loket-device-key']).toBe('device-key-0123456789abcdef');
      expect(login!.headers['x-loket-idempotency']).toBe('login-key-0123456789');
      // The session the server gave at sign-in is kept in main and sent on the next call.
      expect(queue!.headers['x-loket-session']).toBe('server-session-1');
      await until('the desk to follow the change stream', () => server.streams() === 1);
      await expect(invoke('host:mode.get')(frame, undefined)).resolves.toMatchObject({
        ok: true,
        value: { current: { mode: 'desk', officeName: 'Kominfo' }, chosen: true },
      });
      await quit(desk);
    } finally {
      await server.close();
    }
  });

  it('as the office server runs the core in-process and serves it over HTTPS with the office certificate', async () => {
    const port = 40_000 + Math.floor(Math.random() * 20_000);
    const server = await startShell(binding, (userData) => {
      writeFileSync(join(userData, OFFICE_MODE_FILE), JSON.stringify({ mode: 'server', bind: '127.0.0.1', port }));
    });
    try {
      expect(server.errorBoxes).toEqual([]);
      expect(existsSync(join(server.userData, 'loket-tte.sqlite'))).toBe(true);
      const invoke = (name: string) =>
        server.ipcHandlers.get(name) as (event: unknown, input: unknown) => Promise<unknown>;
      const frame = {
        sender: { id: 4, once: () => undefined, send: () => undefined },
        senderFrame: { url: APP_ENTRY_URL },
      };
      const mode = (await invoke('host:mode.get')(frame, undefined)) as {
        ok: true;
        value: { server: { url: string; fingerprint: string } };
      };
      expect(mode.value.server.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
      const seen = await new Promise<string>((done, fail) => {
        const req = httpsRequest(new URL('/health', mode.value.server.url), { rejectUnauthorized: false }, (res) => {
          done((res.socket as TLSSocket).getPeerCertificate().fingerprint256);
          res.resume();
        });
        req.on('error', fail);
        req.end();
      });
      expect(seen).toBe(mode.value.server.fingerprint);
      expect(existsSync(join(server.userData, 'tls'))).toBe(true);
    } finally {
      await quit(server);
    }
  });
});
