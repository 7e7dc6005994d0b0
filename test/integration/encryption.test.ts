/**
 * Personal data at rest: the NIK, the phone number and the uploaded files never appear in the
 * database file in plaintext, yet the desk gets the exact bytes back (audited), and roles that do
 * not handle personal data see a masked NIK and no documents.
 */

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createCore } from '../../src/main/core/app';
import { StaticKeyProvider } from '../../src/main/core/crypto/key-provider';
import type { ApplicationDetail } from '../../src/shared/domain/application';
import type { SopTemplate } from '../../src/shared/sop/template';
import {
  APPLICANT_NAME,
  APPLICANT_NIK,
  APPLICANT_PHONE,
  auditActions,
  call,
  countRows,
  errorOf,
  type IntakeInput,
  makeTempCore,
  readyOffice,
  type Staff,
  STAFF_PASSWORD,
  storeOf,
  TEST_PASSWORD_COST,
  type TestCore,
  unwrap,
  validIntake,
  walkToEnd,
} from '../helpers/core-fixture';
import { holds, storeAtRest } from '../helpers/store-at-rest';

const TEMPLATE = 'trenggalek-2024';
const DOCUMENT_MARKER = 'RAHASIA-7f3a9c41-ISI-SURAT-PEMOHON';

let t: TestCore;
let staff: Staff;
let template: SopTemplate;
let intake: IntakeInput;
let app: ApplicationDetail;

beforeEach(async () => {
  t = await makeTempCore();
  ({ staff, template } = await readyOffice(t.core, TEMPLATE));
  intake = validIntake(TEMPLATE, { pdfMarker: DOCUMENT_MARKER });
  app = unwrap(await call(t.core, 'applications.create', intake, staff.tokens.verifikator));
});

afterEach(async () => {
  await t.close();
});

/** The database file and its WAL, after checkpointing, as the bytes a thief would copy. */
const containsText = holds;

describe('encryption at rest', () => {
  it('the raw file holds no plaintext NIK, phone or document bytes (while names are findable, so the scan works)', () => {
    const bytes = storeAtRest(t);
    expect(containsText(bytes, APPLICANT_NAME)).toBe(true);
    expect(containsText(bytes, app.referenceNo)).toBe(true);

    expect(containsText(bytes, APPLICANT_NIK)).toBe(false);
    expect(containsText(bytes, APPLICANT_PHONE)).toBe(false);
    expect(containsText(bytes, DOCUMENT_MARKER)).toBe(false);
    expect(containsText(bytes, '%PDF-1.4')).toBe(false);
  });

  it('still none after the certificate is issued and the applicant is in the recap', async () => {
    await walkToEnd(t.core, staff, app.id, template, { clock: t.clock, minutesPerStep: 5 });
    expect((await countRows(t.core.db)).holders).toBe(1);
    const bytes = storeAtRest(t);
    expect(containsText(bytes, APPLICANT_NIK)).toBe(false);
    expect(containsText(bytes, APPLICANT_PHONE)).toBe(false);
    expect(containsText(bytes, DOCUMENT_MARKER)).toBe(false);
  });

  it('a reopened core with the same key reads the NIK back and finds it by exact search', async () => {
    await t.core.close();
    const reopened = await createCore({
      ...storeOf(t),
      keyProvider: new StaticKeyProvider(t.key),
      clock: t.clock,
      passwordCost: TEST_PASSWORD_COST,
    });
    try {
      const token = unwrap(
        await call(reopened, 'auth.login', { username: staff.users.verifikator.username, password: STAFF_PASSWORD }),
      ).token;
      const detail = unwrap(await call(reopened, 'applications.get', { id: app.id }, token));
      expect(detail.applicant.nik).toBe(APPLICANT_NIK);
      expect(detail.applicant.phone).toBe(APPLICANT_PHONE);
      const found = unwrap(await call(reopened, 'applications.list', { query: APPLICANT_NIK }, token));
      expect(found.map((a) => a.id)).toEqual([app.id]);
    } finally {
      await reopened.close();
    }
  });
});

