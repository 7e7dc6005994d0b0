/**
 * The Admin's personal-data screens in the running app: "Cadangan data" makes an encrypted backup
 * now and lists it; "Data pribadi" shows the retention period (90 days by default) and runs a purge.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { setupOffice } from './desk';
import { launchBrowser, type RunningHost, snap, startHost } from './harness';

let host: RunningHost;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  host = await startHost();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await setupOffice(page, host.url, /Trenggalek/);
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

describe('Admin: backups and personal data', () => {
  it('makes a backup now and shows it in the history', async () => {
    await page.getByRole('button', { name: 'Cadangan data' }).click();
    await page.getByRole('heading', { name: 'Cadangan data' }).waitFor();
    await page.getByRole('button', { name: 'Cadangkan sekarang' }).click();
    // The backup runs in a worker thread (copy, check, gzip, encryption): seconds on a loaded machine, not one.
    await expect
      .poll(() => page.getByText(/loket-tte-\d{8}-\d{6}\.lbk/).count(), { timeout: 20_000 })
      .toBeGreaterThan(0);
    await snap(page, 'admin-01-backup');
  });

  it('shows the retention period and purges now with a plain answer', async () => {
    await page.getByRole('button', { name: 'Data pribadi' }).click();
    await page.getByRole('heading', { name: 'Data pribadi' }).waitFor();
    await expect(page.getByLabel(/hari/i).first().inputValue()).resolves.toBe('90');
    await page.getByRole('button', { name: 'Hapus sekarang' }).click();
    await expect.poll(() => page.getByText(/0 permohonan|tidak ada/i).count()).toBeGreaterThan(0);
    await snap(page, 'admin-02-privacy');
  });
});
