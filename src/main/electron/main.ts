/**
 * Electron entry point (bundled to dist/main/electron.cjs). Reads top to bottom like Electron
 * Fiddle's main: each step is a small setup function called in order. The application itself is
 * the core (src/main/core); this file only gives it a window, a key and a safe way in.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { app, type BrowserWindow, dialog, Menu, net, protocol, session } from 'electron';

import { consoleLogger, type Core, createCore, packagedAssets, type RuntimeAssets } from '../core/host-api';
import { registerIpc } from './ipc';
import { setupPermissions, withSecurityHeaders } from './permissions';
import { SafeStorageKeyProvider } from './safe-storage-key';
import { APP_SCHEME, resolveAppAsset } from './security';
import { createMainWindow } from './window';

const logger = consoleLogger;
const RENDERER_ROOT = path.join(__dirname, '../renderer');
let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;

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

function setupCore(): Core {
  const userData = app.getPath('userData');
  const dbPath = path.join(userData, 'loket-tte.sqlite');
  const keyProvider = new SafeStorageKeyProvider(userData, { databasePath: dbPath });
  return createCore({ dbPath, keyProvider, logger, assets: runtimeAssets() });
}

function setupLifecycle(): void {
  app.on('window-all-closed', () => app.quit());
  // Stop the outbox worker, poller and simulator before the store closes; quit once that is done.
  app.on('will-quit', (event) => {
    const closing = core;
    if (!closing) return;
    event.preventDefault();
    core = null;
    void closing.shutdown().finally(() => app.quit());
  });
}

async function start(): Promise<void> {
  setupAppProtocol();
  setupPermissions(session.defaultSession);
  if (app.isPackaged) Menu.setApplicationMenu(null);
  core = setupCore();
  await core.start();
  registerIpc(core, logger);
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
