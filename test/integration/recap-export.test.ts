/**
 * Export of the recap: the XLSX opened with exceljs and the PDF read with pdfjs-dist — rows, the
 * OPD and period filters, masking for roles that do not see personal data, and the audit entry.
 * Also the renewal draft, and the intake it opens remembering the holder it renews.
 */
import ExcelJS from 'exceljs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { insertHolder } from '../../src/main/core/store/repos/holders';
import {
  auditActions,
  call,
  errorOf,
  makeTempCore,
  readyOffice,
  type Staff,
  type TestCore,
  unwrap,
  validIntake,
} from '../helpers/core-fixture';

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const nikOf = (i: number) => `3503011506850${pad(i, 3)}`;
const HOLDERS = [
  { name: 'Budi Santoso', agency: 'Dinas Pendidikan', issuedAt: '2024-01-15' },
  { name: 'Siti Rahayu', agency: 'Dinas Pendidikan', issuedAt: '2024-06-01' },
  { name: 'Eko Prasetyo', agency: 'Bappeda', issuedAt: '2024-02-10' },
  { name: 'Dewi Lestari', agency: 'Dinas Pendidikan', issuedAt: '2023-11-30' },
];

let t: TestCore;
let staff: Staff;
beforeEach(async () => {
  t = await makeTempCore();
  ({ staff } = await readyOffice(t.core, 'trenggalek-2024'));
  for (const [i, h] of HOLDERS.entries())
    await insertHolder(t.core.db, t.key, {
      id: `h${i + 1}`,
      applicationId: null,
      name: h.name,
      nik: nikOf(i + 1),
      nip: `198506152010011${pad(i + 1, 3)}`,
      agency: h.agency,
      position: 'Analis',
      officialEmail: `p${i + 1}@trenggalekkab.go.id`,
      phone: `0812345670${pad(i + 1, 2)}`,
      issuedAt: h.issuedAt,
      expiresAt: `${Number(h.issuedAt.slice(0, 4)) + 2}${h.issuedAt.slice(4)}`,
      bsreStatus: 'ISSUE',
      createdAt: t.clock.now().toISOString(),
    });
});
afterEach(async () => await t.close());

async function openXlsx(dataBase64: string): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(dataBase64, 'base64') as unknown as ArrayBuffer);
  const sheet = wb.getWorksheet('Rekap');
  if (!sheet) throw new Error('no Rekap sheet');
  return sheet;
}

async function pdfText(dataBase64: string): Promise<{ pages: number; text: string; width: number; height: number }> {
  const doc = await getDocument({ data: new Uint8Array(Buffer.from(dataBase64, 'base64')) }).promise;
  let text = '';
  for (let p = 1; p <= doc.numPages; p++) {
    const content = await (await doc.getPage(p)).getTextContent();
    text += content.items.map((i) => ('str' in i ? i.str : '')).join(' ') + '\n';
  }
  const viewport = (await doc.getPage(1)).getViewport({ scale: 1 });
  return { pages: doc.numPages, text, width: viewport.width, height: viewport.height };
}

