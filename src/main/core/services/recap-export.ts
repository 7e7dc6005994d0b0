/** The recap of TTE users exported to XLSX or PDF, by OPD and issue period. */
import type { ChannelParsed, ChannelResult } from '../../../shared/contract/channels';
import type { ServiceContext } from '../context';
import { fail } from '../failure';

export function exportHolders(_ctx: ServiceContext, _input: ChannelParsed<'holders.export'>): ChannelResult<'holders.export'> {
  return fail('INTERNAL_ERROR', 'Ekspor belum tersedia.');
}
