/**
 * Applies a BSrE status answer to an application in one transaction: keeps the raw answer and the
 * snapshot, completes the steps BSrE's status settles (activation, passphrase, issuance), records
 * the certificate's validity when it is issued, and schedules the next check. A changed status
 * is announced on the change bus (application + queue) once committed.
 */
import { actionSatisfiedBy, bsreStatusLabel, completedByBsre, waitsOnBsre } from '../../../shared/domain/bsre-status';
import { kycReasonFromText } from '../../../shared/domain/kyc';
import { stepOf } from '../../../shared/sop/template';
import type { RawResponse, StatusResult } from '../bsre/types';
import type { Services } from '../context';
import { inTransaction } from '../store/db';
import {
  type ApplicationRecord,
  getApplication,
  updateApplicationState,
  updateBsreSnapshot,
} from '../store/repos/applications';
import { writeAudit } from '../store/repos/audit';
import { insertResponse } from '../store/repos/bsre-responses';
import { readBsreSettings } from '../store/repos/bsre-settings';
import { insertKycRefusal, listKycRefusals } from '../store/repos/kyc-refusals';
import { SYSTEM_USER_ID } from '../store/repos/users';
import { newId } from './ids';
import { completeStep, type Issuance } from './step-transition';

export interface StatusObservation {
  status: StatusResult;
  raw: RawResponse;
  /** Validity read from the certificate chain when the status is ISSUE. */
  issuance?: Issuance;
}

/** When the poller should look again at an application now at `app`'s current step. */
export async function nextCheckFor(services: Services, app: ApplicationRecord, nowMs: number): Promise<string | null> {
  const template = services.templates.find((t) => t.id === app.templateId);
  const step = template ? stepOf(template, app.currentStepNo) : undefined;
  if (app.status !== 'inProgress' || !step || !waitsOnBsre(step)) return null;
  const interval = (await readBsreSettings(services.db, services.dataKey)).pollIntervalSeconds;
  return new Date(nowMs + interval * 1000).toISOString();
}

export async function applyStatus(
  services: Services,
  applicationId: string,
  obs: StatusObservation,
): Promise<ApplicationRecord | null> {
  let changed = false;
  const applied = await inTransaction(services.db, async () => {
    const now = services.clock.now();
    const at = now.toISOString();
    let app = await getApplication(services.db, services.dataKey, applicationId);
    if (!app) return null;
    await insertResponse(services.db, services.dataKey, { id: newId(), applicationId, outcome: 'ok', raw: obs.raw });
    const previous = app.bsre.status;
    const template = services.templates.find((t) => t.id === app?.templateId);
    const status = obs.status.status;
    const completed: number[] = [];

    while (template && app.status === 'inProgress') {
      const step = stepOf(template, app.currentStepNo);
      if (!step || !waitsOnBsre(step)) break;
      if (obs.issuance && step.actions.includes('issuance') && status === 'ISSUE' && !app.issuedAt) {
        app = {
          ...app,
          issuedAt: obs.issuance.issuedAt,
          expiresAt: obs.issuance.expiresAt,
          certificateSerial: obs.issuance.serialNumber,
          updatedAt: at,
        };
        await updateApplicationState(services.db, app);
      }
      const satisfied = step.actions.every(
        (a) => actionSatisfiedBy(a, status) && (a !== 'issuance' || Boolean(app?.issuedAt)),
      );
      if (!completedByBsre(step) || !satisfied) break;
      app = await completeStep(services.db, services.dataKey, template, app, step, {
        actorId: SYSTEM_USER_ID,
        actorRole: 'verifikator',
        at,
        note: `Dicatat otomatis dari status BSrE: ${bsreStatusLabel(status)}`,
        data: { bsre: { status, statusCode: obs.status.statusCode, message: obs.status.message } },
      });
      completed.push(step.no);
    }

    // BSrE's KYC at activation refused the applicant: recorded once per new message, named by reason.
    const kyc = kycReasonFromText(obs.status.message);
    if (kyc !== null && (await listKycRefusals(services.db, app.id))[0]?.note !== obs.status.message.slice(0, 500)) {
      await insertKycRefusal(services.db, {
        id: newId(),
        applicationId: app.id,
        reason: kyc,
        source: 'bsre',
        note: obs.status.message.slice(0, 500),
        at,
        byUserId: null,
      });
      await writeAudit(services.db, {
        at,
        userId: SYSTEM_USER_ID,
        action: 'bsre.kyc_refused',
        entity: 'application',
        entityId: app.id,
        detail: { reason: kyc, source: 'bsre' },
      });
    }

    const snapshot = {
      status,
      statusCode: obs.status.statusCode,
      message: obs.status.message,
      checkedAt: at,
      nextCheckAt: await nextCheckFor(services, app, now.getTime()),
    };
    await updateBsreSnapshot(services.db, app.id, snapshot);
    if (previous !== status || completed.length > 0) {
      changed = true;
      await writeAudit(services.db, {
        at,
        userId: SYSTEM_USER_ID,
        action: 'bsre.status_changed',
        entity: 'application',
        entityId: app.id,
        detail: { from: previous, to: status, completedSteps: completed },
      });
    }
    return { ...app, bsre: snapshot };
  });
  // After the commit: the desks re-read this application and their queues.
  if (changed) announceApplication(services, applicationId);
  return applied;
}

/** Tells the hosts an application (and so the queues) changed because of what BSrE said. */
export function announceApplication(services: Pick<Services, 'events'>, applicationId: string): void {
  services.events.emit({ kind: 'application', applicationId });
  services.events.emit({ kind: 'queue' });
}

/** Records a failed check without touching the steps (the UI shows BSrE's message and the time). */
export async function recordCheckProblem(
  services: Services,
  applicationId: string,
  message: string,
  raw: RawResponse | null,
  retryAt: string,
): Promise<void> {
  await inTransaction(services.db, async () => {
    const app = await getApplication(services.db, services.dataKey, applicationId);
    if (!app) return;
    if (raw)
      await insertResponse(services.db, services.dataKey, { id: newId(), applicationId, outcome: 'problem', raw });
    await updateBsreSnapshot(services.db, applicationId, {
      ...app.bsre,
      message,
      checkedAt: services.clock.now().toISOString(),
      nextCheckAt: retryAt,
    });
  });
}
