/**
 * Works out one message: whom it is for (an application or a holder in the recap), whether the
 * template fits their state, the text, and how it goes out (wa.me, mailto, or the office's SMTP).
 */
import type { ChannelParsed } from '../../../shared/contract/channels';
import { type MessageVars, renderMessage, whatsappText } from '../../../shared/domain/message-templates';
import {
  applicationFacts,
  type ComposedMessage,
  isEmailAddress,
  mailtoLink,
  type MessageFacts,
  normalizePhone,
  whatsappLink,
  whyNotApplicable,
} from '../../../shared/domain/messages';
import { todayIn } from '../../../shared/domain/time';
import type { ServiceContext } from '../context';
import { fail } from '../failure';
import { getApplication } from '../store/repos/applications';
import { getHolderContact } from '../store/repos/messages';
import { readOffice } from '../store/repos/office';
import { readSmtpSettings } from '../store/repos/smtp-settings';
import { listStepEvents } from '../store/repos/step-events';

export type MessageInput = ChannelParsed<'messages.compose'>;

/** The composed message plus what the log needs: the target and the recipient's name. */
export interface Composition {
  message: ComposedMessage;
  recipientName: string;
  referenceNo: string | null;
  applicationId: string | null;
  holderId: string | null;
}

interface Target {
  facts: MessageFacts;
  phone: string;
  email: string | null;
  vars: Omit<MessageVars, 'today' | 'office'>;
  applicationId: string | null;
  holderId: string | null;
}

async function resolveTarget(ctx: ServiceContext, input: MessageInput): Promise<Target> {
  if (input.applicationId) {
    const a =
      (await getApplication(ctx.db, ctx.dataKey, input.applicationId)) ??
      fail('NOT_FOUND', 'Permohonan tidak ditemukan.');
    const certificate = a.issuedAt && a.expiresAt ? { issuedAt: a.issuedAt, expiresAt: a.expiresAt } : null;
    const returnReason = a.status === 'returned' ? a.returnReason : null;
    return {
      facts: applicationFacts({
        status: a.status,
        returnReason,
        certificate,
        events: await listStepEvents(ctx.db, a.id),
      }),
      phone: a.phone,
      email: a.officialEmail,
      vars: {
        recipientName: a.applicantName,
        referenceNo: a.referenceNo,
        returnReason,
        officialEmail: a.officialEmail,
        issuedAt: a.issuedAt,
        expiresAt: a.expiresAt,
      },
      applicationId: a.id,
      holderId: null,
    };
  }
  const h =
    (await getHolderContact(ctx.db, ctx.dataKey, input.holderId ?? '')) ??
    fail('NOT_FOUND', 'Pemegang sertifikat tidak ditemukan di rekap.');
  return {
    facts: {
      kind: 'holder',
      status: null,
      returnReason: null,
      registered: true,
      certificate: { issuedAt: h.issuedAt, expiresAt: h.expiresAt },
    },
    phone: h.phone,
    email: h.officialEmail,
    vars: {
      recipientName: h.name,
      referenceNo: null,
      returnReason: null,
      officialEmail: h.officialEmail,
      issuedAt: h.issuedAt,
      expiresAt: h.expiresAt,
    },
    applicationId: null,
    holderId: h.id,
  };
}

export async function composeMessage(ctx: ServiceContext, input: MessageInput): Promise<Composition> {
  const target = await resolveTarget(ctx, input);
  const why = whyNotApplicable(input.template, target.facts);
  if (why) fail('MESSAGE_NOT_APPLICABLE', `Templat pesan ini tidak sesuai: ${why}`);
  const office = (await readOffice(ctx.db)) ?? fail('SETUP_REQUIRED');
  const rendered = renderMessage(input.template, {
    ...target.vars,
    today: todayIn(office.timeZone, ctx.clock.now()),
    office,
  });
  const base = {
    recipientName: target.vars.recipientName,
    referenceNo: target.vars.referenceNo,
    applicationId: target.applicationId,
    holderId: target.holderId,
  };

  if (input.channel === 'whatsapp') {
    const phone = normalizePhone(target.phone) ?? fail('PHONE_REQUIRED');
    const link = whatsappLink(phone, whatsappText(rendered));
    return {
      ...base,
      message: { template: input.template, channel: 'whatsapp', to: phone, ...rendered, link, smtp: false },
    };
  }
  const email = target.email?.trim() ?? '';
  if (!isEmailAddress(email))
    fail(
      'EMAIL_REQUIRED',
      'Pemohon belum memiliki alamat email yang benar. Kirim lewat WhatsApp, atau lengkapi email dinas terlebih dahulu.',
    );
  const smtp = (await readSmtpSettings(ctx.db, ctx.dataKey)).enabled;
  const link = smtp ? null : mailtoLink(email, rendered.subject, rendered.body);
  return { ...base, message: { template: input.template, channel: 'email', to: email, ...rendered, link, smtp } };
}
