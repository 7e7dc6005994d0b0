// Types for electron-native.mjs (plain ESM so `npm start` runs it before any build).
export const ELECTRON_HEADERS_URL: string;
export class DesktopSetupError extends Error {
  constructor(message: string, detail?: string);
  detail: string;
}
export function electronNativePath(root: string, options?: { platform?: string; arch?: string }): string;
export function prepareElectronSqlite(
  root: string,
  options?: { target?: string; headersUrl?: string; prebuiltHost?: string; arch?: string },
): string;
