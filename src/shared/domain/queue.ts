/** The Kasi's live queue: every open application, where it waits, and how long against the standard. */
import type { Role } from './roles';
import type { ServiceType } from './application';
import type { SlaState } from './sla';

/** Who the application is waiting on right now. */
export type WaitingOn = 'applicant' | 'office' | 'bsre';

export interface QueueItem {
  id: string;
  referenceNo: string;
  serviceType: ServiceType;
  applicantName: string;
  agency: string;
  stepNo: number;
  stepActivity: string;
  stepRole: Role | null;
  /** Who holds it: the assigned verifier for verifier steps, otherwise the role's label. */
  holder: string;
  verifier: { id: string; name: string } | null;
  waitingOn: WaitingOn;
  stepStartedAt: string;
  elapsedMinutes: number;
  standardMinutes: number | null;
  sla: SlaState;
}

export interface QueueCounts {
  total: number;
  onTime: number;
  near: number;
  overdue: number;
  waitingOnApplicant: number;
  waitingOnOffice: number;
  waitingOnBsre: number;
}

export interface QueueView {
  generatedAt: string;
  counts: QueueCounts;
  items: QueueItem[];
  /** Choices for the filters, from the open applications and the active verifiers. */
  options: { steps: { no: number; activity: string }[]; verifiers: { id: string; name: string }[]; agencies: string[] };
}
