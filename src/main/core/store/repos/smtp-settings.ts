/** The office's SMTP server for emails to applicants (password sealed, never leaves the core). */
import { openText, sealText } from '../../crypto/aead';
import type { Db } from '../db';

export interface SmtpSettingsRecord {
  enabled: boolean;
  host: string;
  port: number;
  secure: boolean;
  username: string;
  /** Null when none is stored. */
  password: string | null;
  from: string;
}

export const DEFAULT_SMTP_SETTINGS: SmtpSettingsRecord = {
  enabled: false,
  host: '',
  port: 587,
  secure: false,
  username: '',
  password: null,
  from: '',
};

interface Row {
  enabled: number;
  host: string;
  port: number;
  secure: number;
  username: string;
  password_sealed: Buffer | null;
  from_address: string;
}

const AD = 'smtp_settings:password';

export async function readSmtpSettings(db: Db, key: Buffer): Promise<SmtpSettingsRecord> {
  const r = (await db.prepare('SELECT * FROM smtp_settings WHERE id = 1').get()) as Row | undefined;
  if (!r) return { ...DEFAULT_SMTP_SETTINGS };
  return {
    enabled: r.enabled === 1,
    host: r.host,
    port: r.port,
    secure: r.secure === 1,
    username: r.username,
    password: r.password_sealed ? openText(key, r.password_sealed, AD) : null,
    from: r.from_address,
  };
}

export async function saveSmtpSettings(
  db: Db,
  key: Buffer,
  s: SmtpSettingsRecord,
  at: string,
  by: string,
): Promise<void> {
  await db
    .prepare(
      `INSERT INTO smtp_settings (id, enabled, host, port, secure, username, password_sealed, from_address, updated_at, updated_by)
     VALUES (1, @enabled, @host, @port, @secure, @username, @passwordSealed, @from, @at, @by)
     ON CONFLICT (id) DO UPDATE SET enabled = excluded.enabled, host = excluded.host, port = excluded.port, secure = excluded.secure,
       username = excluded.username, password_sealed = excluded.password_sealed, from_address = excluded.from_address,
       updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    )
    .run({
      enabled: s.enabled ? 1 : 0,
      host: s.host,
      port: s.port,
      secure: s.secure ? 1 : 0,
      username: s.username,
      passwordSealed: s.password ? sealText(key, s.password, AD) : null,
      from: s.from,
      at,
      by,
    });
}
