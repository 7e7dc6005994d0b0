/** One click to send: compose (to get the link), log the send, then hand a wa.me/mailto link to the OS. */
import type { MessageChannel, MessageLogEntry, MessageTemplate } from '../../shared/domain/messages';
import { call } from '../api';

export type MessageTarget = { applicationId: string } | { holderId: string };

export type SendResult = { ok: true; entry: MessageLogEntry; opened: boolean } | { ok: false; message: string };

export async function sendMessage(
  target: MessageTarget,
  template: MessageTemplate,
  channel: MessageChannel,
): Promise<SendResult> {
  const composed = await call('messages.compose', { ...target, template, channel });
  if (!composed.ok) return { ok: false, message: composed.error.message };
  const sent = await call('messages.send', { ...target, template, channel });
  if (!sent.ok) return { ok: false, message: sent.error.message };
  const link = composed.value.link;
  // The Electron shell routes wa.me and mailto to the OS; the web host opens a tab.
  if (link) window.open(link, '_blank', 'noopener');
  return { ok: true, entry: sent.value, opened: Boolean(link) };
}
