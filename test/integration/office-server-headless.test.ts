/**
 * `npm run server` as a real child process: it prints the address, the certificate fingerprint a
 * client actually sees, and a pairing code that pairs a desk; SIGTERM stops it cleanly; a restart on
 * the same data folder keeps the certificate and, with a desk paired, prints no new code.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { minimalStaticDir } from '../helpers/host-process';
import { pairRequest, peerFingerprint, send, type Target } from '../helpers/office-client';

const ROOT = resolve(import.meta.dirname, '../..');
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'loket-office-headless-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Started {
  child: ChildProcess;
  url: string;
  fingerprint: string;
  output: () => string;
}

/** Starts the headless server and waits until it has printed its pairing line (or the data line). */
function startHeadless(): Promise<Started> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/main/server/main.ts',
      '--bind',
      '127.0.0.2',
      '--port',
      '0',
      '--data',
      join(dir, 'data'),
      '--static',
      minimalStaticDir(join(dir, 'renderer')),
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  return new Promise((resolveStarted, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /berjalan di (https:\/\/\S+\/)/.exec(output)?.[1];
      const fingerprint = /\(SHA-256\): ([0-9A-F:]+)/.exec(output)?.[1];
      if (url && fingerprint && /^Data: /m.test(output)) {
        // The pairing line, when there is one, is printed right after the data line.
        setTimeout(() => {
          clearTimeout(timer);
          resolveStarted({ child, url, fingerprint, output: () => output });
        }, 200);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}

/** What a person does once: download the office CA (before trusting it) to install it. */
const downloadCaUnverified = (url: string) =>
  new Promise<string>((done, fail) => {
    get(new URL('/office-ca.crt', url), { rejectUnauthorized: false }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => done(text));
    }).on('error', fail);
  });

const stop = (child: ChildProcess) =>
  new Promise<number | null>((done) => {
    child.once('exit', (code) => done(code));
    child.kill('SIGTERM');
  });

describe('npm run server', () => {
  it('prints the fingerprint clients see and a code that pairs a desk; restarts with the same certificate', async () => {
    const first = await startHeadless();
    const target = (): Target => ({
      host: '127.0.0.2',
      port: Number(new URL(first.url).port),
      ca: '',
      localAddress: '127.0.0.3',
    });
    const untrusted = await fetch(new URL('/health', first.url)).catch((error: unknown) => error);
    expect(untrusted).toBeInstanceOf(Error); // the office CA is not trusted by default: plain fetch refuses
    const code = /Kode pemasangan: ([A-Z0-9-]{14})/.exec(first.output())?.[1];
    expect(code, first.output()).toBeDefined();
    const ca = await downloadCaUnverified(first.url);
    const desk = { ...target(), ca };
    expect(await peerFingerprint(desk)).toBe(first.fingerprint);
    const paired = await pairRequest(desk, code ?? '', first.fingerprint).answer;
    expect(paired.status).toBe(200);
    expect((await send(desk, '/health')).json()).toEqual({ ok: true, name: 'loket-tte' });
    expect(await stop(first.child)).toBe(0);

    const second = await startHeadless();
    expect(second.fingerprint).toBe(first.fingerprint);
    expect(second.output()).not.toContain('Kode pemasangan');
    expect(await stop(second.child)).toBe(0);
  }, 90_000);
});
