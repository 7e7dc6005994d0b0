/**
 * The facilitation report's SQL: grouped counts over one period, each query a range scan of one
 * index (applications by created_at / issued_at, step_events by kind and time), so a year of a
 * busy regency stays well under a second.
 */
import type { ServiceType } from '../../../../shared/domain/application';
import type { IssuedCertificate } from '../../../../shared/domain/reports';
import type { Db } from '../db';
import { type Dialect, dialectOf } from '../dialect';

/** Instants are UTC ISO strings; days are office-zone dates (issue dates are stored as days). */
export interface PeriodBounds {
  fromInstant: string;
  toInstant: string;
  fromDay: string;
  toDay: string;
}

export interface GroupCount {
  serviceType: ServiceType;
  agency: string;
  n: number;
}

export interface IssuedGroupCount extends GroupCount {
  month: string;
}

export interface OutcomeGroupCount extends GroupCount {
  kind: 'returned' | 'rejected';
}

export interface StepAggregate {
  stepNo: number;
  count: number;
  averageMinutes: number;
  withStandard: number;
  withinStandard: number;
  standardMinutes: number | null;
}

export const facilitationSql = (dialect: Dialect) =>
  ({
    received: `SELECT service_type AS serviceType, agency, COUNT(*) AS n FROM applications
    WHERE created_at >= @fromInstant AND created_at < @toInstant GROUP BY service_type, agency`,
    issued: `SELECT substr(issued_at, 1, 7) AS month, service_type AS serviceType, agency, COUNT(*) AS n FROM applications
    WHERE issued_at >= @fromDay AND issued_at < @toDay GROUP BY month, service_type, agency`,
    outcomes: `SELECT e.kind AS kind, a.service_type AS serviceType, a.agency AS agency, COUNT(DISTINCT e.application_id) AS n
    FROM step_events e JOIN applications a ON a.id = e.application_id
    WHERE e.kind IN ('returned', 'rejected') AND e.at >= @fromInstant AND e.at < @toInstant GROUP BY e.kind, a.service_type, a.agency`,
    steps: `SELECT step_no AS stepNo, COUNT(*) AS count, AVG(elapsed_minutes) AS averageMinutes,
      COUNT(standard_minutes) AS withStandard,
      SUM(CASE WHEN standard_minutes IS NOT NULL AND elapsed_minutes <= standard_minutes THEN 1 ELSE 0 END) AS withinStandard,
      MAX(standard_minutes) AS standardMinutes
    FROM step_events WHERE kind = 'completed' AND at >= @fromInstant AND at < @toInstant GROUP BY step_no ORDER BY step_no`,
    identityChecks: `SELECT
      COALESCE(SUM(CASE WHEN ${dialect.jsonText('data_json', 'identityCheck.method')} = 'manual' THEN 1 ELSE 0 END), 0) AS manual,
      COALESCE(SUM(CASE WHEN ${dialect.jsonText('data_json', 'identityCheck.method')} = 'manual' THEN 0 ELSE 1 END), 0) AS desk
    FROM step_events WHERE kind = 'completed' AND at >= @fromInstant AND at < @toInstant
      AND ${dialect.jsonText('data_json', 'identityCheck')} IS NOT NULL`,
    issuedList: `SELECT reference_no AS referenceNo, applicant_name AS name, nip, agency, service_type AS serviceType,
      issued_at AS issuedAt, expires_at AS expiresAt, certificate_serial AS serialNumber
    FROM applications WHERE issued_at >= @fromDay AND issued_at < @toDay ORDER BY issued_at, reference_no LIMIT @limit`,
  }) as const;

export async function receivedCounts(db: Db, b: PeriodBounds): Promise<GroupCount[]> {
  return (await db
    .prepare(facilitationSql(dialectOf(db)).received)
    .all({ fromInstant: b.fromInstant, toInstant: b.toInstant })) as GroupCount[];
}

export async function issuedCounts(db: Db, b: PeriodBounds): Promise<IssuedGroupCount[]> {
  return (await db
    .prepare(facilitationSql(dialectOf(db)).issued)
    .all({ fromDay: b.fromDay, toDay: b.toDay })) as IssuedGroupCount[];
}

export async function outcomeCounts(db: Db, b: PeriodBounds): Promise<OutcomeGroupCount[]> {
  return (await db
    .prepare(facilitationSql(dialectOf(db)).outcomes)
    .all({ fromInstant: b.fromInstant, toInstant: b.toInstant })) as OutcomeGroupCount[];
}

export async function stepAggregates(db: Db, b: PeriodBounds): Promise<StepAggregate[]> {
  return (await db
    .prepare(facilitationSql(dialectOf(db)).steps)
    .all({ fromInstant: b.fromInstant, toInstant: b.toInstant })) as StepAggregate[];
}

export async function issuedCertificates(db: Db, b: PeriodBounds, limit: number): Promise<IssuedCertificate[]> {
  return (await db
    .prepare(facilitationSql(dialectOf(db)).issuedList)
    .all({ fromDay: b.fromDay, toDay: b.toDay, limit })) as IssuedCertificate[];
}

/** Full names of the active users holding a role, oldest account first (for signature blocks). */
export async function activeUserOfRole(db: Db, role: string): Promise<{ fullName: string; nip: string } | null> {
  return (
    ((await db
      .prepare(
        'SELECT full_name AS fullName, nip FROM users WHERE role = ? AND active = 1 ORDER BY created_at, id LIMIT 1',
      )
      .get(role)) as { fullName: string; nip: string } | undefined) ?? null
  );
}

/** Identity-check steps completed in the period: at the desk, and by "verifikasi manual". */
export async function identityCheckCounts(db: Db, b: PeriodBounds): Promise<{ desk: number; manual: number }> {
  return (await db
    .prepare(facilitationSql(dialectOf(db)).identityChecks)
    .get({ fromInstant: b.fromInstant, toInstant: b.toInstant })) as {
    desk: number;
    manual: number;
  };
}
