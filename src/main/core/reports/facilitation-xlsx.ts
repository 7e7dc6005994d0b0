/**
 * The facilitation report as a workbook for the office's own analysis: one sheet per table,
 * styled headers, numbers as numbers and dates as real date cells, every issued certificate listed.
 * Written with exceljs' streaming writer: a year lists tens of thousands of certificates, and
 * committing rows as they are added takes about half the time of building the whole workbook.
 */
import { PassThrough } from 'node:stream';

import ExcelJS from 'exceljs';

import { SERVICE_TYPE_LABELS } from '../../../shared/domain/application';
import type { Office } from '../../../shared/domain/office';
import type { CountsByOutcome, FacilitationReport } from '../../../shared/domain/reports';
import { formatDate } from '../../../shared/domain/time';
import { letterheadLines } from '../pdf/document';

export const XLSX_SHEETS = ['Ringkasan', 'Per Layanan', 'Per OPD', 'Per Langkah', 'Sertifikat Terbit'] as const;

const COUNT_HEADERS = ['Diterima', 'Terbit', 'Dikembalikan', 'Ditolak'];
const counts = (c: CountsByOutcome): number[] => [c.received, c.issued, c.returned, c.rejected];

/** A YYYY-MM-DD day as a date cell value (midnight UTC, which Excel shows as that day). */
const dayCell = (day: string): Date => new Date(`${day}T00:00:00.000Z`);

type Cell = string | number | Date | null;
type Sheet = ExcelJS.Worksheet;

/** A header row styled as a table head, the data rows (committed as they go), an optional bold total row. */
function table(sheet: Sheet, headers: string[], rows: Cell[][], options: { total?: Cell[] } = {}): void {
  const header = sheet.addRow(headers);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDFE6EE' } };
    cell.border = { bottom: { style: 'thin' } };
    cell.alignment = { vertical: 'middle', wrapText: true };
  });
  header.commit();
  for (const row of rows) sheet.addRow(row).commit();
  if (options.total) {
    const total = sheet.addRow(options.total);
    total.font = { bold: true };
    total.commit();
  }
}

function sheetOf(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  widths: number[],
  frozenRows: number,
  formats: Record<number, string> = {},
): Sheet {
  const sheet = wb.addWorksheet(name, { views: frozenRows ? [{ state: 'frozen', ySplit: frozenRows }] : [] });
  sheet.columns = widths.map((width, i) => ({ width, style: formats[i + 1] ? { numFmt: formats[i + 1] } : {} }));
  return sheet;
}

export async function facilitationXlsx(office: Office, report: FacilitationReport): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Loket TTE';
  wb.created = new Date(report.generatedAt);

  const summary = sheetOf(wb, XLSX_SHEETS[0], [52, 14], 0);
  const kop = letterheadLines(office);
  const title = summary.addRow([report.title]);
  title.font = { bold: true, size: 13 };
  title.commit();
  summary.addRow([`${kop.name} — ${office.regency}`]).commit();
  summary
    .addRow([
      `Periode: ${report.periodLabel} (${formatDate(report.from, office.timeZone)} s.d. ${formatDate(report.to, office.timeZone)})`,
    ])
    .commit();
  summary.addRow([]).commit();
  table(
    summary,
    ['Uraian', 'Jumlah'],
    [
      ['Permohonan diterima', report.totals.received],
      ['Sertifikat terbit', report.totals.issued],
      ['Permohonan dikembalikan', report.totals.returned],
      ['Permohonan ditolak', report.totals.rejected],
      ['Kepatuhan waktu SOP (%)', report.compliancePercent],
    ],
  );
  summary.addRow([]).commit();
  table(
    summary,
    ['Penolakan KYC BSrE saat aktivasi', 'Jumlah'],
    report.kycRefusals.map((r) => [r.label, r.count]),
    { total: ['Jumlah', report.kycRefusalTotal] },
  );
  summary.commit();

  const byType = sheetOf(wb, XLSX_SHEETS[1], [30, 12, 12, 14, 12], 1);
  table(
    byType,
    ['Jenis layanan', ...COUNT_HEADERS],
    report.byServiceType.map((t) => [t.label, ...counts(t.counts)]),
    { total: ['Jumlah', ...counts(report.totals)] },
  );
  byType.commit();

  const byAgency = sheetOf(wb, XLSX_SHEETS[2], [48, 12, 12, 14, 12], 1);
  table(
    byAgency,
    ['OPD / unit kerja', ...COUNT_HEADERS],
    report.byAgency.map((a) => [a.agency, ...counts(a.counts)]),
    { total: ['Jumlah', ...counts(report.totals)] },
  );
  byAgency.commit();

  const bySteps = sheetOf(wb, XLSX_SHEETS[3], [9, 70, 16, 16, 10, 20], 1);
  table(
    bySteps,
    ['Langkah', 'Kegiatan', 'Mutu baku (menit)', 'Rata-rata (menit)', 'Selesai', 'Sesuai mutu baku (%)'],
    report.steps.map((s) => [s.stepNo, s.activity, s.standardMinutes, s.averageMinutes, s.count, s.compliancePercent]),
  );
  bySteps.commit();

  const issued = sheetOf(wb, XLSX_SHEETS[4], [7, 20, 30, 22, 40, 22, 15, 15, 24], 1, {
    4: '@',
    7: 'dd/mm/yyyy',
    8: 'dd/mm/yyyy',
  });
  table(
    issued,
    ['No', 'Nomor permohonan', 'Nama', 'NIP', 'OPD', 'Jenis layanan', 'Tanggal terbit', 'Berlaku s.d.', 'Nomor seri'],
    report.issued.map((c, i) => [
      i + 1,
      c.referenceNo,
      c.name,
      c.nip,
      c.agency,
      SERVICE_TYPE_LABELS[c.serviceType] ?? c.serviceType,
      dayCell(c.issuedAt),
      dayCell(c.expiresAt),
      c.serialNumber,
    ]),
  );
  issued.commit();

  await wb.commit();
  await finished;
  return Buffer.concat(chunks);
}
