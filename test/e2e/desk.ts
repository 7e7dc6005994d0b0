/** What a person does at the desk, as reusable steps for the journeys: sign in, fill forms, act. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

import { expectAccessible } from './a11y';

export const PASSWORD = 'Loket-rahasia-2026';

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
/** A complete 1×1 PNG (the core checks an image's chunks and CRCs, so a bare header is refused). */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

export async function setupOffice(page: Page, url: string, templateLabel: RegExp): Promise<void> {
  await page.goto(url);
  await page.getByRole('heading', { name: 'Penyiapan Loket TTE' }).waitFor();
  await page.getByLabel('Kabupaten/kota').fill('Kabupaten Trenggalek');
  await page.getByLabel('Alamat').fill('Jl. Panglima Sudirman No. 1, Trenggalek');
  await page.getByLabel('Teks kop surat').fill('PEMERINTAH KABUPATEN TRENGGALEK\nDINAS KOMUNIKASI DAN INFORMATIKA');
  await page.getByLabel('Templat SOP').selectOption({ label: await optionLabel(page, 'Templat SOP', templateLabel) });
  await page.getByLabel('Nama lengkap').fill('Admin TTE Kominfo');
  await page.getByLabel('NIP').fill('19850315 201001 1 002');
  await page.getByLabel('Nama pengguna').fill('admin');
  await page.getByLabel('Kata sandi').fill(PASSWORD);
  await page.getByRole('button', { name: 'Simpan dan mulai' }).click();
  await page.getByText('Admin TTE Kominfo').waitFor();
}

async function optionLabel(page: Page, label: string, pattern: RegExp): Promise<string> {
  const labels = await page.getByLabel(label).locator('option').allTextContents();
  const found = labels.find((l) => pattern.test(l));
  if (!found) throw new Error(`no option matching ${pattern} in ${labels.join(' | ')}`);
  return found;
}

export const STAFF = [
  { username: 'kadin', fullName: 'Edif Hayunan', nip: '197106091992011002', role: 'Kepala Dinas' },
  { username: 'kabid', fullName: 'Sri Wahyuni', nip: '197503122000032001', role: 'Kepala Bidang' },
  { username: 'kasi', fullName: 'Bambang Prasetyo', nip: '198001012005011003', role: 'Kepala Seksi' },
  { username: 'verif', fullName: 'Dewi Lestari', nip: '199002142015032002', role: 'Verifikator' },
] as const;

export async function addStaff(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Pengguna' }).click();
  for (const s of STAFF) {
    await page.getByLabel('Nama lengkap').fill(s.fullName);
    await page.getByLabel('NIP').fill(s.nip);
    await page.getByLabel('Nama pengguna').fill(s.username);
    await page.getByLabel('Peran', { exact: true }).selectOption({ label: s.role });
    await page.getByLabel('Kata sandi awal').fill(PASSWORD);
    await page.getByRole('button', { name: 'Tambah pengguna' }).click();
    await page.getByText(`Pengguna ${s.fullName} ditambahkan`).waitFor();
  }
}

export async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Keluar' }).click();
  await page.getByRole('button', { name: 'Masuk' }).waitFor();
  await expectAccessible(page, 'login');
}

export async function login(page: Page, username: string): Promise<void> {
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi').fill(PASSWORD);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.getByRole('button', { name: 'Keluar' }).waitFor();
  await expectAccessible(page, `landing (${username})`);
}

export async function switchUser(page: Page, username: string): Promise<void> {
  await logout(page);
  await login(page, username);
}

export interface Applicant {
  name: string;
  nik: string;
  nip: string;
}

