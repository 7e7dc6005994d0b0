/**
 * The recap in Chromium against the web host: the verifier imports a small XLSX, sees the rows,
 * filters by OPD, downloads the XLSX (parsed back), and starts a renewal that prefills the intake.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { addStaff, setupOffice, switchUser } from './desk';
import { launchBrowser, type RunningHost, snap, startHost } from './harness';

let host: RunningHost;
let browser: Browser;
let page: Page;
let dir: string;

const shift = (days: number, years = 0) => {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() + years);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10).split('-').reverse().join('/'); // dd/mm/yyyy as offices type it
};
const PEOPLE = [
  ['Agus Wibowo', '3503011506850011', '198506152010011011', 'Bappeda', shift(10, -2)], // expires in ~9 days
  ['Bambang Hidayat', '3503011506850012', '198506152010011012', 'Bappeda', shift(-400)],
  ['Citra Lestari', '3503015506850013', '198506152010012013', 'Dinas Pendidikan', shift(-100)],
  ['Dian Saputra', '3503011506850014', '198506152010011014', 'Dinas Pendidikan', shift(-10, -2)], // expired
  ['Tanpa NIK Valid', '12345', '198506152010011015', 'Bappeda', shift(-50)],
];

async function workbook(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Rekap');
  ws.addRow(['No', 'Nama', 'NIK', 'NIP', 'Unit Kerja', 'Jabatan', 'Email', 'No HP', 'Tanggal Terbit']);
  PEOPLE.forEach(([name, nik, nip, opd, issued], i) =>
    ws.addRow([i + 1, name, nik, nip, opd, 'Analis', `p${i}@trenggalekkab.go.id`, '081234567890', issued]),
  );
  const path = join(dir, 'rekap-lama.xlsx');
  writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
  return path;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'loket-recap-e2e-'));
  host = await startHost();
  browser = await launchBrowser();
  // The office's laptops: 1366×768 (and 1280×720 is checked below).
  page = await browser.newPage({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
  await setupOffice(page, host.url, /Trenggalek/);
  await addStaff(page);
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('Rekap pengguna TTE', () => {
  it('imports, filters, downloads and starts a renewal', async () => {
    await switchUser(page, 'verif');
    await page.getByRole('button', { name: 'Rekap pengguna TTE' }).click();
    await page.getByText('Belum ada pemegang sertifikat.').waitFor();

    await page.getByRole('button', { name: 'Impor rekap' }).click();
    await page.locator('#import-file').setInputFiles(await workbook());
    await page.getByText('4 valid').waitFor();
    await expect(page.getByLabel('Kolom untuk NIK').inputValue()).resolves.toBe('2');
    await expect(page.getByRole('cell', { name: /NIK harus 16 digit/ }).isVisible()).resolves.toBe(true);
    await snap(page, 'recap-01-import-report');
    await page.getByRole('button', { name: 'Impor 4 baris yang valid' }).click();
    await page.getByText('Impor selesai: 4 baris diimpor, 1 baris dilewati.').waitFor();
    await page.getByText('4 pengguna').waitFor();
    await page.getByRole('row').filter({ hasText: 'Agus Wibowo' }).waitFor();
    await page.getByRole('button', { name: 'Tutup' }).click();
    await snap(page, 'recap-02-table');

    await page.getByLabel('OPD', { exact: true }).selectOption('Bappeda');
    await page.getByText('2 pengguna').waitFor();
    await expect(page.getByRole('row').filter({ hasText: 'Citra Lestari' }).count()).resolves.toBe(0);
    await snap(page, 'recap-03-opd-filter');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Unduh XLSX' }).click(),
    ]);
    const saved = join(dir, download.suggestedFilename());
    await download.saveAs(saved);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(saved);
    const sheet = wb.getWorksheet('Rekap');
    expect(sheet?.rowCount).toBe(3);
    expect([sheet?.getRow(2).getCell(2).value, sheet?.getRow(3).getCell(2).value].sort()).toEqual([
      'Agus Wibowo',
      'Bambang Hidayat',
    ]);

    // "Ajukan perpanjangan" is on screen at both sizes, without scrolling the table sideways.
    const renew = page
      .getByRole('row')
      .filter({ hasText: 'Agus Wibowo' })
      .getByRole('button', { name: 'Ajukan perpanjangan' });
    for (const size of [
      { width: 1366, height: 768 },
      { width: 1280, height: 720 },
    ]) {
      await page.setViewportSize(size);
      const box = await renew.boundingBox();
      const table = await page.getByRole('table', { name: 'Rekap pengguna TTE' }).boundingBox();
      expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(
        Math.min(size.width, (table?.x ?? 0) + (table?.width ?? 0)),
      );
      expect(box?.x ?? -1).toBeGreaterThanOrEqual(table?.x ?? 0);
      await snap(page, `recap-02b-table-${size.width}`);
    }
    await renew.click();
    await page.getByRole('heading', { name: 'Permohonan baru' }).waitFor();
    await expect(page.locator('#applicant-nik').inputValue()).resolves.toBe('3503011506850011');
    await expect(page.locator('#applicant-name').inputValue()).resolves.toBe('Agus Wibowo');
    await expect(page.locator('#service-type').inputValue()).resolves.toBe('renewal');
    await page.getByText(/Perpanjangan dari rekap: Agus Wibowo/).waitFor();
    await snap(page, 'recap-04-renewal-intake');
  }, 120_000);
});
