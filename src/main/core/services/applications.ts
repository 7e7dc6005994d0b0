/** Reading applications: the searchable list and one application's detail. */
import type { ChannelParsed, ChannelResult } from '../../../shared/contract/channels';
import type { ApplicationStatus } from '../../../shared/domain/application';
import type { ServiceContext } from '../context';
import { fail } from '../failure';
import { getApplication, searchApplications } from '../store/repos/applications';
import { toDetail, toSummary } from './application-view';
import { refuseNikSearchForMasked } from './masked-search';

const STATUS_FILTERS: Record<ChannelParsed<'applications.list'>['status'], ApplicationStatus[]> = {
  open: ['inProgress', 'returned'],
  all: ['inProgress', 'returned', 'completed', 'rejected'],
  inProgress: ['inProgress'],
  returned: ['returned'],
  completed: ['completed'],
  rejected: ['rejected'],
};

export async function list(
  ctx: ServiceContext,
  input: ChannelParsed<'applications.list'>,
): Promise<ChannelResult<'applications.list'>> {
  const caller = ctx.caller ?? fail('NOT_AUTHENTICATED');
  refuseNikSearchForMasked(caller.role, input.query);
  return (
    await searchApplications(ctx.db, ctx.dataKey, {
      query: input.query,
      statuses: STATUS_FILTERS[input.status],
      limit: input.limit,
    })
  ).map((a) => toSummary(ctx, a, caller));
}

export async function get(
  ctx: ServiceContext,
  input: ChannelParsed<'applications.get'>,
): Promise<ChannelResult<'applications.get'>> {
  const caller = ctx.caller ?? fail('NOT_AUTHENTICATED');
  return await toDetail(ctx, (await getApplication(ctx.db, ctx.dataKey, input.id)) ?? fail('NOT_FOUND'), caller);
}
