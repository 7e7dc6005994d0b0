/**
 * The headless office server (`src/main/server/main.ts`) as a child process for end-to-end tests:
 * listening on 127.0.0.2 (the "LAN" address) and 127.0.0.1 (the server PC itself), serving the built
 * renderer, with a fresh data folder.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

export interface RunningOfficeServer {
  /** The LAN address as printed, e.g. https://127.0.0.2:40123/. */
  url: string;
  /** The same server on the server PC's loopback. */
  loopbackUrl: string;
  port: number;
  fingerprint: string;
  caPem: string;
  stop(): Promise<void>;
}

export async function startOfficeHost(): Promise<RunningOfficeServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'loket-e2e-office-'));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/main/server/main.ts', '--bind', '127.0.0.2', '--port', '0', '--data', dataDir],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const [url, fingerprint] = await new Promise<[string, string]>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`office server did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const printedUrl = /berjalan di (https:\/\/\S+\/)/.exec(output)?.[1];
      const printedFingerprint = /\(SHA-256\): ([0-9A-F:]+)/.exec(output)?.[1];
      if (printedUrl && printedFingerprint) {
        clearTimeout(timer);
        done([printedUrl, printedFingerprint]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => fail(new Error(`office server exited with ${code}:\n${output}`)));
  });
  const port = Number(new URL(url).port);
  return {
    url,
    loopbackUrl: `https://127.0.0.1:${port}/`,
    port,
    fingerprint,
    caPem: readFileSync(join(dataDir, 'tls', 'office-ca.crt'), 'utf8'),
    stop: async () => {
      const gone = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      await gone;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
