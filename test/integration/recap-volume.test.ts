/**
 * The recap at a regency's volume (100,000 holders from the volume seeder): every filter and sort
 * path runs on an index (the engine's plan: SQLite's or PostgreSQL's, whichever the suite runs on), totals agree with plain SQL, deep pages come back
 * whole, and a 10,000-row workbook imports completely.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  explainHolderCount,
  explainHolderPage,
  explainHolderPageCounted,
  getHolder,
  type HolderPageQuery,
} from '../../src/main/core/store/repos/holders';
import { checkNik } from '../../src/shared/identity/nik';
import { call, unwrap } from '../helpers/core-fixture';
import { expectIndexed, tableScans } from '../helpers/query-plan';
import { TEST_ENGINE } from '../helpers/test-engine';
import { openVolumeCore, VOLUME_SIZE, type VolumeCore } from '../helpers/volume-store';

let v: VolumeCore;
beforeAll(async () => {
  v = await openVolumeCore();
}, 600_000);
afterAll(async () => await v?.close());

const page = (q: Partial<HolderPageQuery>): HolderPageQuery => ({
  sort: 'expiresAt',
  direction: 'asc',
  offset: 0,
  limit: 100,
  ...q,
});
const count = async (sql: string, ...params: unknown[]) =>
  (await v.core.db
    .prepare(sql)
    .pluck()
    .get(...params)) as number;

const expectIndex = (plan: string[], index: string) => expectIndexed(plan, index, ['holders']);

describe('recap at 100,000 holders', () => {
  // On PostgreSQL the office was moved there by the real migrate:to-postgres copy first.
  if (TEST_ENGINE === 'postgres')
    it('was moved whole: rows per table as in SQLite, the audit chain intact, every sealed value opened', () => {
      const move = v.move!;
      expect(move.counts.holders).toBe(VOLUME_SIZE.holders);
      expect(move.counts.applications).toBe(VOLUME_SIZE.applications);
      expect(move.counts.step_events).toBeGreaterThan(500_000);
      expect(move.audit.ok).toBe(true);
      // NIK and phone of every application and holder, at least.
      expect(move.sealed).toMatchObject({ failed: 0, indexMismatches: 0 });
      expect(move.sealed!.opened).toBeGreaterThanOrEqual(2 * (VOLUME_SIZE.holders + VOLUME_SIZE.applications));
    });

  it('runs every filter and sort path on an index', async () => {
    const db = v.core.db;
    const agency = v.summary.agencies[0] as string;
    const anyNik = (
      await getHolder(db, v.key, (await db.prepare('SELECT id FROM holders LIMIT 1').pluck().get()) as string)
    )?.nik as string;
    // A name search: FTS5 on SQLite, for the page with its counts in one pass. On PostgreSQL the
    // counts read the GIN index over migration 13's stored tsvector, and the page may walk the
    // sort's index until it has a page of matches (cheap with a LIMIT) — never a table scan.
    // Neither computes to_tsvector per row.
    const byName = await explainHolderPage(db, v.key, page({ query: 'Budi' }));
    const byNameCounted =
      db.engine === 'sqlite'
        ? await explainHolderPageCounted(db, v.key, page({ query: 'Santoso' }), [
            { from: '2026-11-20', to: '2026-12-20' },
          ])
        : await explainHolderCount(db, v.key, { query: 'Santoso' });
    if (db.engine === 'sqlite')
      for (const plan of [byName, byNameCounted])
        expect(plan.join(' | '), plan.join(' | ')).toMatch(/holders_name_fts VIRTUAL TABLE INDEX/);
    else {
      expectIndex(byNameCounted, 'holders_name_search');
      expect(tableScans(byName, ['holders']), byName.join(' | ')).toEqual([]);
    }
    for (const plan of [byName, byNameCounted]) expect(plan.join(' | ')).not.toMatch(/to_tsvector/);
    expectIndex(await explainHolderPage(db, v.key, page({ query: anyNik })), 'holders_nik_index');
    expectIndex(await explainHolderPage(db, v.key, page({ query: '19850615' })), 'holders_nip');
    expectIndex(await explainHolderPage(db, v.key, page({ agency })), 'holders_agency_expires');
    expectIndex(
      await explainHolderPage(db, v.key, page({ expiresBetween: { from: '2026-11-20', to: '2026-12-20' } })),
      'holders_expires',
    );
    expectIndex(await explainHolderPage(db, v.key, page({ bsreStatus: 'EXPIRED' })), 'holders_status_expires');
    expectIndex(
      await explainHolderPage(db, v.key, page({ sort: 'expiresAt', direction: 'desc', offset: 50_000 })),
      'holders_expires',
    );
    expectIndex(await explainHolderPage(db, v.key, page({ sort: 'issuedAt' })), 'holders_issued');
    expectIndex(await explainHolderPage(db, v.key, page({ sort: 'name' })), 'holders_name');
    expectIndex(await explainHolderPage(db, v.key, page({ sort: 'agency' })), 'holders_agency_expires');
    expectIndex(
      await explainHolderCount(db, v.key, { agency, expiresBetween: { from: '2026-11-20', to: '2027-02-18' } }),
      'holders_agency_expires',
    );
    expectIndex(
      await explainHolderCount(db, v.key, { issuedBetween: { from: '2025-01-01', to: '2025-12-31' } }),
      'holders_issued',
    );
  });

  it('gives totals that agree with plain SQL, and whole pages deep into the table', async () => {
    const kasi = v.staff.tokens.kasi;
    const agency = v.summary.agencies[3] as string;
    const all = unwrap(await call(v.core, 'holders.list', {}, kasi));
    expect(all.total).toBe(VOLUME_SIZE.holders);
    expect(all.today).toBe('2026-11-20');
    expect(all.agencies).toEqual([...v.summary.agencies].sort());
    const opd = unwrap(await call(v.core, 'holders.list', { agency }, kasi));
    expect(opd.total).toBe(await count('SELECT count(*) FROM holders WHERE agency = ?', agency));
    expect(opd.rows.every((r) => r.agency === agency)).toBe(true);
    const soon = unwrap(await call(v.core, 'holders.list', { expiringWithinDays: 30 }, kasi));
    expect(soon.total).toBe(
      await count("SELECT count(*) FROM holders WHERE expires_at >= '2026-11-20' AND expires_at <= '2026-12-20'"),
    );
    expect(soon.expiring.find((e) => e.days === 30)?.count).toBe(soon.total);
    expect(soon.total).toBeGreaterThan(0);
    const deep = unwrap(
      await call(v.core, 'holders.list', { sort: 'name', offset: VOLUME_SIZE.holders - 150, limit: 100 }, kasi),
    );
    expect(deep.rows).toHaveLength(100);
    expect(deep.rows.every((r) => /^\d{16}$/.test(r.nik))).toBe(true);
    const last = unwrap(
      await call(v.core, 'holders.list', { sort: 'name', offset: VOLUME_SIZE.holders - 50, limit: 100 }, kasi),
    );
    expect(last.rows).toHaveLength(50);
    const byNik = unwrap(await call(v.core, 'holders.list', { query: deep.rows[0]?.nik ?? '' }, kasi));
    expect(byNik.rows.map((r) => r.id)).toContain(deep.rows[0]?.id);
    const masked = unwrap(
      await call(v.core, 'holders.list', { sort: 'issuedAt', offset: 70_000, limit: 20 }, v.staff.tokens.kadin),
    );
    expect(masked.rows.every((r) => r.nik.includes('••••••••'))).toBe(true);
  });

  it('imports a 10,000-row workbook completely', async () => {
    const rows = 10_000;
    const nik = (i: number) => `350401${i < 5000 ? '15' : '16'}0685${String((i % 5000) + 1).padStart(4, '0')}`;
    expect(checkNik(nik(0), v.clock.now()).valid).toBe(true);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Rekap');
    ws.addRow(['Nama', 'NIK', 'NIP', 'OPD', 'Jabatan', 'Email', 'No HP', 'Tanggal Terbit', 'Berlaku s.d.']);
    for (let i = 0; i < rows; i++) {
      ws.addRow([
        `Impor Pegawai ${i}`,
        nik(i),
        '198506152010011003',
        `OPD Impor ${i % 7}`,
        'Staf',
        '',
        '081234567890',
        new Date(Date.UTC(2025, i % 12, 1 + (i % 28))),
        null,
      ]);
    }
    const dataBase64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const preview = unwrap(
      await call(
        v.core,
        'holders.importPreview',
        { fileName: 'rekap-10000.xlsx', dataBase64 },
        v.staff.tokens.verifikator,
      ),
    );
    expect(preview).toMatchObject({ totalRows: rows, validRows: rows, issues: [] });
    const done = unwrap(
      await call(
        v.core,
        'holders.importCommit',
        { fileName: 'rekap-10000.xlsx', dataBase64, mapping: preview.mapping },
        v.staff.tokens.verifikator,
      ),
    );
    expect(done).toMatchObject({ state: 'done', total: rows, processed: rows, imported: rows, skipped: 0 });
    expect(await count("SELECT count(*) FROM holders WHERE source = 'import' AND import_id = ?", done.importId)).toBe(
      rows,
    );
    expect(await count('SELECT count(*) FROM holders')).toBe(VOLUME_SIZE.holders + rows);
    const found = unwrap(await call(v.core, 'holders.list', { query: nik(9_999) }, v.staff.tokens.kasi));
    expect(found.rows.map((r) => r.name)).toEqual(['Impor Pegawai 9999']);
  }, 180_000);
});
