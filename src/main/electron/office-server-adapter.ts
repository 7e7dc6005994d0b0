/**
 * "Jadikan PC ini server kantor": the shell starts the office server module (src/main/server, built
 * in parallel) beside its core. Until that module is exported from the core's host entry, this
 * adapter looks it up there at run time, so the shell typechecks and builds without it and says
 * plainly, in Indonesian, when this build has no office server. At merge: export
 * `startOfficeServer` from src/main/core/host-api.ts (or import it here statically).
 */
import type { Core } from '../core/host-api';
import * as hostApi from '../core/host-api';

export interface OfficeServerOptions {
  core: Core;
  dataDir: string;
  bind: string;
  port: number;
  /** The built renderer, served to browsers at the server's address. */
  staticDir?: string;
  /** Other names (host names, addresses) the office certificate should carry. */
  extraNames?: string[];
}

export interface RunningOfficeServer {
  url: string;
  fingerprint: string;
  caPem: string;
  close(): Promise<void>;
}

export type StartOfficeServer = (options: OfficeServerOptions) => Promise<RunningOfficeServer>;

function lookUp(): StartOfficeServer | null {
  const start = (hostApi as unknown as { startOfficeServer?: StartOfficeServer }).startOfficeServer;
  return typeof start === 'function' ? start : null;
}

/** Whether this build can be the office server (the mode screen offers it only then). */
export function officeServerAvailable(): boolean {
  return lookUp() !== null;
}

export async function startOfficeServer(options: OfficeServerOptions): Promise<RunningOfficeServer> {
  const start = lookUp();
  if (!start)
    throw new Error(
      'Versi aplikasi ini belum memuat modul server kantor. Pilih mode Satu PC (hapus office-mode.json di folder data aplikasi) atau perbarui aplikasi.',
    );
  return start(options);
}
