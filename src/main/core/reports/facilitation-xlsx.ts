/**
 * The facilitation report as a workbook for the office's own analysis: one sheet per table,
 * styled headers, numbers as numbers and dates as real date cells, every issued certificate listed.
 */
import ExcelJS from 'exceljs';
import type { Office } from '../../../shared/domain/office';
import { SERVICE_TYPE_LABELS } from '../../../shared/domain/application';
import type { CountsByOutcome, FacilitationReport } from '../../../shared/domain/reports';
import { formatDate } from '../../../shared/domain/time';
import { letterheadLines } from '../pdf/document';

export const XLSX_SHEETS = ['Ringkasan', 'Per Layanan', 'Per OPD', 'Per Langkah', 'Sertifikat Terbit'] as const;

const COUNT_HEADERS = ['Diterima', 'Terbit', 'Dikembalikan', 'Ditolak'];
const counts = (c: CountsByOutcome): number[] => [c.received, c.issued, c.returned, c.rejected];

/** A YYYY-MM-DD day as a date cell value (midnight UTC, which Excel shows as that day). */
const dayCell = (day: string): Date => new Date(`${day}T00:00:00.000Z`);

function table(sheet: ExcelJS.Worksheet, headers: string[], rows: (string | number | Date | null)[][], widths: number[]): void {
  const header = sheet.addRow(headers);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDFE6EE' } };
    cell.border = { bottom: { style: 'thin' } };
    cell.alignment = { vertical: 'middle', wrapText: true };
  });
  const headerRow = header.number;
  sheet.views = [{ state: 'frozen', ySplit: headerRow }];
  for (const row of rows) sheet.addRow(row);
  widths.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
}

export async function facilitationXlsx(office: Office, report: FacilitationReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Loket TTE';
  wb.created = new Date(report.generatedAt);
  const [summary, byType, byAgency, bySteps, issued] = XLSX_SHEETS.map((name) => wb.addWorksheet(name));
  if (!summary || !byType || !byAgency || !bySteps || !issued) throw new Error('sheets');

  const kop = letterheadLines(office);
  summary.addRow([report.title]).font = { bold: true, size: 13 };
  summary.addRow([`${kop.name} — ${office.regency}`]);
  summary.addRow([`Periode: ${report.periodLabel} (${formatDate(report.from, office.timeZone)} s.d. ${formatDate(report.to, office.timeZone)})`]);
  summary.addRow([]);
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
    [52, 14],
  );
  summary.views = [];

  table(byType, ['Jenis layanan', ...COUNT_HEADERS], [...report.byServiceType.map((t) => [t.label, ...counts(t.counts)]), ['Jumlah', ...counts(report.totals)]], [30, 12, 12, 14, 12]);
  byType.lastRow!.font = { bold: true };

  table(byAgency, ['OPD / unit kerja', ...COUNT_HEADERS], [...report.byAgency.map((a) => [a.agency, ...counts(a.counts)]), ['Jumlah', ...counts(report.totals)]], [48, 12, 12, 14, 12]);
  byAgency.lastRow!.font = { bold: true };

  table(
    bySteps,
    ['Langkah', 'Kegiatan', 'Mutu baku (menit)', 'Rata-rata (menit)', 'Selesai', 'Sesuai mutu baku (%)'],
    report.steps.map((s) => [s.stepNo, s.activity, s.standardMinutes, s.averageMinutes, s.count, s.compliancePercent]),
    [9, 70, 16, 16, 10, 20],
  );

  table(
    issued,
    ['No', 'Nomor permohonan', 'Nama', 'NIP', 'OPD', 'Jenis layanan', 'Tanggal terbit', 'Berlaku s.d.', 'Nomor seri'],
    report.issued.map((c, i) => [i + 1, c.referenceNo, c.name, c.nip, c.agency, SERVICE_TYPE_LABELS[c.serviceType] ?? c.serviceType, dayCell(c.issuedAt), dayCell(c.expiresAt), c.serialNumber]),
    [7, 20, 30, 22, 40, 22, 15, 15, 24],
  );
  issued.getColumn(4).numFmt = '@';
  issued.getColumn(7).numFmt = 'dd/mm/yyyy';
  issued.getColumn(8).numFmt = 'dd/mm/yyyy';

  return Buffer.from(await wb.xlsx.writeBuffer());
}
