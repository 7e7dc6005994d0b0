/**
 * Messages to applicants on a real core: which template fits which state (real workflows, the
 * ManualClock), links logged as opened, emails through a real SMTP server on loopback (and a dead
 * one), the recipient sealed at rest and masked for leaders, and the Admin-only SMTP settings.
 */
import type { AddressInfo } from 'node:net';

import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { ApplicationDetail } from '../../src/shared/domain/application';
import type { MessageTemplate } from '../../src/shared/domain/messages';
import type { SessionInfo } from '../../src/shared/domain/office';
import type { SopTemplate } from '../../src/shared/sop/template';
import {
  APPLICANT_NAME,
  APPLICANT_PHONE,
  applicantNik,
  auditActions,
  call,
  createApplication,
  errorOf,
  makeTempCore,
  readyOffice,
  type Staff,
  type TestCore,
  unwrap,
  validIntake,
  walkToEnd,
} from '../helpers/core-fixture';
import { holds, storeAtRest } from '../helpers/store-at-rest';

const TEMPLATE = 'trenggalek-2024';
const EMAIL = 'budi.santoso@contoh.go.id';
const PHONE_62 = '6281234567890';
const SMTP_USER = 'loket';
const SMTP_PASSWORD = 'SandiSmtp-91f2c7';

let t: TestCore;
let admin: SessionInfo;
let staff: Staff;
let template: SopTemplate;
let app: ApplicationDetail;

beforeEach(async () => {
  t = await makeTempCore();
  ({ admin, staff, template } = await readyOffice(t.core, TEMPLATE));
  app = await createApplication(t.core, staff, TEMPLATE);
});

afterEach(async () => {
  await t.close();
});

const compose = (
  tpl: MessageTemplate,
  channel: 'whatsapp' | 'email' = 'whatsapp',
  target: { applicationId?: string; holderId?: string } = { applicationId: app.id },
) => call(t.core, 'messages.compose', { ...target, template: tpl, channel }, staff.tokens.verifikator);
const send = (tpl: MessageTemplate, channel: 'whatsapp' | 'email' = 'whatsapp') =>
  call(t.core, 'messages.send', { applicationId: app.id, template: tpl, channel }, staff.tokens.verifikator);
const log = (token = staff.tokens.verifikator) => call(t.core, 'messages.log', { applicationId: app.id }, token);

async function fitting(): Promise<MessageTemplate[]> {
  const fits: MessageTemplate[] = [];
  for (const tpl of ['received', 'incomplete', 'activate', 'issued', 'expiring'] as const) {
    const r = await compose(tpl);
    if (r.ok) fits.push(tpl);
    else errorOf(r, 'MESSAGE_NOT_APPLICABLE');
  }
  return fits;
}

