// Types for ensure-chromium.mjs (plain ESM so `npm test` runs it before anything else).
export const DEFAULT_CANDIDATES: string[];
export class ChromiumMissing extends Error {
  constructor(reason: string);
}
export function isExecutableFile(path: string): boolean;
export function ensureChromium(options?: {
  env?: Record<string, string | undefined>;
  candidates?: string[];
  isRoot?: boolean;
  canApt?: () => boolean;
  install?: () => boolean;
  log?: (line: string) => void;
}): string;
