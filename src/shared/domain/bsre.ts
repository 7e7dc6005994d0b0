/** What the renderer sees of the BSrE connection: mode, last status per application, settings. */
import type { ServiceSuggestion } from './bsre-status';
import type { KycRefusalView } from './kyc';

export type BsreMode = 'training' | 'live' | 'manual';

export const BSRE_MODE_LABELS: Record<BsreMode, string> = {
  training: 'Mode Latihan (simulator BSrE)',
  live: 'Terhubung ke layanan BSrE kantor',
  manual: 'Tanpa integrasi (dicatat manual oleh verifikator)',
};

export type RegistrationState = 'pending' | 'sending' | 'unknown' | 'done' | 'failed';

export const REGISTRATION_STATE_LABELS: Record<RegistrationState, string> = {
  pending: 'Menunggu dikirim ke BSrE',
  sending: 'Sedang dikirim ke BSrE',
  unknown: 'Belum pasti apakah BSrE sudah mencatatnya — status email sedang dipastikan',
  done: 'Terdaftar di BSrE',
  failed: 'Ditolak BSrE',
};

/** What the verifier may do with the registration now (the panel shows exactly these). */
export type RegistrationDecision = 'recheck' | 'resend' | 'markRegistered';

export const REGISTRATION_DECISION_LABELS: Record<RegistrationDecision, string> = {
  recheck: 'Periksa di portal BSrE',
  resend: 'Kirim ulang',
  markRegistered: 'Tandai sudah terdaftar',
};

export interface BsreApplicationView {
  mode: BsreMode;
  status: string | null;
  statusLabel: string;
  statusCode: string | null;
  message: string | null;
  checkedAt: string | null;
  nextCheckAt: string | null;
  registration: {
    state: RegistrationState;
    lastError: string | null;
    attempts: number;
    updatedAt: string;
    /** The email the registration carried (BSrE's key for it); masked for roles without personal data. */
    email: string;
    decisions: RegistrationDecision[];
  } | null;
  /** BSrE's KYC refusals at activation, newest first. */
  kycRefusals: KycRefusalView[];
}

export interface BsreConnectionInfo {
  mode: BsreMode;
  problem: string | null;
  simulatorUrl: string | null;
}

export interface BsreSettingsView {
  mode: BsreMode;
  baseUrl: string;
  allowHttp: boolean;
  username: string;
  hasPassword: boolean;
  apiVersion: 'v1' | 'v2';
  registrationPath: string;
  oidInstansi: string;
  sendOidInstansi: boolean;
  sendNik: boolean;
  sendRecommendationLetter: boolean;
  pollIntervalSeconds: number;
  /** Where requests really go (the simulator's address in training mode). */
  effectiveBaseUrl: string | null;
}

export interface ConnectionTestResult {
  ok: boolean;
  kind: string;
  message: string;
  httpStatus: number | null;
  durationMs: number;
  baseUrl: string | null;
}

export interface NikStatusCheck {
  status: string;
  statusLabel: string;
  message: string;
  suggestion: ServiceSuggestion;
}

export interface TrainingUser {
  nik: string;
  name: string;
  email: string;
  status: string;
  certificateNotAfter: string | null;
}

export interface TrainingEmail {
  to: string;
  subject: string;
  body: string;
  at: string;
}

export interface TrainingState {
  users: TrainingUser[];
  emails: TrainingEmail[];
}

export interface RecapRefreshProgress {
  running: boolean;
  done: number;
  total: number;
  /** Holders whose BSrE status disagrees with the recap's dates. */
  mismatches: number;
  failed: number;
  startedAt: string | null;
  finishedAt: string | null;
  message: string | null;
}
