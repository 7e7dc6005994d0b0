/**
 * The dashboard's aggregate queries, each answered from an index over a range of instants:
 * volume per office-zone bucket, step durations from completed step events, and the total time
 * of applications completed in the range. Plain SQL so the bench and EXPLAIN tests can run it.
 */
import type { ApplicationStatus, ServiceType } from '../../../../shared/domain/application';
import type { Granularity } from '../../../../shared/domain/dashboard';
import type { Db } from '../db';
import { type Dialect, dialectOf } from '../dialect';

/** An instant range [fromIso, toIso) in UTC, and the office zone's offset for bucketing. */
export interface InstantRange {
  fromIso: string;
  toIso: string;
  offsetHours: number;
}

export const volumeSql = (dialect: Dialect, granularity: Granularity, offsetHours: number) => `
  SELECT ${dialect.bucketDay(granularity, 'created_at', offsetHours)} AS bucket, service_type, status, COUNT(*) AS n
  FROM applications WHERE created_at >= @fromIso AND created_at < @toIso
  GROUP BY bucket, service_type, status`;

export interface VolumeRow {
  bucket: string;
  serviceType: ServiceType;
  status: ApplicationStatus;
  n: number;
}

export async function volumeRows(db: Db, granularity: Granularity, range: InstantRange): Promise<VolumeRow[]> {
  const rows = (await db
    .prepare(volumeSql(dialectOf(db), granularity, range.offsetHours))
    .all({ fromIso: range.fromIso, toIso: range.toIso })) as {
    bucket: string;
    service_type: ServiceType;
    status: ApplicationStatus;
    n: number;
  }[];
  return rows.map((r) => ({ bucket: r.bucket, serviceType: r.service_type, status: r.status, n: r.n }));
}

// Step 1 is the intake itself (recorded the moment the letter is entered, always 0 minutes), so it
// would only flatter the averages and the compliance figure; the template schema makes it step 1.
export const STEP_DURATIONS_SQL = `
  SELECT step_no, COUNT(*) AS n, AVG(elapsed_minutes) AS average,
         COUNT(standard_minutes) AS with_standard,
         SUM(CASE WHEN standard_minutes IS NOT NULL AND elapsed_minutes <= standard_minutes THEN 1 ELSE 0 END) AS within_standard
  FROM step_events
  WHERE kind = 'completed' AND at >= @fromIso AND at < @toIso AND step_no > 1
  GROUP BY step_no ORDER BY step_no`;

export interface StepDurationRow {
  stepNo: number;
  count: number;
  averageMinutes: number;
  withStandard: number;
  withinStandard: number;
}

export async function stepDurationRows(db: Db, range: InstantRange): Promise<StepDurationRow[]> {
  const rows = (await db.prepare(STEP_DURATIONS_SQL).all({ fromIso: range.fromIso, toIso: range.toIso })) as {
    step_no: number;
    n: number;
    average: number;
    with_standard: number;
    within_standard: number;
  }[];
  return rows.map((r) => ({
    stepNo: r.step_no,
    count: r.n,
    averageMinutes: r.average,
    withStandard: r.with_standard,
    withinStandard: r.within_standard,
  }));
}

/**
 * Applications completed in the range and how long they took from the letter's entry. Once an
 * application closes, nothing moves its step start again (step-transition sets it to the closing
 * instant), so the index (status, current_step_started_at, created_at) answers this alone.
 */
export const totalDurationSql = (dialect: Dialect): string => `
  SELECT COUNT(*) AS n, AVG(${dialect.minutesBetween('created_at', 'current_step_started_at')}) AS average
  FROM applications
  WHERE status = 'completed' AND current_step_started_at >= @fromIso AND current_step_started_at < @toIso`;

export async function totalDuration(
  db: Db,
  range: InstantRange,
): Promise<{ count: number; averageMinutes: number | null }> {
  const row = (await db
    .prepare(totalDurationSql(dialectOf(db)))
    .get({ fromIso: range.fromIso, toIso: range.toIso })) as {
    n: number;
    average: number | null;
  };
  return { count: row.n, averageMinutes: row.average };
}
