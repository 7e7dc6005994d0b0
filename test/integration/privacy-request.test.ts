/**
 * Data-subject requests (UU 27/2022): the export holds everything on one NIK and nothing of
 * another applicant; erasure is refused while an application is open, and after closing erases
 * name, NIK, NIP, phone and documents while keeping the recap row of a still-valid certificate;
 * both are audited, and only the Admin (export: also the Kasi) may ask.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { verifyAuditChain } from '../../src/main/core/audit/verify';
import type { ApplicationDetail } from '../../src/shared/domain/application';
import type { SessionInfo } from '../../src/shared/domain/office';
import type { SopTemplate } from '../../src/shared/sop/template';
import {
  APPLICANT_NAME,
  APPLICANT_NIK,
  APPLICANT_NIP,
  APPLICANT_PHONE,
  auditActions,
  call,
  countRows,
  errorOf,
  makeTempCore,
  readyOffice,
  type Staff,
  type TestCore,
  unwrap,
  validIntake,
  walkToEnd,
} from '../helpers/core-fixture';

const TEMPLATE = 'trenggalek-2024';
const MARKER = 'DSR-91c2-SURAT-MILIK-BUDI';
/** A second applicant: Panggul, female born 15 July 1990. */
const OTHER = { name: 'Siti Aminah Rahayu', nik: '3503015507900002', nip: '199007152015032004', phone: '085711223344' };

let t: TestCore;
let admin: SessionInfo;
let staff: Staff;
let template: SopTemplate;
let budi: ApplicationDetail;
let siti: ApplicationDetail;

beforeEach(async () => {
  t = await makeTempCore();
  ({ admin, staff, template } = await readyOffice(t.core, TEMPLATE));
  budi = unwrap(
    await call(t.core, 'applications.create', validIntake(TEMPLATE, { pdfMarker: MARKER }), staff.tokens.verifikator),
  );
  await walkToEnd(t.core, staff, budi.id, template, { clock: t.clock, minutesPerStep: 5 });
  unwrap(
    await call(
      t.core,
      'messages.send',
      { applicationId: budi.id, template: 'issued', channel: 'whatsapp' },
      staff.tokens.verifikator,
    ),
  );
  const base = validIntake(TEMPLATE);
  siti = unwrap(
    await call(
      t.core,
      'applications.create',
      {
        ...base,
        applicant: {
          ...base.applicant,
          name: OTHER.name,
          nik: OTHER.nik,
          nip: OTHER.nip,
          phone: OTHER.phone,
          officialEmail: 'siti.aminah@contoh.go.id',
        },
      },
      staff.tokens.verifikator,
    ),
  );
});

afterEach(async () => {
  await t.close();
});

const fresh = (role: 'admin' | 'kasi' | 'verifikator' | 'kadin' | 'kabid') =>
  t.core.services.sessions.create(role === 'admin' ? admin.user.id : staff.users[role].id, role).token;
const decode = (dataBase64: string) => Buffer.from(dataBase64, 'base64').toString('utf8');
const purgeLog = async () =>
  (await t.core.db.prepare('SELECT application_id, reason, documents FROM purge_log').all()) as {
    application_id: string;
    reason: string;
    documents: number;
  }[];

