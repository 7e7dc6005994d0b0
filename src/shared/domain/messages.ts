/** Messages to applicants: the templates, the ways to send, the rules of when each fits, and the log. */
import type { ApplicationStatus } from './application';

export const MESSAGE_TEMPLATES = ['received', 'incomplete', 'activate', 'issued', 'expiring'] as const;
export type MessageTemplate = (typeof MESSAGE_TEMPLATES)[number];
export type MessageChannel = 'whatsapp' | 'email';

export const MESSAGE_TEMPLATE_LABELS: Record<MessageTemplate, string> = {
  received: 'Berkas diterima',
  incomplete: 'Berkas perlu dilengkapi',
  activate: 'Aktivasi akun BSrE',
  issued: 'Sertifikat terbit',
  expiring: 'Sertifikat akan kedaluwarsa',
};

export const MESSAGE_CHANNEL_LABELS: Record<MessageChannel, string> = { whatsapp: 'WhatsApp', email: 'Email' };

export const MESSAGE_STATUS_LABELS: Record<MessageLogEntry['status'], string> = {
  opened: 'Dibuka (tautan)',
  sent: 'Terkirim (SMTP)',
  failed: 'Gagal',
};

export interface ComposedMessage {
  template: MessageTemplate;
  channel: MessageChannel;
  to: string;
  subject: string;
  body: string;
  /** wa.me or mailto link for click-to-send; null when the email goes by SMTP. */
  link: string | null;
  smtp: boolean;
}

export interface MessageLogEntry {
  id: string;
  at: string;
  template: MessageTemplate;
  channel: MessageChannel;
  /** Masked for roles that do not handle personal data. */
  to: string;
  recipientName: string;
  applicationId: string | null;
  /** The application's reference number, when the message was about an application. */
  referenceNo: string | null;
  holderId: string | null;
  via: 'link' | 'smtp';
  status: 'opened' | 'sent' | 'failed';
  error: string | null;
  sentBy: string;
}

export interface SmtpSettingsView {
  enabled: boolean;
  host: string;
  port: number;
  secure: boolean;
  username: string;
  passwordSet: boolean;
  from: string;
}

// ── When a template fits ───────────────────────────────────────────────────────

/** What decides which templates fit: an application's state, or a holder in the recap. */
export interface MessageFacts {
  kind: 'application' | 'holder';
  status: ApplicationStatus | null;
  returnReason: string | null;
  /** The BSrE registration step has been completed (BSrE has the applicant). */
  registered: boolean;
  certificate: { issuedAt: string; expiresAt: string } | null;
}

/** Facts of an application from its state and step history (a completed registration step). */
export function applicationFacts(a: {
  status: ApplicationStatus;
  returnReason: string | null;
  certificate: { issuedAt: string; expiresAt: string } | null;
  events: readonly { kind: string; data: Record<string, unknown> }[];
}): MessageFacts {
  const registered = a.events.some((e) => e.kind === 'completed' && e.data.bsreRegistration !== undefined);
  return {
    kind: 'application',
    status: a.status,
    returnReason: a.returnReason,
    registered,
    certificate: a.certificate,
  };
}

/** Null when the template fits; otherwise why not, in words for the desk. */
export function whyNotApplicable(template: MessageTemplate, f: MessageFacts): string | null {
  const open = f.status === 'inProgress' || f.status === 'returned';
  if (f.kind === 'holder' && template !== 'issued' && template !== 'expiring')
    return 'Templat ini hanya untuk permohonan, bukan untuk pemegang sertifikat di rekap.';
  switch (template) {
    case 'received':
      return open ? null : 'Permohonan sudah selesai atau ditolak.';
    case 'incomplete':
      return f.status === 'returned' && f.returnReason ? null : 'Permohonan tidak sedang dikembalikan kepada pemohon.';
    case 'activate':
      if (f.certificate) return 'Sertifikat sudah terbit.';
      return f.status === 'inProgress' && f.registered ? null : 'Pemohon belum didaftarkan ke BSrE.';
    case 'issued':
      return f.certificate ? null : 'Sertifikat belum terbit.';
    case 'expiring':
      return f.certificate ? null : 'Belum ada sertifikat dengan masa berlaku.';
  }
}

// ── Links and recipients ───────────────────────────────────────────────────────

/** An Indonesian mobile number as WhatsApp wants it (62…), or null when it is not one. */
export function normalizePhone(raw: string): string | null {
  let digits = raw.trim().replace(/[\s\-.()]/g, '');
  if (digits.startsWith('+')) digits = digits.slice(1);
  if (digits.startsWith('0')) digits = `62${digits.slice(1)}`;
  else if (digits.startsWith('8')) digits = `62${digits}`;
  return /^62[1-9]\d{7,12}$/.test(digits) ? digits : null;
}

export function whatsappLink(phone62: string, text: string): string {
  return `https://wa.me/${phone62}?text=${encodeURIComponent(text)}`;
}

/** RFC 6068: line breaks in a mailto body are CRLF, every reserved character percent-encoded. */
export function mailtoLink(email: string, subject: string, body: string): string {
  const address = email.split('@').map(encodeURIComponent).join('@');
  return `mailto:${address}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body.replace(/\r?\n/g, '\r\n'))}`;
}

const EMAIL = /^[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+$/;
export const isEmailAddress = (value: string): boolean => EMAIL.test(value.trim());

/** The masked copy of a recipient for lists: 6281••••890, bu••••@contoh.go.id. */
export function maskRecipient(channel: MessageChannel, to: string): string {
  if (channel === 'whatsapp') return to.length > 7 ? `${to.slice(0, 4)}••••${to.slice(-3)}` : '••••';
  const at = to.lastIndexOf('@');
  if (at < 1) return '••••';
  return `${to.slice(0, Math.min(2, at))}••••${to.slice(at)}`;
}
