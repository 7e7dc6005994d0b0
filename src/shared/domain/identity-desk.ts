/** What the identity desk screen works from: consent, the KTP reading with its checks, the face match. */
import type { CrossCheckRow, FaceMatchResult, KtpOcrResult } from './identity';

export interface IdentityDeskState {
  applicationId: string;
  stepIsIdentityCheck: boolean;
  consent: { at: string; version: string } | null;
  ktp: {
    documentId: string;
    ocr: KtpOcrResult;
    crossCheck: CrossCheckRow[];
    confirmed: Record<string, string> | null;
  } | null;
  selfie: { documentId: string; face: FaceMatchResult } | null;
}

/** Why the identity step was done without the desk's camera evidence ("verifikasi manual"). */
export const MANUAL_VERIFICATION_REASONS = ['cameraUnavailable', 'digitalKtp', 'other'] as const;
export type ManualVerificationReason = (typeof MANUAL_VERIFICATION_REASONS)[number];

export const MANUAL_VERIFICATION_LABELS: Record<ManualVerificationReason, string> = {
  cameraUnavailable: 'Kamera rusak atau tidak tersedia',
  digitalKtp: 'Pemohon menunjukkan KTP digital (IKD), bukan kartu fisik',
  other: 'Alasan lain',
};

/** How an identity-check step was completed, as kept in its step event. */
export type IdentityCheckMethod = 'desk' | 'manual';
