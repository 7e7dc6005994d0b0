/**
 * The dashboard on real workflows: applications over three days (one each side of midnight WIB),
 * completed fast and slow, returned and rejected; volume per day/week/month in the office zone,
 * step averages and compliance against Trenggalek's 15 minutes, and the total duration.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ServiceType } from '../../src/shared/domain/application';
import type { SopTemplate } from '../../src/shared/sop/template';
import {
  ADMIN_PASSWORD,
  ADMIN_USERNAME,
  applicantNik,
  call,
  errorOf,
  makeTempCore,
  readyOffice,
  type Staff,
  STAFF_PASSWORD,
  STAFF_ROLES,
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

/** Moves the clock (past the idle lock) and signs every staff member in again. */
async function jump(iso: string) {
  t.clock.set(new Date(iso));
  for (const role of STAFF_ROLES)
    staff.tokens[role] = unwrap(
      await call(t.core, 'auth.login', { username: `${role}.satu`, password: STAFF_PASSWORD }),
    ).token;
  adminToken = unwrap(await call(t.core, 'auth.login', { username: ADMIN_USERNAME, password: ADMIN_PASSWORD })).token;
}

let made = 0;
async function create(serviceType: ServiceType = 'new') {
  const intake = validIntake(TEMPLATE, { nik: applicantNik(made++) }); // one open application per person
  return unwrap(await call(t.core, 'applications.create', { ...intake, serviceType }, staff.tokens.verifikator));
}

beforeAll(async () => {
  t = await makeTempCore(); // Monday 10 March 2025, 09:00 WIB
  let admin;
  ({ staff, template, admin } = await readyOffice(t.core, TEMPLATE));
  adminToken = admin.token;

  const fast = await create();
  await walkToEnd(t.core, staff, fast.id, template, { clock: t.clock, minutesPerStep: 7 }); // 56 minutes in all

  await jump('2025-03-11T02:00:00.000Z'); // Tuesday 09:00 WIB
  const slow = await create();
  await walkToEnd(t.core, staff, slow.id, template, { clock: t.clock, minutesPerStep: 20 }); // 160 minutes, every step late
  await jump(t.clock.now().toISOString()); // the Kadin has been idle past the lock
  const returned = await create();
  await walkToEnd(t.core, staff, returned.id, template, { clock: t.clock, minutesPerStep: 3, untilStepNo: 4 });
  unwrap(
    await call(
      t.core,
      'applications.return',
      { applicationId: returned.id, stepNo: 5, reason: 'SK tidak terbaca' },
      staff.tokens.verifikator,
    ),
  );
  const rejected = await create();
  t.clock.advanceMinutes(1);
  unwrap(
    await call(
      t.core,
      'applications.reject',
      { applicationId: rejected.id, stepNo: 2, reason: 'Bukan ASN daerah ini' },
      staff.tokens.kadin,
    ),
  );

  await jump('2025-03-11T16:30:00.000Z'); // 23:30 WIB, still Tuesday in the office
  await create('renewal');
  await jump('2025-03-11T17:30:00.000Z'); // 00:30 WIB, Wednesday 12 March
  await create('passphraseHelp');
});

afterAll(async () => await t.close());

const dashboard = async (
  input: { granularity?: 'day' | 'week' | 'month'; from: string; to: string },
  token = staff.tokens.kasi,
) => unwrap(await call(t.core, 'dashboard.get', input, token));

