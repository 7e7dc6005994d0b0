/**
 * The sandboxed preload: exposes `window.api`, one named method per contract channel and nothing
 * else — no generic `invoke`, no `ipcRenderer`. It imports only the channel list (not the zod
 * schemas) so the bundle stays one small self-contained file, as sandboxed preloads require.
 */
import { contextBridge, ipcRenderer } from 'electron';

import { CHANNEL_NAMES } from '../shared/contract/channel-names';
import type { PreloadApi } from './api-types';

const api = Object.freeze(
  Object.fromEntries(
    CHANNEL_NAMES.map((name) => [
      name,
      (input: unknown, idempotencyKey?: string) => ipcRenderer.invoke(`api:${name}`, input, idempotencyKey),
    ]),
  ),
) as PreloadApi;

contextBridge.exposeInMainWorld('api', api);
