/** The Admin's SMTP settings for sending emails to applicants (password sealed, never returned). */
import type { ChannelParsed, ChannelResult } from '../../../shared/contract/channels';
import { isEmailAddress, type SmtpSettingsView } from '../../../shared/domain/messages';
import type { ServiceContext } from '../context';
import { fail } from '../failure';
import { inTransaction } from '../store/db';
import { writeAudit } from '../store/repos/audit';
import { readSmtpSettings, saveSmtpSettings, type SmtpSettingsRecord } from '../store/repos/smtp-settings';

function view(s: SmtpSettingsRecord): SmtpSettingsView {
  const { password, ...rest } = s;
  return { ...rest, passwordSet: Boolean(password) };
}

/** "Nama <alamat@domain>" or a bare address. */
function fromAddress(from: string): string {
  const angle = /<([^<>]+)>\s*$/.exec(from);
  return (angle?.[1] ?? from).trim();
}

function validate(input: ChannelParsed<'messages.updateSmtp'>): void {
  if (!input.enabled) return;
  const fields: Record<string, string> = {};
  if (!input.host) fields.host = 'Isi alamat server SMTP';
  else if (!/^[A-Za-z0-9.-]+$/.test(input.host))
    fields.host = 'Alamat server hanya berisi huruf, angka, titik, dan tanda hubung';
  if (!isEmailAddress(fromAddress(input.from))) fields.from = 'Isi alamat pengirim yang benar, mis. tte@kominfo.go.id';
  if (Object.keys(fields).length > 0) fail('VALIDATION_FAILED', undefined, fields);
}

export async function getSmtp(ctx: ServiceContext): Promise<ChannelResult<'messages.getSmtp'>> {
  return view(await readSmtpSettings(ctx.db, ctx.dataKey));
}

export async function updateSmtp(
  ctx: ServiceContext,
  input: ChannelParsed<'messages.updateSmtp'>,
): Promise<ChannelResult<'messages.updateSmtp'>> {
  validate(input);
  const userId = ctx.caller?.userId ?? fail('NOT_AUTHENTICATED');
  const at = ctx.clock.now().toISOString();
  const saved = await inTransaction(ctx.db, async () => {
    const before = await readSmtpSettings(ctx.db, ctx.dataKey);
    const next: SmtpSettingsRecord = { ...input, password: input.password ? input.password : before.password };
    await saveSmtpSettings(ctx.db, ctx.dataKey, next, at, userId);
    await writeAudit(ctx.db, {
      at,
      userId,
      action: 'smtp.settings_update',
      entity: 'smtp_settings',
      entityId: '1',
      detail: { before: view(before), after: view(next), passwordChanged: Boolean(input.password) },
    });
    return next;
  });
  return view(saved);
}
