/**
 * Two desks at once in real Chromium against the web host: the Kasi's "Antrean hari ini" moves on
 * by itself within seconds when the Kepala Dinas acts elsewhere (the change stream, not the 30 s
 * poll), and a second Kepala Dinas desk that had the same step open is told who acted and when.
 * Then the answers to a step action are lost on the way back (the server did the work): the desk
 * says the server cannot be reached, keeps the note as typed, retries with the same idempotency
 * key, and the application has that step once.
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

const intake = (name: string, nik: string, nip: string) => ({
  serviceType: 'new',
  applicant: {
    name,
    nik,
    nip,
    rank: 'Penata (III/c)',
    position: 'Analis Kebijakan',
    agency: 'Dinas Kesehatan',
    needsOfficialEmail: false,
    officialEmail: 'pegawai@trenggalekkab.go.id',
    phone: '081234567890',
  },
  letter: { number: '800/1/406.020/2025', date: '2025-03-07', subject: 'Permohonan TTE', agendaNumber: 'AG-1' },
  agencyHead: null,
  documents: [doc('letter'), doc('sk')],
});

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
    intake('Rina Kusumawati', '3503015506850002', '198506152010012001'),
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

  it('keeps what was typed while the server does not answer, and records the step once', async () => {
    const app = await api<{ id: string }>(
      host.url,
      'applications.create',
      intake('Budi Santoso', '3503011506850001', '198506152010011003'),
      await token('verif'),
    );
    await kadinPage.getByRole('button', { name: 'Permohonan', exact: true }).click();
    await kadinPage
      .getByRole('row', { name: /Budi Santoso/ })
      .getByRole('button')
      .click();
    await kadinPage.getByLabel('Catatan disposisi').fill('Segera diproses, berkas lengkap');

    // The first two answers are lost after the server did the work; the third gets through.
    const keys: string[] = [];
    let releaseSecondLoss: () => void = () => undefined;
    const secondLossHeld = new Promise<void>((resolve) => (releaseSecondLoss = resolve));
    await kadinPage.route('**/api/applications.act', async (route) => {
      keys.push(route.request().headers()['x-loket-idempotency'] ?? '');
      if (keys.length > 2) return route.continue();
      await route.fetch();
      if (keys.length === 2) await secondLossHeld;
      await route.abort('connectionreset');
    });
    await kadinPage.getByRole('button', { name: 'Selesaikan langkah 2' }).click();
    const banner = kadinPage.getByTestId('server-unreachable');
    await banner.waitFor();
    await expect(banner.textContent()).resolves.toBe('Server kantor tidak terjangkau — mencoba lagi…');
    await expect.poll(() => keys.length).toBe(2);
    await expect(kadinPage.getByLabel('Catatan disposisi').inputValue()).resolves.toBe(
      'Segera diproses, berkas lengkap',
    );
    await snap(kadinPage, 'live-03-unreachable');
    releaseSecondLoss();

    await kadinPage.getByText('Langkah 2 selesai.').first().waitFor();
    await banner.waitFor({ state: 'detached' });
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
    const detail = await api<{ events: { stepNo: number; note: string }[]; currentStepNo: number }>(
      host.url,
      'applications.get',
      { id: app.id },
      await token('kasi'),
    );
    expect(detail.events.filter((e) => e.stepNo === 2)).toEqual([
      expect.objectContaining({ note: 'Segera diproses, berkas lengkap' }),
    ]);
    expect(detail.currentStepNo).toBe(3);
    await kadinPage.unroute('**/api/applications.act');
  });
});
