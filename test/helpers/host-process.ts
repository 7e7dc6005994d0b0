/**
 * The real web host entry (`src/main/web/main.ts`) as a child process on a data folder the caller
 * keeps, so a test can SIGKILL it and start it again on the same SQLite file.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import type { Result } from '../../src/shared/contract/result';

const ROOT = resolve(import.meta.dirname, '../..');

export interface HostProcess {
  url: string;
  secret: string;
  child: ChildProcess;
  /** SIGKILL: no shutdown hook, no flush, no goodbye. Resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM and wait (a clean stop). */
  stop(): Promise<void>;
}

/** A minimal renderer folder, so the host serves a page (with its secret) without a renderer build. */
export function minimalStaticDir(dir: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><html lang="id"><head><title>Loket TTE</title></head><body></body></html>',
  );
  return dir;
}

/** Reads the secret the way the renderer does: from the <meta> in the served index page. */
export async function readHostSecret(url: string): Promise<string> {
  const page = await (await fetch(url)).text();
  const secret = /<meta name="loket-host-secret" content="([A-Za-z0-9_-]+)"/.exec(page)?.[1];
  if (!secret) throw new Error(`no host secret in the page served at ${url}`);
  return secret;
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((r) => child.once('exit', () => r()));

/** Starts the host on a free port; without `staticDir` it serves the built renderer (dist/renderer). */
export async function spawnHost(dataDir: string, staticDir?: string): Promise<HostProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/web/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      LOKET_DATA_DIR: dataDir,
      LOKET_PORT: '0',
      ...(staticDir ? { LOKET_STATIC_DIR: staticDir } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`web host exited with ${code}:\n${output}`)));
  });
  const secret = await readHostSecret(url);
  return {
    url,
    secret,
    child,
    kill: async () => {
      const gone = exited(child);
      child.kill('SIGKILL');
      await gone;
    },
    stop: async () => {
      const gone = exited(child);
      child.kill('SIGTERM');
      await gone;
    },
  };
}

/** One API call as the renderer makes it; rejects when the connection fails (e.g. the host was killed). */
export async function hostCall<T = unknown>(
  host: HostProcess,
  channel: string,
  input: unknown,
  token?: string,
): Promise<Result<T>> {
  const res = await fetch(new URL(`api/${channel}`, host.url), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-loket-host': host.secret,
      ...(token ? { 'x-loket-session': token } : {}),
    },
    body: JSON.stringify(input),
  });
  return (await res.json()) as Result<T>;
}
