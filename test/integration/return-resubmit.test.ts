/**
 * The unhappy paths of the SOP: an incomplete checklist is refused without touching the record,
 * the verifier returns the file to the applicant, takes the corrected documents and carries on;
 * a rejected application is closed for good.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { ApplicationDetail } from '../../src/shared/domain/application';
import type { SopTemplate } from '../../src/shared/sop/template';
import {
  actCurrentStep,
  type ActInput,
  auditActions,
  call,
  countRows,
  createApplication,
  errorOf,
  makeTempCore,
  pdfBytes,
  readyOffice,
  type Staff,
  stepOfTemplate,
  stepPayload,
  type TestCore,
  todayOf,
  unwrap,
  upload,
  walkToEnd,
} from '../helpers/core-fixture';

const TEMPLATE = 'trenggalek-2024';
const CHECKLIST_STEP = 5;

let t: TestCore;
let staff: Staff;
let template: SopTemplate;
let app: ApplicationDetail;

beforeEach(async () => {
  t = await makeTempCore();
  ({ staff, template } = await readyOffice(t.core, TEMPLATE));
  app = await createApplication(t.core, staff, TEMPLATE);
});

afterEach(async () => {
  await t.close();
});

const get = async (token = staff.tokens.verifikator) =>
  unwrap(await call(t.core, 'applications.get', { id: app.id }, token));

function checklistAct(checklist: boolean[] | undefined): ActInput {
  const step = stepOfTemplate(template, CHECKLIST_STEP);
  return { ...stepPayload(step, staff, todayOf(t.clock)), applicationId: app.id, stepNo: CHECKLIST_STEP, checklist };
}

describe('at the checklist step', () => {
  beforeEach(async () => {
    await walkToEnd(t.core, staff, app.id, template, {
      clock: t.clock,
      minutesPerStep: 3,
      untilStepNo: CHECKLIST_STEP - 1,
    });
    expect((await get()).currentStepNo).toBe(CHECKLIST_STEP);
  });

  it('an incomplete checklist is REQUIREMENTS_INCOMPLETE and changes nothing', async () => {
    const items = stepOfTemplate(template, CHECKLIST_STEP).checklist;
    const before = await countRows(t.core.db);
    const stateBefore = await get();

    const oneUnticked = items.map((_, i) => i !== 2);
    const error = errorOf(
      await call(t.core, 'applications.act', checklistAct(oneUnticked), staff.tokens.verifikator),
      'REQUIREMENTS_INCOMPLETE',
    );
    expect(error.message).toContain(items[2]);
    errorOf(
      await call(t.core, 'applications.act', checklistAct(items.slice(1).map(() => true)), staff.tokens.verifikator),
      'REQUIREMENTS_INCOMPLETE',
    );
    errorOf(
      await call(t.core, 'applications.act', checklistAct(undefined), staff.tokens.verifikator),
      'REQUIREMENTS_INCOMPLETE',
    );

    expect(await countRows(t.core.db)).toEqual(before);
    expect(await get()).toEqual(stateBefore);
  });

  it('return → returned; acting is APPLICATION_RETURNED; resubmit with a new document resumes the same step; then it completes', async () => {
    t.clock.advanceMinutes(4);
    const returned = unwrap(
      await call(
        t.core,
        'applications.return',
        { applicationId: app.id, stepNo: CHECKLIST_STEP, reason: 'Scan SK terakhir tidak terbaca' },
        staff.tokens.verifikator,
      ),
    );
    expect(returned.status).toBe('returned');
    expect(returned.returnReason).toBe('Scan SK terakhir tidak terbaca');
    expect(returned.currentStepNo).toBe(CHECKLIST_STEP);
    expect(returned.currentStepActor).toBeNull();
    expect(returned.allowed).toMatchObject({ act: false, resubmit: true });
    expect(returned.events[returned.events.length - 1]).toMatchObject({
      stepNo: CHECKLIST_STEP,
      kind: 'returned',
      actorRole: 'verifikator',
    });
    expect(await auditActions(t.core.db, 'application.returned')).toHaveLength(1);

    const before = await countRows(t.core.db);
    const items = stepOfTemplate(template, CHECKLIST_STEP).checklist.map(() => true);
    errorOf(
      await call(t.core, 'applications.act', checklistAct(items), staff.tokens.verifikator),
      'APPLICATION_RETURNED',
    );
    errorOf(
      await call(
        t.core,
        'applications.return',
        { applicationId: app.id, stepNo: CHECKLIST_STEP, reason: 'lagi' },
        staff.tokens.verifikator,
      ),
      'APPLICATION_RETURNED',
    );
    errorOf(
      await call(
        t.core,
        'applications.reject',
        { applicationId: app.id, stepNo: CHECKLIST_STEP, reason: 'tolak' },
        staff.tokens.verifikator,
      ),
      'APPLICATION_RETURNED',
    );
    errorOf(
      await call(t.core, 'applications.resubmit', { applicationId: app.id, note: 'perbaikan' }, staff.tokens.kadin),
      'FORBIDDEN',
    );
    expect(await countRows(t.core.db)).toEqual(before);

    t.clock.advanceMinutes(60);
    const newSk = upload('sk', pdfBytes('SK perbaikan'), 'sk-perbaikan.pdf');
    const resubmitted = unwrap(
      await call(
        t.core,
        'applications.resubmit',
        { applicationId: app.id, note: 'SK dipindai ulang', documents: [newSk] },
        staff.tokens.verifikator,
      ),
    );
    expect(resubmitted.status).toBe('inProgress');
    expect(resubmitted.currentStepNo).toBe(CHECKLIST_STEP);
    expect(resubmitted.returnReason).toBeNull();
    expect(resubmitted.documents.map((d) => d.fileName)).toEqual(['letter.pdf', 'sk.pdf', 'sk-perbaikan.pdf']);
    expect(resubmitted.events[resubmitted.events.length - 1]).toMatchObject({
      stepNo: CHECKLIST_STEP,
      kind: 'resubmitted',
    });
    errorOf(
      await call(t.core, 'applications.resubmit', { applicationId: app.id, note: 'lagi' }, staff.tokens.verifikator),
      'NOT_RETURNED',
    );

    const newDoc = resubmitted.documents.find((d) => d.fileName === 'sk-perbaikan.pdf');
    const opened = unwrap(await call(t.core, 'documents.get', { id: newDoc?.id ?? '' }, staff.tokens.verifikator));
    expect(Buffer.from(opened.dataBase64, 'base64').equals(pdfBytes('SK perbaikan'))).toBe(true);

    t.clock.advanceMinutes(10);
    const afterCheck = await actCurrentStep(t.core, staff, app.id, template, t.clock);
    expect(afterCheck.currentStepNo).toBe(CHECKLIST_STEP + 1);
    const checkEvent = afterCheck.events[afterCheck.events.length - 1];
    expect(checkEvent).toMatchObject({ stepNo: CHECKLIST_STEP, kind: 'completed' });
    expect(checkEvent?.elapsedMinutes).toBeCloseTo(10, 5);

    await walkToEnd(t.core, staff, app.id, template, { clock: t.clock, minutesPerStep: 2 });
    const final = await get();
    expect(final.status).toBe('completed');
    expect(final.events.map((e) => `${e.stepNo}:${e.kind}`)).toEqual([
      '1:completed',
      '2:completed',
      '3:completed',
      '4:completed',
      '5:returned',
      '5:resubmitted',
      '5:completed',
      '6:completed',
      '7:completed',
      '8:completed',
      '9:completed',
    ]);
  });
});

describe('returning where the SOP does not allow it', () => {
  it('the Kepala Dinas step cannot be returned to the applicant (FORBIDDEN), nothing written', async () => {
    const before = await countRows(t.core.db);
    errorOf(
      await call(
        t.core,
        'applications.return',
        { applicationId: app.id, stepNo: 2, reason: 'Kurang lengkap' },
        staff.tokens.kadin,
      ),
      'FORBIDDEN',
    );
    expect(await countRows(t.core.db)).toEqual(before);
    expect((await get()).status).toBe('inProgress');
  });
});

describe('reject', () => {
  it('reject → rejected; every further move is APPLICATION_CLOSED', async () => {
    errorOf(
      await call(
        t.core,
        'applications.reject',
        { applicationId: app.id, stepNo: 2, reason: 'Bukan ASN' },
        staff.tokens.kabid,
      ),
      'WRONG_ROLE_FOR_STEP',
    );

    const rejected = unwrap(
      await call(
        t.core,
        'applications.reject',
        { applicationId: app.id, stepNo: 2, reason: 'Pemohon bukan ASN' },
        staff.tokens.kadin,
      ),
    );
    expect(rejected.status).toBe('rejected');
    expect(rejected.currentStepActor).toBeNull();
    expect(rejected.events[rejected.events.length - 1]).toMatchObject({
      stepNo: 2,
      kind: 'rejected',
      actorRole: 'kadin',
      note: 'Pemohon bukan ASN',
    });
    expect(await auditActions(t.core.db, 'application.rejected')).toHaveLength(1);

    const before = await countRows(t.core.db);
    const step2 = stepOfTemplate(template, 2);
    errorOf(
      await call(
        t.core,
        'applications.act',
        { applicationId: app.id, stepNo: 2, ...stepPayload(step2, staff, todayOf(t.clock)) },
        staff.tokens.kadin,
      ),
      'APPLICATION_CLOSED',
    );
    errorOf(
      await call(t.core, 'applications.act', { applicationId: app.id, stepNo: 3, note: 'lanjut' }, staff.tokens.kabid),
      'APPLICATION_CLOSED',
    );
    errorOf(
      await call(
        t.core,
        'applications.reject',
        { applicationId: app.id, stepNo: 2, reason: 'lagi' },
        staff.tokens.kadin,
      ),
      'APPLICATION_CLOSED',
    );
    errorOf(
      await call(
        t.core,
        'applications.resubmit',
        { applicationId: app.id, note: 'coba lagi' },
        staff.tokens.verifikator,
      ),
      'NOT_RETURNED',
    );
    expect(await countRows(t.core.db)).toEqual(before);

    expect(unwrap(await call(t.core, 'applications.list', {}, staff.tokens.kasi))).toEqual([]);
    expect(
      unwrap(await call(t.core, 'applications.list', { status: 'rejected' }, staff.tokens.kasi)).map((a) => a.id),
    ).toEqual([app.id]);
  });

  it('a completed application is closed too', async () => {
    await walkToEnd(t.core, staff, app.id, template, { clock: t.clock });
    const last = stepOfTemplate(template, 9);
    errorOf(
      await call(
        t.core,
        'applications.act',
        { applicationId: app.id, stepNo: 9, ...stepPayload(last, staff, todayOf(t.clock)) },
        staff.tokens.verifikator,
      ),
      'APPLICATION_CLOSED',
    );
    errorOf(
      await call(
        t.core,
        'applications.reject',
        { applicationId: app.id, stepNo: 9, reason: 'batal' },
        staff.tokens.verifikator,
      ),
      'APPLICATION_CLOSED',
    );
  });
});
