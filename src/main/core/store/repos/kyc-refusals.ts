/** BSrE's KYC refusals at activation, per application: from BSrE's status message or the verifier. */
import type { KycRefusalReason } from '../../../../shared/domain/kyc';
import type { Db } from '../db';

export interface KycRefusalRecord {
  id: string;
  applicationId: string;
  reason: KycRefusalReason;
  source: 'bsre' | 'verifier';
  note: string;
  at: string;
  byUserId: string | null;
}

export async function insertKycRefusal(db: Db, r: KycRefusalRecord): Promise<void> {
  await db
    .prepare(
      `INSERT INTO bsre_kyc_refusals (id, application_id, reason, source, note, at, by_user_id)
     VALUES (@id, @applicationId, @reason, @source, @note, @at, @byUserId)`,
    )
    .run(r);
}

export async function listKycRefusals(db: Db, applicationId: string): Promise<KycRefusalRecord[]> {
  return (await db
    .prepare(
      `SELECT id, application_id AS applicationId, reason, source, note, at, by_user_id AS byUserId
       FROM bsre_kyc_refusals WHERE application_id = ? ORDER BY at DESC, rowid DESC`,
    )
    .all(applicationId)) as KycRefusalRecord[];
}

/** Refusals recorded in [from, to), counted by reason (an index range scan on `at`). */
export async function kycRefusalCounts(
  db: Db,
  fromInstant: string,
  toInstant: string,
): Promise<{ reason: KycRefusalReason; n: number }[]> {
  return (await db
    .prepare(
      'SELECT reason, COUNT(*) AS n FROM bsre_kyc_refusals WHERE at >= ? AND at < ? GROUP BY reason ORDER BY reason',
    )
    .all(fromInstant, toInstant)) as { reason: KycRefusalReason; n: number }[];
}
