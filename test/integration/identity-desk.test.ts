/**
 * The identity desk through the core's channels with the real OCR and face engines: consent gates
 * capture, the KTP is read and cross-checked, confirmed fields fill the application, the selfie is
 * scored, and the decision keeps the scores in the step history — images stay sealed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ApplicationDetail } from '../../src/shared/domain/application';
import {
  call,
  createStaff,
  errorOf,
  makeTempCore,
  setupOffice,
  type Staff,
  stepOfTemplate,
  stepPayload,
  templateById,
  type TestCore,
  todayOf,
  unwrap,
  validIntake,
} from '../helpers/core-fixture';

const FIX = join(import.meta.dirname, '../fixtures/ktp');
interface Truth {
  cards: { id: string; file: string; person: { face: string; fields: { nik: string; nama: string } } }[];
  selfies: { file: string; face: string; kind: string; shows: string }[];
}
const truth = JSON.parse(readFileSync(join(FIX, 'ground-truth.json'), 'utf8')) as Truth;
const card = truth.cards.find((c) => c.id === 'ktp-02' || c.id.startsWith('ktp-02')) ?? truth.cards[0];
const jpeg = (file: string) => ({
  fileName: file.split('/').pop() ?? 'x.jpg',
  mimeType: 'image/jpeg' as const,
  dataBase64: readFileSync(join(FIX, file)).toString('base64'),
});
const template = templateById('trenggalek-2024');

let t: TestCore;
let staff: Staff;
let app: ApplicationDetail;

beforeAll(async () => {
  t = await makeTempCore();
  const admin = await setupOffice(t.core, template.id);
  staff = await createStaff(t.core, admin.token);
  app = unwrap(await call(t.core, 'applications.create', validIntake(template.id), staff.tokens.verifikator));
  while (app.currentStepNo < 7) {
    const step = stepOfTemplate(template, app.currentStepNo);
    app = unwrap(
      await call(
        t.core,
        'applications.act',
        { applicationId: app.id, stepNo: step.no, ...stepPayload(step, staff, todayOf(t.clock)) },
        staff.tokens[step.actor],
      ),
    );
  }
}, 60_000);

afterAll(async () => {
  await t.core.services.identity.close();
  await t.close();
});

describe('identity desk in the core', () => {
  it('refuses a capture before the applicant consents', async () => {
    const r = await call(
      t.core,
      'identity.captureKtp',
      { applicationId: app.id, image: jpeg(card?.file ?? '') },
      staff.tokens.verifikator,
    );
    expect(errorOf(r, 'VALIDATION_FAILED').message).toMatch(/Persetujuan pemohon/);
  });

  it('is closed to roles that do not handle personal data', async () => {
    expect(
      errorOf(
        await call(t.core, 'identity.consent', { applicationId: app.id, agreed: true }, staff.tokens.kadin),
        'FORBIDDEN',
      ).code,
    ).toBe('FORBIDDEN');
  });

  it('reads the KTP after consent and cross-checks it with the form', async () => {
    unwrap(await call(t.core, 'identity.consent', { applicationId: app.id, agreed: true }, staff.tokens.verifikator));
    const state = unwrap(
      await call(
        t.core,
        'identity.captureKtp',
        { applicationId: app.id, image: jpeg(card?.file ?? '') },
        staff.tokens.verifikator,
      ),
    );
    expect(state.ktp?.ocr.fields.nik.value).toBe(card?.person.fields.nik);
    expect(state.ktp?.ocr.fields.nama.value).toBe(card?.person.fields.nama);
    const formRow = state.ktp?.crossCheck.find((r) => /formulir/i.test(r.label) && /NIK/.test(r.label));
    expect(formRow?.outcome).toBe('mismatch'); // the intake fixture is another person
  }, 60_000);

  it('answers a corrupt image with IMAGE_UNREADABLE and stores nothing', async () => {
    const broken = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]);
    const before = unwrap(await call(t.core, 'applications.get', { id: app.id }, staff.tokens.verifikator)).documents
      .length;
    const r = await call(
      t.core,
      'identity.captureKtp',
      {
        applicationId: app.id,
        image: { fileName: 'rusak.jpg', mimeType: 'image/jpeg', dataBase64: broken.toString('base64') },
      },
      staff.tokens.verifikator,
    );
    expect(errorOf(r, 'IMAGE_UNREADABLE').message).toMatch(/tidak dapat dibaca/);
    expect(
      unwrap(await call(t.core, 'applications.get', { id: app.id }, staff.tokens.verifikator)).documents.length,
    ).toBe(before);
  }, 60_000);

  it('confirmed fields fill the application', async () => {
    const state = unwrap(await call(t.core, 'identity.get', { applicationId: app.id }, staff.tokens.verifikator));
    const fields = Object.fromEntries(Object.entries(state.ktp?.ocr.fields ?? {}).map(([k, f]) => [k, f.value ?? '']));
    unwrap(
      await call(
        t.core,
        'identity.confirmFields',
        {
          applicationId: app.id,
          fields: { ...fields, nik: card?.person.fields.nik ?? '', nama: card?.person.fields.nama ?? '' },
        },
        staff.tokens.verifikator,
      ),
    );
    const updated = unwrap(await call(t.core, 'applications.get', { id: app.id }, staff.tokens.verifikator));
    expect(updated.applicantName).toBe(card?.person.fields.nama);
    expect(updated.applicant.nik).toBe(card?.person.fields.nik);
  });

  it('scores a different person as not matching, and then requires a reason to accept', async () => {
    const other = truth.selfies.find((s) => s.shows !== card?.person.face && s.shows !== 'camera');
    const state = unwrap(
      await call(
        t.core,
        'identity.captureSelfie',
        { applicationId: app.id, image: jpeg(other?.file ?? '') },
        staff.tokens.verifikator,
      ),
    );
    expect(state.selfie?.face.band).toBe('tidakCocok');
    const refused = await call(
      t.core,
      'applications.act',
      { applicationId: app.id, stepNo: 7, note: '', identityCheck: { decision: 'match', reason: '' } },
      staff.tokens.verifikator,
    );
    expect(errorOf(refused, 'VALIDATION_FAILED').fields?.['identityCheck.reason']).toMatch(/alasan/);
  }, 60_000);

  it('gives live selfie hints from a small preview frame: no face, then a face', async () => {
    const grey = await sharp({
      create: { width: 480, height: 270, channels: 3, background: { r: 128, g: 128, b: 128 } },
    })
      .jpeg()
      .toBuffer();
    const none = unwrap(
      await call(
        t.core,
        'identity.checkFrame',
        {
          applicationId: app.id,
          image: { fileName: 'p.jpg', mimeType: 'image/jpeg', dataBase64: grey.toString('base64') },
        },
        staff.tokens.verifikator,
      ),
    );
    expect(none).toEqual({ faces: 0, hints: ['noFace'] });
    const selfie = truth.selfies.find((s) => s.kind === 'same' && s.face === card?.person.face);
    const small = await sharp(readFileSync(join(FIX, selfie?.file ?? '')))
      .resize(480, 270)
      .jpeg()
      .toBuffer();
    const one = unwrap(
      await call(
        t.core,
        'identity.checkFrame',
        {
          applicationId: app.id,
          image: { fileName: 'p.jpg', mimeType: 'image/jpeg', dataBase64: small.toString('base64') },
        },
        staff.tokens.verifikator,
      ),
    );
    expect(one.faces).toBe(1);
    expect(one.hints).not.toContain('noFace');
  }, 60_000);

  it('records the decision with the scores, thresholds and model version, and moves on', async () => {
    const same = truth.selfies.find((s) => s.kind === 'same' && s.face === card?.person.face);
    const state = unwrap(
      await call(
        t.core,
        'identity.captureSelfie',
        { applicationId: app.id, image: jpeg(same?.file ?? '') },
        staff.tokens.verifikator,
      ),
    );
    expect(['cocok', 'perluDiperiksa']).toContain(state.selfie?.face.band);
    const done = unwrap(
      await call(
        t.core,
        'applications.act',
        {
          applicationId: app.id,
          stepNo: 7,
          note: '',
          identityCheck: { decision: 'match', reason: 'Diperiksa langsung' },
        },
        staff.tokens.verifikator,
      ),
    );
    expect(done.currentStepNo).toBe(8);
    const event = done.events.find((e) => e.stepNo === 7 && e.kind === 'completed');
    const recorded = event?.data.identityCheck as {
      face: { distance: number; thresholds: { match: number }; modelVersion: string };
    };
    expect(recorded.face.distance).toBe(state.selfie?.face.distance);
    expect(recorded.face.thresholds.match).toBe(0.5);
    expect(recorded.face.modelVersion).toMatch(/face-api/);
    const docs = done.documents.map((d) => d.kind);
    expect(docs.filter((k) => k === 'ktp').length).toBeGreaterThanOrEqual(1);
    expect(docs.filter((k) => k === 'selfie').length).toBe(2);
  }, 60_000);
});
