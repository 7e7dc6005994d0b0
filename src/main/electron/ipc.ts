/**
 * The Electron side of the API: one `ipcMain.handle('api:<channel>')` per contract channel, each
 * checking the sending frame's origin before calling the dispatch — the local core (Satu PC,
 * Server kantor) or the remote core that forwards to the office server (Meja). The session token
 * lives here, per webContents, so the renderer never has to hold or send it.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';

import { CHANNEL_NAMES, type ChannelName } from '../../shared/contract/channel-names';
import { messageFor } from '../../shared/contract/errors';
import type { Result } from '../../shared/contract/result';
import { SIGN_IN_CHANNELS } from '../../shared/contract/transport';
import type { CallContext } from '../core/dispatch';
import type { Logger } from '../core/logger';
import { isOwnOrigin } from './security';

const refused = (code: 'FORBIDDEN' | 'INTERNAL_ERROR', message = messageFor(code)): Result<never> => ({
  ok: false,
  error: { code, message },
});
const FOREIGN_SENDER = 'Permintaan ditolak karena tidak berasal dari halaman aplikasi.';

function tokenOf(result: Result<unknown>): string | null {
  if (!result.ok || typeof result.value !== 'object' || result.value === null) return null;
  const token = (result.value as { token?: unknown }).token;
  return typeof token === 'string' && token !== '' ? token : null;
}

/** What the IPC needs of a core: the local one and the desk's remote one both have it. */
export interface Dispatcher {
  dispatch(channel: string, input: unknown, ctx: CallContext): Promise<Result<unknown>>;
}

export interface IpcHooks {
  /** A window's session began (token) or ended (null): the desk follows its change stream. */
  onSession?(contents: WebContents, token: string | null): void;
}

export interface RegisteredIpc {
  /** The session token of a window, for the host API's Admin check. */
  tokenOf(contents: WebContents): string | null;
}

export function registerIpc(core: Dispatcher, logger: Logger, hooks: IpcHooks = {}): RegisteredIpc {
  const tokens = new Map<number, string>();
  const watched = new WeakSet<WebContents>();

  // Closing a window ends its session in the core too, so a token cannot outlive its window.
  function watch(contents: WebContents): void {
    if (watched.has(contents)) return;
    watched.add(contents);
    const id = contents.id;
    contents.once('destroyed', () => {
      const token = tokens.get(id);
      tokens.delete(id);
      hooks.onSession?.(contents, null);
      if (token) void core.dispatch('auth.logout', {}, { token }).catch(() => undefined);
    });
  }

  async function handle(
    name: ChannelName,
    event: IpcMainInvokeEvent,
    input: unknown,
    idempotencyKey: unknown,
  ): Promise<Result<unknown>> {
    const frameUrl = event.senderFrame?.url ?? '';
    if (!isOwnOrigin(frameUrl)) {
      logger.error(`refused ${name} from a frame outside the app origin`);
      return refused('FORBIDDEN', FOREIGN_SENDER);
    }
    const contents = event.sender;
    watch(contents);
    const result = await core.dispatch(name, input, {
      token: tokens.get(contents.id) ?? null,
      idempotencyKey: typeof idempotencyKey === 'string' ? idempotencyKey : null,
      source: 'ipc',
    });
    if (name === 'auth.logout' && tokens.delete(contents.id)) hooks.onSession?.(contents, null);
    const token = SIGN_IN_CHANNELS.includes(name) ? tokenOf(result) : null;
    if (token && tokens.get(contents.id) !== token) {
      tokens.set(contents.id, token);
      hooks.onSession?.(contents, token);
    }
    return result;
  }

  for (const name of CHANNEL_NAMES) {
    ipcMain.handle(`api:${name}`, async (event, input: unknown, idempotencyKey: unknown) => {
      try {
        return await handle(name, event, input, idempotencyKey);
      } catch (error) {
        logger.error(`ipc ${name} failed`, error);
        return refused('INTERNAL_ERROR');
      }
    });
  }
  return { tokenOf: (contents) => tokens.get(contents.id) ?? null };
}
