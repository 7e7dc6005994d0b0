/** The recap of TTE users exported to XLSX or PDF, by OPD and issue period; NIK and phone masked for roles that do not need them. */
import ExcelJS from 'exceljs';

import type { ChannelParsed, ChannelResult } from '../../../shared/contract/channels';
import type { HolderView } from '../../../shared/domain/application';
import { bsreStatusLabel } from '../../../shared/domain/bsre-status';
import type { GeneratedFile } from '../../../shared/domain/files';
import type { Office } from '../../../shared/domain/office';
import { canSeePersonalData } from '../../../shared/domain/roles';
import { formatDate, formatDateTime } from '../../../shared/domain/time';
import type { ServiceContext } from '../context';
import { fail } from '../failure';
import { createOfficePdf, pdfToBuffer } from '../pdf/document';
import { drawTable } from '../pdf/table';
import type { Db } from '../store/db';
import { writeAudit } from '../store/repos/audit';
import { countHolders, type HolderFilter, iterateHolders } from '../store/repos/holders';
import { readOffice } from '../store/repos/office';
import { asBuffer } from '../workers/protocol';
import { officeToday, toHolderView } from './holders';

export const EXPORT_TITLE = 'Rekap Pengguna Sertifikat Elektronik';
/** A PDF beyond this many rows is hundreds of pages nobody prints; XLSX has no such limit. */
export const MAX_PDF_ROWS = 5000;

export interface ExportFilter {
  agency?: string;
  from?: string;
  to?: string;
}

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const toFilter = (f: ExportFilter): HolderFilter => ({
  agency: f.agency || undefined,
  issuedBetween: { from: f.from, to: f.to },
});
const dateCell = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** "OPD: Dinas Pendidikan · Terbit 1 Januari 2025 s.d. 31 Maret 2025" — what the file contains. */
export function filterSummary(f: ExportFilter): string {
  const opd = `OPD: ${f.agency || 'semua OPD'}`;
  const period =
    f.from && f.to
      ? `Terbit ${formatDate(f.from)} s.d. ${formatDate(f.to)}`
      : f.from
        ? `Terbit sejak ${formatDate(f.from)}`
        : f.to
          ? `Terbit sampai ${formatDate(f.to)}`
          : 'Semua tanggal terbit';
  return `${opd} · ${period}`;
}

async function views(db: Db, key: Buffer, f: ExportFilter, personal: boolean): Promise<HolderView[]> {
  const rows: HolderView[] = [];
  for await (const h of iterateHolders(db, key, toFilter(f), { openPersonal: personal }))
    rows.push(toHolderView(h, personal));
  return rows;
}

const COLUMNS: { header: string; key: string; width: number }[] = [
  { header: 'No', key: 'no', width: 6 },
  { header: 'Nama', key: 'name', width: 28 },
  { header: 'NIK', key: 'nik', width: 20 },
  { header: 'NIP', key: 'nip', width: 21 },
  { header: 'OPD', key: 'agency', width: 30 },
  { header: 'Jabatan', key: 'position', width: 24 },
  { header: 'Email dinas', key: 'email', width: 28 },
  { header: 'No. HP/WA', key: 'phone', width: 16 },
  { header: 'Tanggal terbit', key: 'issuedAt', width: 14 },
  { header: 'Berlaku s.d.', key: 'expiresAt', width: 14 },
  { header: 'Status BSrE', key: 'status', width: 14 },
  { header: 'Diperiksa terakhir', key: 'checked', width: 22 },
];

