/**
 * A KTP photo that reads too little to correct, in real Chromium: the verifier uploads a blurred,
 * dim photo of the card, the desk shows how few fields it read with confidence and offers a
 * retake; the retake goes back to the camera, and the card read from a good scan shows no such
 * warning. (The camera shows a face, not a card, so nothing is captured by itself meanwhile.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { FIXTURES, launchBrowser, type RunningHost, snap, startHost } from './harness';
import { openIdentityDesk, prepareApplicationAtStep7 } from './identity-step7';

const truth = JSON.parse(readFileSync(join(FIXTURES, 'ktp/ground-truth.json'), 'utf8')) as {
  cards: { id: string; variant: string; file: string; person: { fields: { nik: string; nama: string } } }[];
};
const card = truth.cards.find((c) => c.id === 'ktp-01' && c.variant === 'clean');
const person = card?.person.fields ?? { nik: '', nama: '' };

let host: RunningHost;
let browser: Browser | undefined;

beforeAll(async () => {
  host = await startHost();
  await prepareApplicationAtStep7(host.url, person);
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

describe('a KTP photo that reads too little', () => {
  it('is answered with a retake suggestion; the retake goes back to the camera; a good scan reads without it', async () => {
    if (!card) throw new Error('no fixture card');
    const scan = readFileSync(join(FIXTURES, 'ktp', card.file));
    // A shaken phone in a dim room: smeared and dark, recompressed.
    const bad = await sharp(scan).blur(9).modulate({ brightness: 0.45 }).jpeg({ quality: 40 }).toBuffer();
    browser = await launchBrowser(join(FIXTURES, 'ktp/camera/selfie-same.y4m'));
    const page = await openIdentityDesk(browser, host.url, person.nama, 768);
    await page.getByRole('checkbox', { name: /telah membaca dan menyetujui/ }).check();
    await page.getByRole('button', { name: 'Pemohon setuju, lanjutkan' }).click();
    await page.getByLabel('Kamera KTP').waitFor();

    await page.locator('input[type="file"]').setInputFiles({ name: 'ktp.jpg', mimeType: 'image/jpeg', buffer: bad });
    await page.getByRole('heading', { name: 'Data KTP hasil baca' }).waitFor({ timeout: 60_000 });
    const note = page.getByRole('alert').filter({ hasText: 'Foto KTP kurang terbaca' });
    await note.waitFor();
    await expect(note.textContent()).resolves.toMatch(/hanya \d dari 17 isian terbaca dengan yakin/);
    await snap(page, 'identity-04-ktp-retake-suggested');

    await note.getByRole('button', { name: 'Ambil ulang foto KTP' }).click();
    await page.getByLabel('Kamera KTP').waitFor();
    await page.locator('input[type="file"]').setInputFiles({ name: 'ktp.jpg', mimeType: 'image/jpeg', buffer: scan });
    await expect
      .poll(() => page.getByLabel('Nama', { exact: true }).inputValue(), { timeout: 60_000 })
      .toBe(person.nama);
    await expect(page.getByText('Foto KTP kurang terbaca').count()).resolves.toBe(0);
  });
});
