/**
 * Attachments, sealed inside the database with their application so a write is atomic. A purged
 * document (retention or erasure) keeps its row with empty bytes and purged_at set.
 */
import type { DocumentKind } from '../../../../shared/sop/template';
import { open, seal } from '../../crypto/aead';
import type { Db } from '../db';

export interface DocumentMeta {
  id: string;
  applicationId: string;
  kind: DocumentKind;
  fileName: string;
  mimeType: string;
  size: number;
  sha256: string;
  uploadedAt: string;
  uploadedBy: string;
  /** When the bytes were purged and why (null while held). */
  purged?: { at: string; reason: 'retention' | 'erasure' } | null;
}

interface DocumentRow {
  id: string;
  application_id: string;
  kind: DocumentKind;
  file_name: string;
  mime_type: string;
  size: number;
  sha256: string;
  uploaded_at: string;
  uploaded_by: string;
  purged_at?: string | null;
  purge_reason?: 'retention' | 'erasure' | null;
}

const ad = (id: string, applicationId: string) => `document:${id}:${applicationId}`;
const PURGE_REASON =
  '(SELECT p.reason FROM purge_log p WHERE p.application_id = d.application_id AND p.at = d.purged_at LIMIT 1) AS purge_reason';
const toMeta = (r: DocumentRow): DocumentMeta => ({
  id: r.id,
  applicationId: r.application_id,
  kind: r.kind,
  fileName: r.file_name,
  mimeType: r.mime_type,
  size: r.size,
  sha256: r.sha256,
  uploadedAt: r.uploaded_at,
  uploadedBy: r.uploaded_by,
  purged: r.purged_at ? { at: r.purged_at, reason: r.purge_reason ?? 'retention' } : null,
});

export async function insertDocument(db: Db, key: Buffer, meta: DocumentMeta, bytes: Buffer): Promise<void> {
  await db
    .prepare(
      `INSERT INTO documents (id, application_id, kind, file_name, mime_type, size, sha256, sealed, uploaded_at, uploaded_by)
     VALUES (@id, @applicationId, @kind, @fileName, @mimeType, @size, @sha256, @sealed, @uploadedAt, @uploadedBy)`,
    )
    .run({ ...meta, sealed: seal(key, bytes, ad(meta.id, meta.applicationId)) });
}

export async function listDocuments(db: Db, applicationId: string): Promise<DocumentMeta[]> {
  const cols = `id, application_id, kind, file_name, mime_type, size, sha256, uploaded_at, uploaded_by, purged_at, ${PURGE_REASON}`;
  return (
    (await db
      .prepare(`SELECT ${cols} FROM documents d WHERE application_id = ? ORDER BY uploaded_at, rowid`)
      .all(applicationId)) as DocumentRow[]
  ).map(toMeta);
}

export async function readDocument(
  db: Db,
  key: Buffer,
  id: string,
): Promise<{ meta: DocumentMeta; bytes: Buffer } | null> {
  const row = (await db.prepare(`SELECT d.*, ${PURGE_REASON} FROM documents d WHERE id = ?`).get(id)) as
    (DocumentRow & { sealed: Buffer }) | undefined;
  if (!row) return null;
  // A purged document has no bytes left to open; callers check `meta.purged`.
  if (row.purged_at) return { meta: toMeta(row), bytes: Buffer.alloc(0) };
  return { meta: toMeta(row), bytes: open(key, row.sealed, ad(row.id, row.application_id)) };
}
