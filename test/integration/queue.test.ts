/**
 * The Kasi's queue on real workflows: open applications at different steps and ages against the
 * Trenggalek 15-minute standard, one returned, one completed; counts, filters, waiting-on, order,
 * and reassignment with its refusals, audit entry and history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { insertOutbox } from '../../src/main/core/store/repos/bsre-outbox';
import type { ApplicationDetail } from '../../src/shared/domain/application';
import type { UserView } from '../../src/shared/domain/office';
import { stepActivityOf, stepKey } from '../../src/shared/domain/queue';
import { maskNik } from '../../src/shared/identity/nik';
import type { SopTemplate } from '../../src/shared/sop/template';
import {
  APPLICANT_NAME,
  APPLICANT_NIK,
  APPLICANT_PHONE,
  applicantNik,
  auditActions,
  call,
  createApplication,
  errorOf,
  makeTempCore,
  readyOffice,
  type Staff,
  STAFF_PASSWORD,
  type TestCore,
  unwrap,
  validIntake,
  walkToEnd,
} from '../helpers/core-fixture';

const TEMPLATE = 'trenggalek-2024';

let t: TestCore;
let staff: Staff;
let template: SopTemplate;
let adminToken: string;
/** Overdue at the Kadin's step 2, from another OPD. */
let atKadin: ApplicationDetail;
/** Near the standard at the verifier's checklist step 5. */
let atChecklist: ApplicationDetail;
/** Returned to the applicant at step 5. */
let returned: ApplicationDetail;
/** At step 6 (activation, settled by BSrE), a renewal. */
let atActivation: ApplicationDetail;
let completed: ApplicationDetail;
let secondVerifier: UserView;
let inactiveVerifier: UserView;

const queue = async (filter: Parameters<typeof call<'queue.list'>>[2] = {}, token = staff.tokens.kasi) =>
  unwrap(await call(t.core, 'queue.list', filter, token));
let made = 0;
const create = async (patch: { agency?: string; serviceType?: 'renewal' } = {}) => {
  const input = validIntake(TEMPLATE, { nik: applicantNik(20 + made++) }); // one open application per person
  return unwrap(
    await call(
      t.core,
      'applications.create',
      {
        ...input,
        serviceType: patch.serviceType ?? 'new',
        applicant: { ...input.applicant, agency: patch.agency ?? input.applicant.agency },
      },
      staff.tokens.verifikator,
    ),
  );
};

beforeAll(async () => {
  t = await makeTempCore();
  let admin;
  ({ staff, template, admin } = await readyOffice(t.core, TEMPLATE));
  adminToken = admin.token;
  secondVerifier = unwrap(
    await call(
      t.core,
      'users.create',
      {
        username: 'verifikator.dua',
        fullName: 'Sri Wahyuni',
        nip: '199202022020122001',
        role: 'verifikator',
        password: STAFF_PASSWORD,
      },
      adminToken,
    ),
  );
  inactiveVerifier = unwrap(
    await call(
      t.core,
      'users.create',
      {
        username: 'verifikator.tiga',
        fullName: 'Agus Pensiun',
        nip: '196501011990031001',
        role: 'verifikator',
        password: STAFF_PASSWORD,
      },
      adminToken,
    ),
  );
  unwrap(await call(t.core, 'users.update', { id: inactiveVerifier.id, active: false }, adminToken));

  atKadin = await create({ agency: 'Dinas Kesehatan' }); // step 2 from T0
  t.clock.advanceMinutes(5);
  atChecklist = await create();
  await walkToEnd(t.core, staff, atChecklist.id, template, { clock: t.clock, untilStepNo: 4 }); // step 5 from T5
  returned = await createApplication(t.core, staff, TEMPLATE);
  await walkToEnd(t.core, staff, returned.id, template, { clock: t.clock, untilStepNo: 4 });
  unwrap(
    await call(
      t.core,
      'applications.return',
      { applicationId: returned.id, stepNo: 5, reason: 'SK terakhir tidak terbaca' },
      staff.tokens.verifikator,
    ),
  );
  t.clock.advanceMinutes(5);
  atActivation = await create({ serviceType: 'renewal' });
  await walkToEnd(t.core, staff, atActivation.id, template, { clock: t.clock, untilStepNo: 5 }); // step 6 from T10
  completed = await createApplication(t.core, staff, TEMPLATE);
  await walkToEnd(t.core, staff, completed.id, template, { clock: t.clock });
  t.clock.advanceMinutes(10); // now T20
});

afterAll(async () => await t.close());

