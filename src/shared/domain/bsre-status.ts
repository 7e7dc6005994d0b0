/**
 * What a BSrE status means for the desk: which SOP step actions it satisfies, what service an
 * applicant with that status needs, and how to say it in Bahasa Indonesia. Only ISSUE can sign.
 */
import type { SopStep, StepAction } from '../sop/template';
import type { ServiceType } from './application';

/** Step actions the app completes from BSrE's status instead of the verifier's hand. */
export const BSRE_DRIVEN_ACTIONS: readonly StepAction[] = ['activation', 'passphrase', 'issuance'];

export const BSRE_STATUS_LABELS: Record<string, string> = {
  ISSUE: 'Aktif (ISSUE) — dapat menandatangani',
  EXPIRED: 'Kedaluwarsa (EXPIRED)',
  RENEW: 'Sedang diperpanjang (RENEW)',
  WAITING_FOR_VERIFICATION: 'Menunggu verifikasi (WAITING_FOR_VERIFICATION)',
  NEW: 'Sertifikat terbit, belum diaktifkan (NEW)',
  NO_CERTIFICATE: 'Terdaftar, belum punya sertifikat (NO_CERTIFICATE)',
  NOT_REGISTERED: 'Belum terdaftar (NOT_REGISTERED)',
  SUSPEND: 'Ditangguhkan (SUSPEND)',
  REVOKE: 'Dicabut (REVOKE)',
};

export function bsreStatusLabel(status: string | null): string {
  if (!status) return 'Belum diperiksa';
  return BSRE_STATUS_LABELS[status] ?? `${status} (status tidak dikenal; tidak dapat menandatangani)`;
}

/** The step waits on BSrE for at least one of its actions. */
export function waitsOnBsre(step: SopStep): boolean {
  return step.actions.some((a) => BSRE_DRIVEN_ACTIONS.includes(a));
}

/** Every action of the step is BSrE-driven, so the app can complete it alone. */
export function completedByBsre(step: SopStep): boolean {
  return step.actions.every((a) => BSRE_DRIVEN_ACTIONS.includes(a));
}

const PAST_ACTIVATION = new Set(['WAITING_FOR_VERIFICATION', 'NEW', 'ISSUE', 'RENEW']);
const PAST_PASSPHRASE = new Set(['WAITING_FOR_VERIFICATION', 'ISSUE', 'RENEW']);

export function actionSatisfiedBy(action: StepAction, status: string | null): boolean {
  if (!status) return false;
  if (action === 'activation') return PAST_ACTIVATION.has(status);
  if (action === 'passphrase') return PAST_PASSPHRASE.has(status);
  if (action === 'issuance') return status === 'ISSUE';
  return false;
}

export interface ServiceSuggestion {
  serviceType: ServiceType | null;
  advice: string;
}

/** At intake: what the applicant's BSrE status says about the service they need. */
export function suggestService(status: string): ServiceSuggestion {
  switch (status) {
    case 'NOT_REGISTERED':
      return { serviceType: 'new', advice: 'Belum terdaftar di BSrE: ajukan penerbitan baru.' };
    case 'EXPIRED':
      return { serviceType: 'renewal', advice: 'Sertifikat sudah kedaluwarsa: ajukan perpanjangan.' };
    case 'ISSUE':
      return {
        serviceType: 'passphraseHelp',
        advice:
          'Sertifikat masih aktif. Jika pemohon lupa passphrase, bantu reset passphrase mandiri di portal BSrE; jika masa berlaku hampir habis, ajukan perpanjangan.',
      };
    case 'NO_CERTIFICATE':
    case 'WAITING_FOR_VERIFICATION':
    case 'NEW':
      return {
        serviceType: 'new',
        advice: 'Sudah terdaftar, sertifikat belum terbit: lanjutkan aktivasi/verifikasi, jangan mendaftar ulang.',
      };
    case 'RENEW':
      return { serviceType: 'renewal', advice: 'Perpanjangan sedang diproses di BSrE.' };
    case 'SUSPEND':
      return {
        serviceType: null,
        advice: 'Sertifikat ditangguhkan (SUSPEND). Tanyakan alasannya; pengaktifan kembali melalui BSrE.',
      };
    case 'REVOKE':
      return {
        serviceType: 'new',
        advice:
          'Sertifikat telah dicabut (REVOKE) dan tidak dapat dipulihkan; bila masih memerlukan TTE, ajukan penerbitan baru.',
      };
    default:
      return {
        serviceType: null,
        advice: `Status BSrE "${status}" tidak dikenal. Sertifikat tidak dapat dipakai menandatangani.`,
      };
  }
}
