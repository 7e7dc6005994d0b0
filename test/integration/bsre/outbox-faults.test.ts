/**
 * The outbox against every fault the simulator can throw, with the app in live mode against a
 * separate simulator (as against the office's real service) that behaves like production (a
 * random NIK answers NO_CERTIFICATE): each run ends with exactly one registration at BSrE and the
 * application at the next step, and no application is counted registered that the simulator does
 * not have. Refused registrations (400, or 200 carrying an error) stay refused with BSrE's text; a
 * lost one whose status cannot tell stays `unknown` for the verifier, who decides (audited). Also a
 * crash between "sent" and "recorded": the restarted core settles it by a status check by email.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createBsreClient } from '../../../src/main/core/bsre/client';
import { type BsreSimulator, type SimFaults, startBsreSimulator } from '../../../src/main/core/bsre/simulator';
import { type SimBehaviour } from '../../../src/main/core/bsre/simulator';
import { getOutbox, latestOutboxFor, updateOutbox } from '../../../src/main/core/store/repos/bsre-outbox';
import type { ApplicationDetail } from '../../../src/shared/domain/application';
import { type BsreTestCore, startBsreCore } from '../../helpers/bsre-core';
import { simSettings } from '../../helpers/bsre-settings';
import {
  call,
  createStaff,
  setupOffice,
  type Staff,
  STAFF_PASSWORD,
  stepOfTemplate,
  stepPayload,
  templateById,
  todayOf,
  unwrap,
  validIntake,
} from '../../helpers/core-fixture';

const TEMPLATE = 'trenggalek-2024';
const SIM_USER = 'kominfo';
const SIM_PASSWORD = 'rahasia-bsre';
const template = templateById(TEMPLATE);

let sim: BsreSimulator;
let t: BsreTestCore;
let staff: Staff;
let adminToken: string;
const SETTINGS = {
  mode: 'live' as const,
  allowHttp: true,
  username: SIM_USER,
  password: SIM_PASSWORD,
  pollIntervalSeconds: 60,
};

beforeEach(async () => {
  sim = await startBsreSimulator({ username: SIM_USER, password: SIM_PASSWORD });
  t = await startBsreCore();
  const admin = await setupOffice(t.core, TEMPLATE);
  staff = await createStaff(t.core, admin.token);
  adminToken = admin.token;
  unwrap(await call(t.core, 'bsre.updateSettings', { ...SETTINGS, baseUrl: sim.url }, admin.token));
});

afterEach(async () => {
  await t.shutdown();
  await sim.close();
});

const emailsTo = (address: string) => sim.emails().filter((e) => e.to === address).length;
const EMAIL = validIntake(TEMPLATE).applicant.officialEmail ?? '';

/** The core never counts a registration the simulator does not have. */
async function expectNothingCountedThatBsreLacks(appId: string): Promise<void> {
  const state = (await latestOutboxFor(t.core.db, t.key, appId))?.state;
  const count = sim.users.list().filter((u) => u.email === EMAIL).length;
  if (state === 'done') expect(count).toBe(1);
  expect(count).toBeLessThanOrEqual(1);
}

