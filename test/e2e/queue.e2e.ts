/**
 * The Kasi's morning in real Chromium: three open applications prepared through the API as the
 * other desks would, then "Antrean hari ini" (counts, filters, reassignment to another verifier)
 * the Dasbor with the figures of those applications, and the month's Laporan fasilitasi downloaded
 * as a PDF that is read back.
 */
import { readFileSync } from 'node:fs';

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { pdfText } from '../helpers/pdf-text';
import { addStaff, login, logout, PASSWORD, PDF, setupOffice } from './desk';
import { api, launchBrowser, type RunningHost, snap, startHost } from './harness';

let host: RunningHost;
let browser: Browser;
let page: Page;

const token = async (username: string) =>
  (await api<{ token: string }>(host.url, 'auth.login', { username, password: PASSWORD })).token;

function intake(name: string, nik: string, nip: string, agency: string) {
  const doc = (kind: string) => ({
    kind,
    fileName: `${kind}.pdf`,
    mimeType: 'application/pdf',
    dataBase64: PDF.toString('base64'),
  });
  return {
    serviceType: 'new',
    applicant: {
      name,
      nik,
      nip,
      rank: 'Penata (III/c)',
      position: 'Analis Kebijakan',
      agency,
      needsOfficialEmail: false,
      officialEmail: 'pegawai@trenggalekkab.go.id',
      phone: '081234567890',
    },
    letter: {
      number: '800/1/406.020/2025',
      date: '2025-03-07',
      subject: 'Permohonan sertifikat elektronik',
      agendaNumber: 'AG-1',
    },
    agencyHead: null,
    documents: [doc('letter'), doc('sk')],
  };
}

