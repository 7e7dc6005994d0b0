/**
 * The recap of TTE users as pages on real SQLite: filters, sorts, paging, masking by role, and the
 * "expiring within 30/60/90 days" windows counted from today in the office zone (ManualClock).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { insertHolder } from '../../src/main/core/store/repos/holders';
import type { HolderPage } from '../../src/shared/domain/recap';
import {
  call,
  errorOf,
  makeTempCore,
  readyOffice,
  type Staff,
  STAFF_PASSWORD,
  type TestCore,
  unwrap,
} from '../helpers/core-fixture';

const pad = (n: number, w: number) => String(n).padStart(w, '0');
/** Valid NIKs (Panggul, born 15-06-1985) and NIPs that differ only in their serial. */
export const nikOf = (i: number) => `3503011506850${pad(i, 3)}`;
export const nipOf = (i: number) => `198506152010011${pad(i, 3)}`;

interface Seed {
  name: string;
  agency: string;
  issuedAt: string;
  expiresAt: string;
  status?: string;
}

const SEEDS: Seed[] = [
  { name: 'Budi Santoso', agency: 'Dinas Pendidikan', issuedAt: '2023-03-10', expiresAt: '2025-03-10' }, // today
  { name: 'budiman Hadi', agency: 'Dinas Pendidikan', issuedAt: '2023-04-09', expiresAt: '2025-04-09' }, // +30
  { name: 'Abudi Rahman', agency: 'Bappeda', issuedAt: '2023-04-10', expiresAt: '2025-04-10' }, // +31
  { name: 'Siti Rahayu', agency: 'Bappeda', issuedAt: '2023-05-09', expiresAt: '2025-05-09' }, // +60
  { name: 'Dewi Lestari', agency: 'Inspektorat', issuedAt: '2023-06-08', expiresAt: '2025-06-08' }, // +90
  { name: 'Eko Prasetyo', agency: 'Inspektorat', issuedAt: '2023-06-09', expiresAt: '2025-06-09' }, // +91
  {
    name: 'Wahyu Hidayat',
    agency: 'Dinas Pendidikan',
    issuedAt: '2023-03-09',
    expiresAt: '2025-03-09',
    status: 'EXPIRED',
  }, // yesterday
  { name: 'Rina Wulandari', agency: 'Bappeda', issuedAt: '2024-11-01', expiresAt: '2026-10-31' },
  {
    name: 'Joko Saputra',
    agency: 'Dinas Pendidikan',
    issuedAt: '2025-01-15',
    expiresAt: '2027-01-14',
    status: 'SUSPEND',
  },
  { name: 'Lestari Handayani', agency: 'Inspektorat', issuedAt: '2024-07-01', expiresAt: '2026-06-30' },
];

let t: TestCore;
let staff: Staff;
const ids: string[] = [];

beforeEach(async () => {
  t = await makeTempCore();
  ({ staff } = await readyOffice(t.core, 'trenggalek-2024'));
  ids.length = 0;
  for (const [i, s] of SEEDS.entries()) {
    const id = `holder-${pad(i + 1, 2)}`;
    ids.push(id);
    await insertHolder(t.core.db, t.key, {
      id,
      applicationId: null,
      name: s.name,
      nik: nikOf(i + 1),
      nip: nipOf(i + 1),
      agency: s.agency,
      position: 'Analis',
      officialEmail: `p${i + 1}@trenggalekkab.go.id`,
      phone: `0812345670${pad(i + 1, 2)}`,
      issuedAt: s.issuedAt,
      expiresAt: s.expiresAt,
      bsreStatus: s.status ?? 'ISSUE',
      createdAt: t.clock.now().toISOString(),
    });
  }
});
afterEach(async () => await t.close());

const page = async (
  input: Parameters<typeof call<'holders.list'>>[2],
  token = staff.tokens.verifikator,
): Promise<HolderPage> => unwrap(await call(t.core, 'holders.list', input, token));
const names = (p: HolderPage) => p.rows.map((r) => r.name);

