/**
 * The Form Permohonan Penerbitan Sertifikat Elektronik (the SOP's output of the verifier's step),
 * prefilled from the application, with the applicant's and the KA OPD's signature lines.
 */
import { SERVICE_TYPE_LABELS } from '../../../shared/domain/application';
import type { Office } from '../../../shared/domain/office';
import { formatDate } from '../../../shared/domain/time';
import { createOfficePdf, fieldLines, FONT, heading, pdfToBuffer } from '../pdf/document';
import { drawSignatures, placeAndDate } from '../pdf/signature';
import type { ApplicationRecord } from '../store/repos/applications';

export interface ApplicationFormInput {
  office: Office;
  app: ApplicationRecord;
  /** NIK and phone as the caller may see them (full or masked). */
  nik: string;
  phone: string;
  /** ISO instant of printing, for the date under the signatures. */
  printedAt: string;
}

export function applicationFormPdf({ office, app, nik, phone, printedAt }: ApplicationFormInput): Promise<Buffer> {
  const pdf = createOfficePdf(office, {
    title: 'Form Permohonan Penerbitan Sertifikat Elektronik',
    subtitle: `Nomor permohonan ${app.referenceNo}`,
  });
  const { doc } = pdf;
  doc.font(FONT).fontSize(10).text('Yang bertanda tangan di bawah ini:', pdf.left, doc.y, { width: pdf.width });
  doc.moveDown(0.4);
  heading(pdf, 'Data Pemohon');
  fieldLines(pdf, [
    ['Nama lengkap', app.applicantName],
    ['NIK', nik],
    ['NIP', app.nip],
    ['Pangkat / golongan', app.rank],
    ['Jabatan', app.position],
    ['OPD / unit kerja', app.agency],
    ['Email dinas', app.officialEmail ?? (app.needsOfficialEmail ? 'Dimohonkan pembuatan email dinas' : '-')],
    ['Nomor HP / WhatsApp', phone],
  ]);
  heading(pdf, 'Permohonan');
  fieldLines(pdf, [
    ['Jenis layanan', SERVICE_TYPE_LABELS[app.serviceType] ?? app.serviceType],
    ['Dasar surat', `${app.letterNumber}, tanggal ${formatDate(app.letterDate, office.timeZone)}`],
    ['Perihal', app.letterSubject],
  ]);
  if (app.agencyHead) {
    heading(pdf, 'Kepala OPD (KA OPD)');
    fieldLines(pdf, [
      ['Nama', app.agencyHead.name],
      ['NIP', app.agencyHead.nip],
      ['Jabatan', app.agencyHead.position],
    ]);
  }
  doc.moveDown(0.6);
  doc
    .font(FONT)
    .fontSize(10)
    .text(
      'Dengan ini saya mengajukan permohonan penerbitan sertifikat elektronik untuk tanda tangan elektronik. Data di atas saya isi dengan benar, ' +
        'dan saya bertanggung jawab menjaga kerahasiaan passphrase sertifikat elektronik saya.',
      pdf.left,
      doc.y,
      { width: pdf.width, align: 'justify' },
    );
  drawSignatures(pdf, [
    {
      heading: 'Mengetahui,',
      position: app.agencyHead?.position || 'Kepala OPD',
      name: app.agencyHead?.name ?? null,
      nip: app.agencyHead?.nip ?? null,
    },
    { heading: placeAndDate(office, printedAt), position: 'Pemohon', name: app.applicantName, nip: app.nip },
  ]);
  return pdfToBuffer(pdf);
}