describe('documents.get', () => {
  it('returns the exact original bytes and writes a document.view audit row', async () => {
    const letter = app.documents.find((d) => d.kind === 'letter');
    const original = intake.documents.find((d) => d.kind === 'letter');
    expect(letter && original).toBeTruthy();
    const before = (await auditActions(t.core.db, 'document.view')).length;

    const opened = unwrap(await call(t.core, 'documents.get', { id: letter?.id ?? '' }, staff.tokens.verifikator));
    expect(opened.id).toBe(letter?.id);
    expect(opened.mimeType).toBe('application/pdf');
    expect(opened.fileName).toBe('letter.pdf');
    expect(Buffer.from(opened.dataBase64, 'base64').equals(Buffer.from(original?.dataBase64 ?? '', 'base64'))).toBe(
      true,
    );
    expect(Buffer.from(opened.dataBase64, 'base64').toString('latin1')).toContain(DOCUMENT_MARKER);

    const views = await auditActions(t.core.db, 'document.view');
    expect(views).toHaveLength(before + 1);
    expect(views[views.length - 1]?.entity_id).toBe(app.id);
    expect(views[views.length - 1]?.user_id).toBe(staff.users.verifikator.id);
    expect(JSON.parse(views[views.length - 1]?.detail_json ?? '{}')).toMatchObject({
      documentId: letter?.id,
      kind: 'letter',
    });
  });

  it('the PNG comes back byte for byte too', async () => {
    const m = await makeTempCore();
    try {
      const ready = await readyOffice(m.core, 'madiun');
      const input = validIntake('madiun');
      const created = unwrap(await call(m.core, 'applications.create', input, ready.staff.tokens.kasi));
      const ktp = created.documents.find((d) => d.kind === 'ktp');
      const opened = unwrap(await call(m.core, 'documents.get', { id: ktp?.id ?? '' }, ready.staff.tokens.kasi));
      expect(opened.mimeType).toBe('image/png');
      expect(opened.dataBase64).toBe(input.documents.find((d) => d.kind === 'ktp')?.dataBase64);
    } finally {
      await m.close();
    }
  });

  it('the Kepala Dinas and Kabid open the letter (a view recorded) but get FORBIDDEN for every other document', async () => {
    const letter = app.documents.find((d) => d.kind === 'letter');
    const other = app.documents.find((d) => d.kind !== 'letter');
    expect(other).toBeDefined();
    for (const role of ['kadin', 'kabid'] as const) {
      const before = await countRows(t.core.db);
      const opened = unwrap(await call(t.core, 'documents.get', { id: letter?.id ?? '' }, staff.tokens[role]));
      expect(Buffer.from(opened.dataBase64, 'base64').length).toBe(letter?.size);
      errorOf(await call(t.core, 'documents.get', { id: other?.id ?? '' }, staff.tokens[role]), 'FORBIDDEN');
      // Two audit rows (the view and the refusal); nothing else is written.
      expect(await countRows(t.core.db)).toEqual({ ...before, audit_log: before.audit_log + 2 });
    }
  });
});

describe('masking by role', () => {
  it('kadin and kabid see a masked NIK and phone; verifikator and kasi see them in full', async () => {
    for (const role of ['kadin', 'kabid'] as const) {
      const detail = unwrap(await call(t.core, 'applications.get', { id: app.id }, staff.tokens[role]));
      expect(detail.applicant.nik).toContain('•');
      expect(detail.applicant.nik).not.toBe(APPLICANT_NIK);
      expect(detail.applicant.nikMasked).toBe(true);
      expect(detail.nik).toContain('•');
      expect(detail.applicant.phone).not.toBe(APPLICANT_PHONE);
      const list = unwrap(await call(t.core, 'applications.list', {}, staff.tokens[role]));
      expect(list.map((a) => a.nik)).toEqual([detail.applicant.nik]);
    }
    for (const role of ['verifikator', 'kasi'] as const) {
      const detail = unwrap(await call(t.core, 'applications.get', { id: app.id }, staff.tokens[role]));
      expect(detail.applicant.nik).toBe(APPLICANT_NIK);
      expect(detail.applicant.nikMasked).toBe(false);
      expect(detail.applicant.phone).toBe(APPLICANT_PHONE);
    }
  });

  it('the recap masks NIK and phone for the Kepala Dinas', async () => {
    await walkToEnd(t.core, staff, app.id, template, { clock: t.clock, minutesPerStep: 5 });
    const [holder] = unwrap(await call(t.core, 'holders.list', {}, staff.tokens.kadin)).rows;
    expect(holder?.nik).toContain('•');
    expect(holder?.phone).toContain('•');
    const [full] = unwrap(await call(t.core, 'holders.list', {}, staff.tokens.verifikator)).rows;
    expect(full?.nik).toBe(APPLICANT_NIK);
    expect(full?.phone).toBe(APPLICANT_PHONE);
  });
});
