/**
 * The Electron side of the API: one `ipcMain.handle('api:<channel>')` per contract channel, each
 * checking the sending frame's origin before calling the core. The session token lives here, per
 * webContents, so the renderer never has to hold or send it.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';

import { CHANNEL_NAMES, type ChannelName } from '../../shared/contract/channel-names';
import { messageFor } from '../../shared/contract/errors';
import type { Result } from '../../shared/contract/result';
import { SIGN_IN_CHANNELS } from '../../shared/contract/transport';
import type { Core } from '../core/app';
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

export function registerIpc(core: Core, logger: Logger): void {
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
    if (name === 'auth.logout') tokens.delete(contents.id);
    const token = SIGN_IN_CHANNELS.includes(name) ? tokenOf(result) : null;
    if (token) tokens.set(contents.id, token);
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
}
