/** The monthly/quarterly/yearly facilitation report (Laporan Fasilitasi) and the printables. */
import type { ServiceType } from './application';

export type ReportPeriod =
  | { kind: 'month'; year: number; month: number }
  | { kind: 'quarter'; year: number; quarter: number }
  | { kind: 'year'; year: number };

export interface CountsByOutcome {
  received: number;
  issued: number;
  returned: number;
  rejected: number;
}

export interface FacilitationReport {
  title: string;
  periodLabel: string;
  from: string;
  to: string;
  totals: CountsByOutcome;
  byServiceType: { serviceType: ServiceType; label: string; counts: CountsByOutcome }[];
  byAgency: { agency: string; counts: CountsByOutcome }[];
  steps: { stepNo: number; activity: string; standardMinutes: number | null; averageMinutes: number | null; count: number; compliancePercent: number | null }[];
  compliancePercent: number | null;
  issued: { referenceNo: string; name: string; nip: string; agency: string; issuedAt: string; expiresAt: string }[];
}

export type PrintableKind = 'disposition' | 'applicationForm' | 'handoverReceipt';
