/** The Kasi's live queue: every open application, where it waits, and how long against the standard. */
import type { ServiceType } from './application';
import type { Role } from './roles';
import type { SlaState } from './sla';

/** Who the application is waiting on right now. */
export type WaitingOn = 'applicant' | 'office' | 'bsre';

export const WAITING_ON_LABELS: Record<WaitingOn, string> = {
  applicant: 'Menunggu pemohon',
  office: 'Menunggu kantor',
  bsre: 'Menunggu BSrE',
};

/** The queue shows at most this many rows; the counts always cover the whole filtered set. */
export const QUEUE_ROW_LIMIT = 500;

export interface QueueItem {
  id: string;
  referenceNo: string;
  serviceType: ServiceType;
  status: 'inProgress' | 'returned';
  applicantName: string;
  agency: string;
  /** The SOP the application follows; with stepNo it names the step's activity in QueueView.stepActivities. */
  templateId: string;
  stepNo: number;
  stepRole: Role | null;
  /** Who holds it: the assigned verifier for verifier steps, otherwise the role's label ("Pemohon" when returned). */
  holder: string;
  verifier: { id: string; name: string } | null;
  waitingOn: WaitingOn;
  stepStartedAt: string;
  elapsedMinutes: number;
  /** Null while the application waits on the applicant: the office's clock is not running. */
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
  /** More rows matched than QUEUE_ROW_LIMIT; the most overdue are shown. */
  truncated: boolean;
  /**
   * The activity of every step the rows stand at, once per template and step (`stepKey`), not once
   * per row: at volume the same long SOP sentence would otherwise be a fifth of every re-read.
   */
  stepActivities: Record<string, string>;
  /** Choices for the filters, from the open applications and the active verifiers. */
  options: { steps: { no: number; activity: string }[]; verifiers: { id: string; name: string }[]; agencies: string[] };
}

export const stepKey = (templateId: string, stepNo: number): string => `${templateId}#${stepNo}`;

/** The activity of the step the row stands at ('' when its template no longer has it). */
export function stepActivityOf(
  view: Pick<QueueView, 'stepActivities'>,
  item: Pick<QueueItem, 'templateId' | 'stepNo'>,
): string {
  return view.stepActivities[stepKey(item.templateId, item.stepNo)] ?? '';
}

/** A verifier change made from the queue, for the application's history. */
export interface ReassignmentView {
  id: string;
  at: string;
  from: string | null;
  to: string;
  by: string;
  note: string;
}
