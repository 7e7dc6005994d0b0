/**
 * Step 7 keeps its evidence, enforced by the core whatever a renderer sends: the identity-check
 * step completes only with the desk's consent, KTP image, confirmed fields, selfie and face result
 * on this application (newer than its last return), or by an audited "verifikasi manual" with a
 * reason, counted in the facilitation report. An OCR or face result that finishes after the
 * application was returned or rejected stores nothing. The engines here are held mid-run by the
 * test (the real engines are exercised in identity-desk.test.ts); the SQLite store is real.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { IdentityEngines } from '../../src/main/core/identity/engines';
import type { ApplicationDetail } from '../../src/shared/domain/application';
import { type FaceMatchResult, KTP_FIELDS, type KtpOcrResult } from '../../src/shared/domain/identity';
import {
  call,
  createApplication,
  errorOf,
  makeTempCore,
  readyOffice,
  type Staff,
  stepOfTemplate,
  stepPayload,
  templateById,
  type TestCore,
  todayOf,
  unwrap,
} from '../helpers/core-fixture';

const FIX = join(import.meta.dirname, '../fixtures/ktp');
const image = (file: string) => ({
  fileName: file.split('/').pop() ?? 'x.jpg',
  mimeType: 'image/jpeg' as const,
  dataBase64: readFileSync(join(FIX, file)).toString('base64'),
});
const KTP = image('camera/ktp-card.jpg');
const SELFIE = image('camera/selfie-same.jpg');

const OCR: KtpOcrResult = {
  fields: Object.fromEntries(
    KTP_FIELDS.map((f) => [f, { value: null, confidence: 0, raw: '' }]),
  ) as KtpOcrResult['fields'],
  durationMs: 1,
  engine: 'uji',
};
const FACE: FaceMatchResult = {
  distance: 0.41,
  band: 'cocok',
  thresholds: { match: 0.5, review: 0.6 },
  modelVersion: 'face-api uji',
  ktpFaceFound: true,
  selfieFaceCount: 1,
  nearIdentical: false,
  warnings: [],
  durationMs: 1,
};

/** Engines that answer at once, or, after `hold()`, only when the test calls `release()`. */
function heldEngines() {
  let gate: Promise<void> | null = null;
  let open: () => void = () => {};
  let entered: () => void = () => {};
  let started: Promise<void> = Promise.resolve();
  const wait = async () => {
    entered();
    if (gate) await gate;
  };
  const engines: IdentityEngines = {
    readKtp: async () => (await wait(), OCR),
    compareFaces: async () => (await wait(), FACE),
    // No stored card descriptor: the decision compares the images (what compareFaces answers here).
    describeKtpFace: async () => ({
      descriptor: null,
      insidePortraitArea: false,
      score: null,
      modelVersion: 'uji',
      durationMs: 0,
    }),
    detectFaces: async () => ({ frameHeight: 720, faceHeights: [300] }),
    close: async () => {},
  };
  return {
    engines,
    /** The next engine call waits; `running` resolves once it has started. */
    hold() {
      gate = new Promise((r) => (open = r));
      started = new Promise((r) => (entered = r));
      return { running: started };
    },
    release() {
      gate = null;
      open();
    },
  };
}

const held = heldEngines();
let t: TestCore;
let staff: Staff;

async function atStep7(): Promise<ApplicationDetail> {
  const tpl = templateById('trenggalek-2024');
  let app = await createApplication(t.core, staff, tpl.id);
  while (app.currentStepNo < 7) {
    const step = stepOfTemplate(tpl, app.currentStepNo);
    app = unwrap(
      await call(
        t.core,
        'applications.act',
        { applicationId: app.id, stepNo: step.no, ...stepPayload(step, staff, todayOf(t.clock)) },
        staff.tokens[step.actor],
      ),
    );
  }
  return app;
}

const v = () => staff.tokens.verifikator;
const act7 = (applicationId: string, identityCheck: unknown) =>
  call(t.core, 'applications.act', { applicationId, stepNo: 7, note: '', identityCheck } as never, v());

async function fullDesk(applicationId: string): Promise<void> {
  unwrap(await call(t.core, 'identity.consent', { applicationId, agreed: true }, v()));
  unwrap(await call(t.core, 'identity.captureKtp', { applicationId, image: KTP }, v()));
  unwrap(
    await call(
      t.core,
      'identity.confirmFields',
      { applicationId, fields: { nik: '3503011506850001', nama: 'Budi Santoso' } },
      v(),
    ),
  );
  unwrap(await call(t.core, 'identity.captureSelfie', { applicationId, image: SELFIE }, v()));
}