describe('dashboard.get', () => {
  it('counts applications per office-zone day by service type and status', async () => {
    const view = await dashboard({ granularity: 'day', from: '2025-03-09', to: '2025-03-12' });
    expect(view.volume.map((b) => [b.start, b.total])).toEqual([
      ['2025-03-09', 0],
      ['2025-03-10', 1],
      ['2025-03-11', 4],
      ['2025-03-12', 1],
    ]);
    expect(view.volume.map((b) => b.label)).toEqual(['9 Mar', '10 Mar', '11 Mar', '12 Mar']);
    const tuesday = view.volume[2];
    expect(tuesday?.byServiceType).toEqual({ new: 3, renewal: 1 });
    expect(tuesday?.byStatus).toEqual({ inProgress: 1, returned: 1, completed: 1, rejected: 1 });
    expect(view.volume[3]?.byServiceType).toEqual({ passphraseHelp: 1 });
    expect(view.totalApplications).toBe(6);
  });

  it('averages each step against its standard; compliance is the share within the standard', async () => {
    const view = await dashboard({ granularity: 'day', from: '2025-03-10', to: '2025-03-12' });
    expect(view.steps.map((s) => s.stepNo)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    for (const s of view.steps.slice(0, 3))
      expect(s).toMatchObject({ count: 3, averageMinutes: 10, standardMinutes: 15, compliancePercent: 66.7 });
    for (const s of view.steps.slice(3))
      expect(s).toMatchObject({ count: 2, averageMinutes: 13.5, standardMinutes: 15, compliancePercent: 50 });
    expect(view.steps[0]?.activity).toBe(template.steps[1]?.activity);
    expect(view.compliancePercent).toBe(57.9); // 11 of 19 completed steps within 15 minutes
    expect(view.completedApplications).toBe(2);
    expect(view.averageTotalMinutes).toBeCloseTo(108, 6); // (56 + 160) / 2
  });

  it('a one-day range holds only that day, in the office zone', async () => {
    const monday = await dashboard({ from: '2025-03-10', to: '2025-03-10' });
    expect(monday.granularity).toBe('day');
    expect(monday.totalApplications).toBe(1);
    expect(monday.steps.every((s) => s.count === 1 && s.averageMinutes === 7 && s.compliancePercent === 100)).toBe(
      true,
    );
    expect(monday.compliancePercent).toBe(100);
    expect(monday.averageTotalMinutes).toBeCloseTo(56, 6);
    const wednesday = await dashboard({ from: '2025-03-12', to: '2025-03-12' });
    expect(wednesday.totalApplications).toBe(1);
    expect(wednesday.steps).toEqual([]);
    expect(wednesday.compliancePercent).toBeNull();
    expect(wednesday.averageTotalMinutes).toBeNull();
  });

  it('buckets by week from Monday and by month from the 1st', async () => {
    const weeks = await dashboard({ granularity: 'week', from: '2025-03-01', to: '2025-03-31' });
    expect(weeks.volume.map((b) => [b.start, b.total])).toEqual([
      ['2025-02-24', 0],
      ['2025-03-03', 0],
      ['2025-03-10', 6],
      ['2025-03-17', 0],
      ['2025-03-24', 0],
      ['2025-03-31', 0],
    ]);
    expect(weeks.volume[2]?.label).toBe('Mg. 10 Mar');
    const months = await dashboard({ granularity: 'month', from: '2025-01-15', to: '2025-04-02' });
    expect(months.volume.map((b) => [b.start, b.total])).toEqual([
      ['2025-01-01', 0],
      ['2025-02-01', 0],
      ['2025-03-01', 6],
      ['2025-04-01', 0],
    ]);
    expect(months.volume[2]?.label).toBe('Mar 2025');
  });

  it('is for staff only and refuses bad ranges in Indonesian', async () => {
    for (const role of STAFF_ROLES)
      expect((await dashboard({ from: '2025-03-10', to: '2025-03-12' }, staff.tokens[role])).totalApplications).toBe(6);
    errorOf(await call(t.core, 'dashboard.get', { from: '2025-03-10', to: '2025-03-12' }, adminToken), 'FORBIDDEN');
    const reversed = errorOf(
      await call(t.core, 'dashboard.get', { from: '2025-03-12', to: '2025-03-10' }, staff.tokens.kasi),
      'VALIDATION_FAILED',
    );
    expect(reversed.fields?.to).toBe('Tanggal awal harus sebelum tanggal akhir');
    const tooLong = errorOf(
      await call(
        t.core,
        'dashboard.get',
        { granularity: 'day', from: '2023-01-01', to: '2025-03-12' },
        staff.tokens.kasi,
      ),
      'VALIDATION_FAILED',
    );
    expect(tooLong.fields?.from).toMatch(/Rentang terlalu panjang/);
    errorOf(
      await call(t.core, 'dashboard.get', { from: '2025-02-30', to: '2025-03-12' }, staff.tokens.kasi),
      'VALIDATION_FAILED',
    );
    expect((await dashboard({ granularity: 'month', from: '2023-01-01', to: '2025-03-12' })).volume).toHaveLength(27);
  });
});
