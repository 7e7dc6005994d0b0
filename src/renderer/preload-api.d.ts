/**
 * Tells the renderer's type-checker about `window.api` (built by src/preload). It is optional
 * because the same renderer also runs in a plain browser against the web host, where it is absent.
 */
import type { PreloadApi } from '../preload/api-types';

declare global {
  interface Window {
    api?: PreloadApi;
  }
}

export {};
