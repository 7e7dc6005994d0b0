/**
 * An office set up from scratch and one application for `person` brought to step 7 (the identity
 * desk) through the API: the chain disposes, the verifier checks the documents, BSrE (training
 * mode) registers and activates; and the verifier's way to its identity desk. For the
 * identity-desk e2e files.
 */
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';

import { login, PDF } from './desk';
import { api } from './harness';
import { setUpOffice } from './office-setup';

export async function prepareApplicationAtStep7(url: string, person: { nik: string; nama: string }): Promise<string> {
  const staff = await setUpOffice(url);
  const pdf = { fileName: 'surat.pdf', mimeType: 'application/pdf', dataBase64: PDF.toString('base64') };
  const app = await api<{ id: string }>(
    url,
    'applications.create',
    {
      serviceType: 'new',
      applicant: {
        name: person.nama,
        nik: person.nik,
        nip: '198705172010011001',
        rank: 'Penata, III/c',
        position: 'Analis',
        agency: 'Bappeda',
        needsOfficialEmail: false,
        officialEmail: 'taufik@trenggalekkab.go.id',
        phone: '081234567890',
      },
      letter: { number: '800/1/2026', date: '2026-11-20', subject: 'Permohonan TTE', agendaNumber: 'AG-1' },
      documents: [
        { kind: 'letter', ...pdf },
        { kind: 'sk', ...pdf, fileName: 'sk.pdf' },
      ],
    },
    staff.verifikator,
  );
  const users = await api<{ id: string; role: string }[]>(url, 'users.list', {}, staff.kasi);
  await api(url, 'applications.act', { applicationId: app.id, stepNo: 2, note: 'Lanjut ke Kabid' }, staff.kadin);
  await api(url, 'applications.act', { applicationId: app.id, stepNo: 3, note: 'Lanjut ke Kasi' }, staff.kabid);
  await api(
    url,
    'applications.act',
    {
      applicationId: app.id,
      stepNo: 4,
      note: 'Ke verifikator',
      assignVerifierId: users.find((u) => u.role === 'verifikator')?.id,
    },
    staff.kasi,
  );
  await api(
    url,
    'applications.act',
    { applicationId: app.id, stepNo: 5, note: '', checklist: [true, true, true, true, true] },
    staff.verifikator,
  );
  for (let i = 0; i < 40; i += 1) {
    const detail = await api<{ currentStepNo: number }>(
      url,
      'bsre.refreshApplication',
      { applicationId: app.id },
      staff.verifikator,
    );
    if (detail.currentStepNo === 6) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  await api(url, 'training.act', { email: 'taufik@trenggalekkab.go.id', action: 'activate' }, staff.verifikator);
  const detail = await api<{ currentStepNo: number }>(
    url,
    'bsre.refreshApplication',
    { applicationId: app.id },
    staff.verifikator,
  );
  expect(detail.currentStepNo).toBe(7);
  return app.id;
}

/** The verifier logs in, finds the application of `nama` and opens its identity desk (1366 wide). */
export async function openIdentityDesk(browser: Browser, url: string, nama: string, height: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height } });
  await page.goto(url);
  await login(page, 'verifikator');
  await page.getByRole('button', { name: 'Permohonan', exact: true }).click();
  await page
    .getByRole('row', { name: new RegExp(nama) })
    .getByRole('button')
    .click();
  await page.getByRole('button', { name: 'Buka Meja Verifikasi' }).click();
  await page.getByRole('heading', { name: /Meja Verifikasi/ }).waitFor();
  return page;
}
