/** The Kasi's live queue of open applications and the reassignment of verifiers. */
import type { ChannelParsed, ChannelResult } from '../../../shared/contract/channels';
import type { ServiceContext } from '../context';
import { fail } from '../failure';
import { inTransaction } from '../store/db';
import { writeAudit } from '../store/repos/audit';
import { assignmentState, reassignVerifier } from '../store/repos/queue';
import { findUserById, SYSTEM_USER_ID } from '../store/repos/users';
import { newId } from './ids';
import { queueView } from './queue-view';

export async function list(
  ctx: ServiceContext,
  input: ChannelParsed<'queue.list'>,
): Promise<ChannelResult<'queue.list'>> {
  return await queueView(ctx.db, ctx.templates, input, ctx.clock.now());
}

export async function reassign(
  ctx: ServiceContext,
  input: ChannelParsed<'queue.reassign'>,
): Promise<ChannelResult<'queue.reassign'>> {
  const caller = ctx.caller ?? fail('NOT_AUTHENTICATED');
  return await inTransaction(ctx.db, async () => {
    const state = (await assignmentState(ctx.db, input.applicationId)) ?? fail('NOT_FOUND');
    if (state.status !== 'inProgress' && state.status !== 'returned') fail('APPLICATION_CLOSED');
    if (state.verifierId === null) fail('VERIFIER_NOT_ASSIGNED');
    const verifier = input.verifierId === SYSTEM_USER_ID ? null : await findUserById(ctx.db, input.verifierId);
    if (!verifier || !verifier.active || verifier.role !== 'verifikator')
      fail('VERIFIER_INVALID', undefined, { verifierId: 'Pilih verifikator yang aktif' });
    if (verifier.id === state.verifierId)
      fail('VERIFIER_UNCHANGED', undefined, { verifierId: 'Pilih verifikator lain' });
    const at = ctx.clock.now().toISOString();
    await reassignVerifier(ctx.db, {
      id: newId(),
      applicationId: input.applicationId,
      fromVerifierId: state.verifierId,
      toVerifierId: verifier.id,
      byUserId: caller.userId,
      at,
      note: input.note,
    });
    await writeAudit(ctx.db, {
      at,
      userId: caller.userId,
      action: 'application.reassigned',
      entity: 'application',
      entityId: input.applicationId,
      detail: { fromVerifierId: state.verifierId, toVerifierId: verifier.id, note: input.note },
    });
    return { applicationId: input.applicationId, verifier: { id: verifier.id, name: verifier.fullName } };
  });
}
