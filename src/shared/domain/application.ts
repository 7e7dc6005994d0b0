/** What an application (permohonan) looks like when it leaves the core, for lists and details. */
import type { DocumentKind, StepAction } from '../sop/template';
import type { BsreApplicationView } from './bsre';
import type { Role } from './roles';

export const SERVICE_TYPES = ['new', 'renewal', 'revocation', 'dataChange', 'passphraseHelp'] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

export const SERVICE_TYPE_LABELS: Record<ServiceType, string> = {
  new: 'Penerbitan baru',
  renewal: 'Perpanjangan',
  revocation: 'Pencabutan',
  dataChange: 'Perubahan data',
  passphraseHelp: 'Bantuan reset passphrase',
};

export const APPLICATION_STATUSES = ['inProgress', 'returned', 'completed', 'rejected'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  inProgress: 'Dalam proses',
  returned: 'Dikembalikan ke pemohon',
  completed: 'Selesai',
  rejected: 'Ditolak',
};

export interface ApplicationSummary {
  id: string;
  referenceNo: string;
  serviceType: ServiceType;
  status: ApplicationStatus;
  applicantName: string;
  /** Masked unless the caller's role handles personal data. */
  nik: string;
  nip: string;
  agency: string;
  templateId: string;
  currentStepNo: number;
  currentStepActivity: string;
  currentStepActor: Role | null;
  currentStepStartedAt: string;
  createdAt: string;
  /** The row's personal data could not be opened (damaged or under another key): shown masked and marked. */
  unreadable?: boolean;
}

export interface ApplicantView {
  name: string;
  nik: string;
  nikMasked: boolean;
  nip: string;
  rank: string;
  position: string;
  agency: string;
  officialEmail: string | null;
  needsOfficialEmail: boolean;
  phone: string;
}

export interface DocumentView {
  id: string;
  kind: DocumentKind;
  fileName: string;
  mimeType: string;
  size: number;
  uploadedAt: string;
  /** Bytes purged (retention after closing, or a data-subject erasure): only this description is left. */
  purged?: { at: string; reason: 'retention' | 'erasure' } | null;
}

export type StepEventKind = 'completed' | 'returned' | 'resubmitted' | 'rejected';

export interface StepEvent {
  id: string;
  stepNo: number;
  kind: StepEventKind;
  actorName: string;
  actorRole: Role;
  at: string;
  startedAt: string;
  elapsedMinutes: number;
  standardMinutes: number | null;
  note: string;
  /** What the step recorded (checklist ticks, issuance dates, identity decision …). */
  data: Record<string, unknown>;
}

export interface ApplicationDetail extends ApplicationSummary {
  applicant: ApplicantView;
  letter: { number: string; date: string; subject: string; agendaNumber: string };
  agencyHead: { name: string; nip: string; position: string } | null;
  assignedVerifier: { id: string; name: string } | null;
  documents: DocumentView[];
  events: StepEvent[];
  returnReason: string | null;
  certificate: { issuedAt: string; expiresAt: string; serialNumber: string | null } | null;
  bsre: BsreApplicationView;
  /** Verifier changes made from the queue (optional: older hosts do not send it). */
  reassignments?: import('./queue').ReassignmentView[];
  /** The name BSrE registers (titles stripped from the written name); optional for older hosts. */
  bsreName?: string;
  /** Other applications made from the same collective letter (optional for older hosts). */
  letterGroup?: { id: string; referenceNo: string; applicantName: string }[];
  /** The actions the caller may take now (computed in the core from role and state). */
  allowed: { act: boolean; return: boolean; reject: boolean; resubmit: boolean; currentActions: StepAction[] };
}

export interface HolderView {
  id: string;
  applicationId: string | null;
  name: string;
  nik: string;
  nip: string;
  agency: string;
  position: string;
  officialEmail: string | null;
  phone: string;
  issuedAt: string;
  expiresAt: string;
  bsreStatus: string;
  bsreCheckedAt: string | null;
  /** BSrE's status disagrees with what the recap's dates expect. */
  bsreMismatch: boolean;
  /** The row's personal data could not be opened: shown masked and marked, the rest of the page still answers. */
  unreadable?: boolean;
}
