/**
 * Mode Latihan end to end in the core: "Daftarkan ke BSrE" goes through the outbox to the
 * simulator, and the poller moves the BSrE-driven steps as the simulated user moves along.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { ChangeEvent } from '../../../src/shared/contract/transport';
import type { ApplicationDetail } from '../../../src/shared/domain/application';
import type { SopTemplate } from '../../../src/shared/sop/template';
import { type BsreTestCore, startBsreCore } from '../../helpers/bsre-core';
import {
  ADMIN_PASSWORD,
  ADMIN_USERNAME,
  call,
  createStaff,
  errorOf,
  setupOffice,
  type Staff,
  stepOfTemplate,
  stepPayload,
  templateById,
  todayOf,
  unwrap,
  validIntake,
} from '../../helpers/core-fixture';
import { pdfText } from '../../helpers/pdf-text';

let t: BsreTestCore;
let staff: Staff;
const EMAIL = validIntake('trenggalek-2024').applicant.officialEmail ?? '';

beforeEach(async () => {
  t = await startBsreCore();
});
afterEach(async () => {
  await t.shutdown();
});

async function ready(templateId: string): Promise<SopTemplate> {
  const admin = await setupOffice(t.core, templateId);
  staff = await createStaff(t.core, admin.token);
  return templateById(templateId);
}

const get = async (id: string) => unwrap(await call(t.core, 'applications.get', { id }, staff.tokens.verifikator));

async function act(app: ApplicationDetail, template: SopTemplate, overrides: Record<string, unknown> = {}) {
  const step = stepOfTemplate(template, app.currentStepNo);
  const payload = {
    applicationId: app.id,
    stepNo: step.no,
    ...stepPayload(step, staff, todayOf(t.clock)),
    ...overrides,
  };
  return call(t.core, 'applications.act', payload, staff.tokens[step.actor]);
}

async function actUntil(app: ApplicationDetail, template: SopTemplate, stepNo: number): Promise<ApplicationDetail> {
  let current = app;
  while (current.currentStepNo < stepNo) current = unwrap(await act(current, template));
  return current;
}

/** Lets the poller's interval pass and runs the outbox and the poller once. */
async function tick(): Promise<void> {
  t.clock.advanceMinutes(2);
  await t.runOnce();
}