describe('queue.list', () => {
  it('lists every open application, most overdue first, with step, holder, waiting-on and time against the standard', async () => {
    const view = await queue();
    expect(view.items.map((i) => i.id)).toEqual([atKadin.id, atChecklist.id, atActivation.id, returned.id]);
    expect(view.truncated).toBe(false);
    const [kadin, checklist, activation, back] = view.items;
    expect(kadin).toMatchObject({
      stepNo: 2,
      stepRole: 'kadin',
      holder: 'Kepala Dinas',
      waitingOn: 'office',
      elapsedMinutes: 20,
      standardMinutes: 15,
      sla: 'overdue',
      verifier: null,
      agency: 'Dinas Kesehatan',
    });
    // The activity travels once per template and step, not on every row.
    expect(kadin && stepActivityOf(view, kadin)).toBe(template.steps[1]?.activity);
    expect(kadin).not.toHaveProperty('stepActivity');
    expect(Object.keys(view.stepActivities).sort()).toEqual(
      [...new Set(view.items.map((i) => stepKey(i.templateId, i.stepNo)))].sort(),
    );
    expect(checklist).toMatchObject({
      stepNo: 5,
      holder: 'Pegawai verifikator',
      waitingOn: 'office',
      elapsedMinutes: 15,
      sla: 'near',
      applicantName: APPLICANT_NAME,
    });
    expect(activation).toMatchObject({
      stepNo: 6,
      waitingOn: 'bsre',
      elapsedMinutes: 10,
      sla: 'onTime',
      serviceType: 'renewal',
    });
    expect(back).toMatchObject({
      status: 'returned',
      stepNo: 5,
      holder: 'Pemohon',
      waitingOn: 'applicant',
      standardMinutes: null,
      sla: 'none',
      stepRole: null,
    });
    expect(view.counts).toEqual({
      total: 4,
      onTime: 1,
      near: 1,
      overdue: 1,
      waitingOnApplicant: 1,
      waitingOnOffice: 2,
      waitingOnBsre: 1,
    });
  });

  it('carries no NIK or phone, masked or not', async () => {
    const text = JSON.stringify(await queue());
    for (const secret of [APPLICANT_NIK, maskNik(APPLICANT_NIK), APPLICANT_PHONE, '"nik', '"phone'])
      expect(text).not.toContain(secret);
    expect(text).toContain(APPLICANT_NAME);
  });

  it('offers the steps and OPDs of open applications and the active verifiers as filter choices', async () => {
    const { options } = await queue();
    expect(options.steps.map((s) => s.no)).toEqual([2, 5, 6]);
    expect(options.agencies).toEqual(['Dinas Kesehatan', 'Dinas Pendidikan']);
    expect(options.verifiers.map((v) => v.name)).toEqual(['Pegawai verifikator', 'Sri Wahyuni']);
  });

  it('filters by step, verifier, OPD, service type and waiting-on; counts follow the filter', async () => {
    const ids = async (f: Parameters<typeof queue>[0]) => (await queue(f)).items.map((i) => i.id);
    expect(await ids({ stepNo: 5 })).toEqual([atChecklist.id, returned.id]);
    expect((await queue({ stepNo: 5 })).counts).toMatchObject({ total: 2, near: 1, overdue: 0, waitingOnApplicant: 1 });
    expect(await ids({ verifierId: staff.users.verifikator.id })).toEqual([
      atChecklist.id,
      atActivation.id,
      returned.id,
    ]);
    expect(await ids({ verifierId: secondVerifier.id })).toEqual([]);
    expect(await ids({ agency: 'Dinas Kesehatan' })).toEqual([atKadin.id]);
    expect(await ids({ serviceType: 'renewal' })).toEqual([atActivation.id]);
    expect(await ids({ waitingOn: 'applicant' })).toEqual([returned.id]);
    expect(await ids({ waitingOn: 'office', stepNo: 2 })).toEqual([atKadin.id]);
  });

  it('is open to every staff role, not the Admin; bad filters are refused in Indonesian', async () => {
    for (const token of Object.values(staff.tokens)) expect((await queue({}, token)).counts.total).toBe(4);
    errorOf(await call(t.core, 'queue.list', {}, adminToken), 'FORBIDDEN');
    errorOf(
      await call(t.core, 'queue.list', { waitingOn: 'kantor' as 'office' }, staff.tokens.kasi),
      'VALIDATION_FAILED',
    );
    errorOf(await call(t.core, 'queue.list', { stepNo: -1 }, staff.tokens.kasi), 'VALIDATION_FAILED');
  });

  it('a registration waiting in the BSrE outbox makes the application wait on BSrE', async () => {
    const at = t.clock.now().toISOString();
    const before = (await queue()).items.find((i) => i.id === atChecklist.id);
    expect(before?.waitingOn).toBe('office');
    await insertOutbox(t.core.db, t.key, {
      id: 'outbox-queue-test',
      applicationId: atChecklist.id,
      stepNo: 5,
      operation: 'registration',
      payload: { nama: APPLICANT_NAME, email: 'budi.santoso@contoh.go.id', nik: '3503011506850001' },
      state: 'pending',
      attempts: 0,
      nextAttemptAt: at,
      lastError: null,
      requestedBy: staff.users.verifikator.id,
      stepNote: '',
      stepData: {},
      createdAt: at,
      updatedAt: at,
    });
    expect((await queue()).items.find((i) => i.id === atChecklist.id)?.waitingOn).toBe('bsre');
    await t.core.db.prepare("UPDATE bsre_outbox SET state = 'done' WHERE id = 'outbox-queue-test'").run();
    expect((await queue()).items.find((i) => i.id === atChecklist.id)?.waitingOn).toBe('office');
  });
});

