/**
 * The facilitation report at a regency's scale: 100,000 applications (two years, ~870,000 step
 * events) seeded into a real store; the year's grouped counts must come from index range scans
 * (EXPLAIN QUERY PLAN), agree with plain COUNT queries, and the PDF must still parse. Timings are
 * for `npm run bench`, not asserted here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildFacilitationReport, periodBounds } from '../../src/main/core/reports/facilitation';
import { facilitationPdf, PDF_ISSUED_LIMIT } from '../../src/main/core/reports/facilitation-pdf';
import { dialectOf } from '../../src/main/core/store/dialect';
import { facilitationSql } from '../../src/main/core/store/repos/facilitation';
import { readOffice } from '../../src/main/core/store/repos/office';
import type { Office } from '../../src/shared/domain/office';
import { templateById } from '../helpers/core-fixture';
import { pdfText } from '../helpers/pdf-text';
import { openVolumeCore, VOLUME_NOW, type VolumeCore } from '../helpers/volume-store';

const NOW = VOLUME_NOW;
const YEAR = { kind: 'year', year: 2026 } as const;
let t: VolumeCore;
let office: Office;

beforeAll(async () => {
  t = await openVolumeCore();
  office =
    (await readOffice(t.core.db)) ??
    (() => {
      throw new Error('no office');
    })();
}, 180_000);

afterAll(async () => await t.close());

const count = async (sql: string, ...params: unknown[]) =>
  ((await t.core.db.prepare(sql).get(...params)) as { n: number }).n;

describe('facilitation report on 100,000 applications', () => {
  it('every aggregation is an index range scan, never a table scan', async () => {
    const bounds = periodBounds(YEAR, office);
    for (const [name, sql] of Object.entries(facilitationSql(dialectOf(t.core.db)))) {
      const plan = (
        (await t.core.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ ...bounds, limit: 10 })) as { detail: string }[]
      ).map((r) => r.detail);
      expect(
        plan.some((d) => /^SCAN (applications|step_events|a|e)\b/.test(d)),
        `${name}: ${plan.join(' | ')}`,
      ).toBe(false);
      expect(plan[0], name).toMatch(/^SEARCH \w+ USING (COVERING )?INDEX /);
    }
    const plan = async (sql: string) =>
      ((await t.core.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ ...bounds, limit: 10 })) as { detail: string }[])
        .map((r) => r.detail)
        .join(' | ');
    expect(await plan(facilitationSql(dialectOf(t.core.db)).received)).toContain(
      'COVERING INDEX applications_created_report',
    );
    expect(await plan(facilitationSql(dialectOf(t.core.db)).issued)).toContain(
      'COVERING INDEX applications_issued_report',
    );
    expect(await plan(facilitationSql(dialectOf(t.core.db)).steps)).toContain('COVERING INDEX step_events_kind_at');
    expect(await plan(facilitationSql(dialectOf(t.core.db)).outcomes)).toContain('COVERING INDEX step_events_kind_at');
  });

  it("the year's figures agree with plain counts, and the PDF lists the first certificates and says where the rest are", async () => {
    const bounds = periodBounds(YEAR, office);
    const report = await buildFacilitationReport(t.core.db, {
      office,
      template: templateById('trenggalek-2024'),
      period: YEAR,
      now: NOW,
      issuedLimit: PDF_ISSUED_LIMIT,
    });
    const received = await count(
      'SELECT COUNT(*) AS n FROM applications WHERE created_at >= ? AND created_at < ?',
      bounds.fromInstant,
      bounds.toInstant,
    );
    const issued = await count(
      'SELECT COUNT(*) AS n FROM applications WHERE issued_at >= ? AND issued_at < ?',
      bounds.fromDay,
      bounds.toDay,
    );
    const rejected = await count(
      "SELECT COUNT(DISTINCT application_id) AS n FROM step_events WHERE kind = 'rejected' AND at >= ? AND at < ?",
      bounds.fromInstant,
      bounds.toInstant,
    );
    const completedSteps = await count(
      "SELECT COUNT(*) AS n FROM step_events WHERE kind = 'completed' AND at >= ? AND at < ?",
      bounds.fromInstant,
      bounds.toInstant,
    );
    expect(received).toBeGreaterThan(40_000);
    expect(report.totals.received).toBe(received);
    expect(report.totals.issued).toBe(issued);
    expect(report.totals.rejected).toBe(rejected);
    expect(report.steps.reduce((sum, s) => sum + s.count, 0)).toBe(completedSteps);
    expect(report.byAgency.reduce((sum, a) => sum + a.counts.received, 0)).toBe(received);
    expect(report.issuedByMonth.reduce((sum, m) => sum + m.count, 0)).toBe(issued);
    expect(report.issued).toHaveLength(PDF_ISSUED_LIMIT);

    const { text, pages } = await pdfText(await facilitationPdf(office, report, { kasi: null, kabid: null }));
    expect(text).toContain('Periode: Tahun 2026');
    expect(text).toContain(`Ditampilkan 500 dari ${new Intl.NumberFormat('id-ID').format(issued)} sertifikat`);
    expect(text).toContain(report.issued[0]?.name ?? '');
    expect(pages).toBeGreaterThan(10);
  }, 60_000);
});