beforeAll(async () => {
  host = await startHost();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await setupOffice(page, host.url, /Trenggalek/);
  await addStaff(page);
  await api(
    host.url,
    'users.create',
    {
      username: 'verif2',
      fullName: 'Agus Setiawan',
      nip: '199203032020121004',
      role: 'verifikator',
      password: PASSWORD,
    },
    await token('admin'),
  );
  await logout(page);

  const [verif, kadin, kabid, kasi] = await Promise.all(['verif', 'kadin', 'kabid', 'kasi'].map(token));
  const users = await api<{ id: string; username: string }[]>(host.url, 'users.list', {}, kasi);
  const dewi = users.find((u) => u.username === 'verif')?.id;
  const people = [
    ['Rina Kusumawati', '3503015506850002', '198506152010012001', 'Dinas Kesehatan'],
    ['Budi Santoso', '3503011506850001', '198506152010011003', 'Dinas Pendidikan'],
    ['Joko Purnomo', '3503011506850003', '198506152010011005', 'Dinas Pendidikan'],
  ] as const;
  for (const [i, [name, nik, nip, agency]] of people.entries()) {
    const app = await api<{ id: string }>(host.url, 'applications.create', intake(name, nik, nip, agency), verif);
    if (i === 2) continue; // stays with the Kepala Dinas at step 2
    for (const [stepNo, t] of [
      [2, kadin],
      [3, kabid],
      [4, kasi],
    ] as const)
      await api(
        host.url,
        'applications.act',
        {
          applicationId: app.id,
          stepNo,
          note: 'Mohon ditindaklanjuti',
          ...(stepNo === 4 ? { assignVerifierId: dewi } : {}),
        },
        t,
      );
  }
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

const rows = () => page.getByTestId('queue-row');

describe('Antrean hari ini and Dasbor', () => {
  it('the Kasi sees the counts, filters, and reassigns an application to another verifier', async () => {
    await login(page, 'kasi');
    await page.getByRole('button', { name: 'Antrean hari ini' }).click();
    await page.getByRole('heading', { name: 'Antrean hari ini' }).waitFor();
    await expect.poll(() => page.getByTestId('count-total').locator('.count-value').textContent()).toBe('3');
    await expect(page.getByTestId('count-onTime').locator('.count-value').textContent()).resolves.toBe('3');
    await expect(page.getByTestId('count-waitingOnOffice').locator('.count-value').textContent()).resolves.toBe('3');
    await expect(page.getByTestId('queue-updated').textContent()).resolves.toMatch(
      /^Diperbarui pukul \d{2}\.\d{2} WIB$/,
    );

    await page.getByLabel('Verifikator', { exact: true }).selectOption({ label: 'Dewi Lestari' });
    await expect.poll(() => rows().count()).toBe(2);
    await page.getByLabel('Langkah').selectOption({ index: 0 });
    await page.getByLabel('Verifikator', { exact: true }).selectOption({ label: 'Semua verifikator' });
    await expect.poll(() => rows().count()).toBe(3);
    await page.getByLabel('Langkah').selectOption({ value: '2' });
    await expect.poll(() => rows().count()).toBe(1);
    await expect(rows().first().getByTestId('queue-holder').textContent()).resolves.toBe('Kepala Dinas');
    await expect(page.getByTestId('count-total').locator('.count-value').textContent()).resolves.toBe('1');
    await page.getByLabel('Langkah').selectOption({ value: '5' });
    await expect.poll(() => rows().count()).toBe(2);
    await snap(page, 'queue-01-filtered');

    const row = rows().filter({ hasText: 'Rina Kusumawati' });
    await row.getByRole('button', { name: 'Tugaskan ulang' }).click();
    await row.getByLabel('Verifikator baru').selectOption({ label: 'Agus Setiawan' });
    await row.getByRole('button', { name: 'Simpan' }).click();
    await page.getByText('Permohonan ditugaskan kepada Agus Setiawan.').waitFor();
    await expect.poll(() => row.getByTestId('queue-verifier').textContent()).toBe('Agus Setiawan');
    await expect(row.getByTestId('queue-holder').textContent()).resolves.toBe('Agus Setiawan');
    await snap(page, 'queue-02-reassigned');

    await row.getByText('Rina Kusumawati').click();
    await page.getByRole('heading', { name: /Rina Kusumawati/ }).waitFor();
  });

  it('the Dasbor shows the volume, the step table and the compliance', async () => {
    await page.getByRole('button', { name: 'Dasbor' }).click();
    await page.getByRole('heading', { name: 'Dasbor' }).waitFor();
    await expect.poll(() => page.getByTestId('dash-total').locator('.count-value').textContent()).toBe('3');
    await expect(page.getByTestId('dash-compliance').locator('.count-value').textContent()).resolves.toBe('100%');
    await expect(page.getByTestId('step-duration-row').count()).resolves.toBe(3);
    await expect(page.getByRole('img', { name: /Jumlah permohonan per periode/ }).isVisible()).resolves.toBe(true);
    await page.getByLabel('Periode', { exact: true }).selectOption({ label: 'Bulanan' });
    await expect.poll(() => page.getByRole('heading', { name: /per bulan/ }).count()).toBe(1);
    await snap(page, 'dashboard-01');
  });

  it('the Laporan fasilitasi shows the month and its PDF downloads with the office letterhead', async () => {
    await page.getByRole('button', { name: 'Laporan fasilitasi' }).click();
    await page.getByRole('heading', { name: 'Laporan fasilitasi' }).waitFor();
    await page.getByTestId('report-period').waitFor();
    await expect(page.getByTestId('report-period').textContent()).resolves.toMatch(/^Periode: \p{L}+ 20\d\d$/u);
    const downloadPromise = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Unduh PDF' }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toMatch(/^laporan-fasilitasi-20\d\d-\d\d\.pdf$/);
    const { text } = await pdfText(readFileSync(await download.path()));
    expect(text).toMatch(/Laporan Fasilitasi Layanan Penerbitan Sertifikat Elektronik/i);
    expect(text).toMatch(/TRENGGALEK/i);
    await snap(page, 'reports-01');
  });
});
