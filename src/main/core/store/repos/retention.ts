/**
 * Retention of personal data after an application closes: the setting, which applications are due,
 * the purge of one application's document bytes, OCR readings and BSrE payload (metadata, decisions
 * and scores stay), and the purge log. The caller owns the transaction.
 */
import {
  DEFAULT_RETENTION_DAYS,
  type PurgeLogEntry,
  type PurgeReason,
  type RetentionSettingsView,
} from '../../../../shared/domain/privacy';
import { sealText } from '../../crypto/aead';
import type { Db } from '../db';

export async function readRetentionSettings(db: Db): Promise<RetentionSettingsView> {
  const row = (await db
    .prepare(
      'SELECT r.document_days, r.updated_at, u.full_name FROM retention_settings r LEFT JOIN users u ON u.id = r.updated_by WHERE r.id = 1',
    )
    .get()) as { document_days: number; updated_at: string; full_name: string | null } | undefined;
  if (!row) return { documentDays: DEFAULT_RETENTION_DAYS, isDefault: true, updatedAt: null, updatedBy: null };
  return { documentDays: row.document_days, isDefault: false, updatedAt: row.updated_at, updatedBy: row.full_name };
}

export async function saveRetentionSettings(db: Db, documentDays: number, at: string, userId: string): Promise<void> {
  await db
    .prepare(
      `INSERT INTO retention_settings (id, document_days, updated_at, updated_by) VALUES (1, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET document_days = excluded.document_days, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    )
    .run(documentDays, at, userId);
}

/** Applications closed on or before `closedBefore` that still hold document bytes or OCR readings. */
export async function applicationsDueForPurge(db: Db, closedBefore: string, limit: number): Promise<string[]> {
  return (await db
    .prepare(
      `SELECT a.id FROM applications a
        WHERE a.closed_at IS NOT NULL AND a.closed_at <= ?
          AND (EXISTS (SELECT 1 FROM documents d WHERE d.application_id = a.id AND d.purged_at IS NULL)
            OR EXISTS (SELECT 1 FROM identity_checks i WHERE i.application_id = a.id AND (i.ocr_sealed IS NOT NULL OR i.confirmed_sealed IS NOT NULL)))
        ORDER BY a.closed_at, a.id LIMIT ?`,
    )
    .pluck()
    .all(closedBefore, limit)) as string[];
}

export interface PurgeCounts {
  documents: number;
  bytes: number;
  identityChecks: number;
}

/**
 * Document bytes become x'' with purged_at set (the row, name, type, size and hash stay); the
 * KTP reading and confirmed fields become NULL (face scores stay); a finished BSrE registration's
 * sealed payload (NIK, email, maybe the recommendation letter) is replaced by a sealed `{}`.
 */
export async function purgeApplicationData(
  db: Db,
  key: Buffer,
  applicationId: string,
  at: string,
): Promise<PurgeCounts> {
  const open = (await db
    .prepare(
      'SELECT COUNT(*) AS n, COALESCE(SUM(size), 0) AS bytes FROM documents WHERE application_id = ? AND purged_at IS NULL',
    )
    .get(applicationId)) as { n: number; bytes: number };
  await db
    .prepare('UPDATE documents SET sealed = ?, purged_at = ? WHERE application_id = ? AND purged_at IS NULL')
    .run(Buffer.alloc(0), at, applicationId);
  const identityChecks = (
    await db
      .prepare(
        'UPDATE identity_checks SET ocr_sealed = NULL, confirmed_sealed = NULL WHERE application_id = ? AND (ocr_sealed IS NOT NULL OR confirmed_sealed IS NOT NULL)',
      )
      .run(applicationId)
  ).changes;
  await db.prepare('UPDATE intake_ktp_readings SET ocr_sealed = NULL WHERE application_id = ?').run(applicationId);
  const outbox = (await db
    .prepare("SELECT id FROM bsre_outbox WHERE application_id = ? AND state IN ('done','failed')")
    .pluck()
    .all(applicationId)) as string[];
  const reseal = db.prepare('UPDATE bsre_outbox SET payload_sealed = ? WHERE id = ?');
  for (const id of outbox) await reseal.run(sealText(key, '{}', `bsre_outbox:${id}`), id);
  return { documents: open.n, bytes: open.bytes, identityChecks };
}

export interface PurgeLogRecord {
  id: string;
  at: string;
  reason: PurgeReason;
  applicationId: string | null;
  documents: number;
  bytes: number;
  byUserId: string | null;
}

export async function insertPurgeLog(db: Db, r: PurgeLogRecord): Promise<void> {
  await db
    .prepare(
      'INSERT INTO purge_log (id, at, reason, application_id, documents, bytes, by_user_id) VALUES (@id, @at, @reason, @applicationId, @documents, @bytes, @byUserId)',
    )
    .run(r);
}

/** Newest first, with the application's reference number and who ran it (null: the daily job). */
export async function listPurgeLog(db: Db, limit: number): Promise<PurgeLogEntry[]> {
  const rows = (await db
    .prepare(
      `SELECT p.id, p.at, p.reason, p.application_id, a.reference_no, p.documents, p.bytes, u.full_name
         FROM purge_log p LEFT JOIN applications a ON a.id = p.application_id LEFT JOIN users u ON u.id = p.by_user_id
        ORDER BY p.at DESC, p.rowid DESC LIMIT ?`,
    )
    .all(limit)) as {
    id: string;
    at: string;
    reason: PurgeReason;
    application_id: string | null;
    reference_no: string | null;
    documents: number;
    bytes: number;
    full_name: string | null;
  }[];
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    reason: r.reason,
    applicationId: r.application_id,
    referenceNo: r.reference_no,
    documents: r.documents,
    bytes: r.bytes,
    byName: r.full_name,
  }));
}
