/** The dashboard's figures: volume over time, durations per step against the SOP, SLA compliance. */
import type { ServiceType } from './application';

export type Granularity = 'day' | 'week' | 'month';

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
  averageTotalMinutes: number | null;
  compliancePercent: number | null;
}
