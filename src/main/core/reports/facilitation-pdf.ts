/**
 * The facilitation report as the PDF the Kepala Seksi signs: kop surat, period, summary, per
 * service type, a bar chart, per OPD, per SOP step against the standard, the certificates issued,
 * and the Kasi's and Kabid's signature blocks.
 */
import { SERVICE_TYPE_LABELS } from '../../../shared/domain/application';
import type { Office } from '../../../shared/domain/office';
import type { CountsByOutcome, FacilitationReport } from '../../../shared/domain/reports';
import { formatDate } from '../../../shared/domain/time';
import { drawBarChart } from '../pdf/chart';
import { createOfficePdf, heading, type OfficePdf, pdfToBuffer } from '../pdf/document';
import { drawSignatures, placeAndDate } from '../pdf/signature';
import { type Column, drawTable } from '../pdf/table';
import { formatCount, formatMinutes, formatPercent } from './format';

/** A signed paper report lists at most this many certificates; the XLSX has them all. */
export const PDF_ISSUED_LIMIT = 500;

export interface ReportSigners {
  kasi: { fullName: string; nip: string } | null;
  kabid: { fullName: string; nip: string } | null;
}

const COUNT_COLUMNS: Column[] = [
  { header: 'Diterima', width: 2, align: 'right' },
  { header: 'Terbit', width: 2, align: 'right' },
  { header: 'Dikembalikan', width: 2.4, align: 'right' },
  { header: 'Ditolak', width: 2, align: 'right' },
];
const countCells = (c: CountsByOutcome): string[] => [c.received, c.issued, c.returned, c.rejected].map(formatCount);

export function facilitationPdf(office: Office, report: FacilitationReport, signers: ReportSigners): Promise<Buffer> {
  const pdf = createOfficePdf(office, { title: report.title, subtitle: `Periode: ${report.periodLabel}` });
  const zone = office.timeZone;
  pdf.doc
    .font('Helvetica')
    .fontSize(9)
    .text(`Rentang: ${formatDate(report.from, zone)} s.d. ${formatDate(report.to, zone)}`, pdf.left, pdf.doc.y, {
      width: pdf.width,
      align: 'center',
    });
  pdf.doc.moveDown(0.5);

  heading(pdf, 'A. Ringkasan');
  drawTable(
    pdf,
    [
      { header: 'Uraian', width: 6 },
      { header: 'Jumlah', width: 2, align: 'right' },
    ],
    [
      ['Permohonan diterima', formatCount(report.totals.received)],
      ['Sertifikat terbit', formatCount(report.totals.issued)],
      ['Permohonan dikembalikan', formatCount(report.totals.returned)],
      ['Permohonan ditolak', formatCount(report.totals.rejected)],
      ['Verifikasi identitas di Meja Verifikasi', formatCount(report.identityChecks.desk)],
      ['Verifikasi identitas manual (dengan alasan)', formatCount(report.identityChecks.manual)],
      ['Kepatuhan waktu SOP (langkah selesai dalam mutu baku)', formatPercent(report.compliancePercent)],
    ],
  );

  heading(pdf, 'B. Menurut Jenis Layanan');
  drawTable(
    pdf,
    [{ header: 'Jenis layanan', width: 6 }, ...COUNT_COLUMNS],
    [...report.byServiceType.map((t) => [t.label, ...countCells(t.counts)]), ['Jumlah', ...countCells(report.totals)]],
    { totalRow: true },
  );
  drawIssuedChart(pdf, report);

  heading(pdf, 'C. Menurut OPD');
  drawTable(
    pdf,
    [{ header: 'No', width: 0.8, align: 'right' }, { header: 'OPD / unit kerja', width: 7 }, ...COUNT_COLUMNS],
    [
      ...report.byAgency.map((a, i) => [String(i + 1), a.agency, ...countCells(a.counts)]),
      ['', 'Jumlah', ...countCells(report.totals)],
    ],
    { totalRow: true },
  );

  heading(pdf, 'D. Waktu Pelayanan per Langkah SOP');
  drawTable(
    pdf,
    [
      { header: 'No', width: 0.8, align: 'right' },
      { header: 'Kegiatan', width: 8 },
      { header: 'Mutu baku', width: 2, align: 'right' },
      { header: 'Rata-rata', width: 2, align: 'right' },
      { header: 'Selesai', width: 1.6, align: 'right' },
      { header: 'Sesuai mutu baku', width: 2.2, align: 'right' },
    ],
    report.steps.map((s) => [
      String(s.stepNo),
      s.activity,
      formatMinutes(s.standardMinutes),
      formatMinutes(s.averageMinutes),
      formatCount(s.count),
      formatPercent(s.compliancePercent),
    ]),
    { fontSize: 8 },
  );

  heading(pdf, 'E. Daftar Sertifikat Elektronik yang Terbit');
  const listed = report.issued.slice(0, PDF_ISSUED_LIMIT);
  drawTable(
    pdf,
    [
      { header: 'No', width: 0.8, align: 'right' },
      { header: 'Nama', width: 3.8 },
      { header: 'NIP', width: 3.8 },
      { header: 'OPD', width: 3.8 },
      { header: 'Layanan', width: 2.4 },
      { header: 'Terbit', width: 2.6 },
      { header: 'Berlaku s.d.', width: 2.6 },
    ],
    listed.map((c, i) => [
      String(i + 1),
      c.name,
      c.nip,
      c.agency,
      SERVICE_TYPE_LABELS[c.serviceType] ?? c.serviceType,
      formatDate(c.issuedAt, zone),
      formatDate(c.expiresAt, zone),
    ]),
    { fontSize: 8 },
  );
  if (report.issuedTotal > listed.length) {
    pdf.doc
      .font('Helvetica-Oblique')
      .fontSize(9)
      .text(
        `Ditampilkan ${formatCount(listed.length)} dari ${formatCount(report.issuedTotal)} sertifikat; daftar lengkap ada pada berkas XLSX laporan ini.`,
        pdf.left,
        pdf.doc.y,
        { width: pdf.width },
      );
  }

  heading(pdf, 'F. Penolakan KYC BSrE saat Aktivasi');
  drawTable(
    pdf,
    [
      { header: 'Alasan', width: 12 },
      { header: 'Jumlah', width: 2, align: 'right' },
    ],
    report.kycRefusals.map((r) => [r.label, formatCount(r.count)]),
    { fontSize: 8 },
  );

  drawSignatures(pdf, [
    {
      heading: 'Mengetahui,',
      position: 'Kepala Bidang',
      name: signers.kabid?.fullName ?? null,
      nip: signers.kabid?.nip ?? null,
    },
    {
      heading: placeAndDate(office, report.generatedAt),
      position: 'Kepala Seksi',
      name: signers.kasi?.fullName ?? null,
      nip: signers.kasi?.nip ?? null,
    },
  ]);
  return pdfToBuffer(pdf);
}

function drawIssuedChart(pdf: OfficePdf, report: FacilitationReport): void {
  if (report.issuedByMonth.length > 1) {
    drawBarChart(
      pdf,
      report.issuedByMonth.map((m) => ({ label: m.label.split(' ')[0]?.slice(0, 3) ?? m.label, value: m.count })),
      { title: 'Sertifikat terbit per bulan', orientation: 'vertical', height: 120, format: formatCount },
    );
  } else {
    drawBarChart(
      pdf,
      report.byServiceType.map((t) => ({ label: t.label, value: t.counts.issued })),
      { title: 'Sertifikat terbit per jenis layanan', orientation: 'horizontal', format: formatCount },
    );
  }
}
