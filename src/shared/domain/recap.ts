/** The recap of TTE users as a page of a large table, its import report and its filters. */
import type { HolderView } from './application';

export type HolderSort = 'name' | 'agency' | 'issuedAt' | 'expiresAt' | 'bsreStatus';

export const EXPIRY_WINDOWS = [30, 60, 90] as const;
export type ExpiryWindow = (typeof EXPIRY_WINDOWS)[number];

export interface HolderPage {
  total: number;
  offset: number;
  rows: HolderView[];
  agencies: string[];
  /** How many holders (under the other filters) expire within each window from today. */
  expiring: { days: ExpiryWindow; count: number }[];
  /** Today in the office zone (YYYY-MM-DD), so the screen colours expiry the way the core counts it. */
  today: string;
}

/** Labels of the recap's import fields, as the office's spreadsheets name them. */
export const IMPORT_FIELD_LABELS: Record<ImportField, string> = {
  name: 'Nama',
  nik: 'NIK',
  nip: 'NIP',
  agency: 'OPD / unit kerja',
  position: 'Jabatan',
  officialEmail: 'Email dinas',
  phone: 'No. HP/WA',
  issuedAt: 'Tanggal terbit',
  expiresAt: 'Berlaku s.d.',
};

/** Fields an import cannot do without. */
export const REQUIRED_IMPORT_FIELDS = ['name', 'nik', 'nip', 'agency', 'issuedAt'] as const;

/** The fields an imported recap row can fill. */
export const IMPORT_FIELDS = [
  'name',
  'nik',
  'nip',
  'agency',
  'position',
  'officialEmail',
  'phone',
  'issuedAt',
  'expiresAt',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export interface ImportIssue {
  /** Row number as the office sees it in the spreadsheet (header is row 1). */
  row: number;
  field: ImportField | null;
  message: string;
}

export interface ImportPreview {
  columns: string[];
  mapping: Partial<Record<ImportField, number>>;
  totalRows: number;
  validRows: number;
  issues: ImportIssue[];
  /** More issues than listed. */
  issuesTruncated: boolean;
}

export interface ImportProgress {
  importId: string | null;
  state: 'idle' | 'running' | 'done' | 'failed';
  phase: 'reading' | 'validating' | 'saving' | null;
  processed: number;
  total: number;
  imported: number;
  skipped: number;
  message: string | null;
}

/** A renewal (perpanjangan) intake prefilled from a holder in the recap. */
export interface RenewalDraft {
  holderId: string;
  serviceType: 'renewal';
  applicant: {
    name: string;
    nik: string;
    nip: string;
    position: string;
    agency: string;
    officialEmail: string;
    phone: string;
  };
  previousExpiresAt: string;
}
