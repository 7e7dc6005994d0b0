/**
 * Intake: the incoming letter becomes one application per person it names (one, or several for a
 * "surat kolektif"). Each record, its sealed documents, the KTP reading made at intake, the first
 * step's event and the audit entry are written in one transaction — all or nothing. A person with
 * an application still open is refused (APPLICATION_ALREADY_OPEN) unless the office allows the
 * new service type in parallel. The name BSrE registers is derived here (titles stripped).
 */
import type { ChannelParsed, ChannelResult } from '../../../shared/contract/channels';
import { SERVICE_TYPE_LABELS, type ServiceType } from '../../../shared/domain/application';
import type { CollectiveIntakeResult } from '../../../shared/domain/staff';
import { todayIn } from '../../../shared/domain/time';
import { bsreName } from '../../../shared/intake/bsre-name';
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
  openApplicationsOfNik,
  setRenewalOfHolder,
} from '../store/repos/applications';
import { writeAudit } from '../store/repos/audit';
import { insertDocument } from '../store/repos/documents';
import { getHolder } from '../store/repos/holders';
import { deleteDraft, readIntakeSettings, saveIntakeKtpReading, setAgendaSequence } from '../store/repos/intake';
import { readOffice } from '../store/repos/office';
import { insertStepEvent } from '../store/repos/step-events';
import { templateFor, toDetail } from './application-view';
import { newId } from './ids';
import { nextAgendaNumber, rememberedReading } from './intake-assist';
import { type CheckedUpload, checkUpload } from './uploads';

type Collective = ChannelParsed<'applications.createCollective'>;

/** Refuses a NIK with an open application, unless the office runs the two service types in parallel. */
async function refuseDuplicate(
  ctx: ServiceContext,
  nik: string,
  serviceType: ServiceType,
  field: string,
): Promise<void> {
  const parallel = (await readIntakeSettings(ctx.db)).parallelServiceTypes;
  const open = (await openApplicationsOfNik(ctx.db, ctx.dataKey, nik)).find(
    (o) => o.serviceType === serviceType || !(parallel.includes(serviceType) || parallel.includes(o.serviceType)),
  );
  if (open)
    fail(
      'APPLICATION_ALREADY_OPEN',
      `Pemohon dengan NIK ini masih punya permohonan terbuka ${open.referenceNo} (${SERVICE_TYPE_LABELS[open.serviceType]}). Lanjutkan permohonan itu; permohonan baru tidak dibuat.`,
      { [field]: `Sudah ada permohonan terbuka ${open.referenceNo}`, openApplicationId: open.id },
    );
}

