/** Printables for one application: lembar disposisi, form permohonan, tanda terima. */
import type { ChannelParsed, ChannelResult } from '../../../shared/contract/channels';
import type { ServiceContext } from '../context';
import { fail } from '../failure';

export function get(_ctx: ServiceContext, _input: ChannelParsed<'printables.get'>): ChannelResult<'printables.get'> {
  return fail('INTERNAL_ERROR', 'Cetakan belum tersedia.');
}
