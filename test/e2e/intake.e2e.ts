/**
 * Intake in three fields, in real Chromium (browser language English, to prove the dates do not
 * follow it): the Admin imports the staff export; a walk-in goes from the letter to the handover
 * with the verifier typing at most 3 fields at intake (counted from real key presses); a collective
 * letter with three applicants makes three applications; a reload keeps the draft; dates are typed
 * dd/mm/yyyy; a second intake for the same person is refused with a link to the open one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import PDFDocument from 'pdfkit';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { completeStep, login } from './desk';
import { api, FIXTURES, launchBrowser, type RunningHost, snap, startHost } from './harness';
import { setUpOffice } from './office-setup';

let host: RunningHost;
let browser: Browser;
let page: Page;
const tokens: Record<string, string> = {};

const WALK_IN = {
  nip: '198809172012032001',
  nik: '1805295709882986',
  written: 'Dr. Fitri Pertiwi, S.Kom., M.T.',
  bsre: 'Fitri Pertiwi',
  phone: '081298765432',
  card: 'ktp-12-clean.jpg',
  selfie: 'same-camera-1.jpg',
};
const COLLECTIVE = [
  { nip: '197502032000032001', nik: '5108084302751997', name: 'Ni Luh Sukarni, S.E.', card: 'ktp-06-clean.jpg' },
  { nip: '199608182020122001', nik: '3602025808961588', name: 'Rina Wulandari, A.Md.', card: 'ktp-08-clean.jpg' },
  { nip: '198309282010012001', nik: '3317106809831248', name: 'Ningsih Wulandari', card: 'ktp-10-clean.jpg' },
];

function staffExport(): Buffer {
  const rows = [
    ['NIP Baru', 'Nama Lengkap', 'Golongan Ruang', 'Jabatan', 'Unit Kerja', 'Email', 'No HP', 'Kedudukan Hukum'],
    // The walk-in's HP is not in the export: the verifier types it.
    [
      `'${WALK_IN.nip}`,
      WALK_IN.written,
      'Penata (III/c)',
      'Pranata Komputer Ahli Muda',
      'Bappeda',
      'fitri@trenggalekkab.go.id',
      '',
      'Aktif',
    ],
    ...COLLECTIVE.map((c, i) => [
      `'${c.nip}`,
      c.name,
      'Penata Muda (III/a)',
      'Analis Data',
      'Dinas Kesehatan',
      `pegawai${i + 1}@trenggalekkab.go.id`,
      `08123400000${i + 1}`,
      'Aktif',
    ]),
  ];
  return Buffer.from(rows.map((r) => r.join(';')).join('\r\n'), 'utf8');
}

function letterPdf(lines: string[]): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: 'A4', margin: 50 });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    for (const line of lines) doc.text(line);
    doc.end();
  });
}

/** OCR, letter reading and lookups run in the core; a loaded test machine needs time. */
const POLL = { timeout: 60_000, interval: 250 };

