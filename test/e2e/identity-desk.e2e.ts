/**
 * The identity desk in real Chromium with a fake webcam: the applicant consents, the camera sees a
 * KTP and takes it by itself, the OCR fields and cross-check rows appear, the verifier confirms;
 * then (a second browser whose camera shows the applicant's face) the selfie is taken, the face band
 * appears, the verifier records the decision and the application moves on.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Browser, Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { guideInFrame } from '../../src/renderer/identity/guide-crop';
import { FIXTURES, launchBrowser, type RunningHost, snap, startHost } from './harness';
import { openIdentityDesk, prepareApplicationAtStep7 } from './identity-step7';

interface Card {
  id: string;
  person: { fields: { nik: string; nama: string } };
}

const truth = JSON.parse(readFileSync(join(FIXTURES, 'ktp/ground-truth.json'), 'utf8')) as { cards: Card[] };
const person = truth.cards.find((c) => c.id.startsWith('ktp-01'))?.person.fields ?? { nik: '', nama: '' };

let host: RunningHost;
const browsers: Browser[] = [];
let appId = '';

/** A computed style of the element, read in the page. */
function cssOf(locator: Locator, property: 'transform' | 'backgroundColor' | 'padding'): Promise<string> {
  return locator.evaluate(
    (el, p) =>
      (globalThis as unknown as { getComputedStyle(e: unknown): Record<string, string> }).getComputedStyle(el)[p] ?? '',
    property,
  );
}

/** The KTP viewfinder's size on screen, which the crop maps the guide through. */
function viewfinderSize(page: Page): Promise<{ width: number; height: number }> {
  return page.getByLabel('Kamera KTP').evaluate((el) => ({
    width: (el as unknown as { clientWidth: number }).clientWidth,
    height: (el as unknown as { clientHeight: number }).clientHeight,
  }));
}

/** Waits until the webcam streams into the video element (its mirroring is set then). */
async function cameraStarted(video: Locator): Promise<void> {
  await video.waitFor();
  await video.evaluate(
    (el) =>
      new Promise<void>((resolve) => {
        const v = el as unknown as { srcObject: unknown };
        const tick = () => (v.srcObject ? resolve() : setTimeout(tick, 50));
        tick();
      }),
  );
}

const openDesk = (browser: Browser): Promise<Page> => openIdentityDesk(browser, host.url, person.nama, 1000);

beforeAll(async () => {
  host = await startHost();
  appId = await prepareApplicationAtStep7(host.url, person);
});

afterAll(async () => {
  await Promise.all(browsers.map((b) => b.close()));
  await host?.stop();
});

