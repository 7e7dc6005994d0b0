/**
 * The outbox against every fault the simulator can throw, with the app in live mode against a
 * separate simulator (as against the office's real service): each run ends with exactly one
 * registration at BSrE and the application at the next step. Also a crash between "sent" and
 * "recorded": the restarted core settles it by a status check and sends nothing twice.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createBsreClient } from '../../../src/main/core/bsre/client';
import { type BsreSimulator, type SimFaults, startBsreSimulator } from '../../../src/main/core/bsre/simulator';
import { getOutbox, latestOutboxFor, updateOutbox } from '../../../src/main/core/store/repos/bsre-outbox';
import type { ApplicationDetail } from '../../../src/shared/domain/application';
import { type BsreTestCore, startBsreCore } from '../../helpers/bsre-core';
import { simSettings } from '../../helpers/bsre-settings';
import {
  APPLICANT_NIK,
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

beforeEach(async () => {
  sim = await startBsreSimulator({ username: SIM_USER, password: SIM_PASSWORD });
  t = await startBsreCore();
  const admin = await setupOffice(t.core, TEMPLATE);
  staff = await createStaff(t.core, admin.token);
  const settings = {
    mode: 'live' as const,
    baseUrl: sim.url,
    allowHttp: true,
    username: SIM_USER,
    password: SIM_PASSWORD,
    pollIntervalSeconds: 60,
  };
  unwrap(await call(t.core, 'bsre.updateSettings', settings, admin.token));
});

afterEach(async () => {
  await t.shutdown();
  await sim.close();
});

const emailsTo = (address: string) => sim.emails().filter((e) => e.to === address).length;

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
    const state = latestOutboxFor(t.core.db, t.key, appId)?.state;
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
];

describe('outbox under BSrE faults', () => {
  it.each(FAULTS)('%s: exactly one registration at BSrE, application at step 6', async (_name, fault) => {
    const app = await appAtRegistration();
    sim.faults.set({ ...fault, onlyFor: 'registration' });
    await requestRegistration(app);
    const after = await settle(app.id);
    sim.faults.clear();
    expect(latestOutboxFor(t.core.db, t.key, app.id)?.state).toBe('done');
    expect(sim.users.list().filter((u) => u.nik === APPLICANT_NIK)).toHaveLength(1);
    expect(emailsTo(after.applicant.officialEmail ?? '')).toBe(1);
    expect(after.currentStepNo).toBe(6);
  });

  it('keeps the request while BSrE stays down, and sends it once BSrE is back', async () => {
    const app = await appAtRegistration();
    sim.faults.set({ serverError: 503, onlyFor: 'registration' });
    await requestRegistration(app);
    for (let pass = 0; pass < 3; pass += 1) {
      await t.runOnce();
      t.clock.advanceMinutes(11);
    }
    const waiting = latestOutboxFor(t.core.db, t.key, app.id);
    expect(waiting?.state).toBe('pending');
    expect(waiting?.lastError).toMatch(/tidak dapat dihubungi/);
    expect(sim.users.get(APPLICANT_NIK)).toBeUndefined();
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
    const entry = latestOutboxFor(restartedClockCore.core.db, t.key, app.id);
    expect(entry?.state).toBe('pending');
    if (!entry) throw new Error('no outbox entry');
    updateOutbox(restartedClockCore.core.db, { ...entry, state: 'sending', attempts: 1, updatedAt: entry.updatedAt });
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
    expect(getOutbox(t.core.db, t.key, entry.id)?.state).toBe('unknown');
    // Sessions live in memory: after the restart the verifier signs in again.
    staff.tokens.verifikator = unwrap(
      await call(t.core, 'auth.login', { username: 'verifikator.satu', password: STAFF_PASSWORD }),
    ).token;
    const after = await settle(app.id);
    expect(getOutbox(t.core.db, t.key, entry.id)?.state).toBe('done');
    expect(after.currentStepNo).toBe(6);
    expect(emailsTo(after.applicant.officialEmail ?? '')).toBe(1);
    expect(sim.registrationCount(APPLICANT_NIK)).toBe(1);
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
