/**
 * E2E harness: starts the real web host entry (`src/main/web/main.ts`) as a child process on a
 * random loopback port with a fresh data folder, and drives Debian's Chromium with playwright-core.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { type Browser, chromium, type Page } from 'playwright-core';

import { readHostSecret as readServedSecret, spawnHost } from '../helpers/host-process';
import { expectAccessible } from './a11y';

const ROOT = resolve(import.meta.dirname, '../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface RunningHost {
  url: string;
  /** The host's per-run secret, read from the page it serves (as the renderer reads it). */
  secret: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** Secrets of the hosts this test process started, by origin, so `api()` can send the right one. */
const secrets = new Map<string, string>();

/** Reads the host's secret from its page and remembers it for `api()`. */
export async function readHostSecret(url: string): Promise<string> {
  const secret = await readServedSecret(url);
  secrets.set(new URL(url).origin, secret);
  return secret;
}

export async function startHost(): Promise<RunningHost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'loket-e2e-'));
  const host = await spawnHost(dataDir);
  secrets.set(new URL(host.url).origin, host.secret);
  return {
    url: host.url,
    secret: host.secret,
    dataDir,
    stop: async () => {
      await host.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium; with `fakeCamera` (an absolute .y4m path) its webcam shows that picture. */
export function launchBrowser(fakeCamera?: string): Promise<Browser> {
  const camera = fakeCamera
    ? [
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-video-capture=${fakeCamera}`,
      ]
    : [];
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...camera,
    ],
  });
}

/** Calls the web host's API from the test itself (to prepare data quickly, as another desk would). */
export async function api<T = unknown>(url: string, channel: string, input: unknown, token?: string): Promise<T> {
  const headers = {
    'content-type': 'application/json',
    'x-loket-host': secrets.get(new URL(url).origin) ?? '',
    ...(token ? { 'x-loket-session': token } : {}),
  };
  const res = await fetch(new URL(`api/${channel}`, url), { method: 'POST', headers, body: JSON.stringify(input) });
  const body = (await res.json()) as { ok: boolean; value?: T; error?: { code: string; message: string } };
  if (!body.ok) throw new Error(`${channel}: ${body.error?.code} ${body.error?.message}`);
  return body.value as T;
}

export const FIXTURES = resolve(ROOT, 'test/fixtures');

/**
 * A named screen of a journey: checked with axe-core (0 serious, 0 critical), and saved as a
 * screenshot when LOKET_SCREENSHOTS names a folder (for looking at the UI by hand).
 */
export async function snap(page: Page, name: string): Promise<void> {
  await expectAccessible(page, name);
  const dir = process.env.LOKET_SCREENSHOTS;
  if (dir) await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}
