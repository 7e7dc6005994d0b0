/**
 * Retention after an application closes: nothing is purged before the set days, then document
 * bytes and OCR readings go (metadata, decisions, scores and step history stay), each purge is
 * logged and audited, a second run does nothing, the bytes are gone from the raw database file,
 * and the daily job runs the purge when the core starts.
 */

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { verifyAuditChain } from '../../src/main/core/audit/verify';
import { saveIdentityCheck } from '../../src/main/core/store/repos/identity-checks';
import type { ApplicationDetail } from '../../src/shared/domain/application';
import type { FaceMatchResult, KtpOcrResult } from '../../src/shared/domain/identity';
import type { SessionInfo } from '../../src/shared/domain/office';
import type { SopTemplate } from '../../src/shared/sop/template';
import {
  APPLICANT_NAME,
  auditActions,
  call,
  countRows,
  createApplication,
  errorOf,
  makeTempCore,
  readyOffice,
  type Staff,
  stepOfTemplate,
  type TestCore,
  unwrap,
  validIntake,
  walkToEnd,
} from '../helpers/core-fixture';
import { holds, storeAtRest } from '../helpers/store-at-rest';
import { TEST_ENGINE } from '../helpers/test-engine';

const TEMPLATE = 'trenggalek-2024';
/** A letter of ~20 KB, as real scans are: its sealed bytes spill into overflow pages, which a purge frees. */
const MARKER = `RETENSI-5b1e-ISI-SURAT-YANG-AKAN-DIHAPUS ${'isi surat permohonan '.repeat(1000)}`;
const DAY_MINUTES = 24 * 60;
const FACE: FaceMatchResult = {
  distance: 0.41,
  band: 'cocok',
  thresholds: { match: 0.5, review: 0.6 },
  modelVersion: 'face-api@test',
  ktpFaceFound: true,
  selfieFaceCount: 1,
  nearIdentical: false,
  warnings: [],
  durationMs: 12,
};

let t: TestCore;
let admin: SessionInfo;
let staff: Staff;
let template: SopTemplate;
let completed: ApplicationDetail;
let rejected: ApplicationDetail;
let open: ApplicationDetail;

/** An identity-desk record with an OCR reading and confirmed fields (personal) and face scores (kept). */
async function seedIdentityCheck(app: ApplicationDetail): Promise<void> {
  const at = t.clock.now().toISOString();
  const ktp = app.documents[0];
  const ocr = {
    fields: { nama: { value: APPLICANT_NAME, confidence: 0.9 } },
    durationMs: 5,
    engine: 'tesseract',
  } as unknown as KtpOcrResult;
  await saveIdentityCheck(t.core.db, t.key, {
    id: `ic-${app.id}`,
    applicationId: app.id,
    consentAt: at,
    consentVersion: 'v1',
    consentRecordedBy: staff.users.verifikator.id,
    ktpDocumentId: ktp?.id ?? null,
    ocr,
    confirmed: { nama: APPLICANT_NAME },
    confirmedAt: at,
    selfieDocumentId: null,
    face: FACE,
    createdAt: at,
    updatedAt: at,
  });
}

beforeEach(async () => {
  t = await makeTempCore();
  ({ admin, staff, template } = await readyOffice(t.core, TEMPLATE));
  completed = unwrap(
    await call(t.core, 'applications.create', validIntake(TEMPLATE, { pdfMarker: MARKER }), staff.tokens.verifikator),
  );
  await walkToEnd(t.core, staff, completed.id, template, { clock: t.clock, minutesPerStep: 5 });
  await seedIdentityCheck(completed);
  rejected = await createApplication(t.core, staff, TEMPLATE);
  const first = stepOfTemplate(template, rejected.currentStepNo);
  unwrap(
    await call(
      t.core,
      'applications.reject',
      { applicationId: rejected.id, stepNo: first.no, reason: 'Surat bukan dari OPD pengusul' },
      staff.tokens[first.actor],
    ),
  );
  open = await createApplication(t.core, staff, TEMPLATE);
});

afterEach(async () => {
  await t.close();
});

/** A fresh session (moving the clock by days expires the old ones, as it would at the desk). */
const session = (userId: string, role: 'admin' | 'kasi' | 'verifikator' | 'kadin' | 'kabid') =>
  t.core.services.sessions.create(userId, role).token;
const adminToken = () => session(admin.user.id, 'admin');
const tokenOf = (role: 'kasi' | 'verifikator' | 'kadin' | 'kabid') => session(staff.users[role].id, role);
const purgeNow = async () => unwrap(await call(t.core, 'retention.purgeNow', {}, adminToken()));
const docRows = async (appId: string) =>
  (await t.core.db
    .prepare('SELECT id, length(sealed) AS len, purged_at FROM documents WHERE application_id = ? ORDER BY rowid')
    .all(appId)) as { id: string; len: number; purged_at: string | null }[];
