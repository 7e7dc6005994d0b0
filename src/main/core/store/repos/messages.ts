/**
 * The log of messages sent to applicants (recipient sealed, a masked copy for lists) and the small
 * read of a holder's contact the messages need (holders.ts belongs to the recap).
 */
import type { MessageChannel, MessageLogEntry, MessageTemplate } from '../../../../shared/domain/messages';
import { openText, sealText } from '../../crypto/aead';
import type { Db } from '../db';

export interface MessageLogRecord {
  id: string;
  at: string;
  template: MessageTemplate;
  channel: MessageChannel;
  recipient: string;
  recipientMasked: string;
  recipientName: string;
  applicationId: string | null;
  holderId: string | null;
  via: 'link' | 'smtp';
  status: 'opened' | 'sent' | 'failed';
  error: string | null;
  sentBy: string;
}

const recipientAd = (id: string) => `message_log:${id}:recipient`;

export async function insertMessageLog(db: Db, key: Buffer, m: MessageLogRecord): Promise<void> {
  await db
    .prepare(
      `INSERT INTO message_log (id, at, template, channel, recipient_sealed, recipient_masked, recipient_name, application_id, holder_id, via, status, error, sent_by)
     VALUES (@id, @at, @template, @channel, @recipientSealed, @recipientMasked, @recipientName, @applicationId, @holderId, @via, @status, @error, @sentBy)`,
    )
    .run({
      id: m.id,
      at: m.at,
      template: m.template,
      channel: m.channel,
      recipientSealed: sealText(key, m.recipient, recipientAd(m.id)),
      recipientMasked: m.recipientMasked,
      recipientName: m.recipientName,
      applicationId: m.applicationId,
      holderId: m.holderId,
      via: m.via,
      status: m.status,
      error: m.error,
      sentBy: m.sentBy,
    });
}

interface LogRow {
  id: string;
  at: string;
  template: MessageTemplate;
  channel: MessageChannel;
  recipient_sealed: Buffer;
  recipient_masked: string;
  recipient_name: string;
  application_id: string | null;
  reference_no: string | null;
  holder_id: string | null;
  via: 'link' | 'smtp';
  status: 'opened' | 'sent' | 'failed';
  error: string | null;
  sender_name: string | null;
}

export interface MessageLogQuery {
  applicationId?: string | undefined;
  holderId?: string | undefined;
  limit: number;
  /** Open the sealed recipient (roles that handle personal data); otherwise the masked copy. */
  reveal: boolean;
}

/** Newest first, with the sender's name and the application's reference number. */
export async function listMessageLog(db: Db, key: Buffer, q: MessageLogQuery): Promise<MessageLogEntry[]> {
  const rows = (await db
    .prepare(
      `SELECT m.*, a.reference_no, u.full_name AS sender_name
         FROM message_log m
         LEFT JOIN applications a ON a.id = m.application_id
         LEFT JOIN users u ON u.id = m.sent_by
        WHERE (CAST(@applicationId AS TEXT) IS NULL OR m.application_id = @applicationId)
          AND (CAST(@holderId AS TEXT) IS NULL OR m.holder_id = @holderId)
        ORDER BY m.at DESC, m.rowid DESC
        LIMIT @limit`,
    )
    .all({ applicationId: q.applicationId ?? null, holderId: q.holderId ?? null, limit: q.limit })) as LogRow[];
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    template: r.template,
    channel: r.channel,
    to: q.reveal ? openText(key, r.recipient_sealed, recipientAd(r.id)) : r.recipient_masked,
    recipientName: r.recipient_name,
    applicationId: r.application_id,
    referenceNo: r.reference_no,
    holderId: r.holder_id,
    via: r.via,
    status: r.status,
    error: r.error,
    sentBy: r.sender_name ?? '',
  }));
}

export interface HolderContact {
  id: string;
  applicationId: string | null;
  name: string;
  officialEmail: string | null;
  phone: string;
  issuedAt: string;
  expiresAt: string;
}

/** A holder's name, contact and certificate dates; the phone is opened from its seal. */
export async function getHolderContact(db: Db, key: Buffer, id: string): Promise<HolderContact | null> {
  const r = (await db
    .prepare(
      'SELECT id, application_id, name, official_email, phone_sealed, issued_at, expires_at FROM holders WHERE id = ?',
    )
    .get(id)) as
    | {
        id: string;
        application_id: string | null;
        name: string;
        official_email: string | null;
        phone_sealed: Buffer | null;
        issued_at: string;
        expires_at: string;
      }
    | undefined;
  if (!r) return null;
  return {
    id: r.id,
    applicationId: r.application_id,
    name: r.name,
    officialEmail: r.official_email,
    phone: r.phone_sealed ? openText(key, r.phone_sealed, `holder:${r.id}:phone`) : '',
    issuedAt: r.issued_at,
    expiresAt: r.expires_at,
  };
}