describe('queue.reassign', () => {
  const reassignments = async () =>
    ((await t.core.db.prepare('SELECT COUNT(*) AS n FROM reassignments').get()) as { n: number }).n;

  it('refuses closed, unassigned, unknown applications and invalid or unchanged verifiers, writing nothing', async () => {
    const kasi = staff.tokens.kasi;
    const to = secondVerifier.id;
    errorOf(
      await call(t.core, 'queue.reassign', { applicationId: completed.id, verifierId: to }, kasi),
      'APPLICATION_CLOSED',
    );
    errorOf(
      await call(t.core, 'queue.reassign', { applicationId: atKadin.id, verifierId: to }, kasi),
      'VERIFIER_NOT_ASSIGNED',
    );
    errorOf(await call(t.core, 'queue.reassign', { applicationId: 'tidak-ada', verifierId: to }, kasi), 'NOT_FOUND');
    for (const verifierId of [inactiveVerifier.id, staff.users.kadin.id, 'system-bsre', 'tidak-ada'])
      errorOf(
        await call(t.core, 'queue.reassign', { applicationId: atChecklist.id, verifierId }, kasi),
        'VERIFIER_INVALID',
      );
    errorOf(
      await call(
        t.core,
        'queue.reassign',
        { applicationId: atChecklist.id, verifierId: staff.users.verifikator.id },
        kasi,
      ),
      'VERIFIER_UNCHANGED',
    );
    errorOf(
      await call(t.core, 'queue.reassign', { applicationId: atChecklist.id, verifierId: '' }, kasi),
      'VALIDATION_FAILED',
    );
    for (const role of ['verifikator', 'kabid', 'kadin'] as const)
      errorOf(
        await call(t.core, 'queue.reassign', { applicationId: atChecklist.id, verifierId: to }, staff.tokens[role]),
        'FORBIDDEN',
      );
    expect(await reassignments()).toBe(0);
    expect(await auditActions(t.core.db, 'application.reassigned')).toHaveLength(0);
  });

  it('moves an open application to another verifier: row, application, audit, queue and history', async () => {
    const result = unwrap(
      await call(
        t.core,
        'queue.reassign',
        { applicationId: returned.id, verifierId: secondVerifier.id, note: 'Cuti' },
        staff.tokens.kasi,
      ),
    );
    expect(result).toEqual({ applicationId: returned.id, verifier: { id: secondVerifier.id, name: 'Sri Wahyuni' } });
    expect(await reassignments()).toBe(1);
    const audit = await auditActions(t.core.db, 'application.reassigned');
    expect(audit).toHaveLength(1);
    expect(audit[0]?.entity_id).toBe(returned.id);
    expect(audit[0]?.user_id).toBe(staff.users.kasi.id);
    expect(JSON.parse(audit[0]?.detail_json ?? '{}')).toEqual({
      fromVerifierId: staff.users.verifikator.id,
      toVerifierId: secondVerifier.id,
      note: 'Cuti',
    });

    const row = (await queue({ verifierId: secondVerifier.id })).items;
    expect(row.map((i) => [i.id, i.verifier?.name])).toEqual([[returned.id, 'Sri Wahyuni']]);
    const detail = unwrap(await call(t.core, 'applications.get', { id: returned.id }, staff.tokens.kasi));
    expect(detail.assignedVerifier).toEqual({ id: secondVerifier.id, name: 'Sri Wahyuni' });
    expect(detail.reassignments).toEqual([
      {
        id: expect.any(String),
        at: t.clock.now().toISOString(),
        from: 'Pegawai verifikator',
        to: 'Sri Wahyuni',
        by: 'Pegawai kasi',
        note: 'Cuti',
      },
    ]);
    errorOf(
      await call(
        t.core,
        'queue.reassign',
        { applicationId: returned.id, verifierId: secondVerifier.id },
        staff.tokens.kasi,
      ),
      'VERIFIER_UNCHANGED',
    );
  });
});
