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
