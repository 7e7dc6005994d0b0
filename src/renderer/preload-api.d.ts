/**
 * Tells the renderer's type-checker about `window.api` and `window.loketHost` (built by
 * src/preload). They are optional because the same renderer also runs in a plain browser against
 * the web host or the office server, where they are absent.
 */
import type { PreloadApi } from '../preload/api-types';
import type { LoketHost } from '../shared/contract/host-channels';

declare global {
  interface Window {
    api?: PreloadApi;
    loketHost?: LoketHost;
  }
}

export {};
