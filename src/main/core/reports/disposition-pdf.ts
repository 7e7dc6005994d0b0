/**
 * The Lembar Disposisi of one application letter: the letter's particulars and the chain Kepala
 * Dinas → Kabid → Kasi → Verifikator as the step events recorded it (who, when, what note).
 */
import { SERVICE_TYPE_LABELS } from '../../../shared/domain/application';
import type { Office } from '../../../shared/domain/office';
import { type Role, ROLE_LABELS } from '../../../shared/domain/roles';
import { formatDate, formatDateTime } from '../../../shared/domain/time';
import { createOfficePdf, fieldLines, heading, pdfToBuffer } from '../pdf/document';
import { drawTable } from '../pdf/table';
import type { ApplicationRecord } from '../store/repos/applications';
import type { StepEventRecord } from '../store/repos/step-events';

const CHAIN: readonly Role[] = ['kadin', 'kabid', 'kasi', 'verifikator'];
const FORWARDED_TO: Record<string, string> = {
  kadin: 'Kepala Bidang',
  kabid: 'Kepala Seksi',
  kasi: 'Verifikator',
  verifikator: 'Pemrosesan permohonan',
};

export interface DispositionInput {
  office: Office;
  app: ApplicationRecord;
  events: readonly StepEventRecord[];
  /** The verifier the Kasi assigned, shown while the verifier has not acted yet. */
  assignedVerifierName: string | null;
}

export function dispositionPdf({ office, app, events, assignedVerifierName }: DispositionInput): Promise<Buffer> {
  const zone = office.timeZone;
  const pdf = createOfficePdf(office, { title: 'Lembar Disposisi', subtitle: `Nomor permohonan ${app.referenceNo}` });
  fieldLines(pdf, [
    ['Surat dari', `${app.applicantName} — ${app.agency}`],
    ['Nomor surat', app.letterNumber],
    ['Tanggal surat', formatDate(app.letterDate, zone)],
    ['Perihal', app.letterSubject],
    ['Nomor agenda', app.agendaNumber],
    ['Diterima tanggal', formatDateTime(app.createdAt, zone)],
    ['Jenis layanan', SERVICE_TYPE_LABELS[app.serviceType] ?? app.serviceType],
  ]);
  heading(pdf, 'Alur Disposisi');
  const completed = events.filter((e) => e.kind === 'completed');
  let afterStep = 1; // the chain starts after intake (which the verifier also records)
  const rows = CHAIN.map((role, i) => {
    const event = completed.find((e) => e.actorRole === role && e.stepNo > afterStep);
    if (event) afterStep = event.stepNo;
    const name = event?.actorName ?? (role === 'verifikator' ? assignedVerifierName : null);
    return [
      String(i + 1),
      ROLE_LABELS[role],
      FORWARDED_TO[role] ?? '',
      name ?? '',
      event ? formatDateTime(event.at, zone) : 'Belum',
      event?.note ?? '',
    ];
  });
  drawTable(
    pdf,
    [
      { header: 'No', width: 0.7, align: 'right' },
      { header: 'Dari', width: 2.4 },
      { header: 'Diteruskan kepada', width: 2.6 },
      { header: 'Nama pejabat', width: 3 },
      { header: 'Waktu', width: 3 },
      { header: 'Isi disposisi / catatan', width: 5 },
    ],
    rows,
    { zebra: false },
  );
  return pdfToBuffer(pdf);
}