describe('Mode Latihan is the default and talks to the simulator', () => {
  it('starts the simulator and reports training mode', async () => {
    await ready('trenggalek-2024');
    const info = unwrap(await call(t.core, 'bsre.status', {}, staff.tokens.verifikator));
    expect(info.mode).toBe('training');
    expect(info.simulatorUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('at intake, a status check by NIK suggests the service type', async () => {
    await ready('trenggalek-2024');
    const fresh = unwrap(await call(t.core, 'bsre.checkNik', { nik: '3503011506850001' }, staff.tokens.verifikator));
    // Production answers a NIK nobody registered with NO_CERTIFICATE: the advice must not say "registered".
    expect(fresh.status).toBe('NO_CERTIFICATE');
    expect(fresh.statusLabel).toBe('Belum punya sertifikat');
    expect(fresh.suggestion.serviceType).toBe('new');
    expect(fresh.suggestion.advice).toMatch(/belum berarti sudah terdaftar/);
    t.sim().users.seed({ nik: '3503011506850001', nama: 'Budi', email: 'budi@kab.go.id', status: 'EXPIRED' });
    const expired = unwrap(await call(t.core, 'bsre.checkNik', { nik: '3503011506850001' }, staff.tokens.verifikator));
    expect(expired.suggestion.serviceType).toBe('renewal');
  });
});

describe('Trenggalek 2024 in Mode Latihan', () => {
  it('registers through the outbox, then the poller completes activation and passphrase, issuance comes from the chain', async () => {
    const template = await ready('trenggalek-2024');
    let app = unwrap(await call(t.core, 'applications.create', validIntake(template.id), staff.tokens.verifikator));
    app = await actUntil(app, template, 5);

    app = unwrap(await act(app, template));
    expect(app.currentStepNo).toBe(5);
    expect(['pending', 'sending']).toContain(app.bsre.registration?.state);
    expect(errorOf(await act(app, template), 'BSRE_PENDING').code).toBe('BSRE_PENDING');

    await t.runOnce();
    app = await get(app.id);
    expect(app.bsre.registration?.state).toBe('done');
    expect(app.currentStepNo).toBe(6);
    expect(t.sim().registrationCount(EMAIL)).toBe(1);
    // The juknis body {nama, email}: BSrE learns the NIK only when the applicant activates.
    expect(t.sim().users.get(EMAIL)).toMatchObject({ status: 'NO_CERTIFICATE', nik: '' });
    expect(t.sim().emails()).toHaveLength(1);
    expect(app.bsre.status).toBe('NO_CERTIFICATE');
    expect(app.bsre.statusLabel).toBe('Belum punya sertifikat');

    expect(errorOf(await act(app, template), 'BSRE_DRIVEN_STEP').code).toBe('BSRE_DRIVEN_STEP');
    expect(app.allowed.act).toBe(false);

    // The poller's change (training.act runs it at once) reaches the change bus: this application and the queues.
    const announced: ChangeEvent[] = [];
    const unsubscribe = t.core.events.subscribe((e) => announced.push(e));
    unwrap(await call(t.core, 'training.act', { email: EMAIL, action: 'activate' }, staff.tokens.verifikator));
    expect(t.sim().users.get(EMAIL)?.nik).toBe('3503011506850001');
    await tick();
    unsubscribe();
    expect(announced).toContainEqual({ kind: 'application', applicationId: app.id });
    expect(announced).toContainEqual({ kind: 'queue' });
    app = await get(app.id);
    expect(app.currentStepNo).toBe(7);
    const activationEvent = app.events.find((e) => e.stepNo === 6 && e.kind === 'completed');
    expect(activationEvent?.actorName).toBe('Sistem (status BSrE)');
    // People read the label; the raw status stays in the step's history data.
    expect(activationEvent?.note).toBe('Dicatat otomatis dari status BSrE: Menunggu verifikasi');
    expect(activationEvent?.data).toMatchObject({ bsre: { status: 'WAITING_FOR_VERIFICATION', statusCode: '2041' } });

    app = unwrap(await act(app, template));
    expect(app.currentStepNo).toBe(8);
    await t.runOnce();
    app = await get(app.id);
    expect(app.currentStepNo).toBe(9);
    expect(errorOf(await act(app, template), 'BSRE_NOT_ISSUED').code).toBe('BSRE_NOT_ISSUED');

    t.sim().users.issue(EMAIL);
    await tick();
    app = await get(app.id);
    expect(app.bsre.status).toBe('ISSUE');
    const cert = t.sim().users.get('3503011506850001')?.certificate;
    expect(app.certificate?.issuedAt).toBe(cert?.notBefore.toISOString().slice(0, 10));
    expect(app.currentStepNo).toBe(9);

    app = unwrap(await act(app, template));
    expect(app.status).toBe('completed');
    const holders = unwrap(await call(t.core, 'holders.list', { query: '' }, staff.tokens.kasi)).rows;
    expect(holders).toHaveLength(1);
    expect(holders[0]?.bsreStatus).toBe('ISSUE');
  });

  it('refuses a registration without an official email', async () => {
    const template = await ready('trenggalek-2024');
    const intake = validIntake(template.id);
    intake.applicant = { ...intake.applicant, officialEmail: '', needsOfficialEmail: true };
    let app = unwrap(await call(t.core, 'applications.create', intake, staff.tokens.verifikator));
    app = await actUntil(app, template, 5);
    expect(errorOf(await act(app, template), 'EMAIL_REQUIRED').code).toBe('EMAIL_REQUIRED');
    expect(t.sim().registrationCount()).toBe(0);
  });
});

describe('KYC refusals at activation', () => {
  it("names BSrE's refusal with what to do, records the verifier's report, and keeps the step waiting", async () => {
    const template = await ready('trenggalek-2024');
    let app = unwrap(await call(t.core, 'applications.create', validIntake(template.id), staff.tokens.verifikator));
    app = await actUntil(app, template, 5);
    unwrap(await act(app, template));
    await t.runOnce();
    t.sim().users.refuseKyc(EMAIL, 'name');
    await tick();
    app = await get(app.id);
    expect(app.currentStepNo).toBe(6);
    expect(app.bsre.kycRefusals).toHaveLength(1);
    expect(app.bsre.kycRefusals[0]).toMatchObject({
      reason: 'nameMismatch',
      label: 'Nama tidak sesuai data Dukcapil',
      source: 'bsre',
      note: expect.stringMatching(/Dukcapil/),
    });
    expect(app.bsre.kycRefusals[0]?.advice).toMatch(/Dukcapil.*mengirim ulang aktivasi/);
    // The same message on the next check is not a second refusal.
    await tick();
    expect((await get(app.id)).bsre.kycRefusals).toHaveLength(1);

    app = unwrap(
      await call(
        t.core,
        'bsre.reportKycRefusal',
        { applicationId: app.id, reason: 'livenessFailed', note: 'Swafoto liveness gagal dua kali' },
        staff.tokens.verifikator,
      ),
    );
    expect(app.bsre.kycRefusals.map((r) => [r.reason, r.source])).toEqual([
      ['livenessFailed', 'verifier'],
      ['nameMismatch', 'bsre'],
    ]);
    expect(
      errorOf(
        await call(
          t.core,
          'bsre.reportKycRefusal',
          { applicationId: app.id, reason: 'bogus' } as never,
          staff.tokens.verifikator,
        ),
        'VALIDATION_FAILED',
      ).fields?.reason,
    ).toBeTruthy();
    const audited = (await t.core.db
      .prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'bsre.kyc_refused'")
      .get()) as {
      n: number;
    };
    expect(audited.n).toBe(2);

    // The monthly facilitation report counts the refusals by reason, on screen and in the files.
    const march = { kind: 'month' as const, year: 2025, month: 3 };
    const report = unwrap(await call(t.core, 'reports.facilitation', { period: march }, staff.tokens.kasi));
    expect(report.kycRefusalTotal).toBe(2);
    expect(Object.fromEntries(report.kycRefusals.map((r) => [r.reason, r.count]))).toEqual({
      nameMismatch: 1,
      nikMismatch: 0,
      livenessFailed: 1,
      phoneUnreachable: 0,
      linkExpired: 0,
    });
    const april = { kind: 'month' as const, year: 2025, month: 4 };
    expect(
      unwrap(await call(t.core, 'reports.facilitation', { period: april }, staff.tokens.kasi)).kycRefusalTotal,
    ).toBe(0);
    const pdf = unwrap(
      await call(t.core, 'reports.facilitationFile', { period: march, format: 'pdf' }, staff.tokens.kasi),
    );
    const { text } = await pdfText(Buffer.from(pdf.dataBase64, 'base64'));
    expect(text).toContain('Penolakan KYC BSrE saat Aktivasi');
    expect(text).toContain('Verifikasi liveness (wajah) gagal');
  });
});

describe('Madiun in Mode Latihan', () => {
  it('moves steps 7, 8 and 9 from BSrE statuses; the verifier only registers and hands over', async () => {
    const template = await ready('madiun');
    let app = unwrap(await call(t.core, 'applications.create', validIntake(template.id), staff.tokens.verifikator));
    app = await actUntil(app, template, 6);
    app = unwrap(await act(app, template));
    await t.runOnce();
    app = await get(app.id);
    expect(app.currentStepNo).toBe(7);

    t.sim().users.activate(EMAIL, { nik: '3503011506850001' });
    await tick();
    app = await get(app.id);
    expect(app.currentStepNo).toBe(9);

    t.sim().users.issue('3503011506850001');
    await tick();
    app = await get(app.id);
    expect(app.currentStepNo).toBe(10);
    expect(app.certificate).not.toBeNull();
    const byBsre = app.events
      .filter((e) => e.kind === 'completed' && e.actorName === 'Sistem (status BSrE)')
      .map((e) => e.stepNo);
    expect(byBsre).toEqual([7, 8, 9]);

    app = unwrap(await act(app, template));
    expect(app.status).toBe('completed');
  });
});

describe('the trainer panel', () => {
  it('lets an Admin (who sees masked NIKs) move a simulated user by its email', async () => {
    await ready('trenggalek-2024');
    const admin = unwrap(await call(t.core, 'auth.login', { username: ADMIN_USERNAME, password: ADMIN_PASSWORD }));
    t.sim().users.seed({ nik: '3503011506850001', nama: 'Budi', email: 'budi@kab.go.id', status: 'NO_CERTIFICATE' });
    const seen = unwrap(await call(t.core, 'training.state', {}, admin.token));
    expect(seen.users[0]?.nik).toContain('•');
    const moved = unwrap(
      await call(t.core, 'training.act', { email: seen.users[0]?.email ?? '', action: 'activate' }, admin.token),
    );
    expect(moved.users[0]?.status).toBe('WAITING_FOR_VERIFICATION');
  });

  it('refuses an unknown user, an unknown action and a role that is not a trainer', async () => {
    await ready('trenggalek-2024');
    expect(
      errorOf(
        await call(t.core, 'training.act', { email: 'tidak.ada@kab.go.id', action: 'issue' }, staff.tokens.verifikator),
        'NOT_FOUND',
      ).message,
    ).toMatch(/belum terdaftar/);
    expect(
      errorOf(
        await call(
          t.core,
          'training.act',
          { email: 'budi@kab.go.id', action: 'hapus' } as never,
          staff.tokens.verifikator,
        ),
        'VALIDATION_FAILED',
      ).fields?.action,
    ).toBeTruthy();
    expect(errorOf(await call(t.core, 'training.state', {}, staff.tokens.kadin), 'FORBIDDEN').code).toBe('FORBIDDEN');
  });

  it('says an illegal lifecycle move in Indonesian', async () => {
    await ready('trenggalek-2024');
    t.sim().users.seed({ nik: '3503011506850001', nama: 'Budi', email: 'budi@kab.go.id', status: 'REVOKE' });
    const r = await call(
      t.core,
      'training.act',
      { email: 'budi@kab.go.id', action: 'issue' },
      staff.tokens.verifikator,
    );
    expect(errorOf(r, 'VALIDATION_FAILED').message).toMatch(/^Tidak bisa:/);
  });
});