const auditActions = async (applicationId: string): Promise<string[]> =>
  (
    (await t.core.db.prepare('SELECT action FROM audit_log WHERE entity_id = ? ORDER BY seq').all(applicationId)) as {
      action: string;
    }[]
  ).map((r) => r.action);

const documentKinds = async (applicationId: string): Promise<string[]> =>
  (
    (await t.core.db
      .prepare('SELECT kind FROM documents WHERE application_id = ? ORDER BY rowid')
      .all(applicationId)) as {
      kind: string;
    }[]
  ).map((r) => r.kind);

beforeAll(async () => {
  t = await makeTempCore(undefined, { identity: held.engines });
  ({ staff } = await readyOffice(t.core, 'trenggalek-2024'));
}, 60_000);

afterAll(async () => {
  await t.close();
});

describe('the identity step refuses to complete without its evidence', () => {
  it('refuses "sesuai" from the plain step form: no consent, no KTP, no selfie, no face result', async () => {
    const app = await atStep7();
    const eventsBefore = app.events.length;
    const refused = errorOf(await act7(app.id, { decision: 'match', reason: '' }), 'IDENTITY_EVIDENCE_MISSING');
    expect(refused.message).toMatch(/persetujuan pemohon, foto KTP, konfirmasi data KTP, swafoto/);
    // A selfie uploaded through the step form is no evidence either.
    errorOf(
      await act7(app.id, {
        decision: 'match',
        reason: 'ok',
        selfie: { kind: 'selfie', ...SELFIE },
      }),
      'IDENTITY_EVIDENCE_MISSING',
    );
    const after = unwrap(await call(t.core, 'applications.get', { id: app.id }, v()));
    expect(after.currentStepNo).toBe(7);
    expect(after.events.length).toBe(eventsBefore);
    expect(await documentKinds(app.id)).not.toContain('selfie');
  });

  it('refuses a desk session that stopped before the selfie, naming what is missing', async () => {
    const app = await atStep7();
    unwrap(await call(t.core, 'identity.consent', { applicationId: app.id, agreed: true }, v()));
    unwrap(await call(t.core, 'identity.captureKtp', { applicationId: app.id, image: KTP }, v()));
    const refused = errorOf(await act7(app.id, { decision: 'match', reason: '' }), 'IDENTITY_EVIDENCE_MISSING');
    expect(refused.message).toMatch(/belum ada: konfirmasi data KTP, swafoto, hasil pencocokan wajah/);
    expect(refused.message).not.toMatch(/foto KTP,/);
  });

  it('completes through the desk and keeps the evidence ids and the face result in the step history', async () => {
    const app = await atStep7();
    await fullDesk(app.id);
    const done = unwrap(await act7(app.id, { decision: 'match', reason: '' }));
    expect(done.currentStepNo).toBe(8);
    const data = done.events.find((e) => e.stepNo === 7 && e.kind === 'completed')?.data.identityCheck as Record<
      string,
      unknown
    >;
    expect(data.method).toBe('desk');
    expect(data.face).toMatchObject({ distance: 0.41, band: 'cocok', modelVersion: 'face-api uji' });
    const kinds = await documentKinds(app.id);
    expect(kinds).toContain('ktp');
    expect(kinds).toContain('selfie');
    expect(done.documents.map((d) => d.id)).toEqual(
      expect.arrayContaining([data.ktpDocumentId, data.selfieDocumentId]),
    );
  });

  it('a new KTP image makes the earlier face result stale: the selfie must be taken again', async () => {
    const app = await atStep7();
    await fullDesk(app.id);
    unwrap(await call(t.core, 'identity.captureKtp', { applicationId: app.id, image: KTP }, v()));
    unwrap(
      await call(
        t.core,
        'identity.confirmFields',
        { applicationId: app.id, fields: { nik: '3503011506850001', nama: 'Budi Santoso' } },
        v(),
      ),
    );
    const state = unwrap(await call(t.core, 'identity.get', { applicationId: app.id }, v()));
    expect(state.selfie).toBeNull();
    errorOf(await act7(app.id, { decision: 'match', reason: '' }), 'IDENTITY_EVIDENCE_MISSING');
  });

  it('desk evidence from before a return does not count after the resubmission', async () => {
    const app = await atStep7();
    await fullDesk(app.id);
    unwrap(
      await call(
        t.core,
        'applications.return',
        { applicationId: app.id, stepNo: 7, reason: 'KTP yang dibawa sudah kedaluwarsa' },
        v(),
      ),
    );
    unwrap(
      await call(
        t.core,
        'applications.resubmit',
        { applicationId: app.id, note: 'KTP baru dibawa', documents: [] },
        v(),
      ),
    );
    const refused = errorOf(await act7(app.id, { decision: 'match', reason: '' }), 'IDENTITY_EVIDENCE_MISSING');
    expect(refused.message).toMatch(/persetujuan pemohon/);
    t.clock.advanceMinutes(10); // the applicant comes back later with the new card
    await fullDesk(app.id);
    expect(unwrap(await act7(app.id, { decision: 'match', reason: '' })).currentStepNo).toBe(8);
  });

  it('"verifikasi manual" needs a reason and the in-person check, is audited and counted in the report', async () => {
    const app = await atStep7();
    const short = errorOf(
      await act7(app.id, { decision: 'match', manual: { reason: 'digitalKtp', note: 'IKD', seenInPerson: true } }),
      'VALIDATION_FAILED',
    );
    expect(short.fields?.['identityCheck.manual.note']).toMatch(/minimal 10 karakter/);
    const unseen = errorOf(
      await act7(app.id, { decision: 'match', manual: { reason: 'digitalKtp', note: 'KTP digital di aplikasi IKD' } }),
      'VALIDATION_FAILED',
    );
    expect(unseen.fields?.['identityCheck.manual.seenInPerson']).toMatch(/diperiksa langsung/);
    const done = unwrap(
      await act7(app.id, {
        decision: 'match',
        reason: '',
        manual: { reason: 'digitalKtp', note: 'Pemohon hanya membawa KTP digital di aplikasi IKD', seenInPerson: true },
      }),
    );
    expect(done.currentStepNo).toBe(8);
    const data = done.events.find((e) => e.stepNo === 7 && e.kind === 'completed')?.data.identityCheck;
    expect(data).toMatchObject({ method: 'manual', manual: { reason: 'digitalKtp' } });
    expect(await auditActions(app.id)).toContain('identity.manual_verification');

    const report = unwrap(
      await call(
        t.core,
        'reports.facilitation',
        { period: { kind: 'year', year: Number(todayOf(t.clock).slice(0, 4)) } },
        staff.tokens.kasi,
      ),
    );
    // So far in this file: two applications passed step 7 at the desk, this one by manual verification.
    expect(report.identityChecks).toEqual({ desk: 2, manual: 1 });
  });
});