export async function buildXlsx(
  rows: readonly HolderView[],
  f: ExportFilter,
  office: Office | null,
  generatedAt: Date,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Loket TTE';
  workbook.created = generatedAt;
  const sheet = workbook.addWorksheet('Rekap', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  const header = sheet.getRow(1);
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
  header.alignment = { vertical: 'middle' };
  rows.forEach((h, i) => {
    sheet.addRow({
      no: i + 1,
      name: h.name,
      nik: h.nik,
      nip: h.nip,
      agency: h.agency,
      position: h.position,
      email: h.officialEmail ?? '',
      phone: h.phone,
      issuedAt: dateCell(h.issuedAt),
      expiresAt: dateCell(h.expiresAt),
      status: h.bsreStatus,
      checked: h.bsreCheckedAt ? formatDateTime(h.bsreCheckedAt, office?.timeZone) : '',
    });
  });
  for (const key of ['nik', 'nip', 'phone']) sheet.getColumn(key).numFmt = '@';
  for (const key of ['issuedAt', 'expiresAt']) sheet.getColumn(key).numFmt = 'dd/mm/yyyy';
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, rows.length + 1), column: COLUMNS.length } };
  const about = workbook.addWorksheet('Keterangan');
  about.addRows([
    [EXPORT_TITLE],
    [office?.name ?? ''],
    [filterSummary(f)],
    [`Jumlah pengguna: ${rows.length}`],
    [`Dibuat: ${formatDateTime(generatedAt.toISOString(), office?.timeZone)}`],
  ]);
  about.getCell('A1').font = { bold: true, size: 14 };
  about.getColumn(1).width = 70;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function buildPdf(rows: readonly HolderView[], f: ExportFilter, office: Office): Promise<Buffer> {
  const pdf = createOfficePdf(office, { title: EXPORT_TITLE, subtitle: filterSummary(f), landscape: true });
  pdf.doc
    .font('Helvetica')
    .fontSize(9)
    .text(`Jumlah pengguna: ${rows.length.toLocaleString('id-ID')}`, pdf.left, pdf.doc.y, { width: pdf.width });
  pdf.doc.moveDown(0.5);
  drawTable(
    pdf,
    [
      { header: 'No', width: 3, align: 'right' },
      { header: 'Nama', width: 14 },
      { header: 'NIK', width: 11 },
      { header: 'NIP', width: 12 },
      { header: 'OPD', width: 14 },
      { header: 'Jabatan', width: 11 },
      { header: 'Terbit', width: 9 },
      { header: 'Berlaku s.d.', width: 9 },
      { header: 'Status BSrE', width: 8 },
    ],
    rows.map((h, i) => [
      String(i + 1),
      h.name,
      h.nik,
      h.nip,
      h.agency,
      h.position,
      formatDate(h.issuedAt),
      formatDate(h.expiresAt),
      h.bsreStatus ? bsreStatusLabel(h.bsreStatus) : '',
    ]),
    { fontSize: 8 },
  );
  return pdfToBuffer(pdf);
}

export async function exportHolders(
  ctx: ServiceContext,
  input: ChannelParsed<'holders.export'>,
): Promise<ChannelResult<'holders.export'>> {
  const caller = ctx.caller ?? fail('NOT_AUTHENTICATED');
  if (input.from && input.to && input.from > input.to)
    fail('VALIDATION_FAILED', 'Tanggal awal harus sebelum tanggal akhir.', {
      to: 'Tanggal akhir sebelum tanggal awal',
    });
  const office = (await readOffice(ctx.db)) ?? fail('SETUP_REQUIRED');
  const personal = canSeePersonalData(caller.role);
  const filter: ExportFilter = { agency: input.agency, from: input.from, to: input.to };
  if (input.format === 'pdf' && (await countHolders(ctx.db, ctx.dataKey, toFilter(filter))) > MAX_PDF_ROWS)
    fail(
      'EXPORT_TOO_LARGE',
      `Lebih dari ${MAX_PDF_ROWS.toLocaleString('id-ID')} baris untuk PDF. Persempit OPD atau periode, atau unduh XLSX.`,
    );
  const rows = await views(ctx.db, ctx.dataKey, filter, personal);
  const now = ctx.clock.now();
  // Made in a worker thread: tens of thousands of rows must not stall the other desks.
  const bytes = asBuffer(
    await ctx.workers.run('recap.exportFile', { format: input.format, rows, filter, office, generatedAt: now }),
  );
  await writeAudit(ctx.db, {
    at: now.toISOString(),
    userId: caller.userId,
    action: 'holders.exported',
    entity: 'holders',
    entityId: null,
    detail: {
      format: input.format,
      agency: input.agency ?? null,
      from: input.from ?? null,
      to: input.to ?? null,
      rows: rows.length,
      masked: !personal,
    },
  });
  const file: GeneratedFile = {
    fileName: `rekap-pengguna-tte-${await officeToday(ctx.db, now)}.${input.format}`,
    mimeType: input.format === 'xlsx' ? XLSX_MIME : 'application/pdf',
    dataBase64: bytes.toString('base64'),
  };
  return file;
}
