/** Messages to applicants from templates: compose, send (link or SMTP), and the sent log. */
import type { ChannelParsed, ChannelResult } from '../../../shared/contract/channels';
import type { ServiceContext } from '../context';
import { fail } from '../failure';

export function compose(_ctx: ServiceContext, _input: ChannelParsed<'messages.compose'>): ChannelResult<'messages.compose'> {
  return fail('INTERNAL_ERROR', 'Pesan belum tersedia.');
}

export function send(_ctx: ServiceContext, _input: ChannelParsed<'messages.send'>): ChannelResult<'messages.send'> {
  return fail('INTERNAL_ERROR', 'Pesan belum tersedia.');
}

export function log(_ctx: ServiceContext, _input: ChannelParsed<'messages.log'>): ChannelResult<'messages.log'> {
  return fail('INTERNAL_ERROR', 'Pesan belum tersedia.');
}