describe('privacy.export', () => {
  it('holds everything on the NIK — application, letter, steps, documents, recap, messages — and nothing of another applicant', async () => {
    const file = unwrap(await call(t.core, 'privacy.export', { nik: APPLICANT_NIK }, staff.tokens.kasi));
    expect(file.mimeType).toBe('application/json');
    expect(file.fileName).not.toContain(APPLICANT_NIK);
    const text = decode(file.dataBase64);
    const data = JSON.parse(text) as {
      nik: string;
      applications: {
        id: string;
        nik: string;
        phone: string;
        letterNumber: string;
        steps: unknown[];
        documents: { kind: string; dataBase64: string | null }[];
      }[];
      holders: { nik: string; name: string }[];
      messages: { to: string; template: string }[];
    };
    expect(data.nik).toBe(APPLICANT_NIK);
    expect(data.applications.map((a) => a.id)).toEqual([budi.id]);
    const [app] = data.applications;
    expect(app).toMatchObject({ nik: APPLICANT_NIK, phone: APPLICANT_PHONE, letterNumber: '800/123/406.020/2025' });
    expect(app?.steps.length).toBe(template.steps.length);
    const letter = app?.documents.find((d) => d.kind === 'letter');
    expect(decode(letter?.dataBase64 ?? '')).toContain(MARKER);
    expect(data.holders).toMatchObject([{ nik: APPLICANT_NIK, name: APPLICANT_NAME }]);
    expect(data.messages.map((m) => m.template)).toEqual(['issued']);
    expect(data.messages[0]?.to).toContain('81234567890');

    for (const foreign of [OTHER.name, OTHER.nik, OTHER.phone, OTHER.nip, siti.referenceNo, siti.id])
      expect(text).not.toContain(foreign);

    const [audit] = await auditActions(t.core.db, 'privacy.exported');
    expect(audit?.user_id).toBe(staff.users.kasi.id);
    expect(audit?.detail_json).not.toContain(APPLICANT_NIK);
  });

  it('a NIK with nothing held answers PRIVACY_NOTHING_HELD; other roles are refused; neither writes anything', async () => {
    const before = await countRows(t.core.db);
    errorOf(await call(t.core, 'privacy.export', { nik: '3503010101800003' }, admin.token), 'PRIVACY_NOTHING_HELD');
    for (const role of ['verifikator', 'kadin', 'kabid'] as const)
      errorOf(await call(t.core, 'privacy.export', { nik: APPLICANT_NIK }, staff.tokens[role]), 'FORBIDDEN');
    for (const role of ['kasi', 'verifikator', 'kadin', 'kabid'] as const)
      errorOf(
        await call(t.core, 'privacy.erase', { nik: APPLICANT_NIK, reason: 'Permintaan pemohon' }, staff.tokens[role]),
        'FORBIDDEN',
      );
    errorOf(await call(t.core, 'privacy.erase', { nik: '123', reason: 'x' }, admin.token), 'VALIDATION_FAILED');
    expect(await countRows(t.core.db)).toEqual(before);
  });
});

