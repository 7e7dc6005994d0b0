// The Electron shell started under plain Node with a recording stand-in for `electron` (the binary
// cannot be downloaded here): the built dist/main/electron.cjs must register the app:// scheme, one
// IPC handler per contract channel and nothing else, both permission handlers, the navigation and
// window-open guards, open the window with the tested options, and open the store through the
// binding `npm start` prepared. The core behind it is real.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { APP_ENTRY_URL, APP_SCHEME } from '../../src/main/electron/security';
import { getMainWindowOptions } from '../../src/main/electron/window-options';
import { CHANNEL_NAMES } from '../../src/shared/contract/channel-names';
import { type ElectronRecording, loadWithElectron, makeElectronStandIn } from '../helpers/electron-stand-in';

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
async function startShell(binding: string | undefined): Promise<ElectronRecording> {
  const { electron, recording } = makeElectronStandIn();
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

  it('registers one IPC handler per contract channel and nothing else', () => {
    expect([...shell.ipcHandlers.keys()].sort()).toEqual(CHANNEL_NAMES.map((name) => `api:${name}`).sort());
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
});
