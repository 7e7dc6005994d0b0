/** Messages to applicants: the templates, the ways to send, and the log of what was sent. */
export const MESSAGE_TEMPLATES = ['received', 'incomplete', 'activate', 'issued', 'expiring'] as const;
export type MessageTemplate = (typeof MESSAGE_TEMPLATES)[number];
export type MessageChannel = 'whatsapp' | 'email';

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
