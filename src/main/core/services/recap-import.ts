/** Import of the office's existing Excel/CSV recap: mapping, per-row validation, one transaction. */
import type { ChannelParsed, ChannelResult } from '../../../shared/contract/channels';
import type { ServiceContext } from '../context';
import { fail } from '../failure';

export function preview(_ctx: ServiceContext, _input: ChannelParsed<'holders.importPreview'>): ChannelResult<'holders.importPreview'> {
  return fail('INTERNAL_ERROR', 'Impor belum tersedia.');
}

export function commit(_ctx: ServiceContext, _input: ChannelParsed<'holders.importCommit'>): ChannelResult<'holders.importCommit'> {
  return fail('INTERNAL_ERROR', 'Impor belum tersedia.');
}

export function progress(_ctx: ServiceContext): ChannelResult<'holders.importProgress'> {
  return fail('INTERNAL_ERROR', 'Impor belum tersedia.');
}