async function appAtRegistration(): Promise<ApplicationDetail> {
  let app = unwrap(await call(t.core, 'applications.create', validIntake(TEMPLATE), staff.tokens.verifikator));
  while (app.currentStepNo < 5) {
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
  return app;
}

async function requestRegistration(app: ApplicationDetail): Promise<void> {
  const step = stepOfTemplate(template, 5);
  unwrap(
    await call(
      t.core,
      'applications.act',
      { applicationId: app.id, stepNo: 5, ...stepPayload(step, staff, todayOf(t.clock)) },
      staff.tokens.verifikator,
    ),
  );
}

/** Runs the worker until the request is settled, letting each backoff pass. */
async function settle(appId: string): Promise<ApplicationDetail> {
  for (let pass = 0; pass < 8; pass += 1) {
    await t.runOnce();
    const state = (await latestOutboxFor(t.core.db, t.key, appId))?.state;
    if (state === 'done' || state === 'failed') break;
    t.clock.advanceMinutes(11);
  }
  return unwrap(await call(t.core, 'applications.get', { id: appId }, staff.tokens.verifikator));
}

const FAULTS: [string, Partial<SimFaults>][] = [
  ['latency', { latencyMs: 150 }],
  ['401 once', { unauthorized: true, remaining: 1 }],
  ['429 on every try of one pass', { tooManyRequests: true, remaining: 1 }],
  ['500 once', { serverError: 500, remaining: 1 }],
  ['503 once', { serverError: 503, remaining: 1 }],
  ['timeout after the request was received', { timeoutAfterReceive: true, remaining: 1 }],
  ['a non-JSON body', { nonJsonBody: true, remaining: 1 }],
  ['a dropped connection', { dropConnection: true, remaining: 1 }],
  ['403 once (IP not registered)', { forbidden: true, remaining: 1 }],
  ['a timeout with the request lost before BSrE applied it', { timeoutBeforeApply: true, remaining: 1 }],
  ['HTTP 200 with an empty body', { registrationReply: 'empty', remaining: 1 }],
];

describe('outbox under BSrE faults', () => {
  it.each(FAULTS)('%s: exactly one registration at BSrE, application at step 6', async (_name, fault) => {
    const app = await appAtRegistration();
    sim.faults.set({ ...fault, onlyFor: 'registration' });
    await requestRegistration(app);
    const after = await settle(app.id);
    sim.faults.clear();
    expect((await latestOutboxFor(t.core.db, t.key, app.id))?.state).toBe('done');
    expect(sim.users.list().filter((u) => u.email === EMAIL)).toHaveLength(1);
    expect(emailsTo(after.applicant.officialEmail ?? '')).toBe(1);
    expect(after.currentStepNo).toBe(6);
    await expectNothingCountedThatBsreLacks(app.id);
  });

  it('keeps the request while BSrE stays down, and sends it once BSrE is back', async () => {
    const app = await appAtRegistration();
    sim.faults.set({ serverError: 503, onlyFor: 'registration' });
    await requestRegistration(app);
    for (let pass = 0; pass < 3; pass += 1) {
      await t.runOnce();
      t.clock.advanceMinutes(11);
    }
    const waiting = await latestOutboxFor(t.core.db, t.key, app.id);
    expect(waiting?.state).toBe('pending');
    expect(waiting?.lastError).toMatch(/tidak dapat dihubungi/);
    expect(sim.users.get(EMAIL)).toBeUndefined();
    sim.faults.clear();
    const after = await settle(app.id);
    expect(after.currentStepNo).toBe(6);
    expect(emailsTo(after.applicant.officialEmail ?? '')).toBe(1);
  });

  it('a crash after the request left but before the answer was recorded sends nothing twice', async () => {
    const app = await appAtRegistration();
    sim.faults.set({ serverError: 503, onlyFor: 'registration' });
    await requestRegistration(app);
    await t.runOnce();
    sim.faults.clear();
    await t.core.shutdown();
    // What the worker does before it calls BSrE, then the call itself — and then the process dies.
    const restartedClockCore = await startBsreCoreOnSameFile();
    const entry = await latestOutboxFor(restartedClockCore.core.db, t.key, app.id);
    expect(entry?.state).toBe('pending');
    if (!entry) throw new Error('no outbox entry');
    await updateOutbox(restartedClockCore.core.db, {
      ...entry,
      state: 'sending',
      attempts: 1,
      updatedAt: entry.updatedAt,
    });
    const client = createBsreClient(
      simSettings(
        sim.url,
        { username: SIM_USER, password: SIM_PASSWORD },
        { timeouts: { statusMs: 800, registrationMs: 800, chainMs: 800, verifyMs: 800 } },
      ),
    );
    expect((await client.register(entry.payload)).kind).toBe('ok');
    await restartedClockCore.core.shutdown();

    t = await startBsreCoreOnSameFile();
    expect((await getOutbox(t.core.db, t.key, entry.id))?.state).toBe('unknown');
    // Sessions live in memory: after the restart the verifier signs in again.
    staff.tokens.verifikator = unwrap(
      await call(t.core, 'auth.login', { username: 'verifikator.satu', password: STAFF_PASSWORD }),
    ).token;
    const after = await settle(app.id);
    expect((await getOutbox(t.core.db, t.key, entry.id))?.state).toBe('done');
    expect(after.currentStepNo).toBe(6);
    expect(emailsTo(after.applicant.officialEmail ?? '')).toBe(1);
    expect(sim.registrationCount(EMAIL)).toBe(1);
  });
});

describe('the juknis body and refused registrations', () => {
  it('sends exactly {nama, email} by default, so a strict server accepts it', async () => {
    sim.behaviour.set({ strictRegistration: true });
    const app = await appAtRegistration();
    await requestRegistration(app);
    const after = await settle(app.id);
    expect(after.currentStepNo).toBe(6);
    const user = sim.users.get(EMAIL);
    expect(user).toMatchObject({ nik: '', oidInstansi: null, hasRecommendationLetter: false });
  });

  it('a strict server refusing the opted-in nik is reported clearly, and nothing is counted registered', async () => {
    sim.behaviour.set({ strictRegistration: true });
    unwrap(await call(t.core, 'bsre.updateSettings', { ...SETTINGS, baseUrl: sim.url, sendNik: true }, adminToken));
    const app = await appAtRegistration();
    await requestRegistration(app);
    const after = await settle(app.id);
    const entry = await latestOutboxFor(t.core.db, t.key, app.id);
    expect(entry?.state).toBe('failed');
    expect(entry?.lastError).toMatch(/Unrecognized field "nik"/);
    expect(entry?.lastError).toMatch(/matikan pengiriman nik di Pengaturan BSrE/);
    expect(after.bsre.registration?.state).toBe('failed');
    expect(after.currentStepNo).toBe(5);
    expect(sim.users.list()).toHaveLength(0);
  });

  const REFUSALS: [string, Partial<SimFaults>, RegExp][] = [
    ['200 with {error, status_code}', { registrationReply: 'error' }, /kode 2013.*email sudah digunakan/],
    ['200 with {success:false}', { registrationReply: 'successFalse' }, /data pendaftar tidak valid/],
    ['200 with a 4-digit status_code', { registrationReply: 'statusCode' }, /kode 2002.*instansi tidak dikenal/],
  ];
  it.each(REFUSALS)("%s is a refusal with BSrE's text, never done", async (_name, fault, text) => {
    const app = await appAtRegistration();
    sim.faults.set({ ...fault, onlyFor: 'registration' });
    await requestRegistration(app);
    const after = await settle(app.id);
    expect((await latestOutboxFor(t.core.db, t.key, app.id))?.state).toBe('failed');
    expect(after.bsre.registration?.lastError).toMatch(text);
    expect(after.currentStepNo).toBe(5);
    expect(sim.users.list()).toHaveLength(0);
    await expectNothingCountedThatBsreLacks(app.id);
  });

  it('a duplicate refused with 409 is confirmed only because the email is at BSrE', async () => {
    sim.users.seed({ nama: 'Budi Santoso', email: EMAIL, status: 'NO_CERTIFICATE' });
    const app = await appAtRegistration();
    await requestRegistration(app);
    const after = await settle(app.id);
    expect((await latestOutboxFor(t.core.db, t.key, app.id))?.state).toBe('done');
    expect(after.currentStepNo).toBe(6);
    expect(sim.users.list()).toHaveLength(1);
  });
});

describe('a lost registration BSrE cannot vouch for', () => {
  const BEHAVIOURS: [string, Partial<SimBehaviour>][] = [
    ['production (random NIK → NO_CERTIFICATE)', {}],
    ['the old simulator (random NIK → NOT_REGISTERED)', { unknownNik: 'NOT_REGISTERED' }],
  ];
  it.each(BEHAVIOURS)(
    '%s: a NIK status never settles it; by email it is resent once and ends registered once',
    async (_name, behaviour) => {
      sim.behaviour.set(behaviour);
      const app = await appAtRegistration();
      sim.faults.set({ timeoutBeforeApply: true, onlyFor: 'registration', remaining: 1 });
      await requestRegistration(app);
      await t.runOnce();
      expect((await latestOutboxFor(t.core.db, t.key, app.id))?.state).toBe('unknown');
      expect(sim.users.list()).toHaveLength(0);
      const after = await settle(app.id);
      expect(after.currentStepNo).toBe(6);
      expect(sim.registrationCount(EMAIL)).toBe(1);
      expect(sim.users.list()).toHaveLength(1);
    },
  );

  it('a registration lost every time is sent at most three times, then waits for the verifier', async () => {
    const app = await appAtRegistration();
    sim.faults.set({ timeoutBeforeApply: true, onlyFor: 'registration' });
    await requestRegistration(app);
    const after = await settle(app.id);
    const entry = await latestOutboxFor(t.core.db, t.key, app.id);
    expect(entry).toMatchObject({ state: 'unknown', attempts: 3 });
    expect(entry?.lastError).toMatch(/Sudah 3 kali dikirim.*NOT_REGISTERED.*portal BSrE/);
    expect(after.currentStepNo).toBe(5);
    expect(sim.users.list()).toHaveLength(0);
  });

  it('stays unknown, never done, when BSrE answers NO_CERTIFICATE for any email; the verifier resends', async () => {
    sim.behaviour.set({ unknownEmail: 'NO_CERTIFICATE' });
    const app = await appAtRegistration();
    sim.faults.set({ timeoutBeforeApply: true, onlyFor: 'registration' });
    await requestRegistration(app);
    const waiting = await settle(app.id);
    expect((await latestOutboxFor(t.core.db, t.key, app.id))?.state).toBe('unknown');
    expect(waiting.currentStepNo).toBe(5);
    expect(waiting.bsre.registration).toMatchObject({
      state: 'unknown',
      email: EMAIL,
      decisions: ['recheck', 'resend', 'markRegistered'],
    });
    expect(waiting.bsre.registration?.lastError).toMatch(/Periksa email dinas pemohon di portal BSrE/);
    expect(sim.users.list()).toHaveLength(0);
    expect(sim.registrationCount(EMAIL)).toBe(0);

    sim.faults.clear();
    const rechecked = unwrap(
      await call(
        t.core,
        'bsre.resolveRegistration',
        { applicationId: app.id, action: 'recheck' },
        staff.tokens.verifikator,
      ),
    );
    expect(rechecked.bsre.registration?.state).toBe('unknown');
    const resent = unwrap(
      await call(
        t.core,
        'bsre.resolveRegistration',
        { applicationId: app.id, action: 'resend' },
        staff.tokens.verifikator,
      ),
    );
    expect(resent.currentStepNo).toBe(6);
    expect(sim.registrationCount(EMAIL)).toBe(1);
    expect(sim.users.list()).toHaveLength(1);
    const audit = (await t.core.db
      .prepare(
        "SELECT action FROM audit_log WHERE action IN ('bsre.registration_recheck', 'bsre.registration_resend') ORDER BY rowid",
      )
      .all()) as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(['bsre.registration_recheck', 'bsre.registration_resend']);
  });

  it('the verifier marks it registered only with a reason; the decision is audited and the step moves', async () => {
    sim.behaviour.set({ unknownEmail: 'NO_CERTIFICATE' });
    const app = await appAtRegistration();
    sim.faults.set({ timeoutAfterReceive: true, onlyFor: 'registration' });
    await requestRegistration(app);
    await settle(app.id);
    expect((await latestOutboxFor(t.core.db, t.key, app.id))?.state).toBe('unknown');
    const noReason = await call(
      t.core,
      'bsre.resolveRegistration',
      { applicationId: app.id, action: 'markRegistered', reason: 'ok' },
      staff.tokens.verifikator,
    );
    expect(noReason.ok).toBe(false);
    const byLeader = await call(
      t.core,
      'bsre.resolveRegistration',
      { applicationId: app.id, action: 'markRegistered', reason: 'Terlihat di portal BSrE' },
      staff.tokens.kadin,
    );
    expect(byLeader.ok).toBe(false);
    const reason = 'Terlihat di portal BSrE 10/03/2025, menunggu aktivasi';
    const marked = unwrap(
      await call(
        t.core,
        'bsre.resolveRegistration',
        { applicationId: app.id, action: 'markRegistered', reason },
        staff.tokens.verifikator,
      ),
    );
    expect(marked.currentStepNo).toBe(6);
    expect(marked.bsre.registration?.state).toBe('done');
    const row = (await t.core.db
      .prepare(
        "SELECT user_id AS userId, detail_json AS detail FROM audit_log WHERE action = 'bsre.registration_marked_registered'",
      )
      .get()) as { userId: string; detail: string };
    expect(row.userId).toBe(staff.users.verifikator.id);
    expect(JSON.parse(row.detail)).toMatchObject({ how: 'marked-by-verifier', reason });
    const again = await call(
      t.core,
      'bsre.resolveRegistration',
      { applicationId: app.id, action: 'resend' },
      staff.tokens.verifikator,
    );
    expect(again.ok).toBe(false);
    expect(sim.registrationCount(EMAIL)).toBe(1);
  });
});

/** A new core on the same database file and clock — the app started again after a crash. */
async function startBsreCoreOnSameFile(): Promise<BsreTestCore> {
  const next = await startBsreCore({
    dir: (t as BsreTestCore & { dir: string }).dir,
    dbPath: t.dbPath,
    key: t.key,
    clock: t.clock,
  });
  return next;
}
