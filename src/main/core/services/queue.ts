/** The Kasi's live queue of open applications and the reassignment of verifiers. */
import type { ChannelParsed, ChannelResult } from '../../../shared/contract/channels';
import type { ServiceContext } from '../context';
import { fail } from '../failure';

export function list(_ctx: ServiceContext, _input: ChannelParsed<'queue.list'>): ChannelResult<'queue.list'> {
  return fail('INTERNAL_ERROR', 'Antrean belum tersedia.');
}

export function reassign(_ctx: ServiceContext, _input: ChannelParsed<'queue.reassign'>): ChannelResult<'queue.reassign'> {
  return fail('INTERNAL_ERROR', 'Penugasan ulang belum tersedia.');
}
