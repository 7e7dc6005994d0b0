/**
 * Completing the current SOP step — the one place that writes the step event, moves the
 * application to the next step (or completes it), adds the holder on handover, and audits.
 * Used by the verifier's actions, the BSrE outbox worker and the status poller alike; always
 * called inside the caller's transaction.
 */
import { waitsOnBsre } from '../../../shared/domain/bsre-status';
import type { Role } from '../../../shared/domain/roles';
import { minutesBetween } from '../../../shared/domain/sla';
import type { SopStep, SopTemplate } from '../../../shared/sop/template';
import type { Db } from '../store/db';
import { type ApplicationRecord, updateApplicationState, updateBsreSnapshot } from '../store/repos/applications';
import { writeAudit } from '../store/repos/audit';
import { insertHolder } from '../store/repos/holders';
import { insertStepEvent } from '../store/repos/step-events';
import { newId } from './ids';

export interface Issuance {
  issuedAt: string;
  expiresAt: string;
  serialNumber: string | null;
}

export interface StepCompletion {
  actorId: string;
  actorRole: Role;
  at: string;
  note: string;
  data: Record<string, unknown>;
  assignVerifierId?: string;
  issuance?: Issuance;
  handover?: boolean;
}

/** Writes the completion of `step` and returns the application as it now stands. */
export async function completeStep(
  db: Db,
  key: Buffer,
  template: SopTemplate,
  app: ApplicationRecord,
  step: SopStep,
  c: StepCompletion,
): Promise<ApplicationRecord> {
  const next = template.steps.find((s) => s.no === step.no + 1);
  const issuance =
    c.issuance ??
    (app.issuedAt && app.expiresAt
      ? { issuedAt: app.issuedAt, expiresAt: app.expiresAt, serialNumber: app.certificateSerial }
      : null);
  if (c.handover && issuance) {
    await insertHolder(db, key, {
      id: newId(),
      applicationId: app.id,
      name: app.applicantName,
      nik: app.nik,
      nip: app.nip,
      agency: app.agency,
      position: app.position,
      officialEmail: app.officialEmail,
      phone: app.phone,
      issuedAt: issuance.issuedAt,
      expiresAt: issuance.expiresAt,
      bsreStatus: app.bsre.status ?? 'ISSUE',
      createdAt: c.at,
    });
  }
  await insertStepEvent(db, {
    id: newId(),
    applicationId: app.id,
    stepNo: step.no,
    kind: 'completed',
    actorId: c.actorId,
    actorRole: c.actorRole,
    at: c.at,
    startedAt: app.currentStepStartedAt,
    elapsedMinutes: minutesBetween(app.currentStepStartedAt, c.at),
    standardMinutes: step.standardMinutes,
    note: c.note,
    data: c.data,
  });
  const movedBase: ApplicationRecord = {
    ...app,
    status: next ? 'inProgress' : 'completed',
    assignedVerifierId: c.assignVerifierId ?? app.assignedVerifierId,
    currentStepNo: next ? next.no : step.no,
    currentStepStartedAt: c.at,
    returnReason: null,
    issuedAt: issuance?.issuedAt ?? null,
    expiresAt: issuance?.expiresAt ?? null,
    certificateSerial: issuance?.serialNumber ?? null,
    updatedAt: c.at,
  };
  const waiting = next !== undefined && movedBase.status === 'inProgress' && waitsOnBsre(next);
  const moved: ApplicationRecord = { ...movedBase, bsre: { ...app.bsre, nextCheckAt: waiting ? c.at : null } };
  await updateApplicationState(db, moved);
  // A step that waits on BSrE is checked at once; the poller then keeps to its interval.
  await updateBsreSnapshot(db, app.id, moved.bsre);
  await writeAudit(db, {
    at: c.at,
    userId: c.actorId,
    action: 'application.step_completed',
    entity: 'application',
    entityId: app.id,
    detail: { stepNo: step.no, actions: step.actions, nextStepNo: next?.no ?? null, completed: !next },
  });
  return moved;
}
