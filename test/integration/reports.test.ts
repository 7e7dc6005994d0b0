/**
 * The facilitation report on a real core: applications walked through the Trenggalek SOP with a
 * ManualClock around October 2026 (WIB), figures asserted exactly, the PDF and XLSX parsed back.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ServiceType } from '../../src/shared/domain/application';
import type { SopTemplate } from '../../src/shared/sop/template';
import {
  applicantNik,
  auditActions,
  call,
  errorOf,
  makeTempCore,
  rawCall,
  readyOffice,
  type Staff,
  STAFF_PASSWORD,
  STAFF_ROLES,
  type TestCore,
  unwrap,
  validIntake,
  walkToEnd,
} from '../helpers/core-fixture';
import { pdfText } from '../helpers/pdf-text';

const TEMPLATE = 'trenggalek-2024';
let t: TestCore;
let staff: Staff;
let template: SopTemplate;

async function jump(iso: string) {
  t.clock.set(new Date(iso));
  for (const role of STAFF_ROLES)
    staff.tokens[role] = unwrap(
      await call(t.core, 'auth.login', { username: `${role}.satu`, password: STAFF_PASSWORD }),
    ).token;
}

let made = 0;
async function create(name: string, serviceType: ServiceType = 'new', agency = 'Dinas Pendidikan') {
  const intake = validIntake(TEMPLATE, { nik: applicantNik(made++) }); // one open application per person
  return unwrap(
    await call(
      t.core,
      'applications.create',
      { ...intake, serviceType, applicant: { ...intake.applicant, name, agency } },
      staff.tokens.verifikator,
    ),
  );
}

beforeAll(async () => {
  t = await makeTempCore(new Date('2026-09-30T16:30:00.000Z')); // 23:30 WIB, 30 September 2026
  ({ staff, template } = await readyOffice(t.core, TEMPLATE));
  await create('Fajar September'); // received in September (office zone), left at step 2

  await jump('2026-10-05T02:00:00.000Z'); // Monday 5 October, 09:00 WIB
  const a = await create('Ayu Lestari');
  await walkToEnd(t.core, staff, a.id, template, { clock: t.clock, minutesPerStep: 10 });
  await jump('2026-10-06T02:00:00.000Z');
  const b = await create('Bagus Prasetyo', 'renewal');
  await walkToEnd(t.core, staff, b.id, template, { clock: t.clock, minutesPerStep: 20 }); // every step over 15 minutes
  await jump('2026-10-07T02:00:00.000Z');
  const c = await create('Citra Wulandari', 'new', 'Dinas Kesehatan');
  await walkToEnd(t.core, staff, c.id, template, { clock: t.clock, minutesPerStep: 10 });
  const d = await create('Dedi Returned');
  await walkToEnd(t.core, staff, d.id, template, { clock: t.clock, minutesPerStep: 5, untilStepNo: 4 });
  unwrap(
    await call(
      t.core,
      'applications.return',
      { applicationId: d.id, stepNo: 5, reason: 'SK tidak terbaca' },
      staff.tokens.verifikator,
    ),
  );
  const e = await create('Eka Rejected');
  t.clock.advanceMinutes(1);
  unwrap(
    await call(
      t.core,
      'applications.reject',
      { applicationId: e.id, stepNo: 2, reason: 'Bukan ASN daerah ini' },
      staff.tokens.kadin,
    ),
  );

  await jump('2026-10-31T17:30:00.000Z'); // 00:30 WIB, 1 November: not October
  await create('Gilang November', 'dataChange');
}, 60_000);

afterAll(async () => await t.close());

const october = { kind: 'month', year: 2026, month: 10 } as const;

describe('reports.facilitation', () => {
  it('counts October in the office zone: received, issued, returned, rejected; by service type and OPD', async () => {
    const r = unwrap(await call(t.core, 'reports.facilitation', { period: october }, staff.tokens.kasi));
    expect(r.periodLabel).toBe('Oktober 2026');
    expect([r.from, r.to]).toEqual(['2026-10-01', '2026-10-31']);
    expect(r.totals).toEqual({ received: 5, issued: 3, returned: 1, rejected: 1 });
    expect(r.byServiceType.find((x) => x.serviceType === 'new')?.counts).toEqual({
      received: 4,
      issued: 2,
      returned: 1,
      rejected: 1,
    });
    expect(r.byServiceType.find((x) => x.serviceType === 'renewal')?.counts).toEqual({
      received: 1,
      issued: 1,
      returned: 0,
      rejected: 0,
    });
    expect(r.byServiceType.find((x) => x.serviceType === 'dataChange')?.counts).toEqual({
      received: 0,
      issued: 0,
      returned: 0,
      rejected: 0,
    });
    expect(r.byAgency).toEqual([
      { agency: 'Dinas Pendidikan', counts: { received: 4, issued: 2, returned: 1, rejected: 1 } },
      { agency: 'Dinas Kesehatan', counts: { received: 1, issued: 1, returned: 0, rejected: 0 } },
    ]);
    expect(r.issuedByMonth).toEqual([{ month: '2026-10', label: 'Oktober 2026', count: 3 }]);
    expect(r.issuedTotal).toBe(3);
    expect(r.issued.map((c) => [c.name, c.issuedAt, c.expiresAt, c.serviceType])).toEqual([
      ['Ayu Lestari', '2026-10-05', '2028-10-04', 'new'],
      ['Bagus Prasetyo', '2026-10-06', '2028-10-05', 'renewal'],
      ['Citra Wulandari', '2026-10-07', '2028-10-06', 'new'],
    ]);
  });

  it('averages each step against the SOP standard and computes the share within it', async () => {
    const r = unwrap(await call(t.core, 'reports.facilitation', { period: october }, staff.tokens.kabid));
    const row = (no: number) => r.steps.find((s) => s.stepNo === no);
    expect(r.steps.map((s) => s.stepNo)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(row(1)).toMatchObject({ standardMinutes: 15, count: 5, averageMinutes: 0, compliancePercent: 100 });
    for (const no of [2, 3, 4])
      expect(row(no)).toMatchObject({ count: 4, averageMinutes: 11.3, compliancePercent: 75 }); // 10, 20, 10, 5
    for (const no of [5, 6, 7, 8, 9])
      expect(row(no)).toMatchObject({ count: 3, averageMinutes: 13.3, compliancePercent: 66.7 }); // 10, 20, 10
    expect(row(2)?.activity).toBe(template.steps[1]?.activity);
    expect(r.compliancePercent).toBe(75); // 24 of 32
  });

  it('quarter and September follow the office zone at the month boundaries', async () => {
    const q4 = unwrap(
      await call(
        t.core,
        'reports.facilitation',
        { period: { kind: 'quarter', year: 2026, quarter: 4 } },
        staff.tokens.kadin,
      ),
    );
    expect(q4.periodLabel).toBe('Triwulan IV 2026');
    expect(q4.totals).toEqual({ received: 6, issued: 3, returned: 1, rejected: 1 });
    expect(q4.issuedByMonth.map((m) => [m.label, m.count])).toEqual([
      ['Oktober 2026', 3],
      ['November 2026', 0],
      ['Desember 2026', 0],
    ]);
    const sep = unwrap(
      await call(
        t.core,
        'reports.facilitation',
        { period: { kind: 'month', year: 2026, month: 9 } },
        staff.tokens.kasi,
      ),
    );
    expect(sep.totals).toEqual({ received: 1, issued: 0, returned: 0, rejected: 0 });
    const year = unwrap(
      await call(t.core, 'reports.facilitation', { period: { kind: 'year', year: 2026 } }, staff.tokens.kasi),
    );
    expect(year.totals.received).toBe(7);
    expect(year.issuedByMonth).toHaveLength(12);
  });

  it('refuses roles outside the leaders and bad periods', async () => {
    errorOf(await call(t.core, 'reports.facilitation', { period: october }, staff.tokens.verifikator), 'FORBIDDEN');
    errorOf(
      await call(t.core, 'reports.facilitationFile', { period: october, format: 'pdf' }, staff.tokens.verifikator),
      'FORBIDDEN',
    );
    errorOf(
      await rawCall(
        t.core,
        'reports.facilitation',
        { period: { kind: 'month', year: 2026, month: 13 } },
        staff.tokens.kasi,
      ),
      'VALIDATION_FAILED',
    );
    errorOf(
      await rawCall(t.core, 'reports.facilitation', { period: { kind: 'week', year: 2026 } }, staff.tokens.kasi),
      'VALIDATION_FAILED',
    );
    errorOf(
      await rawCall(t.core, 'reports.facilitationFile', { period: october, format: 'docx' }, staff.tokens.kasi),
      'VALIDATION_FAILED',
    );
  });
});

describe('reports.facilitationFile', () => {
  it('PDF: letterhead, title, period in Indonesian, figures, issued names and the signers', async () => {
    const before = (await auditActions(t.core.db, 'reports.facilitationFile')).length;
    const file = unwrap(
      await call(t.core, 'reports.facilitationFile', { period: october, format: 'pdf' }, staff.tokens.kasi),
    );
    expect(file.fileName).toBe('laporan-fasilitasi-2026-10.pdf');
    expect(file.mimeType).toBe('application/pdf');
    const { text } = await pdfText(file.dataBase64);
    for (const expected of [
      'PEMERINTAH KABUPATEN TRENGGALEK',
      'DINAS KOMUNIKASI DAN INFORMATIKA',
      'Jl. Panglima Sudirman No. 1',
      'LAPORAN FASILITASI LAYANAN PENERBITAN SERTIFIKAT ELEKTRONIK',
      'Periode: Oktober 2026',
      '1 Oktober 2026 s.d. 31 Oktober 2026',
      'Permohonan diterima 5',
      'Sertifikat terbit 3',
      'Permohonan dikembalikan 1',
      'Permohonan ditolak 1',
      '75%',
      'Penerbitan baru 4 2 1 1',
      'Perpanjangan 1 1 0 0',
      'Dinas Kesehatan 1 1 0 0',
      'Ayu Lestari',
      'Bagus Prasetyo',
      'Citra Wulandari',
      '4 Oktober 2028',
      'Kepala Seksi',
      'Pegawai kasi',
      'Pegawai kabid',
      'Halaman 1 dari',
    ])
      expect(text).toContain(expected);
    expect(text).not.toContain('Dedi Returned');
    const audits = await auditActions(t.core.db, 'reports.facilitationFile');
    expect(audits).toHaveLength(before + 1);
    expect(JSON.parse(audits.at(-1)?.detail_json ?? '{}')).toMatchObject({ format: 'pdf', issued: 3 });
  });

  it('XLSX: the five sheets, counts as numbers and issue dates as date cells', async () => {
    const file = unwrap(
      await call(t.core, 'reports.facilitationFile', { period: october, format: 'xlsx' }, staff.tokens.kabid),
    );
    expect(file.fileName).toBe('laporan-fasilitasi-2026-10.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.dataBase64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual([
      'Ringkasan',
      'Per Layanan',
      'Per OPD',
      'Per Langkah',
      'Sertifikat Terbit',
    ]);
    const rowsOf = (name: string) =>
      (wb.getWorksheet(name)?.getSheetValues() ?? []).filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(rowsOf('Ringkasan')).toContainEqual(['Permohonan diterima', 5]);
    expect(rowsOf('Ringkasan')).toContainEqual(['Kepatuhan waktu SOP (%)', 75]);
    expect(rowsOf('Per Layanan')).toContainEqual(['Perpanjangan', 1, 1, 0, 0]);
    expect(rowsOf('Per Layanan').at(-1)).toEqual(['Jumlah', 5, 3, 1, 1]);
    expect(rowsOf('Per OPD')).toContainEqual(['Dinas Pendidikan', 4, 2, 1, 1]);
    expect(rowsOf('Per Langkah')[2]).toEqual([2, template.steps[1]?.activity, 15, 11.3, 4, 75]);
    const issued = wb.getWorksheet('Sertifikat Terbit');
    expect(issued?.rowCount).toBe(4);
    expect(issued?.getCell('C2').value).toBe('Ayu Lestari');
    expect(issued?.getCell('G2').value).toEqual(new Date('2026-10-05T00:00:00.000Z'));
    expect(issued?.getCell('H4').value).toEqual(new Date('2028-10-06T00:00:00.000Z'));
  });
});
