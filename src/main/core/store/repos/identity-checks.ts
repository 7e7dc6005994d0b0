/**
 * One identity-desk session per application: the applicant's consent, the KTP capture with its OCR
 * reading and the fields the verifier confirmed (sealed: they are personal data), the selfie, and
 * the face-match scores (not personal: distances, band, thresholds, model version). The KTP
 * portrait's face descriptor (biometric) is sealed inside the reading's column, so it is purged
 * and re-keyed with it and never reaches the renderer.
 */
import type { FaceMatchResult, KtpOcrResult } from '../../../../shared/domain/identity';
import { openText, sealText } from '../../crypto/aead';
import type { CardFace } from '../../face/card-face';
import type { Db } from '../db';

export interface IdentityCheckRecord {
  id: string;
  applicationId: string;
  consentAt: string;
  consentVersion: string;
  consentRecordedBy: string;
  ktpDocumentId: string | null;
  ocr: KtpOcrResult | null;
  /** The KTP portrait described at capture (face/card-face.ts); absent on older rows. */
  ktpFace?: CardFace | null;
  confirmed: Record<string, string> | null;
  confirmedAt: string | null;
  selfieDocumentId: string | null;
  face: FaceMatchResult | null;
  createdAt: string;
  updatedAt: string;
}

interface Row {
  id: string;
  application_id: string;
  consent_at: string;
  consent_version: string;
  consent_recorded_by: string;
  ktp_document_id: string | null;
  ocr_sealed: Buffer | null;
  confirmed_sealed: Buffer | null;
  confirmed_at: string | null;
  selfie_document_id: string | null;
  face_json: string | null;
  created_at: string;
  updated_at: string;
}

const ad = (id: string, part: string) => `identity_check:${id}:${part}`;

/** The sealed reading: the OCR result, plus the card's face descriptor under its own key. */
function openReading(key: Buffer, r: Row): { ocr: KtpOcrResult | null; ktpFace: CardFace | null } {
  if (!r.ocr_sealed) return { ocr: null, ktpFace: null };
  const { ktpFace, ...ocr } = JSON.parse(openText(key, r.ocr_sealed, ad(r.id, 'ocr'))) as KtpOcrResult & {
    ktpFace?: CardFace | null;
  };
  return { ocr, ktpFace: ktpFace ?? null };
}

function toRecord(key: Buffer, r: Row): IdentityCheckRecord {
  const reading = openReading(key, r);
  return {
    id: r.id,
    applicationId: r.application_id,
    consentAt: r.consent_at,
    consentVersion: r.consent_version,
    consentRecordedBy: r.consent_recorded_by,
    ktpDocumentId: r.ktp_document_id,
    ocr: reading.ocr,
    ktpFace: reading.ktpFace,
    confirmed: r.confirmed_sealed
      ? (JSON.parse(openText(key, r.confirmed_sealed, ad(r.id, 'confirmed'))) as Record<string, string>)
      : null,
    confirmedAt: r.confirmed_at,
    selfieDocumentId: r.selfie_document_id,
    face: r.face_json ? (JSON.parse(r.face_json) as FaceMatchResult) : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function latestIdentityCheck(
  db: Db,
  key: Buffer,
  applicationId: string,
): Promise<IdentityCheckRecord | null> {
  const row = (await db
    .prepare('SELECT * FROM identity_checks WHERE application_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1')
    .get(applicationId)) as Row | undefined;
  return row ? toRecord(key, row) : null;
}

export async function saveIdentityCheck(db: Db, key: Buffer, c: IdentityCheckRecord): Promise<void> {
  await db
    .prepare(
      `INSERT INTO identity_checks (id, application_id, consent_at, consent_version, consent_recorded_by, ktp_document_id, ocr_sealed,
       confirmed_sealed, confirmed_at, selfie_document_id, face_json, created_at, updated_at)
     VALUES (@id, @applicationId, @consentAt, @consentVersion, @consentRecordedBy, @ktpDocumentId, @ocrSealed,
       @confirmedSealed, @confirmedAt, @selfieDocumentId, @faceJson, @createdAt, @updatedAt)
     ON CONFLICT (id) DO UPDATE SET ktp_document_id = excluded.ktp_document_id, ocr_sealed = excluded.ocr_sealed,
       confirmed_sealed = excluded.confirmed_sealed, confirmed_at = excluded.confirmed_at,
       selfie_document_id = excluded.selfie_document_id, face_json = excluded.face_json, updated_at = excluded.updated_at`,
    )
    .run({
      id: c.id,
      applicationId: c.applicationId,
      consentAt: c.consentAt,
      consentVersion: c.consentVersion,
      consentRecordedBy: c.consentRecordedBy,
      ktpDocumentId: c.ktpDocumentId,
      confirmedAt: c.confirmedAt,
      selfieDocumentId: c.selfieDocumentId,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      ocrSealed: c.ocr
        ? sealText(key, JSON.stringify({ ...c.ocr, ktpFace: c.ktpFace ?? null }), ad(c.id, 'ocr'))
        : null,
      confirmedSealed: c.confirmed ? sealText(key, JSON.stringify(c.confirmed), ad(c.id, 'confirmed')) : null,
      faceJson: c.face ? JSON.stringify(c.face) : null,
    });
}
