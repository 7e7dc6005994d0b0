/**
 * Electron entry point (bundled to dist/main/electron.cjs). Reads top to bottom like Electron
 * Fiddle's main: each step is a small setup function called in order. The application itself is
 * the core (src/main/core); this file only gives it a window, a key and a safe way in. Which core
 * depends on the network mode (office-mode.json): Satu PC — the core in-process; Server kantor —
 * the same core plus the office server's HTTPS listener; Meja — no local store, every call
 * forwarded to the paired office server by the remote core.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { app, type BrowserWindow, dialog, Menu, net, protocol, safeStorage, session } from 'electron';

import { CHANGE_MESSAGE, REACHABILITY_MESSAGE } from '../../shared/contract/host-channels';
import {
  consoleLogger,
  type Core,
  createCore,
  type OfficeServer,
  packagedAssets,
  type RuntimeAssets,
  startOfficeServer,
} from '../core/host-api';
import { type DeskMode, type OfficeMode, readDeviceKey, readOfficeMode } from '../desk/office-mode';
import { createRemoteCore, type RemoteCore, type Subscription } from '../desk/remote-core';
import { type HostState, registerHostIpc } from './host-ipc';
import { type Dispatcher, type IpcHooks, registerIpc } from './ipc';
import { setupPermissions, withSecurityHeaders } from './permissions';
import { SafeStorageKeyProvider } from './safe-storage-key';
import { APP_SCHEME, resolveAppAsset } from './security';
import { createMainWindow } from './window';

const logger = consoleLogger;
const RENDERER_ROOT = path.join(__dirname, '../renderer');
let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;
let officeServer: OfficeServer | null = null;
const deskStreams = new Map<number, Subscription>();

function setupSingleInstance(): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  return true;
}

function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

function setupAppProtocol(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return new Response('Method not allowed', { status: 405 });
    const file = resolveAppAsset(RENDERER_ROOT, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      return withSecurityHeaders(await net.fetch(pathToFileURL(file).toString()));
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}

/**
 * The packaged app reads its native add-on, OCR worker, language data, models and wasm from
 * app.asar.unpacked. Unpackaged (`npm start`), node_modules holds a better-sqlite3 built for Node,
 * so the Electron-ABI build that `npm start` prepared beside it is the one to load.
 */
function runtimeAssets(): RuntimeAssets {
  if (app.isPackaged) return packagedAssets(process.resourcesPath);
  const binding = process.env.LOKET_SQLITE_BINDING;
  if (!binding)
    throw new Error(
      'Jalankan aplikasi desktop dengan `npm start`: modul SQLite untuk Electron disiapkan di sana. ' +
        'Start the desktop app with `npm start`, which prepares the SQLite module for Electron.',
    );
  return { sqliteBinding: binding };
}

async function setupCore(): Promise<Core> {
  const userData = app.getPath('userData');
  const dbPath = path.join(userData, 'loket-tte.sqlite');
  const keyProvider = new SafeStorageKeyProvider(userData, { databasePath: dbPath });
  return await createCore({ dbPath, keyProvider, logger, assets: runtimeAssets() });
}

/** Stops what this run started: desk streams, the office listener, then the core (outbox, poller, store). */
async function stopAll(): Promise<void> {
  for (const stream of deskStreams.values()) stream.close();
  deskStreams.clear();
  const server = officeServer;
  officeServer = null;
  await server?.close().catch((error: unknown) => logger.error('office server did not close cleanly', error));
  const closing = core;
  core = null;
  await closing?.shutdown();
}

function setupLifecycle(): void {
  app.on('window-all-closed', () => app.quit());
  // Stop the outbox worker, poller and simulator before the store closes; quit once that is done.
  app.on('will-quit', (event) => {
    if (!core && !officeServer && deskStreams.size === 0) return;
    event.preventDefault();
    void stopAll().finally(() => app.quit());
  });
}

/** A new network mode takes effect on a fresh start. */
function restart(): void {
  app.relaunch();
  void stopAll().finally(() => app.exit(0));
}

function sendToWindow(channel: string, payload: unknown): void {
  mainWindow?.webContents.send(channel, payload);
}

function readMode(userData: string): { mode: OfficeMode; chosen: boolean } {
  const read = readOfficeMode(userData);
  if (!read.ok) throw new Error(read.message);
  return read;
}

/** Satu PC and Server kantor: the core here; its change bus goes to the window. */
async function startLocal(mode: OfficeMode, state: HostState): Promise<Dispatcher> {
  const local = await setupCore();
  core = local;
  await local.start();
  local.events.subscribe((event) => sendToWindow(CHANGE_MESSAGE, event));
  if (mode.mode === 'server') {
    officeServer = await startOfficeServer({
      core: local,
      dataDir: app.getPath('userData'),
      bind: mode.bind,
      port: mode.port,
      staticDir: RENDERER_ROOT,
    });
    state.server = { url: officeServer.url, fingerprint: officeServer.fingerprint };
    logger.info(`office server on ${officeServer.url}, certificate SHA-256 ${officeServer.fingerprint}`);
  }
  return local;
}

/** Meja: the remote core; each signed-in window follows the server's change stream with its session. */
function startDesk(mode: DeskMode, userData: string): { remote: RemoteCore; hooks: IpcHooks } {
  const remote = createRemoteCore({
    url: mode.url,
    fingerprint: mode.fingerprint,
    deviceId: mode.deviceId,
    deviceKey: readDeviceKey(userData, safeStorage),
  });
  remote.onReachability((reachable) => sendToWindow(REACHABILITY_MESSAGE, { reachable }));
  const hooks: IpcHooks = {
    onSession(contents, token) {
      deskStreams.get(contents.id)?.close();
      deskStreams.delete(contents.id);
      if (token)
        deskStreams.set(
          contents.id,
          remote.subscribe(token, (event) => contents.send(CHANGE_MESSAGE, event)),
        );
    },
  };
  return { remote, hooks };
}

async function start(): Promise<void> {
  setupAppProtocol();
  setupPermissions(session.defaultSession);
  if (app.isPackaged) Menu.setApplicationMenu(null);
  const userData = app.getPath('userData');
  const { mode, chosen } = readMode(userData);
  const state: HostState = { mode, chosen, server: null, reachable: () => true, canServe: true };
  let dispatcher: Dispatcher;
  let hooks: IpcHooks = {};
  if (mode.mode === 'desk') {
    const desk = startDesk(mode, userData);
    dispatcher = desk.remote;
    hooks = desk.hooks;
    state.reachable = () => desk.remote.reachable;
  } else {
    dispatcher = await startLocal(mode, state);
  }
  const ipc = registerIpc(dispatcher, logger, hooks);
  registerHostIpc({ state, core: dispatcher, ipc, userData, sealer: safeStorage, restart, logger });
  mainWindow = createMainWindow(logger);
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

function failStartup(error: unknown): void {
  logger.error('startup failed', error);
  const detail = error instanceof Error ? error.message : String(error);
  dialog.showErrorBox('Loket TTE tidak dapat dijalankan', detail);
  app.exit(1);
}

if (!setupSingleInstance()) {
  app.quit();
} else {
  app.enableSandbox();
  // Date pickers and number formats follow Chromium's locale, not the page's lang: the desk speaks Indonesian.
  app.commandLine.appendSwitch('lang', 'id-ID');
  registerAppScheme();
  setupLifecycle();
  app.whenReady().then(start).catch(failStartup);
}
