/**
 * The Tanda Terima of a handed-over certificate: whose certificate, its dates and serial, who
 * received it and when — signed by the verifier who handed it over and by the recipient.
 */
import { SERVICE_TYPE_LABELS } from '../../../shared/domain/application';
import type { Office } from '../../../shared/domain/office';
import { formatDate } from '../../../shared/domain/time';
import { createOfficePdf, fieldLines, FONT, heading, pdfToBuffer } from '../pdf/document';
import { drawSignatures, placeAndDate } from '../pdf/signature';
import type { ApplicationRecord } from '../store/repos/applications';

export interface HandoverReceiptInput {
  office: Office;
  app: ApplicationRecord;
  handover: { receivedBy: string; handedOverAt: string };
  verifier: { fullName: string; nip: string } | null;
}

export function handoverReceiptPdf({ office, app, handover, verifier }: HandoverReceiptInput): Promise<Buffer> {
  const zone = office.timeZone;
  const pdf = createOfficePdf(office, {
    title: 'Tanda Terima Sertifikat Elektronik',
    subtitle: `Nomor permohonan ${app.referenceNo}`,
  });
  const { doc } = pdf;
  doc
    .font(FONT)
    .fontSize(10)
    .text(
      'Telah diserahkan sertifikat elektronik untuk tanda tangan elektronik yang diterbitkan BSrE kepada:',
      pdf.left,
      doc.y,
      { width: pdf.width },
    );
  doc.moveDown(0.4);
  heading(pdf, 'Pemilik Sertifikat');
  fieldLines(pdf, [
    ['Nama', app.applicantName],
    ['NIP', app.nip],
    ['Jabatan', app.position],
    ['OPD / unit kerja', app.agency],
  ]);
  heading(pdf, 'Sertifikat Elektronik');
  fieldLines(pdf, [
    ['Jenis layanan', SERVICE_TYPE_LABELS[app.serviceType] ?? app.serviceType],
    ['Tanggal terbit', app.issuedAt ? formatDate(app.issuedAt, zone) : '-'],
    ['Berlaku sampai', app.expiresAt ? formatDate(app.expiresAt, zone) : '-'],
    ['Nomor seri', app.certificateSerial ?? '-'],
  ]);
  heading(pdf, 'Penyerahan');
  fieldLines(pdf, [
    ['Diterima oleh', handover.receivedBy],
    ['Tanggal penyerahan', formatDate(handover.handedOverAt, zone)],
  ]);
  doc.moveDown(0.6);
  doc
    .font(FONT)
    .fontSize(10)
    .text(
      'Passphrase sertifikat elektronik dibuat sendiri oleh pemilik sertifikat dan tidak diketahui oleh petugas. Sertifikat berlaku 2 (dua) tahun ' +
        'dan dapat diperpanjang dengan mengajukan permohonan perpanjangan.',
      pdf.left,
      doc.y,
      { width: pdf.width, align: 'justify' },
    );
  const recipientIsHolder = handover.receivedBy.trim().toLowerCase() === app.applicantName.trim().toLowerCase();
  drawSignatures(pdf, [
    {
      heading: 'Yang menyerahkan,',
      position: 'Verifikator',
      name: verifier?.fullName ?? null,
      nip: verifier?.nip ?? null,
    },
    {
      heading: placeAndDate(office, handover.handedOverAt),
      position: 'Yang menerima,',
      name: handover.receivedBy,
      nip: recipientIsHolder ? app.nip : '',
    },
  ]);
  return pdfToBuffer(pdf);
}
