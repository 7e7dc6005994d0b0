/** The dashboard's figures: volume per period, step durations against the SOP, SLA compliance. */
import type { ChannelParsed, ChannelResult } from '../../../shared/contract/channels';
import type { ServiceContext } from '../context';
import { fail } from '../failure';

export function get(_ctx: ServiceContext, _input: ChannelParsed<'dashboard.get'>): ChannelResult<'dashboard.get'> {
  return fail('INTERNAL_ERROR', 'Dasbor belum tersedia.');
}
