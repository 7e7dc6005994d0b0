/**
 * The verifier's and the leaders' screens at the office's real screen sizes (1366×768 and
 * 1280×720), in Chromium against the web host: the main action is on the first screen (no
 * scrolling), NIK and NIP stay inside the applicant panel, the cross-check table keeps the
 * 16-digit NIK whole, and the Kepala Dinas opens the letter (not the SK) from the step that asks
 * for it. Each screen is also checked with axe-core and saved when LOKET_SCREENSHOTS is set.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { expectRefused, login, logout, PDF, rawCall } from './desk';
import { api, FIXTURES, launchBrowser, type RunningHost, snap, startHost } from './harness';
import { setUpOffice } from './office-setup';

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1280, height: 720 },
] as const;

interface Card {
  id: string;
  file: string;
  person: { fields: { nik: string; nama: string } };
}
const truth = JSON.parse(readFileSync(join(FIXTURES, 'ktp/ground-truth.json'), 'utf8')) as { cards: Card[] };
const card = truth.cards.find((c) => c.id === 'ktp-02-clean') ?? truth.cards[0];
const APPLICANT = { name: card?.person.fields.nama ?? '', nik: card?.person.fields.nik ?? '' };

let host: RunningHost;
let browser: Browser;
let page: Page;
let appId = '';
let skId = '';
const tokens: Record<string, string> = {};

async function prepare(url: string): Promise<void> {
  Object.assign(tokens, await setUpOffice(url));
  const pdf = { mimeType: 'application/pdf', dataBase64: PDF.toString('base64') };
  const app = await api<{ id: string; documents: { id: string; kind: string }[] }>(
    url,
    'applications.create',
    {
      serviceType: 'new',
      applicant: {
        name: APPLICANT.name,
        nik: APPLICANT.nik,
        nip: '198705172010011001',
        rank: 'Penata Muda Tingkat I, III/b',
        position: 'Pranata Komputer Ahli Pertama',
        agency: 'Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah',
        needsOfficialEmail: false,
        officialEmail: 'pemohon.panjang@trenggalekkab.go.id',
        phone: '081234567890',
      },
      letter: { number: '800/1/406.020/2026', date: '2026-11-20', subject: 'Permohonan TTE', agendaNumber: 'AG-1' },
      documents: [
        { kind: 'letter', fileName: 'surat-permohonan.pdf', ...pdf },
        { kind: 'sk', fileName: 'sk.pdf', ...pdf },
      ],
    },
    tokens.verifikator,
  );
  appId = app.id;
  skId = app.documents.find((d) => d.kind === 'sk')?.id ?? '';
}

/** The element is fully on the first screen: no scrolling needed to see or reach it. */
async function expectOnFirstScreen(locator: Locator, size: { width: number; height: number }): Promise<void> {
  const box = await locator.boundingBox();
  expect(box, 'element is rendered').not.toBeNull();
  expect(box?.y ?? -1).toBeGreaterThanOrEqual(0);
  expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(size.height);
  expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(size.width);
}

/** Lines a text element's content occupies (1 = not wrapped or split). */
function lineCount(locator: Locator): Promise<number> {
  return locator.evaluate((el) => {
    const doc = (
      globalThis as unknown as {
        document: { createRange(): { selectNodeContents(n: unknown): void; getClientRects(): { top: number }[] } };
      }
    ).document;
    const range = doc.createRange();
    range.selectNodeContents(el);
    return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
  });
}

/** The element's content is not wider than its box (nothing spills or is clipped sideways). */
function spills(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => {
    const e = el as unknown as {
      scrollWidth: number;
      clientWidth: number;
      getBoundingClientRect(): { right: number };
      closest(s: string): { getBoundingClientRect(): { right: number } } | null;
    };
    const panel = e.closest('.panel');
    return (
      e.scrollWidth > e.clientWidth + 1 ||
      (panel !== null && e.getBoundingClientRect().right > panel.getBoundingClientRect().right + 1)
    );
  });
}

async function openApp(): Promise<void> {
  await page.getByRole('button', { name: 'Permohonan', exact: true }).click();
  await page
    .getByRole('row', { name: new RegExp(APPLICANT.name) })
    .getByRole('button')
    .click();
  await page.getByRole('heading', { name: APPLICANT.name }).waitFor();
}

beforeAll(async () => {
  host = await startHost();
  await prepare(host.url);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: SIZES[0] });
  await page.goto(host.url);
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

