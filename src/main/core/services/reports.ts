/** The facilitation report (Laporan Fasilitasi) for a month, quarter or year, on screen and as files. */
import type { ChannelParsed, ChannelResult } from '../../../shared/contract/channels';
import type { ServiceContext } from '../context';
import { fail } from '../failure';

export function facilitation(_ctx: ServiceContext, _input: ChannelParsed<'reports.facilitation'>): ChannelResult<'reports.facilitation'> {
  return fail('INTERNAL_ERROR', 'Laporan belum tersedia.');
}

export function facilitationFile(_ctx: ServiceContext, _input: ChannelParsed<'reports.facilitationFile'>): ChannelResult<'reports.facilitationFile'> {
  return fail('INTERNAL_ERROR', 'Laporan belum tersedia.');
}
