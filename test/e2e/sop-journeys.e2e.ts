/**
 * Journeys through the running app in real Chromium against the real web host: one application
 * walks every step of the Trenggalek SOP and one every step of the Madiun SOP, each step done by
 * its own role after signing in; a returned application is resubmitted; a wrong role is refused.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  addStaff,
  completeStep,
  currentStep,
  expectRefused,
  fillIntake,
  openApplication,
  PDF,
  PNG,
  rawCall,
  setupOffice,
  switchUser,
  trainer,
  waitForStep,
} from './desk';
import { launchBrowser, type RunningHost, snap, startHost } from './harness';

let host: RunningHost;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  host = await startHost();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await setupOffice(page, host.url, /Trenggalek/);
  await addStaff(page);
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

describe('Trenggalek 2024 SOP, letter to handover', () => {
  const applicant = { name: 'Rina Kusumawati', nik: '3503015506850002', nip: '198506152010012001' };

  it('walks all nine steps, each by its own role, and adds the holder to the recap', async () => {
    await switchUser(page, 'verif');
    await fillIntake(page, applicant, [
      { label: 'Surat permohonan', name: 'surat-permohonan.pdf', bytes: PDF, mime: 'application/pdf' },
      { label: 'SK terakhir', name: 'sk-terakhir.pdf', bytes: PDF, mime: 'application/pdf' },
    ]);
    expect(await currentStep(page)).toBe(2);
    await expect(page.getByText('Menunggu langkah 2 oleh Kepala Dinas').isVisible()).resolves.toBe(true);
    await snap(page, 'trenggalek-01-after-intake');

    for (const [user, step] of [
      ['kadin', 2],
      ['kabid', 3],
      ['kasi', 4],
    ] as const) {
      await switchUser(page, user);
      await openApplication(page, applicant.name);
      expect(await currentStep(page)).toBe(step);
      if (step === 4) await page.getByLabel('Verifikator yang ditugaskan').selectOption({ label: 'Dewi Lestari' });
      await completeStep(page, step);
    }

    await switchUser(page, 'verif');
    await openApplication(page, applicant.name);
    expect(await currentStep(page)).toBe(5);
    await snap(page, 'trenggalek-02-step5-checklist');
    await expect(page.getByText('MODE LATIHAN', { exact: true }).isVisible()).resolves.toBe(true);
    for (const box of await page.getByRole('group', { name: 'Kelengkapan berkas' }).getByRole('checkbox').all())
      await box.check();
    await page.getByRole('button', { name: 'Daftarkan ke BSrE' }).click();
    await page.getByText('Pendaftaran dikirim ke BSrE').waitFor();
    await waitForStep(page, 6);
    await expect(page.getByTestId('bsre-registration').textContent()).resolves.toContain('Terdaftar di BSrE');
    await snap(page, 'trenggalek-03-waiting-activation');

    await trainer(page, 'Aktivasi oleh pemohon', applicant.name);
    await page.getByRole('heading', { name: 'Email aktivasi simulasi' }).waitFor();
    await expect(page.getByText('kepada rina@trenggalekkab.go.id', { exact: false }).count()).resolves.toBe(1);
    await snap(page, 'trenggalek-03b-trainer');
    await openApplication(page, applicant.name);
    await waitForStep(page, 7);
    // Step 7 without the desk's evidence is refused by the core, whatever the renderer sends.
    const listed = await rawCall(page, 'applications.list', { query: applicant.name });
    const appId = (listed.value as { id: string }[])[0]?.id;
    expectRefused(
      await rawCall(page, 'applications.act', {
        applicationId: appId,
        stepNo: 7,
        note: '',
        identityCheck: {
          decision: 'match',
          reason: '',
          selfie: { kind: 'selfie', fileName: 's.png', mimeType: 'image/png', dataBase64: PNG.toString('base64') },
        },
      }),
      'IDENTITY_EVIDENCE_MISSING',
    );
    await snap(page, 'trenggalek-03c-step7-desk');
    // The camera is broken today: the audited "verifikasi manual" with a reason.
    await page.getByRole('button', { name: /Verifikasi manual/ }).click();
    await page.getByRole('button', { name: 'Selesaikan langkah 7 dengan verifikasi manual' }).click();
    await page.getByText('Pilih alasan verifikasi manual').waitFor();
    await page.getByLabel('Alasan verifikasi manual').selectOption({ label: 'Kamera rusak atau tidak tersedia' });
    await page
      .getByLabel('Keterangan pemeriksaan')
      .fill('Kamera meja rusak; KTP asli dicocokkan langsung dengan wajah');
    await page.getByRole('checkbox', { name: /sudah saya periksa langsung/ }).check();
    await snap(page, 'trenggalek-03d-step7-manual');
    await completeStep(page, 7);
    // Step 8 waits on BSrE, not on the verifier: they land on their queue.
    await page.getByRole('heading', { name: 'Antrean hari ini' }).waitFor();
    await openApplication(page, applicant.name);
    await waitForStep(page, 9);
    await expect(page.locator('li[data-step="7"]').textContent()).resolves.toMatch(/Selesai oleh/);

    await trainer(page, 'Terbitkan', applicant.name);
    await openApplication(page, applicant.name);
    await page
      .getByText(/Menurut BSrE: terbit/)
      .waitFor({ timeout: 15_000 })
      .catch(async () => {
        await page.getByRole('button', { name: /Periksa status BSrE sekarang/ }).click();
        await page.getByText(/Menurut BSrE: terbit/).waitFor();
      });
    await snap(page, 'trenggalek-04-step9-issued');
    await completeStep(page, 9);

    await expect(page.getByText('Selesai', { exact: true }).first().isVisible()).resolves.toBe(true);
    await expect(page.getByText(/Sertifikat terbit .* berlaku hingga/).isVisible()).resolves.toBe(true);
    expect(await page.locator('li.step-done').count()).toBe(9);
    await snap(page, 'trenggalek-05-completed');

    await page.getByRole('button', { name: 'Rekap pengguna TTE' }).click();
    await page.getByRole('cell', { name: applicant.name }).waitFor();
    expect(await page.getByRole('cell', { name: applicant.nik }).count()).toBe(1);
  });

  it('refuses a user whose role does not own the step or the channel', async () => {
    await switchUser(page, 'verif');
    await fillIntake(page, { name: 'Agus Salim', nik: '3503011506850001', nip: '198506152010011001' }, [
      { label: 'Surat permohonan', name: 'surat.pdf', bytes: PDF, mime: 'application/pdf' },
      { label: 'SK terakhir', name: 'sk.pdf', bytes: PDF, mime: 'application/pdf' },
    ]);
    const listed = await rawCall(page, 'applications.list', { query: 'Agus' });
    const id = (listed.value as { id: string }[])[0]?.id;
    expect(id).toBeTruthy();

    await switchUser(page, 'kabid');
    await openApplication(page, 'Agus Salim');
    await page.getByText('Menunggu langkah 2 oleh Kepala Dinas').waitFor();
    expect(await page.getByRole('button', { name: /Selesaikan langkah/ }).count()).toBe(0);
    expectRefused(
      await rawCall(page, 'applications.act', { applicationId: id, stepNo: 2, note: 'Lanjut' }),
      'WRONG_ROLE_FOR_STEP',
    );
    expect(await page.getByRole('button', { name: 'Permohonan baru' }).count()).toBe(0);
    expectRefused(await rawCall(page, 'applications.create', {}), 'FORBIDDEN');
    expectRefused(await rawCall(page, 'users.create', {}), 'FORBIDDEN');

    await page.reload();
    await openApplication(page, 'Agus Salim');
    expect(await currentStep(page)).toBe(2);
  });
});

describe('a save clicked while a file is still being checked', () => {
  it('waits for the check and saves the application, instead of calling the document missing', async () => {
    await switchUser(page, 'verif');
    // The core's file check takes its time (a loaded server): 2 s per file here.
    await page.route('**/api/intake.checkFile', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      await route.continue();
    });
    try {
      await fillIntake(page, { name: 'Rina Marlina', nik: '3503015707900002', nip: '199007172015032002' }, [
        { label: 'Surat permohonan', name: 'surat.pdf', bytes: PDF, mime: 'application/pdf' },
        { label: 'SK terakhir', name: 'sk.pdf', bytes: PDF, mime: 'application/pdf' },
      ]);
    } finally {
      await page.unroute('**/api/intake.checkFile');
    }
    expect(await page.getByText('Dokumen wajib belum diunggah').count()).toBe(0);
    expect(await currentStep(page)).toBe(2);
  });
});

