/** BSrE at the desk: the connection banner, a NIK's status at intake, and "check status now". */
import type { ChannelParsed, ChannelResult } from '../../../shared/contract/channels';
import { bsreStatusLabel, suggestService } from '../../../shared/domain/bsre-status';
import { credentialMessage } from '../bsre/outcomes';
import type { ServiceContext } from '../context';
import { fail } from '../failure';
import { getApplication } from '../store/repos/applications';
import { writeAudit } from '../store/repos/audit';
import { toDetail } from './application-view';
import { checkApplication } from './bsre-poller';

export function connection(ctx: ServiceContext): ChannelResult<'bsre.status'> {
  return { mode: ctx.bsre.mode(), problem: ctx.bsre.problem(), simulatorUrl: ctx.bsre.simulator()?.url ?? null };
}

export async function checkNik(
  ctx: ServiceContext,
  input: ChannelParsed<'bsre.checkNik'>,
): Promise<ChannelResult<'bsre.checkNik'>> {
  const client = ctx.bsre.client() ?? fail('BSRE_NOT_CONNECTED', ctx.bsre.problem() ?? undefined);
  const result = await client.checkStatus({ nik: input.nik });
  await writeAudit(ctx.db, {
    at: ctx.clock.now().toISOString(),
    userId: ctx.caller?.userId ?? null,
    action: 'bsre.check_nik',
    entity: 'bsre',
    entityId: null,
    detail: { outcome: result.kind },
  });
  if (result.kind === 'unauthorized') fail('BSRE_NOT_CONNECTED', credentialMessage(result.raw.httpStatus ?? 401));
  if (result.kind !== 'ok') fail('BSRE_UNAVAILABLE', `BSrE tidak dapat dihubungi: ${result.message}`);
  const status = result.value.status;
  return {
    status,
    statusLabel: bsreStatusLabel(status),
    message: result.value.message,
    suggestion: suggestService(status),
  };
}

export async function refreshApplication(
  ctx: ServiceContext,
  input: ChannelParsed<'bsre.refreshApplication'>,
): Promise<ChannelResult<'bsre.refreshApplication'>> {
  const caller = ctx.caller ?? fail('NOT_AUTHENTICATED');
  if (!(await getApplication(ctx.db, ctx.dataKey, input.applicationId))) fail('NOT_FOUND');
  const client = ctx.bsre.client() ?? fail('BSRE_NOT_CONNECTED', ctx.bsre.problem() ?? undefined);
  await ctx.jobs.runOnce();
  await checkApplication(ctx, client, input.applicationId);
  return await toDetail(
    ctx,
    (await getApplication(ctx.db, ctx.dataKey, input.applicationId)) ?? fail('NOT_FOUND'),
    caller,
  );
}