describe('which template fits the application', () => {
  it('a new application: only "berkas diterima"; the wa.me link carries the 62 number and the text', async () => {
    expect(await fitting()).toEqual(['received']);
    const m = unwrap(await compose('received'));
    expect(m).toMatchObject({ channel: 'whatsapp', to: PHONE_62, smtp: false });
    expect(m.link?.startsWith(`https://wa.me/${PHONE_62}?text=`)).toBe(true);
    expect(new URL(m.link ?? '').searchParams.get('text')).toContain(`nomor permohonan ${app.referenceNo}`);
    const refused = errorOf(await compose('issued'), 'MESSAGE_NOT_APPLICABLE');
    expect(refused.message).toContain('Sertifikat belum terbit');
  });

  it('returned: "perlu dilengkapi" with the reason; after resubmission it no longer fits', async () => {
    await walkToEnd(t.core, staff, app.id, template, { clock: t.clock, minutesPerStep: 3, untilStepNo: 4 });
    unwrap(
      await call(
        t.core,
        'applications.return',
        { applicationId: app.id, stepNo: 5, reason: 'Scan SK terakhir tidak terbaca' },
        staff.tokens.verifikator,
      ),
    );
    expect(await fitting()).toEqual(['received', 'incomplete']);
    expect(unwrap(await compose('incomplete', 'email')).body).toContain(
      'perlu dilengkapi:\n\nScan SK terakhir tidak terbaca',
    );
    unwrap(
      await call(
        t.core,
        'applications.resubmit',
        { applicationId: app.id, note: 'SK dipindai ulang' },
        staff.tokens.verifikator,
      ),
    );
    expect(await fitting()).toEqual(['received']);
  });

  it('registered with BSrE: "aktivasi akun"; issued: the certificate messages with Indonesian dates', async () => {
    await walkToEnd(t.core, staff, app.id, template, { clock: t.clock, minutesPerStep: 3, untilStepNo: 5 });
    expect(await fitting()).toEqual(['received', 'activate']);
    expect(unwrap(await compose('activate', 'email')).body).toContain(
      `email dinas ${EMAIL} (periksa juga folder Spam)`,
    );

    await walkToEnd(t.core, staff, app.id, template, { clock: t.clock, minutesPerStep: 3 });
    expect(await fitting()).toEqual(['issued', 'expiring']);
    expect(unwrap(await compose('issued')).body).toContain(
      'telah terbit pada 10 Maret 2025 dan berlaku sampai dengan 9 Maret 2027',
    );
    expect(unwrap(await compose('expiring')).body).toContain('akan berakhir pada 9 Maret 2027');

    const holder = (await t.core.db.prepare('SELECT id FROM holders WHERE application_id = ?').get(app.id)) as {
      id: string;
    };
    const reminder = unwrap(await compose('expiring', 'whatsapp', { holderId: holder.id }));
    expect(reminder.to).toBe(PHONE_62);
    expect(reminder.body).toContain(`Yth. Bapak/Ibu ${APPLICANT_NAME}`);
    errorOf(await compose('received', 'whatsapp', { holderId: holder.id }), 'MESSAGE_NOT_APPLICABLE');
    const sent = unwrap(
      await call(
        t.core,
        'messages.send',
        { holderId: holder.id, template: 'expiring', channel: 'whatsapp' },
        staff.tokens.kasi,
      ),
    );
    expect(sent).toMatchObject({
      holderId: holder.id,
      applicationId: null,
      via: 'link',
      status: 'opened',
      sentBy: 'Pegawai kasi',
    });
    expect(
      unwrap(await call(t.core, 'messages.log', { holderId: holder.id }, staff.tokens.kabid)).map((e) => [
        e.template,
        e.to,
      ]),
    ).toEqual([['expiring', '6281••••890']]);
    expect(unwrap(await log())).toEqual([]);
  });

  it('email without an address is EMAIL_REQUIRED; bad targets are refused by the schema', async () => {
    const intake = validIntake(TEMPLATE, { nik: applicantNik(9) });
    const noEmail = unwrap(
      await call(
        t.core,
        'applications.create',
        { ...intake, applicant: { ...intake.applicant, needsOfficialEmail: true, officialEmail: '' } },
        staff.tokens.verifikator,
      ),
    );
    errorOf(await compose('received', 'email', { applicationId: noEmail.id }), 'EMAIL_REQUIRED');
    errorOf(
      await call(
        t.core,
        'messages.compose',
        { applicationId: app.id, holderId: app.id, template: 'received', channel: 'email' },
        staff.tokens.verifikator,
      ),
      'VALIDATION_FAILED',
    );
    errorOf(
      await call(
        t.core,
        'messages.compose',
        { applicationId: app.id, template: 'password' as never, channel: 'email' },
        staff.tokens.verifikator,
      ),
      'VALIDATION_FAILED',
    );
    errorOf(
      await compose('received', 'whatsapp', { applicationId: '00000000-0000-4000-8000-000000000000' }),
      'NOT_FOUND',
    );
    errorOf(
      await call(
        t.core,
        'messages.compose',
        { applicationId: app.id, template: 'received', channel: 'whatsapp' },
        staff.tokens.kadin,
      ),
      'FORBIDDEN',
    );
  });
});

