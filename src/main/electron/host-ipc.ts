/**
 * The host API behind `window.loketHost`: `host:mode.get`, `host:mode.choose`, `host:pair`,
 * answered here in the main process and never forwarded. Origin-checked like the api channels;
 * changing the mode or pairing is allowed only at first run (mode never chosen, office not set up)
 * or to a signed-in Admin TTE — so nobody at a locked desk can re-point it to another server (and
 * on a desk the office server refuses as revoked or unknown, which has to be paired anew).
 */
import { hostname } from 'node:os';

import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';

import { messageFor } from '../../shared/contract/errors';
import type { HostModeInfo, ModeChoice, NetworkModeView, PairView } from '../../shared/contract/host-channels';
import type { Result } from '../../shared/contract/result';
import type { Logger } from '../core/logger';
import { lanAddresses } from '../desk/lan-addresses';
import {
  DEFAULT_OFFICE_PORT,
  type OfficeMode,
  type Sealer,
  serverModeSchema,
  writeOfficeMode,
} from '../desk/office-mode';
import { type Pairing, pairInputSchema, pairWithServer } from '../desk/pair-with-server';
import type { Dispatcher, RegisteredIpc } from './ipc';
import { isOwnOrigin } from './security';

export interface HostState {
  mode: OfficeMode;
  chosen: boolean;
  server: { url: string; fingerprint: string } | null;
  reachable(): boolean;
  /** Whether this build carries the office server module. */
  canServe: boolean;
}

export interface HostIpcOptions {
  state: HostState;
  core: Dispatcher;
  ipc: RegisteredIpc;
  userData: string;
  sealer: Sealer;
  /** Restarts the app in the mode just written. */
  restart(): void;
  logger: Logger;
}

const choiceSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('single') }),
  serverModeSchema,
  z.object({ mode: z.literal('desk') }),
]);

const fail = (code: 'FORBIDDEN' | 'VALIDATION_FAILED' | 'OFFICE_MODE_INVALID' | 'INTERNAL_ERROR', message?: string) =>
  ({ ok: false, error: { code, message: message ?? messageFor(code) } }) as Result<never>;

const DEVICE_REFUSALS = ['DEVICE_REVOKED', 'DEVICE_UNKNOWN'];

function viewOf(mode: OfficeMode): NetworkModeView {
  return mode.mode === 'desk'
    ? {
        mode: 'desk',
        url: mode.url,
        fingerprint: mode.fingerprint,
        deviceId: mode.deviceId,
        officeName: mode.officeName,
      }
    : mode;
}

export function registerHostIpc(options: HostIpcOptions): void {
  const { state, core, ipc, logger } = options;
  let pending: Pairing | null = null;

  async function mayChange(event: IpcMainInvokeEvent): Promise<boolean> {
    const token = ipc.tokenOf(event.sender);
    if (token) {
      const me = await core.dispatch('auth.me', {}, { token, source: 'ipc' });
      if (me.ok && (me.value as { user?: { role?: string } }).user?.role === 'admin') return true;
    }
    const status = await core.dispatch('setup.status', {}, { token: null, source: 'ipc' });
    // A desk the office server no longer knows (revoked, or the server was replaced) may pair anew.
    if (!status.ok) return state.mode.mode === 'desk' && DEVICE_REFUSALS.includes(status.error.code);
    return !state.chosen && (status.value as { initialized?: boolean }).initialized === false;
  }

  async function modeGet(event: IpcMainInvokeEvent): Promise<Result<HostModeInfo>> {
    return {
      ok: true,
      value: {
        current: viewOf(state.mode),
        chosen: state.chosen,
        canChange: await mayChange(event),
        lanAddresses: lanAddresses(),
        defaultPort: DEFAULT_OFFICE_PORT,
        hostName: hostname(),
        server: state.server,
        canServe: state.canServe,
        reachable: state.reachable(),
      },
    };
  }

  async function modeChoose(event: IpcMainInvokeEvent, input: unknown): Promise<Result<{ relaunching: boolean }>> {
    if (!(await mayChange(event))) return fail('FORBIDDEN');
    const parsed = choiceSchema.safeParse(input);
    if (!parsed.success) return fail('OFFICE_MODE_INVALID');
    const choice: ModeChoice = parsed.data;
    if (choice.mode === 'server' && !state.canServe)
      return fail('OFFICE_MODE_INVALID', 'Versi aplikasi ini belum memuat modul server kantor.');
    let mode: OfficeMode;
    if (choice.mode === 'desk') {
      if (!pending) return fail('OFFICE_MODE_INVALID', 'Pasangkan meja ini dengan server kantor terlebih dahulu.');
      const { url, fingerprint, deviceId, officeName } = pending;
      mode = { mode: 'desk', url, fingerprint, deviceId, officeName };
    } else {
      mode = choice;
    }
    writeOfficeMode(options.userData, mode, options.sealer, choice.mode === 'desk' ? pending?.deviceKey : undefined);
    pending = null;
    const same = JSON.stringify(mode) === JSON.stringify(state.mode);
    state.chosen = true;
    if (same) return { ok: true, value: { relaunching: false } };
    logger.info(`network mode changed to ${mode.mode}; restarting`);
    // Answer first, then restart: the window shows "memulai ulang…" until it closes.
    setTimeout(() => options.restart(), 200);
    return { ok: true, value: { relaunching: true } };
  }

  async function pair(event: IpcMainInvokeEvent, input: unknown): Promise<Result<PairView>> {
    if (!(await mayChange(event))) return fail('FORBIDDEN');
    const parsed = pairInputSchema.safeParse(input);
    if (!parsed.success) {
      const fields = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
      return { ok: false, error: { code: 'VALIDATION_FAILED', message: messageFor('VALIDATION_FAILED'), fields } };
    }
    const result = await pairWithServer(parsed.data);
    if (!result.ok) return result;
    pending = result.value;
    const { url, fingerprint, officeName, deviceId } = result.value;
    return { ok: true, value: { url, fingerprint, officeName, deviceId } };
  }

  const handlers = {
    'host:mode.get': (event: IpcMainInvokeEvent) => modeGet(event),
    'host:mode.choose': modeChoose,
    'host:pair': pair,
  } as const;
  for (const [channel, handler] of Object.entries(handlers)) {
    ipcMain.handle(channel, async (event, input: unknown) => {
      if (!isOwnOrigin(event.senderFrame?.url ?? '')) {
        logger.error(`refused ${channel} from a frame outside the app origin`);
        return fail('FORBIDDEN', 'Permintaan ditolak karena tidak berasal dari halaman aplikasi.');
      }
      try {
        return await handler(event, input);
      } catch (error) {
        logger.error(`${channel} failed`, error);
        return fail('INTERNAL_ERROR', error instanceof Error ? error.message : undefined);
      }
    });
  }
}
