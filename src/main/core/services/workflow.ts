/**
 * Moving an application through its SOP: complete the current step, return it to the applicant,
 * take a resubmission, or reject it. Each move checks state, step and role, then writes the
 * application, the step event, any new records and the audit entry in one transaction.
 */
import type { ChannelParsed, ChannelResult } from '../../../shared/contract/channels';
import type { StepEventKind } from '../../../shared/domain/application';
import { minutesBetween } from '../../../shared/domain/sla';
import { todayIn } from '../../../shared/domain/time';
import { bsreName } from '../../../shared/intake/bsre-name';
import { type SopStep, stepOf } from '../../../shared/sop/template';
import type { Caller, ServiceContext } from '../context';
import { fail } from '../failure';
import { inTransaction } from '../store/db';
import { type ApplicationRecord, getApplication, updateApplicationState } from '../store/repos/applications';
import { writeAudit } from '../store/repos/audit';
import { insertOutbox, latestOutboxFor } from '../store/repos/bsre-outbox';
import { readBsreSettings } from '../store/repos/bsre-settings';
import { insertDocument, listDocuments, readDocument } from '../store/repos/documents';
import { latestIdentityCheck } from '../store/repos/identity-checks';
import { readOffice } from '../store/repos/office';
import { insertStepEvent, lastReturnedAt } from '../store/repos/step-events';
import { templateFor, toDetail } from './application-view';
import { newId } from './ids';
import { collectStepData, faceSummary } from './step-actions';
import { completeStep } from './step-transition';
import { checkUpload } from './uploads';

interface Locked {
  caller: Caller;
  app: ApplicationRecord;
  step: SopStep;
}

/** Loads the application inside the transaction and checks it is open at `stepNo` for this role. */
async function lockForStep(ctx: ServiceContext, applicationId: string, stepNo: number): Promise<Locked> {
  const caller = ctx.caller ?? fail('NOT_AUTHENTICATED');
  const app = (await getApplication(ctx.db, ctx.dataKey, applicationId)) ?? fail('NOT_FOUND');
  if (app.status === 'completed' || app.status === 'rejected') fail('APPLICATION_CLOSED');
  if (app.status === 'returned') fail('APPLICATION_RETURNED');
  if (app.currentStepNo !== stepNo) fail('STEP_MISMATCH');
  const step = stepOf(templateFor(ctx, app.templateId), stepNo) ?? fail('INTERNAL_ERROR');
  if (step.actor !== caller.role)
    fail('WRONG_ROLE_FOR_STEP', `Langkah ${step.no} dikerjakan oleh peran ${step.actor}, bukan ${caller.role}.`);
  return { caller, app, step };
}

async function recordEvent(
  ctx: ServiceContext,
  l: Locked,
  kind: StepEventKind,
  at: string,
  note: string,
  data: Record<string, unknown>,
) {
  await insertStepEvent(ctx.db, {
    id: newId(),
    applicationId: l.app.id,
    stepNo: l.step.no,
    kind,
    actorId: l.caller.userId,
    actorRole: l.caller.role,
    at,
    startedAt: l.app.currentStepStartedAt,
    elapsedMinutes: minutesBetween(l.app.currentStepStartedAt, at),
    standardMinutes: l.step.standardMinutes,
    note,
    data,
  });
}

/** On an identity-check step, a return or rejection keeps the face scores it was decided on. */
async function identityEvidence(ctx: ServiceContext, l: Locked): Promise<Record<string, unknown>> {
  if (!l.step.actions.includes('identityCheck')) return {};
  const face = (await latestIdentityCheck(ctx.db, ctx.dataKey, l.app.id))?.face;
  return face ? { identityCheck: { decision: 'mismatch', face: faceSummary(face) } } : {};
}

async function detailAfter(ctx: ServiceContext, id: string) {
  return await toDetail(
    ctx,
    (await getApplication(ctx.db, ctx.dataKey, id)) ?? fail('NOT_FOUND'),
    ctx.caller ?? fail('NOT_AUTHENTICATED'),
  );
}

