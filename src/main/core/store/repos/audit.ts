/**
 * The append-only audit trail: every change writes one entry in the same transaction as the
 * change itself (triggers refuse UPDATE and DELETE). Details never hold NIK, phone or images.
 */
import type { Db } from '../db';

export interface AuditEntry {
  at: string;
  userId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  detail?: Record<string, unknown>;
}

export function writeAudit(db: Db, e: AuditEntry): void {
  db.prepare('INSERT INTO audit_log (at, user_id, action, entity, entity_id, detail_json) VALUES (?, ?, ?, ?, ?, ?)').run(
    e.at,
    e.userId,
    e.action,
    e.entity,
    e.entityId,
    JSON.stringify(e.detail ?? {}),
  );
}

export interface AuditRow {
  seq: number;
  at: string;
  userId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  detail: Record<string, unknown>;
}

export function listAudit(db: Db, entity?: string, entityId?: string): AuditRow[] {
  const rows = (
    entity
      ? db.prepare('SELECT * FROM audit_log WHERE entity = ? AND (? IS NULL OR entity_id = ?) ORDER BY seq').all(entity, entityId ?? null, entityId ?? null)
      : db.prepare('SELECT * FROM audit_log ORDER BY seq').all()
  ) as { seq: number; at: string; user_id: string | null; action: string; entity: string; entity_id: string | null; detail_json: string }[];
  return rows.map((r) => ({ seq: r.seq, at: r.at, userId: r.user_id, action: r.action, entity: r.entity, entityId: r.entity_id, detail: JSON.parse(r.detail_json) }));
}
