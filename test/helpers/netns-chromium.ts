/**
 * Debian's Chromium on an office host, driven by playwright-core from the test in the root namespace.
 * Playwright talks to Chromium over a pipe (`--remote-debugging-pipe`, file descriptors 3 and 4), and
 * `ip netns exec` keeps those descriptors, so launching through a two-line wrapper that enters the
 * host's namespace is all it takes: no debugging port, no route between the test and the office.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type Browser, chromium } from 'playwright-core';

import { IP, type Office } from './netns';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface ChromiumOnHostOptions {
  /**
   * Base64 SHA-256 SPKI hashes of certificates this browser accepts without a CA
   * (`--ignore-certificate-errors-spki-list`), as an office PC that installed the office CA would.
   */
  acceptSpki?: string[];
  /** More Chromium switches. */
  args?: string[];
}

const quote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

/** Launches Chromium inside the host's namespace; closed by `browser.close()` or `office.destroy()`. */
export async function launchChromiumOn(
  office: Office,
  host: string,
  opts: ChromiumOnHostOptions = {},
): Promise<Browser> {
  const { ns } = office.host(host);
  const dir = mkdtempSync(join(tmpdir(), 'loket-netns-chromium-'));
  const wrapper = join(dir, 'chromium');
  writeFileSync(wrapper, `#!/bin/sh\nexec ${quote(IP)} netns exec ${quote(ns)} ${quote(CHROMIUM)} "$@"\n`);
  chmodSync(wrapper, 0o755);
  const spki = opts.acceptSpki?.length ? [`--ignore-certificate-errors-spki-list=${opts.acceptSpki.join(',')}`] : [];
  try {
    const browser = await chromium.launch({
      executablePath: wrapper,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        ...spki,
        ...(opts.args ?? []),
      ],
    });
    office.onDestroy(async () => {
      await browser.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    });
    return browser;
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
