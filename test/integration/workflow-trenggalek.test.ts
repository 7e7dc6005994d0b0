/**
 * Trenggalek 2024 end to end: an application walks all nine SOP steps, each acted by its role,
 * with the step history recording who acted, how long it took and the 15-minute standard.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { SopTemplate } from '../../src/shared/sop/template';
import {
  APPLICANT_NAME,
  APPLICANT_NIK,
  auditActions,
  call,
  createApplication,
  makeTempCore,
  readyOffice,
  type Staff,
  STAFF_PASSWORD,
  type TestCore,
  unwrap,
  walkToEnd,
} from '../helpers/core-fixture';

const TEMPLATE = 'trenggalek-2024';
const MINUTES_PER_STEP = 7;
const EXPECTED_ACTORS = [
  'verifikator',
  'kadin',
  'kabid',
  'kasi',
  'verifikator',
  'verifikator',
  'verifikator',
  'verifikator',
  'verifikator',
];

let t: TestCore;
let staff: Staff;
let template: SopTemplate;

beforeEach(async () => {
  t = await makeTempCore();
  ({ staff, template } = await readyOffice(t.core, TEMPLATE));
});

afterEach(async () => {
  await t.close();
});

describe('workflow: Trenggalek 2024', () => {
  it('the template has 9 steps of 15 minutes each', () => {
    expect(template.steps.map((s) => s.actor)).toEqual(EXPECTED_ACTORS);
    expect(template.steps.map((s) => s.standardMinutes)).toEqual(Array(9).fill(15));
  });

  it('intake records step 1 and opens step 2 for the Kepala Dinas', async () => {
    const app = await createApplication(t.core, staff, TEMPLATE);
    expect(app.status).toBe('inProgress');
    expect(app.currentStepNo).toBe(2);
    expect(app.currentStepActor).toBe('kadin');
    expect(app.templateId).toBe(TEMPLATE);
    expect(app.referenceNo).toBe('TTE-2025-00001');
    expect(app.documents.map((d) => d.kind).sort()).toEqual(['letter', 'sk']);
    expect(app.events).toHaveLength(1);
    expect(app.events[0]).toMatchObject({
      stepNo: 1,
      kind: 'completed',
      actorRole: 'verifikator',
      elapsedMinutes: 0,
      standardMinutes: 15,
    });
  });

  it('the reference number takes its year from the office zone (05:00 WIB on 1 January is the new year)', async () => {
    const y = await makeTempCore(new Date('2025-12-31T12:00:00.000Z')); // 19:00 WIB, 31 Dec 2025
    try {
      const ready = await readyOffice(y.core, TEMPLATE);
      expect((await createApplication(y.core, ready.staff, TEMPLATE)).referenceNo).toBe('TTE-2025-00001');
      y.clock.set(new Date('2025-12-31T22:00:00.000Z')); // 05:00 WIB, 1 Jan 2026
      unwrap(await call(y.core, 'auth.unlock', { password: STAFF_PASSWORD }, ready.staff.tokens.verifikator));
      expect((await createApplication(y.core, ready.staff, TEMPLATE)).referenceNo).toBe('TTE-2026-00001');
    } finally {
      await y.close();
    }
  });

  it('walks every step to completed, each event with its role, elapsed and standard minutes', async () => {
    const app = await createApplication(t.core, staff, TEMPLATE);
    const details = await walkToEnd(t.core, staff, app.id, template, {
      clock: t.clock,
      minutesPerStep: MINUTES_PER_STEP,
    });

    expect(details).toHaveLength(8);
    details.forEach((detail, i) => {
      const stepNo = i + 2;
      const last = i === details.length - 1;
      expect(detail.currentStepNo).toBe(last ? 9 : stepNo + 1);
      expect(detail.status).toBe(last ? 'completed' : 'inProgress');
      expect(detail.events).toHaveLength(stepNo);
      const event = detail.events[detail.events.length - 1];
      expect(event?.stepNo).toBe(stepNo);
      expect(event?.kind).toBe('completed');
      expect(event?.actorRole).toBe(EXPECTED_ACTORS[stepNo - 1]);
      expect(event?.actorName).toBe(`Pegawai ${EXPECTED_ACTORS[stepNo - 1]}`);
      expect(event?.elapsedMinutes).toBeCloseTo(MINUTES_PER_STEP, 5);
      expect(event?.standardMinutes).toBe(15);
    });

    const final = unwrap(await call(t.core, 'applications.get', { id: app.id }, staff.tokens.kasi));
    expect(final.status).toBe('completed');
    expect(final.currentStepActor).toBeNull();
    expect(final.allowed.act).toBe(false);
    expect(final.assignedVerifier?.id).toBe(staff.users.verifikator.id);
    expect(final.events.map((e) => e.stepNo)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(final.events.find((e) => e.stepNo === 2)?.data).toMatchObject({
      disposition: expect.stringContaining('Disposisi'),
    });
    expect(final.events.find((e) => e.stepNo === 5)?.data.checklist).toHaveLength(
      template.steps[4]?.checklist.length ?? -1,
    );
  });

  it('the certificate is valid two years less a day from issuance', async () => {
    const app = await createApplication(t.core, staff, TEMPLATE);
    const details = await walkToEnd(t.core, staff, app.id, template, {
      clock: t.clock,
      minutesPerStep: MINUTES_PER_STEP,
    });
    const final = details[details.length - 1];
    expect(final?.certificate).toEqual({ issuedAt: '2025-03-10', expiresAt: '2027-03-09', serialNumber: null });
  });

  it('on completion the applicant is in holders.list with status ISSUE', async () => {
    const app = await createApplication(t.core, staff, TEMPLATE);
    expect(unwrap(await call(t.core, 'holders.list', {}, staff.tokens.verifikator))).toMatchObject({
      total: 0,
      rows: [],
    });
    await walkToEnd(t.core, staff, app.id, template, { clock: t.clock, minutesPerStep: MINUTES_PER_STEP });

    const holders = unwrap(await call(t.core, 'holders.list', {}, staff.tokens.verifikator)).rows;
    expect(holders).toHaveLength(1);
    expect(holders[0]).toMatchObject({
      applicationId: app.id,
      name: APPLICANT_NAME,
      nik: APPLICANT_NIK,
      issuedAt: '2025-03-10',
      expiresAt: '2027-03-09',
      bsreStatus: 'ISSUE',
    });
    expect(unwrap(await call(t.core, 'holders.list', { query: APPLICANT_NIK }, staff.tokens.kasi)).rows).toHaveLength(
      1,
    );
  });

  it('the audit log has one application.step_completed per acted step, matching the events', async () => {
    const app = await createApplication(t.core, staff, TEMPLATE);
    await walkToEnd(t.core, staff, app.id, template, { clock: t.clock, minutesPerStep: MINUTES_PER_STEP });
    const final = unwrap(await call(t.core, 'applications.get', { id: app.id }, staff.tokens.verifikator));

    const created = (await auditActions(t.core.db, 'application.create')).filter((r) => r.entity_id === app.id);
    const completed = (await auditActions(t.core.db, 'application.step_completed')).filter(
      (r) => r.entity_id === app.id,
    );
    expect(created).toHaveLength(1);
    expect(completed.length + created.length).toBe(final.events.length);
    const details = completed.map((r) => JSON.parse(r.detail_json) as { stepNo: number; completed: boolean });
    expect(details.map((d) => d.stepNo)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(details.map((d) => d.completed)).toEqual([false, false, false, false, false, false, false, true]);
  });
});
