/**
 * Shapes an application for the caller: masks personal data for roles that do not handle it and
 * works out which actions the caller may take now (the UI shows exactly these buttons).
 */
import type { ApplicationDetail, ApplicationSummary } from '../../../shared/domain/application';
import type { BsreApplicationView, RegistrationDecision } from '../../../shared/domain/bsre';
import { bsreStatusLabel, completedByBsre } from '../../../shared/domain/bsre-status';
import { KYC_REFUSAL_ADVICE, KYC_REFUSAL_LABELS } from '../../../shared/domain/kyc';
import { canSeePersonalData } from '../../../shared/domain/roles';
import { bsreName } from '../../../shared/intake/bsre-name';
import { type SopTemplate, stepOf } from '../../../shared/sop/template';
import { maskIdentity } from '../bsre/mask';
import type { Caller, ServiceContext } from '../context';
import { fail } from '../failure';
import { type ApplicationRecord, applicationsOfLetterGroup } from '../store/repos/applications';
import { latestOutboxFor, type OutboxState } from '../store/repos/bsre-outbox';
import { listDocuments } from '../store/repos/documents';
import { listKycRefusals } from '../store/repos/kyc-refusals';
import { listReassignments } from '../store/repos/queue';
import { listStepEvents } from '../store/repos/step-events';
import { findUserById } from '../store/repos/users';

export function templateFor(ctx: ServiceContext, templateId: string): SopTemplate {
  return (
    ctx.templates.find((t) => t.id === templateId) ?? fail('INTERNAL_ERROR', `Templat SOP ${templateId} tidak tersedia`)
  );
}

const maskPhone = (phone: string) => (phone.length > 6 ? `${phone.slice(0, 4)}••••${phone.slice(-3)}` : '••••');

export function toSummary(ctx: ServiceContext, a: ApplicationRecord, caller: Caller): ApplicationSummary {
  const step = stepOf(templateFor(ctx, a.templateId), a.currentStepNo);
  return {
    id: a.id,
    referenceNo: a.referenceNo,
    serviceType: a.serviceType,
    status: a.status,
    applicantName: a.applicantName,
    nik: canSeePersonalData(caller.role) && !a.unreadable ? a.nik : a.nikMasked,
    nip: a.nip,
    agency: a.agency,
    templateId: a.templateId,
    currentStepNo: a.currentStepNo,
    currentStepActivity: step?.activity ?? '',
    currentStepActor: a.status === 'inProgress' ? (step?.actor ?? null) : null,
    currentStepStartedAt: a.currentStepStartedAt,
    createdAt: a.createdAt,
    ...(a.unreadable ? { unreadable: true } : {}),
  };
}

/** The registration decisions open to the desk in each outbox state. */
function decisionsFor(state: OutboxState, desk: boolean): RegistrationDecision[] {
  if (!desk) return [];
  if (state === 'unknown') return ['recheck', 'resend', 'markRegistered'];
  if (state === 'failed') return ['markRegistered'];
  return [];
}

async function bsreView(ctx: ServiceContext, a: ApplicationRecord, caller: Caller): Promise<BsreApplicationView> {
  const outbox = await latestOutboxFor(ctx.db, ctx.dataKey, a.id);
  const personal = canSeePersonalData(caller.role);
  const desk = caller.role === 'verifikator' || caller.role === 'kasi';
  return {
    mode: ctx.bsre.mode(),
    status: a.bsre.status,
    statusLabel: bsreStatusLabel(a.bsre.status),
    statusCode: a.bsre.statusCode,
    message: a.bsre.message,
    checkedAt: a.bsre.checkedAt,
    nextCheckAt: a.bsre.nextCheckAt,
    registration: outbox
      ? {
          state: outbox.state,
          lastError: outbox.lastError,
          attempts: outbox.attempts,
          updatedAt: outbox.updatedAt,
          // A purged entry's payload is {} (retention): no email left to show.
          email: personal ? (outbox.payload.email ?? '') : maskIdentity(outbox.payload.email ?? ''),
          decisions: decisionsFor(outbox.state, desk),
        }
      : null,
    kycRefusals: (await listKycRefusals(ctx.db, a.id)).map((r) => ({
      reason: r.reason,
      label: KYC_REFUSAL_LABELS[r.reason],
      advice: KYC_REFUSAL_ADVICE[r.reason],
      source: r.source,
      note: r.note,
      at: r.at,
    })),
  };
}

export async function toDetail(ctx: ServiceContext, a: ApplicationRecord, caller: Caller): Promise<ApplicationDetail> {
  const personal = canSeePersonalData(caller.role);
  const step = stepOf(templateFor(ctx, a.templateId), a.currentStepNo);
  const automatedStep = ctx.bsre.mode() !== 'manual' && step !== undefined && completedByBsre(step);
  const isActor = a.status === 'inProgress' && step?.actor === caller.role;
  const verifier = a.assignedVerifierId ? await findUserById(ctx.db, a.assignedVerifierId) : null;
  return {
    ...toSummary(ctx, a, caller),
    applicant: {
      name: a.applicantName,
      nik: personal ? a.nik : a.nikMasked,
      nikMasked: !personal,
      nip: a.nip,
      rank: a.rank,
      position: a.position,
      agency: a.agency,
      officialEmail: a.officialEmail,
      needsOfficialEmail: a.needsOfficialEmail,
      phone: personal ? a.phone : maskPhone(a.phone),
    },
    letter: { number: a.letterNumber, date: a.letterDate, subject: a.letterSubject, agendaNumber: a.agendaNumber },
    agencyHead: a.agencyHead,
    assignedVerifier: verifier ? { id: verifier.id, name: verifier.fullName } : null,
    documents: (await listDocuments(ctx.db, a.id)).map((d) => ({
      id: d.id,
      kind: d.kind,
      fileName: d.fileName,
      mimeType: d.mimeType,
      size: d.size,
      uploadedAt: d.uploadedAt,
      purged: d.purged ?? null,
    })),
    events: (await listStepEvents(ctx.db, a.id)).map((e) => ({
      id: e.id,
      stepNo: e.stepNo,
      kind: e.kind,
      actorName: e.actorName ?? '',
      actorRole: e.actorRole,
      at: e.at,
      startedAt: e.startedAt,
      elapsedMinutes: e.elapsedMinutes,
      standardMinutes: e.standardMinutes,
      note: e.note,
      data: e.data,
    })),
    reassignments: await listReassignments(ctx.db, a.id),
    returnReason: a.status === 'returned' ? a.returnReason : null,
    bsre: await bsreView(ctx, a, caller),
    certificate:
      a.issuedAt && a.expiresAt
        ? { issuedAt: a.issuedAt, expiresAt: a.expiresAt, serialNumber: a.certificateSerial }
        : null,
    bsreName: a.bsreName || bsreName(a.applicantName),
    letterGroup: a.letterGroupId ? await applicationsOfLetterGroup(ctx.db, a.letterGroupId) : [],
    allowed: {
      act: isActor && !automatedStep,
      return: isActor && Boolean(step?.canReturn),
      reject: isActor,
      resubmit: a.status === 'returned' && personal,
      currentActions: a.status === 'inProgress' ? (step?.actions ?? []) : [],
    },
  };
}
