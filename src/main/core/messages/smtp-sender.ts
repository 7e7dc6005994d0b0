/** Sends one plain-text email through the office's SMTP server, with short timeouts so the desk never hangs. */
import nodemailer from 'nodemailer';

import type { SmtpSettingsRecord } from '../store/repos/smtp-settings';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
}

export type SendOutcome = { ok: true } | { ok: false; error: string };

const TIMEOUT_MS = 10_000;

/** Never throws: a failure comes back as its (password-free) error text, trimmed for the log. */
export async function sendEmail(settings: SmtpSettingsRecord, mail: OutgoingEmail): Promise<SendOutcome> {
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    ...(settings.username ? { auth: { user: settings.username, pass: settings.password ?? '' } } : {}),
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  });
  try {
    await transport.sendMail({ from: settings.from, to: mail.to, subject: mail.subject, text: mail.text });
    return { ok: true };
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    const safe = settings.password ? text.split(settings.password).join('••••') : text;
    return { ok: false, error: safe.slice(0, 300) };
  } finally {
    transport.close();
  }
}
