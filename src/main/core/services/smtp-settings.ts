/** The Admin's SMTP settings for sending emails to applicants (password sealed, never returned). */
import type { ChannelParsed, ChannelResult } from '../../../shared/contract/channels';
import type { ServiceContext } from '../context';
import { fail } from '../failure';

export function getSmtp(_ctx: ServiceContext): ChannelResult<'messages.getSmtp'> {
  return fail('INTERNAL_ERROR', 'Pengaturan SMTP belum tersedia.');
}

export function updateSmtp(_ctx: ServiceContext, _input: ChannelParsed<'messages.updateSmtp'>): ChannelResult<'messages.updateSmtp'> {
  return fail('INTERNAL_ERROR', 'Pengaturan SMTP belum tersedia.');
}