describe('sending by link', () => {
  it('logs "opened" with the sender, audits it, seals the recipient, and masks it for the Kadin', async () => {
    const mailto = unwrap(await compose('received', 'email'));
    expect(mailto.smtp).toBe(false);
    expect(mailto.link?.startsWith(`mailto:${EMAIL}?subject=`)).toBe(true);

    const entry = unwrap(await send('received'));
    expect(entry).toMatchObject({
      template: 'received',
      channel: 'whatsapp',
      via: 'link',
      status: 'opened',
      to: PHONE_62,
      recipientName: APPLICANT_NAME,
      referenceNo: app.referenceNo,
      sentBy: 'Pegawai verifikator',
    });
    t.clock.advanceMinutes(1);
    unwrap(await send('received', 'email'));

    const full = unwrap(await log());
    expect(full.map((e) => [e.channel, e.to])).toEqual([
      ['email', EMAIL],
      ['whatsapp', PHONE_62],
    ]);
    const masked = unwrap(await log(staff.tokens.kadin));
    expect(masked.map((e) => e.to)).toEqual(['bu••••@contoh.go.id', '6281••••890']);
    expect(masked[1]?.sentBy).toBe('Pegawai verifikator');
    expect(await auditActions(t.core.db, 'message.sent')).toHaveLength(2);
    errorOf(await call(t.core, 'messages.log', {}, admin.token), 'FORBIDDEN');

    const bytes = storeAtRest(t);
    expect(holds(bytes, APPLICANT_PHONE)).toBe(false);
    expect(holds(bytes, PHONE_62)).toBe(false);
    expect(holds(bytes, '6281••••890')).toBe(true);
  });

  it('a template that does not fit writes nothing', async () => {
    errorOf(await send('issued'), 'MESSAGE_NOT_APPLICABLE');
    expect(unwrap(await log())).toEqual([]);
    expect(await auditActions(t.core.db, 'message.sent')).toHaveLength(0);
  });
});

// ── SMTP ────────────────────────────────────────────────────────────────────────

interface Received {
  to: string[];
  raw: string;
  user: unknown;
}

async function startSmtp(): Promise<{ server: SMTPServer; port: number; received: Received[] }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) cb(null, { user: SMTP_USER });
      else cb(new Error('Invalid username or password'));
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          user: session.user,
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.server.address() as AddressInfo).port, received };
}

const stopSmtp = (server: SMTPServer) => new Promise<void>((resolve) => server.close(() => resolve()));

