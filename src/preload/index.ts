/**
 * The sandboxed preload: exposes `window.api`, one named method per contract channel and nothing
 * else — no generic `invoke`, no `ipcRenderer` — and `window.loketHost`, the host's own small API
 * for the network-mode screens and the pushed change and reachability messages. It imports only
 * the channel lists (not the zod schemas) so the bundle stays one small self-contained file, as
 * sandboxed preloads require.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

import { CHANNEL_NAMES } from '../shared/contract/channel-names';
import { CHANGE_MESSAGE, type LoketHost, REACHABILITY_MESSAGE } from '../shared/contract/host-channels';
import type { ChangeEvent } from '../shared/contract/transport';
import type { PreloadApi } from './api-types';

const api = Object.freeze(
  Object.fromEntries(
    CHANNEL_NAMES.map((name) => [
      name,
      (input: unknown, idempotencyKey?: string) => ipcRenderer.invoke(`api:${name}`, input, idempotencyKey),
    ]),
  ),
) as PreloadApi;

/** Subscribes to one pushed message; the page gets only the payload, never the IPC event. */
function listen<T>(channel: string, pick: (payload: unknown) => T, listener: (value: T) => void): () => void {
  const handler = (_event: IpcRendererEvent, payload: unknown) => listener(pick(payload));
  ipcRenderer.on(channel, handler);
  return () => void ipcRenderer.removeListener(channel, handler);
}

const host: LoketHost = {
  modeGet: () => ipcRenderer.invoke('host:mode.get'),
  modeChoose: (choice) => ipcRenderer.invoke('host:mode.choose', choice),
  pair: (request) => ipcRenderer.invoke('host:pair', request),
  onChange: (listener) => listen(CHANGE_MESSAGE, (payload) => payload as ChangeEvent, listener),
  onReachability: (listener) =>
    listen(REACHABILITY_MESSAGE, (payload) => (payload as { reachable?: unknown })?.reachable === true, listener),
};

contextBridge.exposeInMainWorld('api', api);
contextBridge.exposeInMainWorld('loketHost', Object.freeze(host));
