/**
 * The one application window: sandboxed, isolated, served from `app://loket`, and unable to
 * navigate away or open other windows. Allow-listed links (WhatsApp, mailto, go.id) go to the OS.
 */
import path from 'node:path';

import { BrowserWindow, shell } from 'electron';

import type { Logger } from '../core/logger';
import { APP_ENTRY_URL, isOwnOrigin, isSafeExternalUrl } from './security';
import { getMainWindowOptions } from './window-options';

export function createMainWindow(logger: Logger): BrowserWindow {
  const openExternally = (url: string): void => {
    if (!isSafeExternalUrl(url)) return;
    shell.openExternal(url).catch((error: unknown) => logger.error('could not open an external link', error));
  };

  const win = new BrowserWindow(getMainWindowOptions(path.join(__dirname, 'preload.cjs')));

  win.webContents.on('will-navigate', (event, url) => {
    if (isOwnOrigin(url)) return;
    event.preventDefault();
    openExternally(url);
  });
  win.webContents.on('will-redirect', (event, url) => {
    if (!isOwnOrigin(url)) event.preventDefault();
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });

  win.once('ready-to-show', () => win.show());
  win.loadURL(APP_ENTRY_URL).catch((error: unknown) => logger.error('could not load the app page', error));
  return win;
}