/** Headers (unfolded) and the text body (quoted-printable decoded) of a raw message. */
function parseMail(raw: string): { headers: Record<string, string>; body: string } {
  const split = raw.indexOf('\r\n\r\n');
  const headers: Record<string, string> = {};
  for (const line of raw
    .slice(0, split)
    .replace(/\r\n[ \t]+/g, ' ')
    .split('\r\n')) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = raw.slice(split + 4);
  if (/quoted-printable/i.test(headers['content-transfer-encoding'] ?? '')) {
    const bytes = body
      .replace(/=\r\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    body = Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return { headers, body: body.replace(/\r\n/g, '\n').trimEnd() };
}

const smtpInput = (port: number, password = SMTP_PASSWORD) => ({
  enabled: true,
  host: '127.0.0.1',
  port,
  secure: false,
  username: SMTP_USER,
  password,
  from: 'Loket TTE <tte@kominfo.go.id>',
});

describe('sending by SMTP', () => {
  it('the real server receives To, Subject and the body; the log says sent', async () => {
    const smtp = await startSmtp();
    try {
      unwrap(await call(t.core, 'messages.updateSmtp', smtpInput(smtp.port), admin.token));
      const composed = unwrap(await compose('received', 'email'));
      expect(composed).toMatchObject({ smtp: true, link: null, to: EMAIL });
      expect(unwrap(await compose('received', 'whatsapp')).link).toContain('https://wa.me/');

      const entry = unwrap(await send('received', 'email'));
      expect(entry).toMatchObject({ via: 'smtp', status: 'sent', error: null, to: EMAIL });
      expect(smtp.received).toHaveLength(1);
      const mail = smtp.received[0];
      expect(mail?.to).toEqual([EMAIL]);
      expect(mail?.user).toBe(SMTP_USER);
      const parsed = parseMail(mail?.raw ?? '');
      expect(parsed.headers.to).toBe(EMAIL);
      expect(parsed.headers.from).toContain('tte@kominfo.go.id');
      expect(parsed.headers.subject).toBe(`Berkas permohonan sertifikat elektronik diterima - ${app.referenceNo}`);
      expect(parsed.body).toBe(composed.body);
      expect(unwrap(await log())[0]).toMatchObject({ via: 'smtp', status: 'sent' });
    } finally {
      await stopSmtp(smtp.server);
    }
  });

  it('server down: SMTP_FAILED, and the attempt is logged "failed" with the error text', async () => {
    const smtp = await startSmtp();
    await stopSmtp(smtp.server);
    unwrap(await call(t.core, 'messages.updateSmtp', smtpInput(smtp.port), admin.token));
    errorOf(await send('received', 'email'), 'SMTP_FAILED');
    const [entry] = unwrap(await log());
    expect(entry).toMatchObject({ via: 'smtp', status: 'failed', channel: 'email' });
    expect(entry?.error).toMatch(/ECONNREFUSED/);
    expect(entry?.error).not.toContain(SMTP_PASSWORD);
    expect((await auditActions(t.core.db, 'message.sent')).map((a) => JSON.parse(a.detail_json).status)).toEqual([
      'failed',
    ]);
  });
});

describe('SMTP settings', () => {
  it('Admin only; the password is sealed, never returned, and kept when left empty', async () => {
    for (const role of ['kadin', 'kabid', 'kasi', 'verifikator'] as const) {
      errorOf(await call(t.core, 'messages.getSmtp', {}, staff.tokens[role]), 'FORBIDDEN');
      errorOf(await call(t.core, 'messages.updateSmtp', smtpInput(2525), staff.tokens[role]), 'FORBIDDEN');
    }
    expect(unwrap(await call(t.core, 'messages.getSmtp', {}, admin.token))).toMatchObject({
      enabled: false,
      passwordSet: false,
    });

    const saved = unwrap(await call(t.core, 'messages.updateSmtp', smtpInput(2525), admin.token));
    expect(saved).toEqual({
      enabled: true,
      host: '127.0.0.1',
      port: 2525,
      secure: false,
      username: SMTP_USER,
      passwordSet: true,
      from: 'Loket TTE <tte@kominfo.go.id>',
    });
    expect(JSON.stringify(saved)).not.toContain(SMTP_PASSWORD);
    expect(holds(storeAtRest(t), SMTP_PASSWORD)).toBe(false);
    expect(JSON.stringify(await auditActions(t.core.db, 'smtp.settings_update'))).not.toContain(SMTP_PASSWORD);

    const smtp = await startSmtp();
    try {
      unwrap(await call(t.core, 'messages.updateSmtp', smtpInput(smtp.port, ''), admin.token));
      expect(unwrap(await call(t.core, 'messages.getSmtp', {}, admin.token)).passwordSet).toBe(true);
      unwrap(await send('received', 'email'));
      expect(smtp.received[0]?.user).toBe(SMTP_USER);
    } finally {
      await stopSmtp(smtp.server);
    }
  });

  it('enabled without host or sender is refused with the fields marked, and nothing changes', async () => {
    const error = errorOf(
      await call(t.core, 'messages.updateSmtp', { enabled: true, host: '', from: 'bukan-email' }, admin.token),
      'VALIDATION_FAILED',
    );
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(['from', 'host']);
    errorOf(
      await call(
        t.core,
        'messages.updateSmtp',
        { enabled: true, host: 'smtp.kantor.go.id', port: 70000, from: 'tte@kominfo.go.id' },
        admin.token,
      ),
      'VALIDATION_FAILED',
    );
    expect(unwrap(await call(t.core, 'messages.getSmtp', {}, admin.token)).enabled).toBe(false);
    expect(await auditActions(t.core.db, 'smtp.settings_update')).toHaveLength(0);
    unwrap(await call(t.core, 'messages.updateSmtp', { enabled: false }, admin.token));
    expect(unwrap(await compose('received', 'email')).smtp).toBe(false);
  });
});
