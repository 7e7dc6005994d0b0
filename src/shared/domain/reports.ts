/** The monthly/quarterly/yearly facilitation report (Laporan Fasilitasi) and the printables. */
import type { ServiceType } from './application';
import type { KycRefusalCount } from './kyc';

export type ReportPeriod =
  | { kind: 'month'; year: number; month: number }
  | { kind: 'quarter'; year: number; quarter: number }
  | { kind: 'year'; year: number };

export const FACILITATION_TITLE = 'Laporan Fasilitasi Layanan Penerbitan Sertifikat Elektronik';

export const MONTH_NAMES = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
] as const;
const QUARTER_NAMES = ['I', 'II', 'III', 'IV'] as const;

export interface CountsByOutcome {
  /** Applications created in the period. */
  received: number;
  /** Applications whose certificate was issued in the period (issue date in the office zone). */
  issued: number;
  /** Applications returned to the applicant in the period (each counted once per period). */
  returned: number;
  /** Applications rejected in the period. */
  rejected: number;
}

export interface IssuedCertificate {
  referenceNo: string;
  name: string;
  nip: string;
  agency: string;
  serviceType: ServiceType;
  /** YYYY-MM-DD in the office zone. */
  issuedAt: string;
  expiresAt: string;
  serialNumber: string | null;
}

export interface StepFigures {
  stepNo: number;
  activity: string;
  standardMinutes: number | null;
  averageMinutes: number | null;
  /** Completed steps in the period. */
  count: number;
  /** Share of completed steps within the standard, 0–100; null when the step has no standard. */
  compliancePercent: number | null;
}

export interface FacilitationReport {
  title: string;
  period: ReportPeriod;
  /** "Oktober 2026", "Triwulan IV 2026", "Tahun 2026". */
  periodLabel: string;
  /** First and last day of the period, YYYY-MM-DD in the office zone. */
  from: string;
  to: string;
  generatedAt: string;
  totals: CountsByOutcome;
  byServiceType: { serviceType: ServiceType; label: string; counts: CountsByOutcome }[];
  byAgency: { agency: string; counts: CountsByOutcome }[];
  steps: StepFigures[];
  /** Over all completed steps that have a standard; null when there were none. */
  compliancePercent: number | null;
  /** Certificates issued per month of the period (one entry per month, zeros included). */
  issuedByMonth: { month: string; label: string; count: number }[];
  /** The certificates issued, oldest first; may be cut short — `issuedTotal` is the full count. */
  issued: IssuedCertificate[];
  issuedTotal: number;
  /** BSrE's KYC refusals at activation recorded in the period, one entry per reason (zeros included). */
  kycRefusals: KycRefusalCount[];
  kycRefusalTotal: number;
  /** Identity-check steps completed in the period: at the Meja Verifikasi, and by "verifikasi manual". */
  identityChecks: { desk: number; manual: number };
}

export type PrintableKind = 'disposition' | 'applicationForm' | 'handoverReceipt';

export const PRINTABLE_LABELS: Record<PrintableKind, string> = {
  disposition: 'Lembar Disposisi',
  applicationForm: 'Formulir Permohonan Penerbitan Sertifikat Elektronik',
  handoverReceipt: 'Tanda Terima Sertifikat Elektronik',
};

const pad = (n: number) => String(n).padStart(2, '0');

/** The months a period covers, as [year, month] pairs. */
export function periodMonths(p: ReportPeriod): [number, number][] {
  const first = p.kind === 'month' ? p.month : p.kind === 'quarter' ? (p.quarter - 1) * 3 + 1 : 1;
  const count = p.kind === 'month' ? 1 : p.kind === 'quarter' ? 3 : 12;
  return Array.from({ length: count }, (_, i) => [p.year, first + i]);
}

/** First day of the period and first day after it, YYYY-MM-DD (office-zone calendar days). */
export function periodDays(p: ReportPeriod): { first: string; next: string; last: string } {
  const months = periodMonths(p);
  const [y1, m1] = months[0] ?? [p.year, 1];
  const [y2, m2] = months[months.length - 1] ?? [p.year, 12];
  const nextYear = m2 === 12 ? y2 + 1 : y2;
  const nextMonth = m2 === 12 ? 1 : m2 + 1;
  const lastDay = new Date(Date.UTC(nextYear, nextMonth - 1, 1) - 86_400_000).getUTCDate();
  return {
    first: `${y1}-${pad(m1)}-01`,
    next: `${nextYear}-${pad(nextMonth)}-01`,
    last: `${y2}-${pad(m2)}-${pad(lastDay)}`,
  };
}

export function periodLabel(p: ReportPeriod): string {
  if (p.kind === 'month') return `${MONTH_NAMES[p.month - 1]} ${p.year}`;
  if (p.kind === 'quarter') return `Triwulan ${QUARTER_NAMES[p.quarter - 1]} ${p.year}`;
  return `Tahun ${p.year}`;
}

/** The part of a file name that names the period: 2026-10, 2026-q4, 2026. */
export function periodSlug(p: ReportPeriod): string {
  if (p.kind === 'month') return `${p.year}-${pad(p.month)}`;
  if (p.kind === 'quarter') return `${p.year}-q${p.quarter}`;
  return String(p.year);
}

/** "Oktober 2026" for 2026-10. */
export function monthLabel(yearMonth: string): string {
  const [y, m] = yearMonth.split('-').map(Number);
  return `${MONTH_NAMES[(m ?? 1) - 1]} ${y}`;
}