export async function act(
  ctx: ServiceContext,
  input: ChannelParsed<'applications.act'>,
): Promise<ChannelResult<'applications.act'>> {
  const office = (await readOffice(ctx.db)) ?? fail('SETUP_REQUIRED');
  let requested = false;
  await inTransaction(ctx.db, async () => {
    const now = ctx.clock.now();
    const at = now.toISOString();
    const l = await lockForStep(ctx, input.applicationId, input.stepNo);
    const issued =
      l.app.issuedAt && l.app.expiresAt
        ? { issuedAt: l.app.issuedAt, expiresAt: l.app.expiresAt, serialNumber: l.app.certificateSerial }
        : null;
    const outcome = await collectStepData(
      ctx.db,
      office,
      now,
      l.step,
      input,
      todayIn(office.timeZone, new Date(l.app.createdAt)),
      {
        mode: ctx.bsre.mode(),
        issued,
        identity: await latestIdentityCheck(ctx.db, ctx.dataKey, l.app.id),
        lastReturnedAt: await lastReturnedAt(ctx.db, l.app.id),
      },
    );
    if (outcome.registrationRequest) {
      await requestRegistration(ctx, l, input.note, outcome.data, at);
      requested = true;
      return;
    }
    const template = templateFor(ctx, l.app.templateId);
    const hasIssuance = Boolean(outcome.issuance ?? (l.app.issuedAt && l.app.expiresAt));
    if (outcome.handover && !hasIssuance)
      fail('REQUIREMENTS_INCOMPLETE', 'Sertifikat belum tercatat terbit; penyerahan belum bisa dicatat.');
    if (outcome.selfie) {
      const s = outcome.selfie;
      await insertDocument(
        ctx.db,
        ctx.dataKey,
        {
          id: newId(),
          applicationId: l.app.id,
          kind: 'selfie',
          fileName: s.fileName,
          mimeType: s.mimeType,
          size: s.bytes.length,
          sha256: s.sha256,
          uploadedAt: at,
          uploadedBy: l.caller.userId,
        },
        s.bytes,
      );
    }
    if (outcome.manualIdentity)
      await writeAudit(ctx.db, {
        at,
        userId: l.caller.userId,
        action: 'identity.manual_verification',
        entity: 'application',
        entityId: l.app.id,
        detail: { stepNo: l.step.no, reason: outcome.manualIdentity.reason, note: outcome.manualIdentity.note },
      });
    await completeStep(ctx.db, ctx.dataKey, template, l.app, l.step, {
      actorId: l.caller.userId,
      actorRole: l.caller.role,
      at,
      note: input.note,
      data: outcome.data,
      ...(outcome.assignVerifierId ? { assignVerifierId: outcome.assignVerifierId } : {}),
      ...(outcome.issuance ? { issuance: outcome.issuance } : {}),
      handover: Boolean(outcome.handover),
    });
  });
  if (requested) ctx.jobs.kick();
  return await detailAfter(ctx, input.applicationId);
}

/**
 * "Daftarkan ke BSrE": the request joins the outbox in this transaction; the step completes when
 * BSrE confirms (the worker does that), so a BSrE outage loses nothing and blocks nothing else.
 */
async function requestRegistration(
  ctx: ServiceContext,
  l: Locked,
  note: string,
  data: Record<string, unknown>,
  at: string,
): Promise<void> {
  const open = await latestOutboxFor(ctx.db, ctx.dataKey, l.app.id);
  if (open && (open.state === 'pending' || open.state === 'sending' || open.state === 'unknown')) fail('BSRE_PENDING');
  if (!l.app.officialEmail) fail('EMAIL_REQUIRED');
  const settings = await readBsreSettings(ctx.db, ctx.dataKey);
  const recommendation = settings.sendRecommendationLetter
    ? (await listDocuments(ctx.db, l.app.id)).filter((d) => d.kind === 'recommendation').at(-1)
    : undefined;
  const letter = recommendation ? await readDocument(ctx.db, ctx.dataKey, recommendation.id) : null;
  const id = newId();
  await insertOutbox(ctx.db, ctx.dataKey, {
    id,
    applicationId: l.app.id,
    stepNo: l.step.no,
    operation: 'registration',
    payload: {
      nama: l.app.bsreName || bsreName(l.app.applicantName),
      email: l.app.officialEmail,
      nik: l.app.nik,
      ...(settings.oidInstansi ? { oidInstansi: settings.oidInstansi } : {}),
      ...(letter ? { suratRekomendasiBase64: letter.bytes.toString('base64') } : {}),
    },
    state: 'pending',
    attempts: 0,
    nextAttemptAt: at,
    lastError: null,
    requestedBy: l.caller.userId,
    stepNote: note,
    stepData: data,
    createdAt: at,
    updatedAt: at,
  });
  await writeAudit(ctx.db, {
    at,
    userId: l.caller.userId,
    action: 'bsre.registration_requested',
    entity: 'application',
    entityId: l.app.id,
    detail: { outboxId: id, stepNo: l.step.no },
  });
}