const identityRow = async (appId: string) =>
  (await t.core.db
    .prepare('SELECT ocr_sealed, confirmed_sealed, face_json FROM identity_checks WHERE application_id = ?')
    .get(appId)) as {
    ocr_sealed: Buffer | null;
    confirmed_sealed: Buffer | null;
    face_json: string | null;
  };
const purgeLogCount = async () =>
  ((await t.core.db.prepare('SELECT COUNT(*) AS n FROM purge_log').get()) as { n: number }).n;

describe('closing an application starts the retention clock', () => {
  it('completed and rejected applications get closed_at; an open one has none', async () => {
    const closedAt = async (id: string) =>
      (
        (await t.core.db.prepare('SELECT closed_at FROM applications WHERE id = ?').get(id)) as {
          closed_at: string | null;
        }
      ).closed_at;
    expect(await closedAt(completed.id)).toMatch(/^2025-03-10T/);
    expect(await closedAt(rejected.id)).toMatch(/^2025-03-10T/);
    expect(await closedAt(open.id)).toBeNull();
  });
});

describe('retention purge', () => {
  it('purges nothing before the default 90 days are over', async () => {
    expect(unwrap(await call(t.core, 'retention.get', {}, adminToken()))).toMatchObject({
      documentDays: 90,
      isDefault: true,
    });
    t.clock.advanceMinutes(89 * DAY_MINUTES);
    const result = await purgeNow();
    expect(result).toMatchObject({ applications: 0, documents: 0, bytes: 0 });
    for (const app of [completed, rejected, open])
      for (const d of await docRows(app.id)) expect(d.purged_at).toBeNull();
    expect((await identityRow(completed.id)).ocr_sealed).not.toBeNull();
    expect(await purgeLogCount()).toBe(0);
    const letter = completed.documents.find((d) => d.kind === 'letter');
    const opened = unwrap(await call(t.core, 'documents.get', { id: letter?.id ?? '' }, tokenOf('verifikator')));
    expect(Buffer.from(opened.dataBase64, 'base64').toString('latin1')).toContain(MARKER);
  });

  it('after 90 days: document bytes and OCR go; metadata, decision, scores, step history and the recap stay; logged and audited; idempotent', async () => {
    const eventsBefore = (await countRows(t.core.db)).step_events;
    const sizes = async (id: string) =>
      (
        (await t.core.db
          .prepare('SELECT COALESCE(SUM(size), 0) AS s FROM documents WHERE application_id = ?')
          .get(id)) as {
          s: number;
        }
      ).s;
    t.clock.advanceMinutes(91 * DAY_MINUTES);

    const result = await purgeNow();
    const docsOf = async (id: string) => (await docRows(id)).length;
    expect(result).toMatchObject({
      applications: 2,
      documents: (await docsOf(completed.id)) + (await docsOf(rejected.id)),
      bytes: (await sizes(completed.id)) + (await sizes(rejected.id)),
      identityChecks: 1,
    });

    for (const app of [completed, rejected])
      for (const d of await docRows(app.id)) expect(d).toMatchObject({ len: 0, purged_at: result.at });
    for (const d of await docRows(open.id)) expect(d.purged_at).toBeNull();
    const identity = await identityRow(completed.id);
    expect(identity.ocr_sealed).toBeNull();
    expect(identity.confirmed_sealed).toBeNull();
    expect(JSON.parse(identity.face_json ?? '{}')).toEqual(FACE);

    const after = await countRows(t.core.db);
    expect(after.step_events).toBe(eventsBefore);
    expect(after.holders).toBe(1);
    const detail = unwrap(await call(t.core, 'applications.get', { id: completed.id }, tokenOf('kasi')));
    expect(detail.status).toBe('completed');
    expect(detail.certificate).not.toBeNull();
    expect(detail.documents.length).toBe(await docsOf(completed.id));
    for (const d of detail.documents) expect(d.purged).toEqual({ at: result.at, reason: 'retention' });
    expect(detail.events.some((e) => e.stepNo === 7 && JSON.stringify(e.data).includes('match'))).toBe(true);

    const log = unwrap(await call(t.core, 'retention.log', {}, adminToken()));
    expect(log.map((e) => e.referenceNo).sort()).toEqual([completed.referenceNo, rejected.referenceNo].sort());
    for (const e of log) expect(e).toMatchObject({ reason: 'retention', at: result.at, byName: 'Admin TTE' });
    expect(log.find((e) => e.applicationId === completed.id)?.bytes).toBe(await sizes(completed.id));
    const audits = await auditActions(t.core.db, 'retention.purged');
    expect(audits.map((a) => a.entity_id).sort()).toEqual([completed.id, rejected.id].sort());
    expect(await auditActions(t.core.db, 'retention.run')).toHaveLength(1);

    const letter = completed.documents.find((d) => d.kind === 'letter');
    const refused = errorOf(
      await call(t.core, 'documents.get', { id: letter?.id ?? '' }, tokenOf('verifikator')),
      'DOCUMENT_PURGED',
    );
    expect(refused.message).toContain('retensi');

    const again = await purgeNow();
    expect(again).toMatchObject({ applications: 0, documents: 0, bytes: 0, identityChecks: 0 });
    expect(await purgeLogCount()).toBe(2);
    expect(await auditActions(t.core.db, 'retention.purged')).toHaveLength(2);
    expect((await verifyAuditChain(t.core.db)).ok).toBe(true);
  });

  // SQLite: the file itself, free pages included. PostgreSQL: a dump of the office — a purged value
  // leaves a dead tuple (sealed) until VACUUM reuses its space, the database server's business.
  it(`the sealed bytes are gone from ${TEST_ENGINE === 'sqlite' ? 'the raw database file (secure_delete), not left in free pages' : 'a pg_dump of the office'}`, async () => {
    const letter = completed.documents.find((d) => d.kind === 'letter');
    const sealed = (
      (await t.core.db.prepare('SELECT sealed FROM documents WHERE id = ?').get(letter?.id)) as { sealed: Buffer }
    ).sealed;
    // Every 24-byte window of the sealed value (random nonce, tag, ciphertext: unique to this document).
    const windows = Array.from({ length: Math.floor((sealed.length - 24) / 8) + 1 }, (_, i) =>
      sealed.subarray(i * 8, i * 8 + 24),
    );
    expect(windows.length).toBeGreaterThan(2000);
    const found = (bytes: Buffer) => windows.filter((w) => holds(bytes, w)).length;
    // All but the windows that straddle an overflow page's 4-byte link.
    expect(found(storeAtRest(t))).toBeGreaterThan(windows.length * 0.95);

    t.clock.advanceMinutes(91 * DAY_MINUTES);
    await purgeNow();
    expect(found(storeAtRest(t))).toBe(0);
  });

  it('an Admin-set period applies; out-of-range days and other roles are refused and write nothing', async () => {
    const saved = unwrap(await call(t.core, 'retention.update', { documentDays: 30 }, adminToken()));
    expect(saved).toMatchObject({ documentDays: 30, isDefault: false, updatedBy: 'Admin TTE' });
    expect(JSON.parse((await auditActions(t.core.db, 'retention.settings_updated'))[0]?.detail_json ?? '{}')).toEqual({
      before: 90,
      after: 30,
    });

    const before = await countRows(t.core.db);
    for (const documentDays of [6, 3651, 30.5])
      errorOf(await call(t.core, 'retention.update', { documentDays }, adminToken()), 'VALIDATION_FAILED');
    for (const role of ['kasi', 'verifikator', 'kadin', 'kabid'] as const) {
      errorOf(await call(t.core, 'retention.update', { documentDays: 7 }, tokenOf(role)), 'FORBIDDEN');
      errorOf(await call(t.core, 'retention.purgeNow', {}, tokenOf(role)), 'FORBIDDEN');
      errorOf(await call(t.core, 'retention.log', {}, tokenOf(role)), 'FORBIDDEN');
      errorOf(await call(t.core, 'retention.get', {}, tokenOf(role)), 'FORBIDDEN');
    }
    expect(await countRows(t.core.db)).toEqual(before);
    expect(unwrap(await call(t.core, 'retention.get', {}, adminToken())).documentDays).toBe(30);

    t.clock.advanceMinutes(29 * DAY_MINUTES);
    expect((await purgeNow()).applications).toBe(0);
    t.clock.advanceMinutes(2 * DAY_MINUTES);
    expect((await purgeNow()).applications).toBe(2);
  });

  it('the daily job purges when the core starts, as "Sistem" — after a 91-day gap only once the Admin confirms the clock', async () => {
    t.clock.advanceMinutes(91 * DAY_MINUTES);
    await t.core.start({ outboxEveryMs: 3_600_000, pollEveryMs: 3_600_000, retentionEveryMs: 3_600_000 });
    try {
      // 91 days since anything was written looks like a clock jump: nothing is purged until confirmed.
      expect(await t.core.db.prepare('SELECT COUNT(*) FROM purge_log').pluck().get()).toBe(0);
      expect(unwrap(await call(t.core, 'clock.status', {}, adminToken())).hold?.kind).toBe('ahead');
      unwrap(await call(t.core, 'clock.confirm', {}, adminToken()));
      const rows = (await t.core.db.prepare('SELECT application_id, reason, by_user_id FROM purge_log').all()) as {
        application_id: string;
        reason: string;
        by_user_id: string | null;
      }[];
      expect(rows.map((r) => r.application_id).sort()).toEqual([completed.id, rejected.id].sort());
      for (const r of rows) expect(r).toMatchObject({ reason: 'retention', by_user_id: null });
      expect((await auditActions(t.core.db, 'retention.purged')).map((a) => a.user_id)).toEqual([null, null]);
      for (const d of await docRows(completed.id)) expect(d.len).toBe(0);
    } finally {
      await t.core.services.bsre.close();
    }
  });
});