describe('holders.list', () => {
  it('defaults to every holder by expiry, with the OPDs and today in the office zone', async () => {
    const p = await page({});
    expect(p.total).toBe(10);
    expect(p.offset).toBe(0);
    expect(p.today).toBe('2025-03-10');
    expect(names(p)[0]).toBe('Wahyu Hidayat');
    expect(p.rows.map((r) => r.expiresAt)).toEqual([...SEEDS.map((s) => s.expiresAt)].sort());
    expect(p.agencies).toEqual(['Bappeda', 'Dinas Pendidikan', 'Inspektorat']);
  });

  it('filters by OPD and by BSrE status, and the total follows the filter', async () => {
    const opd = await page({ agency: 'Bappeda' });
    expect(opd.total).toBe(3);
    expect(new Set(opd.rows.map((r) => r.agency))).toEqual(new Set(['Bappeda']));
    const suspended = await page({ bsreStatus: 'SUSPEND' });
    expect(names(suspended)).toEqual(['Joko Saputra']);
    expect((await page({ agency: 'Bappeda', bsreStatus: 'SUSPEND' })).total).toBe(0);
  });

  it('searches names by word prefix in any order regardless of case, a NIP by prefix, and a full NIK through the blind index', async () => {
    expect(names(await page({ query: 'budi', sort: 'name' }))).toEqual(['Budi Santoso', 'budiman Hadi']);
    expect(names(await page({ query: 'BUDI S' }))).toEqual(['Budi Santoso']);
    expect(names(await page({ query: 'santoso' }))).toEqual(['Budi Santoso']); // a surname finds the holder
    expect(names(await page({ query: 'sant bud' }))).toEqual(['Budi Santoso']); // word prefixes, any order
    expect(names(await page({ query: 'udi' }))).toEqual([]); // word prefix, not substring
    expect(names(await page({ query: 'budi*" (', sort: 'name' }))).toEqual(['Budi Santoso', 'budiman Hadi']); // FTS syntax is not passed through
    expect(names(await page({ query: nipOf(4) }))).toEqual(['Siti Rahayu']);
    expect((await page({ query: '19850615 201001' })).total).toBe(10);
    expect(names(await page({ query: nikOf(5) }))).toEqual(['Dewi Lestari']);
    expect((await page({ query: nikOf(99) })).total).toBe(0);
    expect((await page({ query: '100%_' })).total).toBe(0); // LIKE wildcards are escaped
  });

  it('sorts by each column in both directions', async () => {
    expect(names(await page({ sort: 'name' }))[0]).toBe('Abudi Rahman');
    expect(names(await page({ sort: 'name', direction: 'desc' }))[0]).toBe('Wahyu Hidayat');
    expect((await page({ sort: 'issuedAt', direction: 'desc' })).rows[0]?.issuedAt).toBe('2025-01-15');
    expect((await page({ sort: 'expiresAt', direction: 'desc' })).rows[0]?.expiresAt).toBe('2027-01-14');
    const byAgency = (await page({ sort: 'agency' })).rows.map((r) => r.agency);
    expect(byAgency).toEqual([...byAgency].sort());
    const byStatus = (await page({ sort: 'bsreStatus', direction: 'desc' })).rows.map((r) => r.bsreStatus);
    expect(byStatus.slice(0, 2)).toEqual(['SUSPEND', 'ISSUE']);
  });

  it('pages: consecutive windows cover every holder exactly once, in the same order as one big page', async () => {
    for (const sort of ['name', 'agency', 'issuedAt', 'expiresAt', 'bsreStatus'] as const) {
      const all = (await page({ sort, limit: 100 })).rows.map((r) => r.id);
      const windows: string[] = [];
      for (let offset = 0; offset < 10; offset += 3) {
        const p = await page({ sort, offset, limit: 3 });
        expect(p.total).toBe(10);
        expect(p.offset).toBe(offset);
        windows.push(...p.rows.map((r) => r.id));
      }
      expect(windows).toEqual(all);
      expect(new Set(windows).size).toBe(10);
    }
    expect((await page({ offset: 20 })).rows).toEqual([]);
  });

  it('shows NIK and phone in full only to the desk roles', async () => {
    const desk = (await page({ query: nikOf(1) })).rows[0];
    expect(desk?.nik).toBe(nikOf(1));
    expect(desk?.phone).toBe('081234567001');
    for (const role of ['kadin', 'kabid'] as const) {
      // Masked roles search by name: a full NIK would tell them whether the person is on record (issue #11).
      const masked = (await page({ query: 'Budi Santoso' }, staff.tokens[role])).rows.find(
        (r) => r.name === 'Budi Santoso',
      );
      expect(masked?.nik).toBe('3503••••••••0001');
      expect(masked?.phone).toBe('0812••••001');
      expect(masked?.name).toBe('Budi Santoso');
    }
  });

  it('counts and filters the expiry windows from today, and moves with the clock', async () => {
    const p = await page({});
    expect(p.expiring).toEqual([
      { days: 30, count: 2 },
      { days: 60, count: 4 },
      { days: 90, count: 5 },
    ]);
    expect(names(await page({ expiringWithinDays: 30 }))).toEqual(['Budi Santoso', 'budiman Hadi']);
    expect((await page({ expiringWithinDays: 90, agency: 'Inspektorat' })).total).toBe(1);
    expect((await page({ agency: 'Inspektorat' })).expiring).toEqual([
      { days: 30, count: 0 },
      { days: 60, count: 0 },
      { days: 90, count: 1 },
    ]);
    // A name search counts total and windows in one pass; the figures must match the other path.
    const budi = await page({ query: 'budi' });
    expect(budi.total).toBe(2);
    expect(budi.expiring.map((w) => w.count)).toEqual([2, 2, 2]);
    expect((await page({ query: 'budi', expiringWithinDays: 30 })).total).toBe(2);
    const past = await page({ query: 'budi', offset: 50 }); // a page past the end still knows the totals
    expect(past.rows).toEqual([]);
    expect([past.total, ...past.expiring.map((w) => w.count)]).toEqual([2, 2, 2, 2]);
    expect((await page({ query: 'hadi', expiringWithinDays: 30 })).rows.map((r) => r.name)).toEqual(['budiman Hadi']);
    // 17:30 UTC on 10 March is 00:30 WIB on 11 March: the office's today has moved on.
    t.clock.set(new Date('2025-03-10T17:30:00.000Z'));
    const token = unwrap(
      await call(t.core, 'auth.login', { username: 'verifikator.satu', password: STAFF_PASSWORD }),
    ).token;
    const tomorrow = await page({ expiringWithinDays: 30 }, token);
    expect(tomorrow.today).toBe('2025-03-11');
    expect(names(tomorrow)).toEqual(['budiman Hadi', 'Abudi Rahman']);
  });

  it('refuses windows and page sizes outside the contract, in Indonesian', async () => {
    errorOf(
      await call(t.core, 'holders.list', { expiringWithinDays: 45 } as never, staff.tokens.kasi),
      'VALIDATION_FAILED',
    );
    errorOf(await call(t.core, 'holders.list', { limit: 5000 }, staff.tokens.kasi), 'VALIDATION_FAILED');
    errorOf(await call(t.core, 'holders.list', { sort: 'nik' } as never, staff.tokens.kasi), 'VALIDATION_FAILED');
  });
});
