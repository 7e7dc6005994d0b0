/**
 * Intake: the incoming letter becomes an application. The record, its sealed documents, the first
 * step's event and the audit entry are written in one transaction — all or nothing.
 */
import type { ChannelParsed, ChannelResult } from '../../../shared/contract/channels';
import { todayIn } from '../../../shared/domain/time';
import { DOCUMENT_LABELS } from '../../../shared/sop/template';
import type { ServiceContext } from '../context';
import { fail } from '../failure';
import { inTransaction } from '../store/db';
import {
  type ApplicationRecord,
  countReferencesWithPrefix,
  getApplication,
  insertApplication,
  NO_BSRE_STATUS,
  setRenewalOfHolder,
} from '../store/repos/applications';
import { writeAudit } from '../store/repos/audit';
import { insertDocument } from '../store/repos/documents';
import { getHolder } from '../store/repos/holders';
import { readOffice } from '../store/repos/office';
import { insertStepEvent } from '../store/repos/step-events';
import { templateFor, toDetail } from './application-view';
import { newId } from './ids';
import { checkUpload } from './uploads';

export function createApplication(
  ctx: ServiceContext,
  input: ChannelParsed<'applications.create'>,
): ChannelResult<'applications.create'> {
  const caller = ctx.caller ?? fail('NOT_AUTHENTICATED');
  const office = readOffice(ctx.db) ?? fail('SETUP_REQUIRED');
  const template = templateFor(ctx, office.sopTemplateId);
  const uploads = input.documents.map((d, i) => checkUpload(d, `documents.${i}`));
  const missing = template.documents.filter((d) => d.required && !uploads.some((u) => u.kind === d.kind));
  if (missing.length > 0) {
    const names = missing.map((d) => DOCUMENT_LABELS[d.kind]).join(', ');
    fail(
      'DOCUMENT_MISSING',
      `Dokumen wajib belum diunggah: ${names}.`,
      Object.fromEntries(missing.map((d) => [`documents.${d.kind}`, 'Dokumen wajib diunggah'])),
    );
  }
  if (template.recordsAgencyHead && !input.agencyHead)
    fail('VALIDATION_FAILED', 'Templat SOP kantor ini mencatat identitas KA OPD. Lengkapi data KA OPD.', {
      'agencyHead.name': 'Identitas KA OPD wajib diisi',
    });

  if (input.renewalOfHolderId && !getHolder(ctx.db, ctx.dataKey, input.renewalOfHolderId))
    fail('NOT_FOUND', 'Pemegang sertifikat yang diperpanjang tidak ditemukan di rekap.', {
      renewalOfHolderId: 'Tidak ada di rekap',
    });

  const now = ctx.clock.now();
  const at = now.toISOString();
  const id = newId();
  const intakeStep = template.steps[0];
  const nextStep = template.steps[1];
  if (!intakeStep || !nextStep) fail('INTERNAL_ERROR');

  inTransaction(ctx.db, () => {
    const prefix = `TTE-${todayIn(office.timeZone, now).slice(0, 4)}-`;
    const seq = countReferencesWithPrefix(ctx.db, prefix) + 1;
    const record: ApplicationRecord = {
      id,
      referenceNo: `${prefix}${String(seq).padStart(5, '0')}`,
      templateId: template.id,
      serviceType: input.serviceType,
      status: 'inProgress',
      applicantName: input.applicant.name,
      nik: input.applicant.nik,
      nikMasked: '',
      nip: input.applicant.nip,
      rank: input.applicant.rank,
      position: input.applicant.position,
      agency: input.applicant.agency,
      officialEmail: input.applicant.officialEmail || null,
      needsOfficialEmail: input.applicant.needsOfficialEmail,
      phone: input.applicant.phone,
      letterNumber: input.letter.number,
      letterDate: input.letter.date,
      letterSubject: input.letter.subject,
      agendaNumber: input.letter.agendaNumber,
      agencyHead: input.agencyHead,
      assignedVerifierId: null,
      currentStepNo: nextStep.no,
      currentStepStartedAt: at,
      returnReason: null,
      issuedAt: null,
      expiresAt: null,
      certificateSerial: null,
      createdAt: at,
      createdBy: caller.userId,
      updatedAt: at,
      bsre: NO_BSRE_STATUS,
    };
    insertApplication(ctx.db, ctx.dataKey, record);
    if (input.renewalOfHolderId) setRenewalOfHolder(ctx.db, id, input.renewalOfHolderId);
    for (const u of uploads) {
      insertDocument(
        ctx.db,
        ctx.dataKey,
        {
          id: newId(),
          applicationId: id,
          kind: u.kind,
          fileName: u.fileName,
          mimeType: u.mimeType,
          size: u.bytes.length,
          sha256: u.sha256,
          uploadedAt: at,
          uploadedBy: caller.userId,
        },
        u.bytes,
      );
    }
    insertStepEvent(ctx.db, {
      id: newId(),
      applicationId: id,
      stepNo: intakeStep.no,
      kind: 'completed',
      actorId: caller.userId,
      actorRole: caller.role,
      at,
      startedAt: at,
      elapsedMinutes: 0,
      standardMinutes: intakeStep.standardMinutes,
      note: 'Surat permohonan diterima dan dicatat',
      data: { documents: uploads.map((u) => ({ kind: u.kind, fileName: u.fileName, size: u.bytes.length })) },
    });
    writeAudit(ctx.db, {
      at,
      userId: caller.userId,
      action: 'application.create',
      entity: 'application',
      entityId: id,
      detail: {
        referenceNo: record.referenceNo,
        serviceType: record.serviceType,
        templateId: template.id,
        documents: uploads.length,
        renewalOfHolderId: input.renewalOfHolderId ?? null,
      },
    });
  });
  return toDetail(ctx, getApplication(ctx.db, ctx.dataKey, id) ?? fail('INTERNAL_ERROR'), caller);
}