describe('screens at 1366×768 and 1280×720', () => {
  it('the Kepala Dinas sees the step action on the first screen and opens the letter, never the SK', async () => {
    await login(page, 'kadin');
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await openApp();
      await expectOnFirstScreen(page.getByRole('button', { name: 'Selesaikan langkah 2' }), size);
      await expectOnFirstScreen(page.getByRole('button', { name: /Lihat surat permohonan/ }), size);
      await snap(page, `layout-${size.width}-kadin-step2`);
    }
    await page.getByRole('button', { name: /Lihat surat permohonan/ }).click();
    await page.getByLabel('Surat permohonan surat-permohonan.pdf').waitFor();
    await snap(page, 'layout-kadin-letter-open');
    expectRefused(await rawCall(page, 'documents.get', { id: skId }), 'FORBIDDEN');
    await page.getByRole('button', { name: 'Selesaikan langkah 2' }).click();
    // Step 3 is the Kabid's: the Kepala Dinas lands on the queue, told what happened.
    await page.getByRole('heading', { name: 'Antrean hari ini' }).waitFor();
    await page
      .getByText(new RegExp(`Langkah 2 selesai\\. ${APPLICANT.name}: Menunggu langkah 3 oleh Kepala Bidang`))
      .waitFor();
    await snap(page, 'layout-kadin-queue-after-step2');
    await logout(page);
  });

  it('the verifier: intake and application actions on the first screen; NIK/NIP inside the panel', async () => {
    await api(host.url, 'applications.act', { applicationId: appId, stepNo: 3, note: 'Lanjut' }, tokens.kabid);
    const users = await api<{ id: string; role: string }[]>(host.url, 'users.list', {}, tokens.kasi);
    await api(
      host.url,
      'applications.act',
      {
        applicationId: appId,
        stepNo: 4,
        note: 'Ke verifikator',
        assignVerifierId: users.find((u) => u.role === 'verifikator')?.id,
      },
      tokens.kasi,
    );
    await login(page, 'verifikator');
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.getByRole('button', { name: 'Permohonan baru' }).first().click();
      await page.getByRole('heading', { name: 'Permohonan baru' }).waitFor();
      await expectOnFirstScreen(page.getByRole('button', { name: 'Simpan permohonan' }), size);
      await snap(page, `layout-${size.width}-intake`);

      await openApp();
      await expectOnFirstScreen(page.getByRole('button', { name: 'Daftarkan ke BSrE' }), size);
      const panel = page.locator('section.panel', { has: page.getByRole('heading', { name: 'Pemohon', exact: true }) });
      const nik = panel.locator('dd.mono').first();
      const nip = panel.locator('dd.mono').nth(1);
      await expect(nik.textContent()).resolves.toBe(APPLICANT.nik);
      expect(await lineCount(nik)).toBe(1);
      expect(await spills(nik)).toBe(false);
      expect(await spills(nip)).toBe(false);
      await snap(page, `layout-${size.width}-verifier-step5`);
    }
  });

  it('the desk: the cross-check keeps the 16-digit NIK whole and "Konfirmasi data KTP" stays on screen', async () => {
    const v = tokens.verifikator;
    await api(
      host.url,
      'applications.act',
      { applicationId: appId, stepNo: 5, note: '', checklist: [true, true, true, true, true] },
      v,
    );
    for (let i = 0; i < 40; i += 1) {
      const d = await api<{ currentStepNo: number }>(host.url, 'bsre.refreshApplication', { applicationId: appId }, v);
      if (d.currentStepNo === 6) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    await api(host.url, 'training.act', { email: 'pemohon.panjang@trenggalekkab.go.id', action: 'activate' }, v);
    const at = await api<{ currentStepNo: number }>(host.url, 'bsre.refreshApplication', { applicationId: appId }, v);
    expect(at.currentStepNo).toBe(7);
    const ktp = readFileSync(join(FIXTURES, 'ktp', card?.file ?? ''));
    await api(host.url, 'identity.consent', { applicationId: appId, agreed: true }, v);
    await api(
      host.url,
      'identity.captureKtp',
      {
        applicationId: appId,
        image: { fileName: 'ktp.jpg', mimeType: 'image/jpeg', dataBase64: ktp.toString('base64') },
      },
      v,
    );
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await openApp();
      await expectOnFirstScreen(page.getByRole('button', { name: 'Buka Meja Verifikasi' }), size);
      await snap(page, `layout-${size.width}-verifier-step7`);
      await page.getByRole('button', { name: 'Buka Meja Verifikasi' }).click();
      await page.getByRole('heading', { name: 'Data KTP hasil baca' }).waitFor();
      const rows = page.getByRole('region', { name: 'Pemeriksaan silang' }).getByRole('row');
      const nikCells = rows.filter({ hasText: /NIK pada KTP vs NIK di formulir|Struktur NIK/ }).locator('td.mono');
      expect(await nikCells.count()).toBeGreaterThanOrEqual(2);
      for (const cell of await nikCells.all()) {
        expect(await cell.textContent()).toMatch(/^\d{16}$/);
        expect(await lineCount(cell)).toBe(1);
      }
      await expectOnFirstScreen(page.getByRole('button', { name: 'Konfirmasi data KTP' }), size);
      await snap(page, `layout-${size.width}-desk-ktp-review`);
    }
  });
});
