/**
 * The verifier's hand on a BSrE registration the worker cannot settle alone (BSrE's answer does not
 * tell whether it has the email): check again, send again, or record "BSrE has it" with a reason.
 * And the KYC refusals BSrE reports at activation, recorded by the verifier when BSrE's status does
 * not say so itself. Every decision is audited.
 */
import type { ChannelParsed, ChannelResult } from '../../../shared/contract/channels';
import { KYC_REFUSAL_LABELS } from '../../../shared/domain/kyc';
import type { ServiceContext } from '../context';
import { fail } from '../failure';
import { inTransaction } from '../store/db';
import { getApplication } from '../store/repos/applications';
import { writeAudit } from '../store/repos/audit';
import { latestOutboxFor, updateOutbox } from '../store/repos/bsre-outbox';
import { insertKycRefusal } from '../store/repos/kyc-refusals';
import { toDetail } from './application-view';
import { confirmRegistration, recheckEntry } from './bsre-outbox-worker';
import { newId } from './ids';

export async function resolveRegistration(
  ctx: ServiceContext,
  input: ChannelParsed<'bsre.resolveRegistration'>,
): Promise<ChannelResult<'bsre.resolveRegistration'>> {
  const caller = ctx.caller ?? fail('NOT_AUTHENTICATED');
  if (!(await getApplication(ctx.db, ctx.dataKey, input.applicationId))) fail('NOT_FOUND');
  const entry = await latestOutboxFor(ctx.db, ctx.dataKey, input.applicationId);
  const open = entry?.state === 'unknown' || (input.action === 'markRegistered' && entry?.state === 'failed');
  if (!entry || !open) fail('BSRE_REGISTRATION_NOT_OPEN');
  const at = ctx.clock.now().toISOString();
  const audit = async (action: string) =>
    await writeAudit(ctx.db, {
      at,
      userId: caller.userId,
      action,
      entity: 'application',
      entityId: entry.applicationId,
      detail: { outboxId: entry.id, state: entry.state, ...(input.reason ? { reason: input.reason } : {}) },
    });

  if (input.action === 'markRegistered') {
    // confirmRegistration audits `bsre.registration_marked_registered` with the reason, in its transaction.
    await confirmRegistration(ctx, entry, {
      raw: null,
      how: 'marked-by-verifier',
      actorId: caller.userId,
      reason: input.reason,
    });
  } else if (input.action === 'resend') {
    await inTransaction(ctx.db, async () => {
      await updateOutbox(ctx.db, {
        ...entry,
        state: 'pending',
        nextAttemptAt: at,
        lastError: 'Dikirim ulang atas keputusan verifikator setelah memeriksa portal BSrE.',
        updatedAt: at,
      });
      await audit('bsre.registration_resend');
    });
    await ctx.jobs.runOnce();
  } else {
    const client = ctx.bsre.client() ?? fail('BSRE_NOT_CONNECTED', ctx.bsre.problem() ?? undefined);
    await audit('bsre.registration_recheck');
    await recheckEntry(ctx, client, entry);
  }
  return await toDetail(
    ctx,
    (await getApplication(ctx.db, ctx.dataKey, input.applicationId)) ?? fail('NOT_FOUND'),
    caller,
  );
}

export async function reportKycRefusal(
  ctx: ServiceContext,
  input: ChannelParsed<'bsre.reportKycRefusal'>,
): Promise<ChannelResult<'bsre.reportKycRefusal'>> {
  const caller = ctx.caller ?? fail('NOT_AUTHENTICATED');
  await inTransaction(ctx.db, async () => {
    const app = (await getApplication(ctx.db, ctx.dataKey, input.applicationId)) ?? fail('NOT_FOUND');
    const at = ctx.clock.now().toISOString();
    await insertKycRefusal(ctx.db, {
      id: newId(),
      applicationId: app.id,
      reason: input.reason,
      source: 'verifier',
      note: input.note || KYC_REFUSAL_LABELS[input.reason],
      at,
      byUserId: caller.userId,
    });
    await writeAudit(ctx.db, {
      at,
      userId: caller.userId,
      action: 'bsre.kyc_refused',
      entity: 'application',
      entityId: app.id,
      detail: { reason: input.reason, source: 'verifier' },
    });
  });
  return await toDetail(
    ctx,
    (await getApplication(ctx.db, ctx.dataKey, input.applicationId)) ?? fail('NOT_FOUND'),
    caller,
  );
}