describe('identity desk with a fake webcam', () => {
  it('consent, KTP auto-capture with OCR and cross-checks, confirmation', async () => {
    const browser = await launchBrowser(join(FIXTURES, 'ktp/camera/ktp-card.y4m'));
    browsers.push(browser);
    const page = await openDesk(browser);
    await page.getByText('Undang-Undang Nomor 27 Tahun 2022').waitFor();
    await page.getByRole('checkbox', { name: /telah membaca dan menyetujui/ }).check();
    await snap(page, 'identity-00-consent');
    // Listening before the camera starts: the auto-capture may come as soon as the frame is good.
    const sent = page.waitForRequest((r) => r.url().endsWith('/api/identity.captureKtp'), { timeout: 60_000 });
    await page.getByRole('button', { name: 'Pemohon setuju, lanjutkan' }).click();
    // The KTP viewfinder: a transparent outline over the card, which is not mirrored.
    const video = page.getByLabel('Kamera KTP');
    await cameraStarted(video);
    const shown = await viewfinderSize(page);
    await expect.poll(() => cssOf(video, 'transform'), { timeout: 5_000 }).toBe('none');
    const guide = page.locator('.frame-guide');
    await expect(cssOf(guide, 'backgroundColor')).resolves.toBe('rgba(0, 0, 0, 0)');
    await expect(cssOf(guide, 'padding')).resolves.toBe('0px');
    await expect(cssOf(page.locator('.viewfinder'), 'backgroundColor')).resolves.toBe('rgb(17, 17, 17)');
    await snap(page, 'identity-00b-ktp-viewfinder');

    await page.getByRole('heading', { name: 'Data KTP hasil baca' }).waitFor({ timeout: 60_000 });
    // What reaches the core is the part of the 1280×720 frame under the card guide (with its margin), not the desk around it.
    const body = JSON.parse((await sent).postData() ?? '{}') as { image?: { dataBase64?: string } };
    const captured = await sharp(Buffer.from(body.image?.dataBase64 ?? '', 'base64')).metadata();
    const expected = guideInFrame(shown, { width: 1280, height: 720 });
    expect(expected).not.toBeNull();
    expect(captured.width).toBe(expected?.width);
    expect(captured.height).toBe(expected?.height);
    expect(captured.width).toBeLessThan(1280);
    await snap(page, 'identity-01-ktp-read');
    expect(await page.getByLabel('Nama', { exact: true }).inputValue()).toBe(person.nama);
    const rows = page.getByRole('region', { name: 'Pemeriksaan silang' }).getByRole('row');
    expect(await rows.count()).toBeGreaterThanOrEqual(5);
    // The verifier compares with the card in hand and corrects what the OCR got wrong.
    await page.getByLabel('NIK', { exact: true }).fill(person.nik);
    await page.getByRole('button', { name: 'Konfirmasi data KTP' }).click();
    await page.getByLabel('Kamera swafoto').waitFor();
    await page.close();
  });

  it('selfie auto-capture, face band, decision, and the application moves on', async () => {
    const browser = await launchBrowser(join(FIXTURES, 'ktp/camera/selfie-same.y4m'));
    browsers.push(browser);
    const page = await openDesk(browser);
    // The selfie preview stays mirrored, as people expect from a mirror.
    const video = page.getByLabel('Kamera swafoto');
    await cameraStarted(video);
    await expect.poll(() => cssOf(video, 'transform'), { timeout: 5_000 }).toBe('matrix(-1, 0, 0, 1, 0, 0)');
    await page.getByRole('region', { name: 'Hasil pencocokan wajah' }).waitFor({ timeout: 60_000 });
    const band = await page.locator('.band').textContent();
    expect(['Cocok', 'Perlu diperiksa']).toContain(band);
    expect(band).not.toMatch(/face-api|model/i);
    // A live face through Chromium's camera is not taken for a phone or monitor held up.
    await expect(page.getByText(/tampak diambil dari layar/).count()).resolves.toBe(0);
    await expect(page.locator('.face-model').textContent()).resolves.toMatch(/^Model: .*face-api/);
    // The KTP portrait and the selfie side by side, each at a size a verifier can compare.
    const photos = page.getByRole('region', { name: 'Foto KTP dan swafoto' });
    const portrait = photos.getByRole('img', { name: 'Foto pada KTP' });
    const selfie = photos.getByRole('img', { name: 'Swafoto pemohon' });
    await selfie.waitFor();
    await page.waitForFunction(() => {
      const doc = (globalThis as unknown as { document: { querySelector(s: string): { height: number } | null } })
        .document;
      return (doc.querySelector('.evidence-photos canvas')?.height ?? 0) > 150;
    });
    const [p, q] = [await portrait.boundingBox(), await selfie.boundingBox()];
    expect(p && q).toBeTruthy();
    expect(Math.min(p?.width ?? 0, p?.height ?? 0, q?.width ?? 0, q?.height ?? 0)).toBeGreaterThanOrEqual(200);
    expect(Math.abs((p?.y ?? 0) - (q?.y ?? 0))).toBeLessThan(5); // side by side
    await snap(page, 'identity-02-face');
    await page.getByRole('radio', { name: /^Sesuai/ }).check();
    await page.getByLabel(/Alasan/).fill('Wajah cocok dengan foto KTP; diperiksa langsung di meja');
    await page.getByRole('button', { name: 'Simpan keputusan' }).click();
    // Step 8 waits on BSrE: the verifier lands on the queue, told what happened.
    await page.getByRole('heading', { name: 'Antrean hari ini' }).waitFor();
    await page.getByText(/Langkah 7 selesai\. .*identitas terverifikasi/).waitFor();
    await snap(page, 'identity-03-queue-after-decision');
    await page.getByRole('button', { name: 'Permohonan', exact: true }).click();
    await page
      .getByRole('row', { name: new RegExp(person.nama) })
      .getByRole('button')
      .click();
    await page.getByRole('button', { name: '← Daftar permohonan' }).waitFor();
    const step = Number(await page.locator('li[aria-current="step"]').getAttribute('data-step'));
    expect(step).toBeGreaterThanOrEqual(8);
    const event = page.locator('li[data-step="7"] .event-completed');
    await expect(event.textContent()).resolves.toContain('Selesai oleh');
    expect(appId).not.toBe('');
  });
});
