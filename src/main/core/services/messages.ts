/** Messages to applicants from templates: compose, send (link or SMTP), and the sent log. */
import type { ChannelParsed, ChannelResult } from '../../../shared/contract/channels';
import { maskRecipient, type MessageLogEntry } from '../../../shared/domain/messages';
import { canSeePersonalData } from '../../../shared/domain/roles';
import type { Caller, ServiceContext } from '../context';
import { fail } from '../failure';
import { composeMessage, type Composition } from '../messages/compose';
import { sendEmail } from '../messages/smtp-sender';
import { inTransaction } from '../store/db';
import { writeAudit } from '../store/repos/audit';
import { insertMessageLog, listMessageLog, type MessageLogRecord } from '../store/repos/messages';
import { readSmtpSettings } from '../store/repos/smtp-settings';
import { newId } from './ids';

function callerOf(ctx: ServiceContext): Caller {
  return ctx.caller ?? fail('NOT_AUTHENTICATED');
}

export async function compose(
  ctx: ServiceContext,
  input: ChannelParsed<'messages.compose'>,
): Promise<ChannelResult<'messages.compose'>> {
  return (await composeMessage(ctx, input)).message;
}

/** One log entry and its audit entry, in one transaction. */
async function record(
  ctx: ServiceContext,
  caller: Caller,
  c: Composition,
  outcome: Pick<MessageLogRecord, 'via' | 'status' | 'error'>,
): Promise<MessageLogEntry> {
  const m = c.message;
  const entry: MessageLogRecord = {
    id: newId(),
    at: ctx.clock.now().toISOString(),
    template: m.template,
    channel: m.channel,
    recipient: m.to,
    recipientMasked: maskRecipient(m.channel, m.to),
    recipientName: c.recipientName,
    applicationId: c.applicationId,
    holderId: c.holderId,
    sentBy: caller.userId,
    ...outcome,
  };
  await inTransaction(ctx.db, async () => {
    await insertMessageLog(ctx.db, ctx.dataKey, entry);
    await writeAudit(ctx.db, {
      at: entry.at,
      userId: caller.userId,
      action: 'message.sent',
      entity: 'message',
      entityId: entry.id,
      detail: {
        template: entry.template,
        channel: entry.channel,
        via: entry.via,
        status: entry.status,
        applicationId: entry.applicationId,
        holderId: entry.holderId,
      },
    });
  });
  const { recipient, recipientMasked: _masked, sentBy: _by, ...rest } = entry;
  return { ...rest, to: recipient, referenceNo: c.referenceNo, sentBy: caller.fullName };
}

/**
 * Links: the renderer opens the wa.me/mailto link; we log that it was opened. SMTP: sent here; a
 * failure is logged too and then refused with SMTP_FAILED so the desk sees it.
 */
export async function send(
  ctx: ServiceContext,
  input: ChannelParsed<'messages.send'>,
): Promise<ChannelResult<'messages.send'>> {
  const caller = callerOf(ctx);
  const c = await composeMessage(ctx, input);
  if (!c.message.smtp) return await record(ctx, caller, c, { via: 'link', status: 'opened', error: null });
  const settings = await readSmtpSettings(ctx.db, ctx.dataKey);
  const outcome = await sendEmail(settings, { to: c.message.to, subject: c.message.subject, text: c.message.body });
  if (!outcome.ok) {
    await record(ctx, caller, c, { via: 'smtp', status: 'failed', error: outcome.error });
    fail('SMTP_FAILED');
  }
  return await record(ctx, caller, c, { via: 'smtp', status: 'sent', error: null });
}

export async function log(
  ctx: ServiceContext,
  input: ChannelParsed<'messages.log'>,
): Promise<ChannelResult<'messages.log'>> {
  const reveal = canSeePersonalData(callerOf(ctx).role);
  return await listMessageLog(ctx.db, ctx.dataKey, {
    applicationId: input.applicationId,
    holderId: input.holderId,
    limit: input.limit,
    reveal,
  });
}
