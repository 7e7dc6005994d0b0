/**
 * The staff directory and the intake-assist answers: what the office's SIASN/SIMPEG export says
 * about each civil servant, the import report, the Kasi's list of holders who retired or moved,
 * and the readings intake offers (KTP, letter) for the verifier to confirm.
 */
import type { StaffField } from '../contract/intake-schemas';
import type { ServiceType } from './application';
import type { KtpOcrResult } from './identity';

/** One problem of one row of the staff export (row numbers as the office sees them, header = 1). */
export interface StaffImportIssue {
  row: number;
  field: StaffField | null;
  message: string;
}

export const EMPLOYMENT_STATUSES = ['active', 'retired', 'transferred', 'left'] as const;
export type EmploymentStatus = (typeof EMPLOYMENT_STATUSES)[number];

export const EMPLOYMENT_STATUS_LABELS: Record<EmploymentStatus, string> = {
  active: 'Aktif',
  retired: 'Pensiun',
  transferred: 'Mutasi/pindah',
  left: 'Berhenti/meninggal',
};

export interface StaffEntry {
  nip: string;
  name: string;
  rank: string;
  position: string;
  agency: string;
  officialEmail: string | null;
  phone: string | null;
  employmentStatus: EmploymentStatus;
  statusNote: string;
  updatedAt: string;
}

export const STAFF_FIELD_LABELS: Record<StaffField, string> = {
  nip: 'NIP',
  name: 'Nama (dengan gelar)',
  rank: 'Pangkat/golongan',
  position: 'Jabatan',
  agency: 'Unit kerja/OPD',
  officialEmail: 'Email dinas',
  phone: 'Nomor HP',
  employmentStatus: 'Status kepegawaian',
};
export const REQUIRED_STAFF_FIELDS: readonly StaffField[] = ['nip', 'name'];

export interface StaffImportPreview {
  columns: string[];
  mapping: Partial<Record<StaffField, number>>;
  totalRows: number;
  validRows: number;
  /** Of the valid rows: NIPs the directory does not hold yet, and NIPs it will update. */
  newRows: number;
  updatedRows: number;
  issues: StaffImportIssue[];
}

export interface StaffImportResult {
  importId: string;
  totalRows: number;
  inserted: number;
  updated: number;
  skipped: number;
  issues: StaffImportIssue[];
  message: string;
}

export interface StaffLookup {
  found: StaffEntry | null;
  /** The verifier's NIK↔NIP check runs on the form; this warns when the person no longer serves. */
  warning: string | null;
}

export interface StaffFlag {
  holderId: string;
  name: string;
  nip: string;
  agency: string;
  expiresAt: string;
  bsreStatus: string;
  employmentStatus: EmploymentStatus;
  statusNote: string;
  directoryAgency: string;
  /** What the Kasi should consider: revocation (retired, left) or a data change (transfer). */
  suggestion: 'revocation' | 'dataChange';
}

export interface StaffFlagList {
  directorySize: number;
  flags: StaffFlag[];
}

export interface LetterReading {
  source: 'pdfText' | 'ocr' | 'none';
  number: string | null;
  date: string | null;
  subject: string | null;
  nips: string[];
  /** Why nothing could be read (a scanned PDF without text, an unreadable image …). */
  note: string | null;
}

export interface KtpIntakeReading {
  ocr: KtpOcrResult;
  /** Fields whose confidence is below the desk's threshold: shown highlighted, never trusted silently. */
  unsure: string[];
}

export interface IntakeSettingsView {
  agendaFormat: string;
  parallelServiceTypes: ServiceType[];
  isDefault: boolean;
}

export interface CollectiveIntakeResult {
  letterGroupId: string;
  applications: { id: string; referenceNo: string; applicantName: string }[];
}