const file = (name: string, mimeType: string, buffer: Buffer) => ({ name, mimeType, buffer });
const card = (name: string) => file(name, 'image/jpeg', readFileSync(join(FIXTURES, 'ktp/cards', name)));
const SK = file('sk.pdf', 'application/pdf', Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'));

/** What the page sees of the person's hands (typed as the test's Node side knows no DOM types). */
interface HandEvent {
  isTrusted: boolean;
  key?: string;
  target: { id?: string } | null;
}
interface CountingWindow {
  __typed: Record<string, number>;
  __clicks: number;
  document: { addEventListener(type: string, listener: (e: HandEvent) => void, capture: boolean): void };
}

/** Counts what the person does by hand: printable key presses per field, and clicks. */
async function startCounting(p: Page): Promise<void> {
  await p.evaluate(() => {
    const w = globalThis as unknown as CountingWindow;
    w.__typed = {};
    w.__clicks = 0;
    w.document.addEventListener(
      'keydown',
      (e) => {
        const id = e.target?.id;
        if (e.isTrusted && e.key?.length === 1 && id) w.__typed[id] = (w.__typed[id] ?? 0) + 1;
      },
      true,
    );
    w.document.addEventListener(
      'click',
      (e) => {
        if (e.isTrusted) w.__clicks += 1;
      },
      true,
    );
  });
}
async function counted(p: Page): Promise<{ fields: string[]; characters: number; clicks: number }> {
  return p.evaluate(() => {
    const w = globalThis as unknown as CountingWindow;
    return {
      fields: Object.keys(w.__typed),
      characters: Object.values(w.__typed).reduce((a, b) => a + b, 0),
      clicks: w.__clicks,
    };
  });
}

async function refreshUntil(appId: string, step: number): Promise<void> {
  for (let i = 0; i < 60; i += 1) {
    const d = await api<{ currentStepNo: number }>(
      host.url,
      'bsre.refreshApplication',
      { applicationId: appId },
      tokens.verifikator,
    );
    if (d.currentStepNo === step) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`application did not reach step ${step}`);
}

beforeAll(async () => {
  host = await startHost();
  Object.assign(tokens, await setUpOffice(host.url));
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'en-US' });
  await page.goto(host.url);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

describe('intake in three fields', () => {
  it('the Admin imports the staff export from the Data pegawai screen', async () => {
    await login(page, 'admin');
    await page.getByRole('button', { name: 'Data pegawai' }).click();
    await page.getByLabel('Berkas data pegawai').setInputFiles(file('siasn.csv', 'text/csv', staffExport()));
    await page.getByTestId('staff-preview').getByText('4 baris: 4 valid (4 baru, 0 diperbarui)').waitFor();
    await expect(page.getByLabel('Unit kerja/OPD').inputValue()).resolves.toBe('4');
    await page.getByRole('button', { name: 'Impor 4 pegawai' }).click();
    await page.getByText('4 pegawai baru, 0 diperbarui, 0 baris dilewati.').waitFor();
    await snap(page, 'intake-01-staff-import');
    await page.getByRole('button', { name: 'Keluar' }).click();
  });

  it('a walk-in from the letter to the handover: at most 3 typed fields at intake', async () => {
    await login(page, 'verifikator');
    await startCounting(page);
    await page.getByRole('button', { name: 'Permohonan baru' }).first().click();
    const letter = await letterPdf([
      'PEMERINTAH KABUPATEN TRENGGALEK',
      'BADAN PERENCANAAN PEMBANGUNAN DAERAH',
      'Trenggalek, 20 November 2026',
      'Nomor : 800/321/406.031/2026',
      'Perihal : Permohonan Penerbitan Sertifikat Elektronik dan Email Dinas',
    ]);
    await page.getByLabel('Surat permohonan').setInputFiles(file('surat.pdf', 'application/pdf', letter));
    await expect.poll(() => page.getByLabel('Nomor surat').inputValue(), POLL).toBe('800/321/406.031/2026');
    await expect(page.getByLabel('Tanggal surat').inputValue()).resolves.toBe('20/11/2026');
    await expect(page.getByLabel('Perihal').inputValue()).resolves.toBe(
      'Permohonan Penerbitan Sertifikat Elektronik dan Email Dinas',
    );
    await expect(page.getByLabel('Nomor agenda').inputValue()).resolves.toBe('0001/TTE/2026');

    await page.getByLabel('NIP', { exact: true }).pressSequentially(WALK_IN.nip);
    await expect.poll(() => page.getByLabel('Nama lengkap (dengan gelar)').inputValue(), POLL).toBe(WALK_IN.written);
    await expect(page.getByLabel('Pangkat/golongan').inputValue()).resolves.toBe('Penata (III/c)');
    await expect(page.getByLabel('Unit kerja/OPD').inputValue()).resolves.toBe('Bappeda');
    await expect(page.getByLabel('Email dinas', { exact: true }).inputValue()).resolves.toBe(
      'fitri@trenggalekkab.go.id',
    );
    await expect(page.getByTestId('bsre-name').textContent()).resolves.toBe(`Nama untuk BSrE: ${WALK_IN.bsre}`);

    await page.getByLabel('Scan KTP').setInputFiles(card(WALK_IN.card));
    await expect.poll(() => page.getByLabel('NIK').inputValue(), POLL).toBe(WALK_IN.nik);
    await page.getByLabel('Nomor HP/WhatsApp').pressSequentially(WALK_IN.phone);
    await page.getByLabel('SK terakhir').setInputFiles(SK);
    await page.getByText('✓ sk.pdf').waitFor();
    await snap(page, 'intake-02-walk-in-form');
    await page.getByRole('button', { name: 'Simpan permohonan' }).click();
    await page.getByRole('heading', { name: WALK_IN.written }).waitFor();

    const count = await counted(page);
    console.log(
      `intake walk-in: ${count.fields.length} typed fields (${count.fields.join(', ')}), ${count.characters} characters, ${count.clicks} clicks`,
    );
    expect(count.fields.length).toBeLessThanOrEqual(3);
    expect(count.fields.sort()).toEqual(['applicant-nip', 'applicant-phone']);

    // The rest of the SOP by each role, then the handover on screen.
    const list = await api<{ id: string; applicantName: string }[]>(
      host.url,
      'applications.list',
      { query: WALK_IN.nip },
      tokens.verifikator,
    );
    const appId = list[0]?.id ?? '';
    const detail = await api<{ bsreName: string; documents: { kind: string }[] }>(
      host.url,
      'applications.get',
      { id: appId },
      tokens.verifikator,
    );
    expect(detail.bsreName).toBe(WALK_IN.bsre);
    expect(detail.documents.map((d) => d.kind).sort()).toEqual(['ktp', 'letter', 'sk']);
    const users = await api<{ id: string; role: string }[]>(host.url, 'users.list', {}, tokens.kasi);
    await api(host.url, 'applications.act', { applicationId: appId, stepNo: 2, note: 'Lanjut ke Kabid' }, tokens.kadin);
    await api(host.url, 'applications.act', { applicationId: appId, stepNo: 3, note: 'Lanjut ke Kasi' }, tokens.kabid);
    const verifierId = users.find((u) => u.role === 'verifikator')?.id;
    await api(
      host.url,
      'applications.act',
      { applicationId: appId, stepNo: 4, note: 'Ke verifikator', assignVerifierId: verifierId },
      tokens.kasi,
    );
    await api(
      host.url,
      'applications.act',
      { applicationId: appId, stepNo: 5, note: '', checklist: [true, true, true, true, true] },
      tokens.verifikator,
    );
    await refreshUntil(appId, 6);
    await api(host.url, 'training.act', { email: 'fitri@trenggalekkab.go.id', action: 'activate' }, tokens.verifikator);
    await refreshUntil(appId, 7);
    // Step 7 through the desk: after consent it already holds the KTP read at intake.
    const desk = await api<{ ktp: { ocr: { fields: { nik: { value: string } } } } | null }>(
      host.url,
      'identity.consent',
      { applicationId: appId, agreed: true },
      tokens.verifikator,
    );
    expect(desk.ktp?.ocr.fields.nik.value).toBe(WALK_IN.nik);
    // The verifier confirms the card's fields as printed (step 7 needs the confirmation); the card's
    // upper-case name does not replace the same name as written on the letter (the row below finds it).
    await api(
      host.url,
      'identity.confirmFields',
      { applicationId: appId, fields: { nik: WALK_IN.nik, nama: 'FITRI PERTIWI' } },
      tokens.verifikator,
    );
    const selfie = readFileSync(join(FIXTURES, 'ktp/selfies', WALK_IN.selfie)).toString('base64');
    await api(
      host.url,
      'identity.captureSelfie',
      { applicationId: appId, image: { fileName: 'swafoto.jpg', mimeType: 'image/jpeg', dataBase64: selfie } },
      tokens.verifikator,
    );
    await api(
      host.url,
      'applications.act',
      { applicationId: appId, stepNo: 7, identityCheck: { decision: 'match' } },
      tokens.verifikator,
    );
    await refreshUntil(appId, 9);
    await api(host.url, 'training.act', { email: 'fitri@trenggalekkab.go.id', action: 'issue' }, tokens.verifikator);
    for (let i = 0; i < 40; i += 1) {
      const d = await api<{ bsre: { status: string | null } }>(
        host.url,
        'bsre.refreshApplication',
        { applicationId: appId },
        tokens.verifikator,
      );
      if (d.bsre.status === 'ISSUE') break;
      await new Promise((r) => setTimeout(r, 300));
    }
    await page.getByRole('button', { name: 'Permohonan', exact: true }).click();
    await page
      .getByRole('row', { name: new RegExp(WALK_IN.written.replace(/[.,]/g, '.')) })
      .getByRole('button')
      .click();
    await page.getByRole('heading', { name: WALK_IN.written }).waitFor();
    await completeStep(page, 9);
    await expect(page.getByText('Selesai', { exact: true }).first().isVisible()).resolves.toBe(true);
    await snap(page, 'intake-03-walk-in-handed-over');
  }, 240_000);

  it('a collective letter with three applicants makes three applications from one letter', async () => {
    await page.getByRole('button', { name: 'Permohonan baru' }).first().click();
    await startCounting(page);
    const letter = await letterPdf([
      'PEMERINTAH KABUPATEN TRENGGALEK',
      'DINAS KESEHATAN',
      'Trenggalek, 23 November 2026',
      'Nomor : 800/77/406.010/2026',
      'Perihal : Permohonan Sertifikat Elektronik Kolektif',
      ...COLLECTIVE.map(
        (c, i) =>
          `${i + 1}. ${c.name} NIP ${c.nip.slice(0, 8)} ${c.nip.slice(8, 14)} ${c.nip.slice(14, 15)} ${c.nip.slice(15)}`,
      ),
    ]);
    await page.getByLabel('Surat permohonan').setInputFiles(file('surat-kolektif.pdf', 'application/pdf', letter));
    await page.getByRole('button', { name: 'Buat 3 pemohon dari surat kolektif ini' }).click();
    for (const [i, c] of COLLECTIVE.entries()) {
      const block = page.getByTestId(`applicant-${i + 1}`);
      await expect.poll(() => block.getByLabel('Nama lengkap (dengan gelar)').inputValue(), POLL).toBe(c.name);
      await block.getByLabel('Scan KTP').setInputFiles(card(c.card));
      await expect.poll(() => block.getByLabel('NIK').inputValue(), POLL).toBe(c.nik);
      await block.getByLabel('SK terakhir').setInputFiles(SK);
      await block.getByText('✓ sk.pdf').waitFor();
    }
    await snap(page, 'intake-04-collective-form');
    await page.getByRole('button', { name: 'Simpan 3 permohonan' }).click();
    await page.getByRole('heading', { name: 'Surat kolektif dicatat' }).waitFor();
    const links = await page.getByRole('list').last().getByRole('button').allTextContents();
    expect(links).toHaveLength(3);
    COLLECTIVE.forEach((c, i) => expect(links[i]).toContain(c.name));
    const count = await counted(page);
    console.log(
      `collective letter, 3 applicants: ${count.fields.length} typed fields, ${count.characters} characters, ${count.clicks} clicks`,
    );
    expect(count.fields).toEqual([]);
    const detail = await api<{ letterGroup: { id: string }[]; letter: { number: string } }>(
      host.url,
      'applications.get',
      {
        id: (
          await api<{ id: string }[]>(host.url, 'applications.list', { query: COLLECTIVE[2]?.nip }, tokens.verifikator)
        )[0]?.id,
      },
      tokens.verifikator,
    );
    expect(detail.letterGroup).toHaveLength(3);
    expect(detail.letter.number).toBe('800/77/406.010/2026');
  }, 240_000);

  it('a second intake for the same person is refused with a link to the open application', async () => {
    const person = COLLECTIVE[0] as (typeof COLLECTIVE)[number]; // open since the collective letter
    await page.getByRole('button', { name: 'Permohonan baru' }).first().click();
    // A readable letter (an unreadable PDF is refused on the letter field since the letter is read).
    const letter = await letterPdf(['Nomor : 800/2/2026', 'Perihal : Permohonan Penerbitan Sertifikat Elektronik']);
    await page.getByLabel('Surat permohonan').setInputFiles(file('surat.pdf', 'application/pdf', letter));
    await page.getByText('✓ surat.pdf').waitFor();
    await page.getByLabel('Nomor surat').fill('800/2/2026');
    await page.getByLabel('Tanggal surat').fill('21112026');
    await page.getByLabel('NIP', { exact: true }).fill(person.nip);
    await expect.poll(() => page.getByLabel('Nama lengkap (dengan gelar)').inputValue(), POLL).toBe(person.name);
    await page.getByLabel('NIK').fill(person.nik);
    await page.getByLabel('SK terakhir').setInputFiles(SK);
    await page.getByText('✓ sk.pdf').waitFor();
    await page.getByRole('button', { name: 'Simpan permohonan' }).click();
    await page
      .getByText(/masih punya permohonan terbuka TTE-2026-00002/)
      .first()
      .waitFor();
    await page.getByRole('button', { name: 'Buka permohonan yang masih terbuka' }).click();
    await page.getByRole('heading', { name: person.name }).waitFor();
    await api(host.url, 'intake.draftClear', {}, tokens.verifikator);
  });

  it('a reload keeps the draft; dates are typed and shown dd/mm/yyyy in an English browser', async () => {
    await page.getByRole('button', { name: 'Permohonan baru' }).first().click();
    await page.getByLabel('Nomor surat').pressSequentially('800/99/2026');
    await page.getByLabel('Tanggal surat').pressSequentially('05112026');
    await expect(page.getByLabel('Tanggal surat').inputValue()).resolves.toBe('05/11/2026');
    await page.getByText('5 November 2026').waitFor();
    await page.getByLabel('NIP', { exact: true }).pressSequentially('19900101 201501 1 001');
    await page.getByTestId('draft-saved').waitFor();
    await page.waitForTimeout(800); // the last change reaches the core
    await page.reload();
    await page.getByRole('button', { name: 'Permohonan baru' }).first().click();
    await page.getByText(/Draf dipulihkan/).waitFor();
    await expect(page.getByLabel('Nomor surat').inputValue()).resolves.toBe('800/99/2026');
    await expect(page.getByLabel('Tanggal surat').inputValue()).resolves.toBe('05/11/2026');
    await expect(page.getByLabel('NIP', { exact: true }).inputValue()).resolves.toBe('19900101 201501 1 001');
    // An impossible date is said so next to the field, never rolled over.
    await page.getByLabel('Tanggal surat').fill('31022026');
    await page.getByText(/Tanggal tidak ada di kalender/).waitFor();
    await snap(page, 'intake-05-draft-restored');
  });
});
