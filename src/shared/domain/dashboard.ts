/** The dashboard's figures: volume over time, durations per step against the SOP, SLA compliance. */
import type { ServiceType } from './application';
import type { TimeZoneLabel } from './office';

export type Granularity = 'day' | 'week' | 'month';

export const GRANULARITY_LABELS: Record<Granularity, string> = { day: 'Harian', week: 'Mingguan', month: 'Bulanan' };

/** Fixed UTC offsets of the Indonesian zones (no daylight saving), for bucketing in SQL. */
export const ZONE_OFFSET_HOURS: Record<TimeZoneLabel, number> = { WIB: 7, WITA: 8, WIT: 9 };

/** Longest range per granularity, so a chart never gets thousands of bars. */
export const MAX_RANGE_DAYS: Record<Granularity, number> = { day: 366, week: 3 * 366, month: 10 * 366 };

export interface VolumeBucket {
  /** First day of the bucket, YYYY-MM-DD in the office zone. */
  start: string;
  label: string;
  byServiceType: Partial<Record<ServiceType, number>>;
  byStatus: { inProgress: number; returned: number; completed: number; rejected: number };
  total: number;
}

export interface StepDuration {
  stepNo: number;
  activity: string;
  standardMinutes: number | null;
  count: number;
  averageMinutes: number;
  /** Share of completed steps within the standard, 0–100; null when the step has no standard. */
  compliancePercent: number | null;
}

export interface DashboardView {
  from: string;
  to: string;
  granularity: Granularity;
  volume: VolumeBucket[];
  steps: StepDuration[];
  /** Applications received in the range. */
  totalApplications: number;
  /** Applications completed in the range (their last step fell in it). */
  completedApplications: number;
  averageTotalMinutes: number | null;
  compliancePercent: number | null;
}
