/**
 * BSrE's KYC at activation (since mid-2025: Dukcapil data match and BSrE's own liveness check) and
 * why it refuses: each reason named in Bahasa Indonesia with what to do next, how to recognise it in
 * BSrE's status message, and the shapes the application and the monthly report show.
 */

export const KYC_REFUSAL_REASONS = [
  'nameMismatch',
  'nikMismatch',
  'livenessFailed',
  'phoneUnreachable',
  'linkExpired',
] as const;
export type KycRefusalReason = (typeof KYC_REFUSAL_REASONS)[number];

export const KYC_REFUSAL_LABELS: Record<KycRefusalReason, string> = {
  nameMismatch: 'Nama tidak sesuai data Dukcapil',
  nikMismatch: 'NIK tidak sesuai data Dukcapil',
  livenessFailed: 'Verifikasi liveness (wajah) gagal',
  phoneUnreachable: 'Nomor HP tidak dapat menerima verifikasi WhatsApp',
  linkExpired: 'Tautan aktivasi kedaluwarsa',
};

/** What the applicant and the verifier do next (bsre.md, "KYC since mid-2025"). */
export const KYC_REFUSAL_ADVICE: Record<KycRefusalReason, string> = {
  nameMismatch:
    'Pemohon mencocokkan nama di Dukcapil (tanpa gelar, tanpa singkatan) atau memperbaiki datanya di Disdukcapil; setelah itu verifikator mengirim ulang aktivasi dari portal BSrE.',
  nikMismatch:
    'Pemohon memeriksa NIK-nya di Disdukcapil dan memperbaikinya bila perlu; setelah itu verifikator mengirim ulang aktivasi dari portal BSrE.',
  livenessFailed:
    'Pemohon mengulang swafoto liveness di tempat terang tanpa masker/kacamata; bila tetap gagal, verifikator mengirim ulang aktivasi dari portal BSrE.',
  phoneUnreachable:
    'Pemohon memakai nomor HP yang aktif di WhatsApp; verifikator memperbarui nomor di portal BSrE lalu mengirim ulang aktivasi.',
  linkExpired:
    'Tautan aktivasi berlaku sekitar seminggu: verifikator mengirim ulang aktivasi dari portal BSrE dan pemohon segera membukanya.',
};

/** Recognises a KYC refusal in BSrE's own words (a status message); null when there is none. */
export function kycReasonFromText(text: string | null | undefined): KycRefusalReason | null {
  const t = String(text ?? '').toLowerCase();
  if (t === '') return null;
  const refused = /(ditolak|gagal|tidak sesuai|tidak cocok|failed|mismatch|rejected|invalid)/.test(t);
  if (!refused) return null;
  if (/liveness/.test(t)) return 'livenessFailed';
  if (/(dukcapil|kependudukan)/.test(t)) return /\bnik\b/.test(t) ? 'nikMismatch' : 'nameMismatch';
  if (/(whatsapp|nomor (hp|telepon|ponsel))/.test(t)) return 'phoneUnreachable';
  if (/(tautan|link).*(kedaluwarsa|kadaluarsa|expired)/.test(t)) return 'linkExpired';
  return null;
}

export interface KycRefusalView {
  reason: KycRefusalReason;
  label: string;
  advice: string;
  source: 'bsre' | 'verifier';
  note: string;
  at: string;
}

export interface KycRefusalCount {
  reason: KycRefusalReason;
  label: string;
  count: number;
}