describe('Madiun SOP, with a return to the applicant', () => {
  const applicant = { name: 'Yusuf Hidayat', nik: '3577011203880003', nip: '198803122012121001' };

  it('switches the office template, returns at step 5, resubmits, and walks all ten steps', async () => {
    await switchUser(page, 'admin');
    await page.getByRole('button', { name: 'Pengaturan BSrE' }).click();
    await expect(page.getByRole('radio', { name: /Mode Latihan/ }).isChecked()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Uji koneksi' }).click();
    await page.getByText(/Tersambung: kredensial dan alamat IP komputer ini diterima/).waitFor();
    await snap(page, 'madiun-00-bsre-settings');
    await page.getByRole('button', { name: 'Templat SOP' }).click();
    await page.getByLabel('Templat').selectOption({ label: 'Dinas Komunikasi dan Informatika Kota Madiun' });
    await page.getByRole('button', { name: 'Pakai templat ini' }).click();
    await page.getByText(/sekarang dipakai untuk permohonan baru/).waitFor();
    await expect(page.getByRole('cell', { name: '24 jam' }).isVisible()).resolves.toBe(true);
    await snap(page, 'madiun-01-sop-table');

    await switchUser(page, 'verif');
    await fillIntake(
      page,
      applicant,
      [
        { label: 'Surat permohonan', name: 'surat.pdf', bytes: PDF, mime: 'application/pdf' },
        { label: 'Surat rekomendasi pimpinan', name: 'rekomendasi.pdf', bytes: PDF, mime: 'application/pdf' },
        { label: 'Scan KTP', name: 'ktp.png', bytes: PNG, mime: 'image/png' },
      ],
      true,
    );
    await page.getByText('Ir. Ahmad Fauzi, M.T.').waitFor();

    for (const [user, step] of [
      ['kadin', 2],
      ['kabid', 3],
      ['kasi', 4],
    ] as const) {
      await switchUser(page, user);
      await openApplication(page, applicant.name);
      await completeStep(page, step);
    }

    await switchUser(page, 'verif');
    await openApplication(page, applicant.name);
    expect(await currentStep(page)).toBe(5);
    await page.getByRole('button', { name: 'Kembalikan kepada pemohon' }).click();
    await page.getByLabel(/Alasan pengembalian/).fill('Surat rekomendasi belum ditandatangani pimpinan');
    await page.getByRole('button', { name: 'Kembalikan', exact: true }).click();
    await page.getByText('Dikembalikan kepada pemohon: Surat rekomendasi belum ditandatangani pimpinan').waitFor();
    expect(await page.getByRole('button', { name: /Selesaikan langkah/ }).count()).toBe(0);
    await snap(page, 'madiun-02-returned');

    await page.getByLabel('Keterangan perbaikan').fill('Rekomendasi bertanda tangan diserahkan');
    await page
      .getByLabel('Surat rekomendasi pimpinan (opsional)')
      .setInputFiles({ name: 'rekomendasi-ttd.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByRole('button', { name: 'Lanjutkan proses' }).click();
    await page.getByText('Berkas perbaikan diterima; proses dilanjutkan.').waitFor();
    await page.getByText('rekomendasi-ttd.pdf').waitFor();
    expect(await currentStep(page)).toBe(5);

    for (const box of await page.getByRole('group', { name: 'Kelengkapan berkas' }).getByRole('checkbox').all())
      await box.check();
    await completeStep(page, 5);
    await page.getByRole('button', { name: 'Daftarkan ke BSrE' }).click();
    await waitForStep(page, 7);
    await trainer(page, 'Aktivasi oleh pemohon', applicant.name);
    await openApplication(page, applicant.name);
    await waitForStep(page, 9);
    await trainer(page, 'Terbitkan', applicant.name);
    await openApplication(page, applicant.name);
    await waitForStep(page, 10);
    await completeStep(page, 10);
    expect(await page.locator('li.step-done').count()).toBe(10);
    await expect(page.getByText(/berlaku hingga/).isVisible()).resolves.toBe(true);
    await snap(page, 'madiun-03-completed');

    await page.getByRole('button', { name: 'Rekap pengguna TTE' }).click();
    await page.getByRole('cell', { name: applicant.name }).waitFor();
  });
});
