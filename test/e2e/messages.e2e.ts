/**
 * Messages in the running app: the verifier sends "Berkas diterima" by WhatsApp from the
 * application (the wa.me popup is caught, no network), the panel and "Log pesan" show it, the Kadin
 * sees the number masked, and the Admin saves the SMTP settings without the password coming back.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { addStaff, fillIntake, PDF, setupOffice, switchUser } from './desk';
import { launchBrowser, type RunningHost, snap, startHost } from './harness';

let host: RunningHost;
let browser: Browser;
let page: Page;
const opened: string[] = [];

beforeAll(async () => {
  host = await startHost();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await page.context().route('https://wa.me/**', async (route) => {
    opened.push(route.request().url());
    await route.fulfill({ status: 200, contentType: 'text/plain', body: 'WhatsApp (tiruan uji)' });
  });
  await setupOffice(page, host.url, /Trenggalek/);
  await addStaff(page);
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

describe('messages to the applicant', () => {
  const applicant = { name: 'Sari Wulandari', nik: '3503015506850002', nip: '198506152010012001' };

  it('the verifier sends "Berkas diterima" by WhatsApp and the log shows it', async () => {
    await switchUser(page, 'verif');
    await fillIntake(page, applicant, [
      { label: 'Surat permohonan', name: 'surat-permohonan.pdf', bytes: PDF, mime: 'application/pdf' },
      { label: 'SK terakhir', name: 'sk-terakhir.pdf', bytes: PDF, mime: 'application/pdf' },
    ]);
    const panel = page.getByRole('region', { name: 'Kirim pesan ke pemohon' });
    await expect(panel.getByLabel('Templat pesan').inputValue()).resolves.toBe('received');
    await expect(panel.locator('option[value="incomplete"]').isDisabled()).resolves.toBe(true);
    await panel.getByText('telah kami terima dengan nomor permohonan').waitFor();
    await snap(page, 'messages-01-panel');

    const popup = page.context().waitForEvent('page');
    await panel.getByRole('button', { name: 'Kirim via WhatsApp' }).click();
    const wa = await popup;
    await wa.waitForLoadState();
    const link = new URL(wa.url());
    expect(`${link.origin}${link.pathname}`).toBe('https://wa.me/6281234567890');
    expect(link.searchParams.get('text')).toContain('Yth. Bapak/Ibu Sari Wulandari,');
    expect(opened).toHaveLength(1);
    await wa.close();

    await panel.getByText('WhatsApp dibuka untuk mengirim "Berkas diterima".').waitFor();
    await expect(panel.getByTestId('message-log').textContent()).resolves.toMatch(
      /Berkas diterima · WhatsApp · Dibuka \(tautan\)/,
    );
    await snap(page, 'messages-02-panel-sent');

    await page.getByRole('button', { name: 'Log pesan' }).click();
    const row = page.getByTestId('messages-table').getByRole('row', { name: /Sari Wulandari/ });
    await expect(row.textContent()).resolves.toMatch(/Berkas diterima.*WhatsApp.*6281234567890.*Dewi Lestari.*Dibuka/);
    await snap(page, 'messages-03-log');
  });

  it('the Kadin reads the log with the number masked', async () => {
    await switchUser(page, 'kadin');
    await page.getByRole('button', { name: 'Log pesan' }).click();
    const row = page.getByTestId('messages-table').getByRole('row', { name: /Sari Wulandari/ });
    await expect(row.textContent()).resolves.toContain('6281••••890');
    await expect(page.getByTestId('messages-table').textContent()).resolves.not.toContain('6281234567890');
  });

  it('the Admin saves the SMTP settings; the password is not shown again', async () => {
    await switchUser(page, 'admin');
    await page.getByRole('button', { name: 'Pengaturan email' }).click();
    await page.getByLabel('Kirim email lewat server SMTP kantor').check();
    await page.getByRole('button', { name: 'Simpan pengaturan email' }).click();
    await page.getByText('Isi alamat server SMTP').waitFor();
    await page.getByLabel('Alamat server').fill('smtp.trenggalekkab.go.id');
    await page.getByLabel('Nama pengguna').fill('tte');
    await page.getByLabel('Kata sandi').fill('SandiSmtp-e2e-51');
    await page.getByLabel('Alamat pengirim').fill('Layanan TTE <tte@trenggalekkab.go.id>');
    await page.getByRole('button', { name: 'Simpan pengaturan email' }).click();
    await page.getByText('Pengaturan email tersimpan.').waitFor();
    await expect(page.getByLabel('Kata sandi').inputValue()).resolves.toBe('');
    await page.getByText('Tersimpan. Kosongkan untuk tetap memakai kata sandi lama.').waitFor();
    await snap(page, 'messages-04-smtp-settings');
  });
});
