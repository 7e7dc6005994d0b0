/**
 * Kota Madiun end to end: ten SOP steps with their own time standards (5/5/5/15/15/15/5/1440/5,
 * none for the letter), the KA OPD identity recorded at intake, issuance at step 9 and the recap
 * entry at step 10.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { SopTemplate } from '../../src/shared/sop/template';
import {
  actCurrentStep,
  APPLICANT_NAME,
  auditActions,
  call,
  createApplication,
  makeTempCore,
  readyOffice,
  type Staff,
  type TestCore,
  unwrap,
  walkToEnd,
} from '../helpers/core-fixture';

const TEMPLATE = 'madiun';
const MINUTES_PER_STEP = 7;
/** From the paper SOP, step 1 to 10. */
const EXPECTED_STANDARD = [null, 5, 5, 5, 15, 15, 15, 5, 1440, 5];
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

describe('workflow: Kota Madiun', () => {
  it('the template carries the SOP time standards and actors', () => {
    expect(template.steps.map((s) => s.standardMinutes)).toEqual(EXPECTED_STANDARD);
    expect(template.steps.map((s) => s.actor)).toEqual(EXPECTED_ACTORS);
  });

  it('intake records the KA OPD and the letter, recommendation and KTP', async () => {
    const app = await createApplication(t.core, staff, TEMPLATE);
    expect(app.currentStepNo).toBe(2);
    expect(app.agencyHead).toEqual({
      name: 'Drs. Slamet Riyadi',
      nip: '196812121990031006',
      position: 'Kepala Dinas Pendidikan',
    });
    expect(app.documents.map((d) => d.kind).sort()).toEqual(['ktp', 'letter', 'recommendation']);
    expect(app.documents.find((d) => d.kind === 'ktp')?.mimeType).toBe('image/png');
    expect(app.events[0]).toMatchObject({
      stepNo: 1,
      kind: 'completed',
      actorRole: 'verifikator',
      standardMinutes: null,
    });
  });

  it('walks all ten steps; every event has its role, ~7 elapsed minutes and the SOP standard', async () => {
    const app = await createApplication(t.core, staff, TEMPLATE);
    const details = await walkToEnd(t.core, staff, app.id, template, {
      clock: t.clock,
      minutesPerStep: MINUTES_PER_STEP,
    });

    expect(details).toHaveLength(9);
    details.forEach((detail, i) => {
      const stepNo = i + 2;
      const last = stepNo === 10;
      expect(detail.currentStepNo).toBe(last ? 10 : stepNo + 1);
      expect(detail.status).toBe(last ? 'completed' : 'inProgress');
      const event = detail.events[detail.events.length - 1];
      expect(event).toMatchObject({
        stepNo,
        kind: 'completed',
        actorRole: EXPECTED_ACTORS[stepNo - 1],
        standardMinutes: EXPECTED_STANDARD[stepNo - 1],
      });
      expect(event?.elapsedMinutes).toBeCloseTo(MINUTES_PER_STEP, 5);
    });
    const final = details[details.length - 1];
    expect(final?.events.map((e) => e.stepNo)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(final?.events.map((e) => e.standardMinutes)).toEqual(EXPECTED_STANDARD);
  });

  it('step 9 records the certificate (two years less a day); step 10 puts the applicant in the recap', async () => {
    const app = await createApplication(t.core, staff, TEMPLATE);
    await walkToEnd(t.core, staff, app.id, template, {
      clock: t.clock,
      minutesPerStep: MINUTES_PER_STEP,
      untilStepNo: 9,
    });

    const issued = unwrap(await call(t.core, 'applications.get', { id: app.id }, staff.tokens.verifikator));
    expect(issued.currentStepNo).toBe(10);
    expect(issued.status).toBe('inProgress');
    expect(issued.certificate).toEqual({ issuedAt: '2025-03-10', expiresAt: '2027-03-09', serialNumber: null });
    expect(unwrap(await call(t.core, 'holders.list', {}, staff.tokens.verifikator))).toMatchObject({
      total: 0,
      rows: [],
    });

    const done = await actCurrentStep(t.core, staff, app.id, template, t.clock);
    expect(done.status).toBe('completed');
    expect(done.certificate).toEqual({ issuedAt: '2025-03-10', expiresAt: '2027-03-09', serialNumber: null });

    const holders = unwrap(await call(t.core, 'holders.list', {}, staff.tokens.kasi)).rows;
    expect(holders).toHaveLength(1);
    expect(holders[0]).toMatchObject({
      applicationId: app.id,
      name: APPLICANT_NAME,
      expiresAt: '2027-03-09',
      bsreStatus: 'ISSUE',
    });
  });

  it('the audit log has one application.step_completed per acted step, matching the events', async () => {
    const app = await createApplication(t.core, staff, TEMPLATE);
    const details = await walkToEnd(t.core, staff, app.id, template, {
      clock: t.clock,
      minutesPerStep: MINUTES_PER_STEP,
    });
    const events = details[details.length - 1]?.events ?? [];

    const completed = (await auditActions(t.core.db, 'application.step_completed')).filter(
      (r) => r.entity_id === app.id,
    );
    const created = (await auditActions(t.core.db, 'application.create')).filter((r) => r.entity_id === app.id);
    expect(created).toHaveLength(1);
    expect(completed).toHaveLength(9);
    expect(completed.length + created.length).toBe(events.length);
    expect(completed.map((r) => (JSON.parse(r.detail_json) as { stepNo: number }).stepNo)).toEqual([
      2, 3, 4, 5, 6, 7, 8, 9, 10,
    ]);
  });
});