describe('holders.export', () => {
  it('XLSX: styled frozen header with autofilter, date cells, NIK as text, filtered by OPD and issue period', async () => {
    const file = unwrap(
      await call(
        t.core,
        'holders.export',
        { format: 'xlsx', agency: 'Dinas Pendidikan', from: '2024-01-01', to: '2024-12-31' },
        staff.tokens.verifikator,
      ),
    );
    expect(file.fileName).toBe('rekap-pengguna-tte-2025-03-10.xlsx');
    expect(file.mimeType).toContain('spreadsheetml');
    const sheet = await openXlsx(file.dataBase64);
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      'No',
      'Nama',
      'NIK',
      'NIP',
      'OPD',
      'Jabatan',
      'Email dinas',
      'No. HP/WA',
      'Tanggal terbit',
      'Berlaku s.d.',
      'Status BSrE',
      'Diperiksa terakhir',
    ]);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    expect(sheet.rowCount).toBe(3); // header + Budi + Siti (Dewi issued in 2023, Eko in Bappeda)
    const names = [sheet.getRow(2).getCell(2).value, sheet.getRow(3).getCell(2).value];
    expect(names).toEqual(['Budi Santoso', 'Siti Rahayu']);
    const budi = sheet.getRow(2);
    expect(budi.getCell(3).value).toBe(nikOf(1));
    expect(budi.getCell(3).numFmt).toBe('@');
    expect(budi.getCell(9).value).toEqual(new Date('2024-01-15T00:00:00.000Z'));
    expect(budi.getCell(10).value).toEqual(new Date('2026-01-15T00:00:00.000Z'));
    const [audit] = await auditActions(t.core.db, 'holders.exported');
    expect(JSON.parse(audit?.detail_json ?? '{}')).toMatchObject({
      format: 'xlsx',
      agency: 'Dinas Pendidikan',
      from: '2024-01-01',
      to: '2024-12-31',
      rows: 2,
      masked: false,
    });
    expect(audit?.detail_json).not.toContain(nikOf(1));
  });

  it('XLSX for a role that does not see personal data has masked NIK and phone', async () => {
    const sheet = await openXlsx(
      unwrap(await call(t.core, 'holders.export', { format: 'xlsx' }, staff.tokens.kadin)).dataBase64,
    );
    expect(sheet.rowCount).toBe(5);
    const niks = [2, 3, 4, 5].map((r) => String(sheet.getRow(r).getCell(3).value));
    expect(niks.every((n) => n.includes('••••••••'))).toBe(true);
    expect(String(sheet.getRow(2).getCell(8).value)).toMatch(/^0812••••\d{3}$/);
  });

  it('PDF: landscape office document with the title, the filter summary and the rows', async () => {
    const file = unwrap(
      await call(t.core, 'holders.export', { format: 'pdf', agency: 'Dinas Pendidikan' }, staff.tokens.kabid),
    );
    expect(file.mimeType).toBe('application/pdf');
    const pdf = await pdfText(file.dataBase64);
    expect(pdf.width).toBeGreaterThan(pdf.height);
    expect(pdf.text).toContain('REKAP PENGGUNA SERTIFIKAT ELEKTRONIK');
    expect(pdf.text).toContain('OPD: Dinas Pendidikan');
    expect(pdf.text).toContain('Budi Santoso');
    expect(pdf.text).toContain('Dewi Lestari');
    expect(pdf.text).not.toContain('Eko Prasetyo');
    expect(pdf.text).toContain('15 Januari 2024');
    expect(pdf.text).not.toContain(nikOf(1));
    expect(pdf.text).toContain('3503••••••••0001');
    expect(JSON.parse((await auditActions(t.core.db, 'holders.exported'))[0]?.detail_json ?? '{}')).toMatchObject({
      format: 'pdf',
      rows: 3,
      masked: true,
    });
  });

  it('refuses a period that ends before it starts and an unknown format', async () => {
    errorOf(
      await call(t.core, 'holders.export', { format: 'xlsx', from: '2024-12-31', to: '2024-01-01' }, staff.tokens.kasi),
      'VALIDATION_FAILED',
    );
    errorOf(await call(t.core, 'holders.export', { format: 'csv' } as never, staff.tokens.kasi), 'VALIDATION_FAILED');
    expect(await auditActions(t.core.db, 'holders.exported')).toEqual([]);
  });
});

describe('renewal from the recap', () => {
  it('gives the desk a draft with full NIK, and the intake remembers the holder it renews', async () => {
    const draft = unwrap(await call(t.core, 'holders.renewalDraft', { holderId: 'h1' }, staff.tokens.verifikator));
    expect(draft).toEqual({
      holderId: 'h1',
      serviceType: 'renewal',
      applicant: {
        name: 'Budi Santoso',
        nik: nikOf(1),
        nip: '198506152010011001',
        position: 'Analis',
        agency: 'Dinas Pendidikan',
        officialEmail: 'p1@trenggalekkab.go.id',
        phone: '081234567001',
      },
      previousExpiresAt: '2026-01-15',
    });
    expect((await auditActions(t.core.db, 'holders.renewal_draft')).map((a) => a.entity_id)).toEqual(['h1']);
    const intake = validIntake('trenggalek-2024');
    const app = unwrap(
      await call(
        t.core,
        'applications.create',
        {
          ...intake,
          serviceType: 'renewal',
          applicant: { ...intake.applicant, ...draft.applicant },
          renewalOfHolderId: draft.holderId,
        },
        staff.tokens.verifikator,
      ),
    );
    expect(app.serviceType).toBe('renewal');
    expect(
      await t.core.db.prepare('SELECT renewal_of_holder_id FROM applications WHERE id = ?').pluck().get(app.id),
    ).toBe('h1');
  });

  it('NOT_FOUND for an unknown holder, FORBIDDEN for roles outside the desk', async () => {
    errorOf(await call(t.core, 'holders.renewalDraft', { holderId: 'tidak-ada' }, staff.tokens.kasi), 'NOT_FOUND');
    errorOf(await call(t.core, 'holders.renewalDraft', { holderId: 'h1' }, staff.tokens.kadin), 'FORBIDDEN');
    errorOf(
      await call(
        t.core,
        'applications.create',
        { ...validIntake('trenggalek-2024'), renewalOfHolderId: 'tidak-ada' },
        staff.tokens.verifikator,
      ),
      'NOT_FOUND',
    );
    expect(await t.core.db.prepare('SELECT count(*) FROM applications').pluck().get()).toBe(0);
  });
});
