/**
 * A recording stand-in for the `electron` module — the one edge this machine cannot reach (the
 * Electron binary cannot be downloaded here). It implements only what the shell calls, records
 * every call in order, and lets a test drive the recorded handlers (permissions, IPC, navigation)
 * with hostile inputs. Kept small on purpose: everything behind it (the core, the store, the BSrE
 * simulator) is real.
 */
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Handler = (...args: never[]) => unknown;

export interface RecordedWindow {
  options: Record<string, unknown>;
  webContentsEvents: Map<string, Handler>;
  windowOpenHandler: Handler | null;
  loadedUrl: string | null;
}

export interface ElectronRecording {
  calls: string[];
  appEvents: Map<string, Handler>;
  switches: [string, string | undefined][];
  privilegedSchemes: unknown[];
  protocolHandlers: Map<string, Handler>;
  ipcHandlers: Map<string, Handler>;
  permissionRequestHandler: Handler | null;
  permissionCheckHandler: Handler | null;
  windows: RecordedWindow[];
  openedExternally: string[];
  errorBoxes: { title: string; detail: string }[];
  exitCodes: number[];
  quits: number;
  relaunches: number;
  /** Messages the main process pushed to a window (`webContents.send`). */
  sent: { channel: string; payload: unknown }[];
  userData: string;
}

export function makeElectronStandIn(): { electron: Record<string, unknown>; recording: ElectronRecording } {
  const recording: ElectronRecording = {
    calls: [],
    appEvents: new Map(),
    switches: [],
    privilegedSchemes: [],
    protocolHandlers: new Map(),
    ipcHandlers: new Map(),
    permissionRequestHandler: null,
    permissionCheckHandler: null,
    windows: [],
    openedExternally: [],
    errorBoxes: [],
    exitCodes: [],
    quits: 0,
    relaunches: 0,
    sent: [],
    userData: mkdtempSync(join(tmpdir(), 'loket-electron-userdata-')),
  };
  const call = (name: string) => recording.calls.push(name);

  class BrowserWindow {
    readonly webContents;
    private readonly recorded: RecordedWindow;
    constructor(options: Record<string, unknown>) {
      call('BrowserWindow');
      this.recorded = { options, webContentsEvents: new Map(), windowOpenHandler: null, loadedUrl: null };
      recording.windows.push(this.recorded);
      const recorded = this.recorded;
      this.webContents = {
        id: recording.windows.length,
        on(event: string, fn: Handler) {
          recorded.webContentsEvents.set(event, fn);
        },
        setWindowOpenHandler(fn: Handler) {
          recorded.windowOpenHandler = fn;
        },
        send(channel: string, payload: unknown) {
          recording.sent.push({ channel, payload });
        },
      };
    }
    on() {}
    once() {}
    show() {}
    isMinimized() {
      return false;
    }
    restore() {}
    focus() {}
    loadURL(url: string) {
      this.recorded.loadedUrl = url;
      return Promise.resolve();
    }
  }

  const electron = {
    app: {
      isPackaged: false,
      requestSingleInstanceLock: () => (call('app.requestSingleInstanceLock'), true),
      on: (event: string, fn: Handler) => recording.appEvents.set(event, fn),
      enableSandbox: () => call('app.enableSandbox'),
      commandLine: { appendSwitch: (name: string, value?: string) => recording.switches.push([name, value]) },
      whenReady: () => (call('app.whenReady'), Promise.resolve()),
      getPath: (name: string) => (name === 'userData' ? recording.userData : join(recording.userData, name)),
      quit: () => void recording.quits++,
      exit: (code: number) => void recording.exitCodes.push(code),
      relaunch: () => void recording.relaunches++,
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => {
        call('protocol.registerSchemesAsPrivileged');
        recording.privilegedSchemes.push(...schemes);
      },
      handle: (scheme: string, fn: Handler) => recording.protocolHandlers.set(scheme, fn),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: Handler) => (recording.permissionRequestHandler = fn),
        setPermissionCheckHandler: (fn: Handler) => (recording.permissionCheckHandler = fn),
      },
    },
    ipcMain: {
      handle: (channel: string, fn: Handler) => {
        if (recording.ipcHandlers.has(channel)) throw new Error(`second handler for ${channel}`);
        recording.ipcHandlers.set(channel, fn);
      },
    },
    Menu: { setApplicationMenu: () => call('Menu.setApplicationMenu') },
    net: { fetch: (url: string) => fetch(url) },
    dialog: {
      showErrorBox: (title: string, detail: string) => recording.errorBoxes.push({ title, detail }),
    },
    shell: {
      openExternal: (url: string) => (recording.openedExternally.push(url), Promise.resolve()),
    },
    // A reversible stand-in for the OS keychain: enough for the key file round trip.
    safeStorage: {
      isEncryptionAvailable: () => true,
      encryptString: (text: string) => Buffer.from(`wrapped:${text}`),
      decryptString: (data: Buffer) => data.toString().replace(/^wrapped:/, ''),
    },
    BrowserWindow,
  };
  return { electron, recording };
}

/**
 * Loads a built CommonJS bundle with `require('electron')` answered by the stand-in. The bundle
 * and the core bundle beside it are loaded fresh each time.
 */
export function loadWithElectron(bundle: string, electron: Record<string, unknown>): void {
  const require = createRequire(bundle);
  const electronId = require.resolve('electron');
  for (const id of Object.keys(require.cache)) if (id.includes('/dist/main/')) delete require.cache[id];
  const Module = require('node:module') as { prototype: object };
  const fake = Object.assign(Object.create(Module.prototype), {
    id: electronId,
    filename: electronId,
    loaded: true,
    exports: electron,
  });
  require.cache[electronId] = fake;
  try {
    require(bundle);
  } finally {
    delete require.cache[electronId];
  }
}