export async function fillIntake(
  page: Page,
  a: Applicant,
  documents: { label: string; name: string; bytes: Buffer; mime: string }[],
  agencyHead = false,
): Promise<void> {
  await page.getByRole('button', { name: 'Permohonan baru' }).first().click();
  await page.getByLabel('Nomor surat').fill('800/123/406.020/2026');
  await page.getByLabel('Tanggal surat').fill('20/11/2026');
  await page.getByLabel('Nomor agenda').fill('AG-0457');
  await page.getByLabel('Nama lengkap').fill(a.name);
  await page.getByLabel('NIK').fill(a.nik);
  await page.getByLabel('NIP', { exact: true }).fill(a.nip);
  await page.getByLabel('Pangkat/golongan').fill('Penata, III/c');
  await page.getByLabel('Jabatan', { exact: true }).fill('Analis Kebijakan');
  await page.getByLabel('Unit kerja/OPD').fill('Badan Perencanaan Pembangunan Daerah');
  await page
    .getByLabel('Email dinas', { exact: true })
    .fill(`${a.name.split(' ')[0]?.toLowerCase()}@trenggalekkab.go.id`);
  await page.getByLabel('Nomor HP/WhatsApp').fill('0812 3456 7890');
  if (agencyHead) {
    await page.getByLabel('Nama KA OPD').fill('Ir. Ahmad Fauzi, M.T.');
    await page.getByLabel('NIP KA OPD').fill('196805121994031004');
    await page.getByLabel('Jabatan KA OPD').fill('Kepala Bappeda');
  }
  for (const d of documents)
    await page.getByLabel(d.label).setInputFiles({ name: d.name, mimeType: d.mime, buffer: d.bytes });
  await expectAccessible(page, 'intake (filled)');
  await page.getByRole('button', { name: 'Simpan permohonan' }).click();
  try {
    await page.getByRole('heading', { name: a.name }).waitFor();
  } catch (error) {
    // What the screen said instead (a refusal, a field error), so a failed run explains itself.
    const said = await page.locator('[role="alert"], .field-error').allInnerTexts();
    const invalid = await page
      .locator('[aria-invalid="true"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('id') ?? e.getAttribute('name') ?? e.tagName));
    const detail = JSON.stringify({ said, invalid });
    throw new Error(`the intake of ${a.name} did not open its application; on screen: ${detail}`, {
      cause: error,
    });
  }
  await expectAccessible(page, 'application after intake');
}

export async function openApplication(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Permohonan', exact: true }).click();
  await page
    .getByRole('row', { name: new RegExp(name) })
    .getByRole('button')
    .click();
  await page.getByRole('heading', { name }).waitFor();
  await expectAccessible(page, `application ${name}`);
}

/** The current step number shown as "aria-current=step" in the timeline. */
export async function currentStep(page: Page): Promise<number> {
  return Number(await page.locator('li[aria-current="step"]').getAttribute('data-step'));
}

export async function completeStep(page: Page, stepNo: number): Promise<void> {
  await page.getByRole('button', { name: `Selesaikan langkah ${stepNo}` }).click();
  await page.getByText(`Langkah ${stepNo} selesai.`).first().waitFor();
  await expectAccessible(page, `after step ${stepNo}`);
}

export interface RawResult {
  ok: boolean;
  value?: unknown;
  error?: { code: string; message: string };
}

/** Calls the API the way the renderer does, with this tab's session, to prove the core refuses. */
export async function rawCall(page: Page, channel: string, input: unknown): Promise<RawResult> {
  return page.evaluate(
    async ([c, i]) => {
      const browser = globalThis as unknown as {
        sessionStorage: { getItem(key: string): string | null };
        document: { querySelector(s: string): { getAttribute(n: string): string | null } | null };
      };
      const token = browser.sessionStorage.getItem('loket.session') ?? '';
      const secret = browser.document.querySelector('meta[name="loket-host-secret"]')?.getAttribute('content') ?? '';
      const res = await fetch(`api/${c}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-loket-session': token, 'x-loket-host': secret },
        body: JSON.stringify(i),
      });
      return (await res.json()) as RawResult;
    },
    [channel, input] as const,
  );
}

export function expectRefused(result: RawResult, code: string): void {
  expect(result.ok).toBe(false);
  expect(result.error?.code).toBe(code);
  expect(result.error?.message.length).toBeGreaterThan(10);
}

/** The trainer's panel (Mode Latihan): move the simulated applicant along, as BSrE or the applicant would. */
export async function trainer(page: Page, action: string, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Panel pelatih' }).click();
  await page.getByRole('button', { name: `${action} ${name}` }).click();
  await page.getByText(`${action}: ${name}.`).waitFor();
  await expectAccessible(page, 'trainer panel');
}

/** Waits until the application (already open) shows `stepNo` as its current step, asking BSrE meanwhile. */
export async function waitForStep(page: Page, stepNo: number): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    if ((await currentStep(page)) === stepNo) return;
    await page.getByRole('button', { name: /Periksa status BSrE sekarang/ }).click();
    await page.waitForTimeout(500);
  }
  expect(await currentStep(page)).toBe(stepNo);
}
