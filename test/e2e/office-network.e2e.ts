/**
 * The Admin's "Jaringan kantor" screen in Chromium: on the office server (the Admin at the server PC
 * itself) it shows the address and the fingerprint the server printed, makes a pairing code that a
 * desk then pairs with, lists that desk and revokes it after confirmation, and switches browser
 * sign-in for the Kepala Dinas and Kabid; on a Satu PC it says so and explains how to make a server.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { pairRequest, peerFingerprint } from '../helpers/office-client';
import { setupOffice } from './desk';
import { launchBrowser, type RunningHost, snap, startHost } from './harness';
import { type RunningOfficeServer, startOfficeHost } from './office-host';

let office: RunningOfficeServer;
let single: RunningHost;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [office, single] = await Promise.all([startOfficeHost(), startHost()]);
  browser = await launchBrowser();
  // The office CA is not installed in this Chromium profile; the desk-side checks pin the fingerprint.
  page = await browser.newPage({ viewport: { width: 1366, height: 900 }, ignoreHTTPSErrors: true });
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([office?.stop(), single?.stop()]);
});

const openNetworkScreen = async () => {
  await page.getByRole('button', { name: 'Jaringan kantor' }).click();
  await page.getByRole('heading', { name: 'Jaringan kantor' }).waitFor();
};

describe('Jaringan kantor on the office server', () => {
  it('shows the address and the printed fingerprint to the Admin at the server PC', async () => {
    await setupOffice(page, office.loopbackUrl, /Trenggalek/);
    await openNetworkScreen();
    await page.getByText(office.url, { exact: true }).waitFor();
    const shown = (await page.getByLabel('Sidik jari sertifikat').innerText()).replace(/\s+/g, ':');
    expect(shown).toBe(office.fingerprint);
    await snap(page, 'network-01-server');
  });

  it('makes a pairing code a desk pairs with, lists the desk and revokes it after confirmation', async () => {
    await page.getByRole('button', { name: 'Buat kode pemasangan' }).click();
    const code = (await page.getByText(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/).innerText()).trim();
    await page.getByText(/Berlaku \d+:\d\d menit lagi/).waitFor();
    const desk = { host: '127.0.0.2', port: office.port, ca: office.caPem, localAddress: '127.0.0.3' };
    expect(await peerFingerprint(desk)).toBe(office.fingerprint);
    expect((await pairRequest(desk, code, office.fingerprint, 'Meja Verifikasi 1').answer).status).toBe(200);
    await page.getByRole('button', { name: 'Cadangan data' }).click();
    await openNetworkScreen();
    const row = page.getByRole('row', { name: /Meja Verifikasi 1/ });
    await row.getByText('Aktif').waitFor();
    await expect(row.getByText('127.0.0.3').count()).resolves.toBe(1);
    await snap(page, 'network-02-device');
    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: 'Cabut' }).click();
    await row.getByText(/Dicabut \d\d\/\d\d\/\d{4} \d\d:\d\d/).waitFor();
  });

  it('switches browser sign-in for the Kepala Dinas and Kabid on, and it stays on', async () => {
    const toggle = page.getByLabel('Izinkan Kepala Dinas dan Kabid memakai browser');
    await expect(toggle.isChecked()).resolves.toBe(false);
    await toggle.check();
    await page.getByRole('button', { name: 'Cadangan data' }).click();
    await openNetworkScreen();
    await expect(page.getByLabel('Izinkan Kepala Dinas dan Kabid memakai browser').isChecked()).resolves.toBe(true);
    const caLink = page.getByRole('link', { name: 'unduh sertifikat CA kantor' });
    await expect(caLink.getAttribute('href')).resolves.toBe(new URL('/office-ca.crt', office.url).toString());
  });
});

describe('Jaringan kantor on a Satu PC', () => {
  it('says the PC runs as Satu PC and how to make it the office server', async () => {
    const satuPc = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    page = satuPc;
    await setupOffice(page, single.url, /Trenggalek/);
    await openNetworkScreen();
    await page.getByText('PC ini berjalan sebagai Satu PC').waitFor();
    await page.getByText(/npm run server -- --bind/).waitFor();
    await snap(page, 'network-03-single');
  });
});