async function createAll(ctx: ServiceContext, input: Collective, renewalOfHolderId?: string): Promise<string[]> {
  const caller = ctx.caller ?? fail('NOT_AUTHENTICATED');
  const office = (await readOffice(ctx.db)) ?? fail('SETUP_REQUIRED');
  const template = templateFor(ctx, office.sopTemplateId);
  const shared = input.documents.map((d, i) => checkUpload(d, `documents.${i}`));
  const own = input.applicants.map((a, p) =>
    a.documents.map((d, i) => checkUpload(d, `applicants.${p}.documents.${i}`)),
  );
  const single = input.applicants.length === 1;
  own.forEach((docs, p) => {
    const missing = template.documents.filter(
      (d) => d.required && ![...shared, ...docs].some((u) => u.kind === d.kind),
    );
    if (missing.length === 0) return;
    const names = missing.map((d) => DOCUMENT_LABELS[d.kind]).join(', ');
    const who = single ? '' : ` (pemohon ke-${p + 1})`;
    fail(
      'DOCUMENT_MISSING',
      `Dokumen wajib belum diunggah${who}: ${names}.`,
      Object.fromEntries(missing.map((d) => [`documents.${d.kind}`, 'Dokumen wajib diunggah'])),
    );
  });
  if (template.recordsAgencyHead && !input.agencyHead)
    fail('VALIDATION_FAILED', 'Templat SOP kantor ini mencatat identitas KA OPD. Lengkapi data KA OPD.', {
      'agencyHead.name': 'Identitas KA OPD wajib diisi',
    });
  const niks = input.applicants.map((a) => a.applicant.nik);
  niks.forEach((nik, p) => {
    const first = niks.indexOf(nik);
    if (first !== p)
      fail('VALIDATION_FAILED', `Pemohon ke-${p + 1} sama dengan pemohon ke-${first + 1} (NIK sama).`, {
        [`applicants.${p}.applicant.nik`]: 'NIK sudah ada di surat ini',
      });
  });

  const now = ctx.clock.now();
  const at = now.toISOString();
  const intakeStep = template.steps[0];
  const nextStep = template.steps[1];
  if (!intakeStep || !nextStep) fail('INTERNAL_ERROR');
  const letterGroupId = single ? null : newId();

  return await inTransaction(ctx.db, async () => {
    for (const [p, a] of input.applicants.entries())
      await refuseDuplicate(
        ctx,
        a.applicant.nik,
        input.serviceType,
        single ? 'applicant.nik' : `applicants.${p}.applicant.nik`,
      );
    const agenda = await nextAgendaNumber(ctx.db, now);
    if (input.letter.agendaNumber === agenda.agendaNumber)
      await setAgendaSequence(ctx.db, agenda.year, agenda.sequence);
    const prefix = `TTE-${todayIn(office.timeZone, now).slice(0, 4)}-`;
    let seq = await countReferencesWithPrefix(ctx.db, prefix);
    const ids: string[] = [];
    for (const [p, a] of input.applicants.entries()) {
      const id = newId();
      seq += 1;
      const record: ApplicationRecord = {
        id,
        referenceNo: `${prefix}${String(seq).padStart(5, '0')}`,
        templateId: template.id,
        serviceType: input.serviceType,
        status: 'inProgress',
        applicantName: a.applicant.name,
        nik: a.applicant.nik,
        nikMasked: '',
        nip: a.applicant.nip,
        rank: a.applicant.rank,
        position: a.applicant.position,
        agency: a.applicant.agency,
        officialEmail: a.applicant.officialEmail || null,
        needsOfficialEmail: a.applicant.needsOfficialEmail,
        phone: a.applicant.phone,
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
        bsreName: bsreName(a.applicant.name),
        letterGroupId,
      };
      await insertApplication(ctx.db, ctx.dataKey, record);
      if (renewalOfHolderId) await setRenewalOfHolder(ctx.db, id, renewalOfHolderId);
      const uploads: CheckedUpload[] = [...shared, ...(own[p] ?? [])];
      let ktpRead = false;
      for (const u of uploads) {
        const documentId = newId();
        await insertDocument(
          ctx.db,
          ctx.dataKey,
          {
            id: documentId,
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
        const reading = u.kind === 'ktp' && !ktpRead ? rememberedReading(ctx.db, u.sha256) : null;
        if (reading) {
          await saveIntakeKtpReading(ctx.db, ctx.dataKey, { applicationId: id, documentId, ocr: reading, at });
          ktpRead = true;
        }
      }
      await insertStepEvent(ctx.db, {
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
        note: letterGroupId
          ? `Surat permohonan kolektif diterima dan dicatat (pemohon ${p + 1} dari ${input.applicants.length})`
          : 'Surat permohonan diterima dan dicatat',
        data: { documents: uploads.map((u) => ({ kind: u.kind, fileName: u.fileName, size: u.bytes.length })) },
      });
      await writeAudit(ctx.db, {
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
          renewalOfHolderId: renewalOfHolderId ?? null,
          letterGroupId,
          ktpReadAtIntake: ktpRead,
        },
      });
      if (p === input.applicants.length - 1) await deleteDraft(ctx.db, caller.userId);
      ids.push(id);
    }
    return ids;
  });
}

export async function createApplication(
  ctx: ServiceContext,
  input: ChannelParsed<'applications.create'>,
): Promise<ChannelResult<'applications.create'>> {
  const caller = ctx.caller ?? fail('NOT_AUTHENTICATED');
  if (input.renewalOfHolderId && !(await getHolder(ctx.db, ctx.dataKey, input.renewalOfHolderId)))
    fail('NOT_FOUND', 'Pemegang sertifikat yang diperpanjang tidak ditemukan di rekap.', {
      renewalOfHolderId: 'Tidak ada di rekap',
    });
  const [id] = await createAll(
    ctx,
    {
      serviceType: input.serviceType,
      letter: input.letter,
      agencyHead: input.agencyHead,
      documents: input.documents,
      applicants: [{ applicant: input.applicant, documents: [] }],
    },
    input.renewalOfHolderId,
  );
  return await toDetail(ctx, (await getApplication(ctx.db, ctx.dataKey, id ?? '')) ?? fail('INTERNAL_ERROR'), caller);
}

export async function createCollective(
  ctx: ServiceContext,
  input: ChannelParsed<'applications.createCollective'>,
): Promise<ChannelResult<'applications.createCollective'>> {
  const ids = await createAll(ctx, input);
  const apps: ApplicationRecord[] = [];
  for (const id of ids) apps.push((await getApplication(ctx.db, ctx.dataKey, id)) ?? fail('INTERNAL_ERROR'));
  const result: CollectiveIntakeResult = {
    letterGroupId: apps[0]?.letterGroupId ?? apps[0]?.id ?? '',
    applications: apps.map((a) => ({ id: a.id, referenceNo: a.referenceNo, applicantName: a.applicantName })),
  };
  return result;
}