describe('privacy.erase', () => {
  it('is refused while an application of the NIK is open, and writes nothing', async () => {
    const before = await countRows(t.core.db);
    const error = errorOf(
      await call(t.core, 'privacy.erase', { nik: OTHER.nik, reason: 'Permintaan tertulis pemohon' }, admin.token),
      'ERASURE_APPLICATION_OPEN',
    );
    expect(error.message).toContain('sedang diproses');
    expect(await countRows(t.core.db)).toEqual(before);
    expect(await purgeLog()).toEqual([]);
    expect(
      unwrap(await call(t.core, 'applications.get', { id: siti.id }, staff.tokens.verifikator)).applicant.name,
    ).toBe(OTHER.name);
  });

  it('after closing: name, NIK, NIP, phone, documents and message recipient are erased; the recap row of a valid certificate is kept and reported', async () => {
    const result = unwrap(
      await call(
        t.core,
        'privacy.erase',
        { nik: APPLICANT_NIK, reason: 'Permintaan tertulis pemohon 12/3/2025' },
        admin.token,
      ),
    );
    expect(result.applications.map((a) => a.id)).toEqual([budi.id]);
    expect(result.applications[0]?.documents).toBe(budi.documents.length);
    expect(result.holdersErased).toBe(0);
    expect(result.messagesErased).toBe(1);
    expect(result.kept).toHaveLength(1);
    expect(result.kept[0]?.reason).toContain('masih berlaku');

    const detail = unwrap(await call(t.core, 'applications.get', { id: budi.id }, staff.tokens.kasi));
    expect(detail.applicant).toMatchObject({
      name: '[dihapus]',
      nik: '[dihapus]',
      phone: '[dihapus]',
      nip: '[dihapus]',
      officialEmail: null,
    });
    expect(detail.status).toBe('completed');
    for (const d of detail.documents) expect(d.purged?.reason).toBe('erasure');
    errorOf(
      await call(t.core, 'documents.get', { id: detail.documents[0]?.id ?? '' }, staff.tokens.kasi),
      'DOCUMENT_PURGED',
    );
    expect(
      unwrap(await call(t.core, 'applications.list', { query: APPLICANT_NIK, status: 'all' }, staff.tokens.kasi)),
    ).toEqual([]);
    expect(
      unwrap(await call(t.core, 'applications.list', { query: 'Budi', status: 'all' }, staff.tokens.kasi)),
    ).toEqual([]);
    const steps = (await t.core.db
      .prepare('SELECT note, data_json FROM step_events WHERE application_id = ?')
      .all(budi.id)) as { note: string; data_json: string }[];
    for (const s of steps)
      for (const value of [APPLICANT_NAME, APPLICANT_NIK, APPLICANT_NIP, APPLICANT_PHONE])
        expect(s.note + s.data_json).not.toContain(value);
    const [message] = unwrap(await call(t.core, 'messages.log', { applicationId: budi.id }, staff.tokens.kasi));
    expect(message).toMatchObject({ to: '[dihapus]', recipientName: '[dihapus]' });

    // Kept: the certificate lives until March 2027, so the recap still finds its holder.
    const recap = unwrap(await call(t.core, 'holders.list', { query: APPLICANT_NIK }, staff.tokens.kasi)).rows;
    expect(recap.map((h) => h.id)).toEqual([result.kept[0]?.holderId]);

    // Siti is untouched.
    expect(unwrap(await call(t.core, 'applications.get', { id: siti.id }, staff.tokens.kasi)).applicant).toMatchObject({
      name: OTHER.name,
      nik: OTHER.nik,
      phone: OTHER.phone,
    });

    expect(await purgeLog()).toEqual([
      { application_id: budi.id, reason: 'erasure', documents: budi.documents.length },
    ]);
    const [audit] = await auditActions(t.core.db, 'privacy.erased');
    expect(audit?.user_id).toBe(admin.user.id);
    const detailJson = JSON.parse(audit?.detail_json ?? '{}') as { reason: string; holdersKept: { id: string }[] };
    expect(detailJson.reason).toBe('Permintaan tertulis pemohon 12/3/2025');
    expect(detailJson.holdersKept.map((h) => h.id)).toEqual([result.kept[0]?.holderId]);
    expect(audit?.detail_json).not.toContain(APPLICANT_NIK);
    expect((await verifyAuditChain(t.core.db)).ok).toBe(true);
  });

  it('once the certificate has expired, a second request erases the recap row too and nothing is found by the NIK', async () => {
    unwrap(await call(t.core, 'privacy.erase', { nik: APPLICANT_NIK, reason: 'Permintaan pertama' }, admin.token));
    t.clock.advanceMinutes(2 * 366 * 24 * 60);
    const second = unwrap(
      await call(
        t.core,
        'privacy.erase',
        { nik: APPLICANT_NIK, reason: 'Permintaan setelah sertifikat berakhir' },
        fresh('admin'),
      ),
    );
    expect(second).toMatchObject({ applications: [], holdersErased: 1, kept: [] });
    expect(unwrap(await call(t.core, 'holders.list', { query: APPLICANT_NIK }, fresh('kasi'))).rows).toEqual([]);
    const row = (await t.core.db.prepare('SELECT name, nik_masked, nip, official_email FROM holders').get()) as Record<
      string,
      unknown
    >;
    expect(row).toEqual({ name: '[dihapus]', nik_masked: '[dihapus]', nip: '[dihapus]', official_email: null });
    errorOf(await call(t.core, 'privacy.export', { nik: APPLICANT_NIK }, fresh('kasi')), 'PRIVACY_NOTHING_HELD');
    errorOf(
      await call(t.core, 'privacy.erase', { nik: APPLICANT_NIK, reason: 'Ketiga' }, fresh('admin')),
      'PRIVACY_NOTHING_HELD',
    );
  });
});
