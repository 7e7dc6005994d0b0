/**
 * Assembles the facilitation report from the grouped counts of one period — callable straight
 * from a bench or a test with a db, without a session.
 */
import { SERVICE_TYPE_LABELS, SERVICE_TYPES, type ServiceType } from '../../../shared/domain/application';
import { ZONE_OFFSET_HOURS } from '../../../shared/domain/dashboard';
import { KYC_REFUSAL_LABELS, KYC_REFUSAL_REASONS } from '../../../shared/domain/kyc';
import type { Office } from '../../../shared/domain/office';
import {
  type CountsByOutcome,
  FACILITATION_TITLE,
  type FacilitationReport,
  monthLabel,
  periodDays,
  periodLabel,
  periodMonths,
  type ReportPeriod,
} from '../../../shared/domain/reports';
import type { SopTemplate } from '../../../shared/sop/template';
import type { Db } from '../store/db';
import {
  type GroupCount,
  identityCheckCounts,
  issuedCertificates,
  issuedCounts,
  outcomeCounts,
  type PeriodBounds,
  receivedCounts,
  stepAggregates,
} from '../store/repos/facilitation';
import { kycRefusalCounts } from '../store/repos/kyc-refusals';

export interface FacilitationInput {
  office: Office;
  /** The template whose step names label the per-step table (the office's active one). */
  template: SopTemplate | undefined;
  period: ReportPeriod;
  now: Date;
  /** How many issued certificates to list (the count is always complete). */
  issuedLimit: number;
}

/** The period's bounds: office-zone days, and the UTC instants where those days begin. */
export function periodBounds(period: ReportPeriod, office: Office): PeriodBounds {
  const { first, next } = periodDays(period);
  const offsetMs = ZONE_OFFSET_HOURS[office.timeZone] * 3_600_000;
  const instant = (day: string) => new Date(Date.parse(`${day}T00:00:00.000Z`) - offsetMs).toISOString();
  return { fromInstant: instant(first), toInstant: instant(next), fromDay: first, toDay: next };
}

const zero = (): CountsByOutcome => ({ received: 0, issued: 0, returned: 0, rejected: 0 });
const percent = (part: number, whole: number): number | null =>
  whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;

export async function buildFacilitationReport(db: Db, input: FacilitationInput): Promise<FacilitationReport> {
  const bounds = periodBounds(input.period, input.office);
  const totals = zero();
  const byType = new Map<ServiceType, CountsByOutcome>(SERVICE_TYPES.map((t) => [t, zero()]));
  const byAgency = new Map<string, CountsByOutcome>();
  const add = (g: GroupCount, field: keyof CountsByOutcome): void => {
    totals[field] += g.n;
    const type = byType.get(g.serviceType) ?? zero();
    type[field] += g.n;
    byType.set(g.serviceType, type);
    const agency = byAgency.get(g.agency) ?? zero();
    agency[field] += g.n;
    byAgency.set(g.agency, agency);
  };

  for (const g of await receivedCounts(db, bounds)) add(g, 'received');
  const perMonth = new Map<string, number>();
  for (const g of await issuedCounts(db, bounds)) {
    add(g, 'issued');
    perMonth.set(g.month, (perMonth.get(g.month) ?? 0) + g.n);
  }
  for (const g of await outcomeCounts(db, bounds)) add(g, g.kind);

  const steps = await stepAggregates(db, bounds);
  const stepNos = [...new Set([...(input.template?.steps.map((s) => s.no) ?? []), ...steps.map((s) => s.stepNo)])].sort(
    (a, b) => a - b,
  );
  const withStandard = steps.reduce((sum, s) => sum + s.withStandard, 0);
  const withinStandard = steps.reduce((sum, s) => sum + s.withinStandard, 0);
  const { first, last } = periodDays(input.period);
  const kyc = new Map((await kycRefusalCounts(db, bounds.fromInstant, bounds.toInstant)).map((r) => [r.reason, r.n]));
  const pad = (n: number) => String(n).padStart(2, '0');

  return {
    title: FACILITATION_TITLE,
    period: input.period,
    periodLabel: periodLabel(input.period),
    from: first,
    to: last,
    generatedAt: input.now.toISOString(),
    totals,
    byServiceType: [...byType].map(([serviceType, counts]) => ({
      serviceType,
      label: SERVICE_TYPE_LABELS[serviceType] ?? serviceType,
      counts,
    })),
    byAgency: [...byAgency]
      .map(([agency, counts]) => ({ agency, counts }))
      .sort(
        (a, b) =>
          b.counts.received - a.counts.received ||
          b.counts.issued - a.counts.issued ||
          a.agency.localeCompare(b.agency, 'id'),
      ),
    steps: stepNos.map((stepNo) => {
      const s = steps.find((x) => x.stepNo === stepNo);
      const templateStep = input.template?.steps.find((x) => x.no === stepNo);
      return {
        stepNo,
        activity: templateStep?.activity ?? `Langkah ${stepNo}`,
        standardMinutes: s?.standardMinutes ?? templateStep?.standardMinutes ?? null,
        averageMinutes: s ? Math.round(s.averageMinutes * 10) / 10 : null,
        count: s?.count ?? 0,
        compliancePercent: s ? percent(s.withinStandard, s.withStandard) : null,
      };
    }),
    compliancePercent: percent(withinStandard, withStandard),
    issuedByMonth: periodMonths(input.period).map(([y, m]) => {
      const month = `${y}-${pad(m)}`;
      return { month, label: monthLabel(month), count: perMonth.get(month) ?? 0 };
    }),
    issued: await issuedCertificates(db, bounds, input.issuedLimit),
    issuedTotal: totals.issued,
    kycRefusals: KYC_REFUSAL_REASONS.map((reason) => ({
      reason,
      label: KYC_REFUSAL_LABELS[reason],
      count: kyc.get(reason) ?? 0,
    })),
    kycRefusalTotal: [...kyc.values()].reduce((sum, n) => sum + n, 0),
    identityChecks: await identityCheckCounts(db, bounds),
  };
}
