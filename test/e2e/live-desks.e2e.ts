/**
 * Two desks at once in real Chromium against the web host: the Kasi's "Antrean hari ini" moves on
 * by itself within seconds when the Kepala Dinas acts elsewhere (the change stream, not the 30 s
 * poll), and a second Kepala Dinas desk that had the same step open is told who acted and when.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { addStaff, login, logout, PASSWORD, PDF, setupOffice, STAFF } from './desk';
import { api, launchBrowser, type RunningHost, snap, startHost } from './harness';

let host: RunningHost;
let browser: Browser;
let kasiPage: Page;
let kadinPage: Page;
let applicationId: string;

const token = async (username: string) =>
  (await api<{ token: string }>(host.url, 'auth.login', { username, password: PASSWORD })).token;

const doc = (kind: string) => ({
  kind,
  fileName: `${kind}.pdf`,
  mimeType: 'application/pdf',
  dataBase64: PDF.toString('base64'),
});

beforeAll(async () => {
  host = await startHost();
  browser = await launchBrowser();
  const first = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await setupOffice(first, host.url, /Trenggalek/);
  await addStaff(first);
  await logout(first);
  kasiPage = first;
  kadinPage = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
  const app = await api<{ id: string }>(
    host.url,
    'applications.create',
    {
      serviceType: 'new',
      applicant: {
        name: 'Rina Kusumawati',
        nik: '3503015506850002',
        nip: '198506152010012001',
        rank: 'Penata (III/c)',
        position: 'Analis Kebijakan',
        agency: 'Dinas Kesehatan',
        needsOfficialEmail: false,
        officialEmail: 'rina@trenggalekkab.go.id',
        phone: '081234567890',
      },
      letter: { number: '800/1/406.020/2025', date: '2025-03-07', subject: 'Permohonan TTE', agendaNumber: 'AG-1' },
      agencyHead: null,
      documents: [doc('letter'), doc('sk')],
    },
    await token('verif'),
  );
  applicationId = app.id;
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

describe('two desks, one office', () => {
  it('the Kasi queue and an open application follow another desk without reloading', async () => {
    await login(kasiPage, 'kasi');
    await kasiPage.getByRole('button', { name: 'Antrean hari ini' }).click();
    const row = kasiPage.getByTestId('queue-row').filter({ hasText: 'Rina Kusumawati' });
    await expect.poll(() => row.getByTestId('queue-holder').textContent()).toBe('Kepala Dinas');

    // A second Kepala Dinas desk has the same step open.
    await kadinPage.goto(host.url);
    await login(kadinPage, 'kadin');
    await kadinPage.getByRole('button', { name: 'Permohonan', exact: true }).click();
    await kadinPage
      .getByRole('row', { name: /Rina Kusumawati/ })
      .getByRole('button')
      .click();
    await kadinPage.getByRole('button', { name: 'Selesaikan langkah 2' }).waitFor();

    // The step is done from another desk (the API, as another Kepala Dinas session would).
    await api(host.url, 'applications.act', { applicationId, stepNo: 2, note: 'Lanjutkan' }, await token('kadin'));
    // Well inside the 30 s poll: only the change stream can move it this soon.
    await expect
      .poll(() => row.getByTestId('queue-holder').textContent(), { timeout: 5_000, interval: 100 })
      .not.toBe('Kepala Dinas');

    const notice = kadinPage.getByTestId('step-conflict');
    await notice.waitFor({ timeout: 5_000 });
    const kadinName = STAFF.find((s) => s.username === 'kadin')!.fullName;
    await expect(notice.textContent()).resolves.toMatch(
      new RegExp(`Langkah 2 sudah dicatat oleh ${kadinName} \\(Kepala Dinas\\) pada .* WIB`),
    );
    await expect(kadinPage.getByRole('button', { name: 'Selesaikan langkah 2' }).count()).resolves.toBe(0);
    await snap(kadinPage, 'live-01-conflict');
    await snap(kasiPage, 'live-02-queue');
  });
});