export async function returnToApplicant(
  ctx: ServiceContext,
  input: ChannelParsed<'applications.return'>,
): Promise<ChannelResult<'applications.return'>> {
  await inTransaction(ctx.db, async () => {
    const at = ctx.clock.now().toISOString();
    const l = await lockForStep(ctx, input.applicationId, input.stepNo);
    if (!l.step.canReturn) fail('FORBIDDEN', 'Pada langkah ini permohonan tidak dapat dikembalikan kepada pemohon.');
    await recordEvent(ctx, l, 'returned', at, input.reason, {
      reason: input.reason,
      ...(await identityEvidence(ctx, l)),
    });
    await updateApplicationState(ctx.db, {
      ...l.app,
      status: 'returned',
      returnReason: input.reason,
      currentStepStartedAt: at,
      updatedAt: at,
    });
    await writeAudit(ctx.db, {
      at,
      userId: l.caller.userId,
      action: 'application.returned',
      entity: 'application',
      entityId: l.app.id,
      detail: { stepNo: l.step.no, reason: input.reason },
    });
  });
  return await detailAfter(ctx, input.applicationId);
}

export async function resubmit(
  ctx: ServiceContext,
  input: ChannelParsed<'applications.resubmit'>,
): Promise<ChannelResult<'applications.resubmit'>> {
  const caller = ctx.caller ?? fail('NOT_AUTHENTICATED');
  const uploads = input.documents.map((d, i) => checkUpload(d, `documents.${i}`));
  await inTransaction(ctx.db, async () => {
    const at = ctx.clock.now().toISOString();
    const app = (await getApplication(ctx.db, ctx.dataKey, input.applicationId)) ?? fail('NOT_FOUND');
    if (app.status !== 'returned') fail('NOT_RETURNED');
    const step = stepOf(templateFor(ctx, app.templateId), app.currentStepNo) ?? fail('INTERNAL_ERROR');
    for (const u of uploads) {
      await insertDocument(
        ctx.db,
        ctx.dataKey,
        {
          id: newId(),
          applicationId: app.id,
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
    await recordEvent(ctx, { caller, app, step }, 'resubmitted', at, input.note, {
      documents: uploads.map((u) => ({ kind: u.kind, fileName: u.fileName })),
    });
    await updateApplicationState(ctx.db, {
      ...app,
      status: 'inProgress',
      returnReason: null,
      currentStepStartedAt: at,
      updatedAt: at,
    });
    await writeAudit(ctx.db, {
      at,
      userId: caller.userId,
      action: 'application.resubmitted',
      entity: 'application',
      entityId: app.id,
      detail: { stepNo: step.no, documents: uploads.length },
    });
  });
  return await detailAfter(ctx, input.applicationId);
}

export async function reject(
  ctx: ServiceContext,
  input: ChannelParsed<'applications.reject'>,
): Promise<ChannelResult<'applications.reject'>> {
  await inTransaction(ctx.db, async () => {
    const at = ctx.clock.now().toISOString();
    const l = await lockForStep(ctx, input.applicationId, input.stepNo);
    await recordEvent(ctx, l, 'rejected', at, input.reason, {
      reason: input.reason,
      ...(await identityEvidence(ctx, l)),
    });
    await updateApplicationState(ctx.db, { ...l.app, status: 'rejected', returnReason: null, updatedAt: at });
    await writeAudit(ctx.db, {
      at,
      userId: l.caller.userId,
      action: 'application.rejected',
      entity: 'application',
      entityId: l.app.id,
      detail: { stepNo: l.step.no, reason: input.reason },
    });
  });
  return await detailAfter(ctx, input.applicationId);
}