describe('a result that finishes after the application moved stores nothing', () => {
  it('a selfie scored while the application was returned is refused and not stored', async () => {
    const app = await atStep7();
    unwrap(await call(t.core, 'identity.consent', { applicationId: app.id, agreed: true }, v()));
    unwrap(await call(t.core, 'identity.captureKtp', { applicationId: app.id, image: KTP }, v()));
    const { running } = held.hold();
    const scoring = call(t.core, 'identity.captureSelfie', { applicationId: app.id, image: SELFIE }, v());
    await running;
    unwrap(
      await call(
        t.core,
        'applications.return',
        { applicationId: app.id, stepNo: 7, reason: 'Pemohon pergi sebelum swafoto' },
        v(),
      ),
    );
    held.release();
    errorOf(await scoring, 'APPLICATION_RETURNED');
    expect(await documentKinds(app.id)).not.toContain('selfie');
    const state = unwrap(await call(t.core, 'identity.get', { applicationId: app.id }, v()));
    expect(state.selfie).toBeNull();
    expect(await auditActions(app.id)).not.toContain('identity.selfie_captured');
  });

  it('a KTP read while the application was rejected is refused and not stored', async () => {
    const app = await atStep7();
    unwrap(await call(t.core, 'identity.consent', { applicationId: app.id, agreed: true }, v()));
    const { running } = held.hold();
    const reading = call(t.core, 'identity.captureKtp', { applicationId: app.id, image: KTP }, v());
    await running;
    unwrap(
      await call(
        t.core,
        'applications.reject',
        { applicationId: app.id, stepNo: 7, reason: 'Bukan ASN daerah ini' },
        v(),
      ),
    );
    held.release();
    errorOf(await reading, 'APPLICATION_CLOSED');
    expect(await documentKinds(app.id)).not.toContain('ktp');
    expect(await auditActions(app.id)).not.toContain('identity.ktp_captured');
  });
});
