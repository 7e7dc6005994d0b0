/**
 * The network-mode chooser in real Chromium. The Electron preload cannot run here, so the page gets
 * a small recording `window.loketHost` (the same edge the shell tests stand in for); the office
 * itself is the real web host. First start: the three cards with Satu PC selected, the server card
 * offering this PC's LAN addresses and port 4443, the desk card pairing and then showing the pinned
 * fingerprint and office name; keeping Satu PC continues to the office setup.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { expectAccessible } from './a11y';
import { launchBrowser, type RunningHost, snap, startHost } from './harness';

let host: RunningHost;
let browser: Browser;
let page: Page;
const FINGERPRINT = Array.from({ length: 32 }, (_, i) => (i * 9 + 16).toString(16).slice(-2).toUpperCase()).join(':');

function installHost(fingerprint: string): void {
  const calls: unknown[][] = [];
  (globalThis as unknown as { __hostCalls: unknown[][] }).__hostCalls = calls;
  const ok = (value: unknown) => Promise.resolve({ ok: true, value });
  (globalThis as unknown as { loketHost: unknown }).loketHost = Object.freeze({
    modeGet: () =>
      ok({
        current: { mode: 'single' },
        chosen: false,
        canChange: true,
        lanAddresses: [
          { address: '192.168.1.10', interfaceName: 'eth0' },
          { address: '10.0.5.2', interfaceName: 'wlan0' },
        ],
        defaultPort: 4443,
        hostName: 'PC-LOKET-2',
        server: null,
        canServe: true,
        reachable: true,
      }),
    modeChoose: (choice: unknown) => (calls.push(['modeChoose', choice]), ok({ relaunching: false })),
    pair: (request: unknown) => {
      calls.push(['pair', request]);
      return ok({
        url: 'https://192.168.1.10:4443',
        fingerprint,
        officeName: 'Dinas Kominfo Trenggalek',
        deviceId: 'd1',
      });
    },
    onChange: () => () => undefined,
    onReachability: () => () => undefined,
  });
}

const hostCalls = () => page.evaluate(() => (globalThis as unknown as { __hostCalls: unknown[][] }).__hostCalls);

beforeAll(async () => {
  host = await startHost();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await page.addInitScript(installHost, FINGERPRINT);
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

describe('Mode jaringan at the first start', () => {
  it('offers the three modes, pairs a desk and shows what it pinned, and continues as Satu PC', async () => {
    await page.goto(host.url);
    await page.getByRole('heading', { name: 'Mode jaringan' }).waitFor();
    await expect(page.getByRole('radio', { name: /Satu PC/ }).isChecked()).resolves.toBe(true);
    await expectAccessible(page, 'network mode');
    await snap(page, 'mode-01-choose');

    await page.getByRole('radio', { name: /Server kantor/ }).check();
    await expect(page.getByLabel('Alamat PC ini di jaringan kantor').inputValue()).resolves.toBe('192.168.1.10');
    await expect(page.getByLabel('Port').inputValue()).resolves.toBe('4443');
    await snap(page, 'mode-02-server');

    await page.getByRole('radio', { name: /Meja/ }).check();
    await expect(page.getByLabel('Alamat server kantor').inputValue()).resolves.toBe('https://192.168.1.10:4443');
    await expect(page.getByLabel('Nama meja ini').inputValue()).resolves.toBe('Meja PC-LOKET-2');
    await page.getByLabel('Kode pemasangan').fill('QW7K-39XD-MNPT');
    await page.getByRole('button', { name: 'Pasangkan' }).click();
    const paired = page.getByTestId('desk-paired');
    await paired.waitFor();
    await expect(paired.textContent()).resolves.toContain(FINGERPRINT);
    await expect(paired.textContent()).resolves.toContain('Dinas Kominfo Trenggalek');
    await expectAccessible(page, 'desk paired');
    await snap(page, 'mode-03-paired');

    await page.getByRole('radio', { name: /Satu PC/ }).check();
    await page.getByRole('button', { name: 'Lanjutkan sebagai Satu PC' }).click();
    await page.getByRole('heading', { name: 'Penyiapan Loket TTE' }).waitFor();
    expect(await hostCalls()).toEqual([
      ['pair', { url: 'https://192.168.1.10:4443', code: 'QW7K-39XD-MNPT', deviceName: 'Meja PC-LOKET-2' }],
      ['modeChoose', { mode: 'single' }],
    ]);
  });
});
