/**
 * What a BSrE status means for the desk: which SOP step actions it satisfies, what service an
 * applicant with that status needs, and how to say it in Bahasa Indonesia. Only ISSUE can sign.
 */
import type { SopStep, StepAction } from '../sop/template';
import type { ServiceType } from './application';

/** Step actions the app completes from BSrE's status instead of the verifier's hand. */
export const BSRE_DRIVEN_ACTIONS: readonly StepAction[] = ['activation', 'passphrase', 'issuance'];

/**
 * BSrE's statuses as a person reads them, in Bahasa Indonesia. The raw value (and codes like 2041)
 * stays in the history and in the technical detail view only.
 */
export const BSRE_STATUS_LABELS: Record<string, string> = {
  ISSUE: 'Aktif — dapat menandatangani',
  EXPIRED: 'Kedaluwarsa',
  RENEW: 'Sedang diperpanjang',
  WAITING_FOR_VERIFICATION: 'Menunggu verifikasi',
  NEW: 'Sertifikat terbit, belum diaktifkan',
  NO_CERTIFICATE: 'Belum punya sertifikat',
  NOT_REGISTERED: 'Belum terdaftar',
  SUSPEND: 'Ditangguhkan',
  REVOKE: 'Dicabut',
};

export function bsreStatusLabel(status: string | null): string {
  if (!status) return 'Belum diperiksa';
  return BSRE_STATUS_LABELS[status] ?? `Status lain dari BSrE (${status}) — tidak dapat menandatangani`;
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
      // Production answers any well-formed NIK Dukcapil knows this way, registered or not.
      return {
        serviceType: 'new',
        advice:
          'BSrE belum mencatat sertifikat untuk NIK ini. Jawaban ini juga muncul untuk NIK yang belum pernah didaftarkan, jadi belum berarti sudah terdaftar: periksa email dinas pemohon di portal BSrE sebelum mendaftarkan.',
      };
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
