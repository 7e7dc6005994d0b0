/**
 * The append-only audit trail: every change writes one entry in the same transaction as the
 * change itself (triggers refuse UPDATE and DELETE), and each entry carries the hash of the one
 * before it, so an edit, deletion or reordering made with file access shows up in `verifyAuditChain`.
 * Details never hold NIK, phone or images. A call from a desk or a browser on the office network adds
 * `origin: {kind, device, ip}` to the detail of every entry it writes (call-origin.ts); the hash covers
 * the detail as stored, so the chain verifies as before.
 */
import { entryHash, GENESIS_HASH } from '../../audit/chain';
import { networkOriginNow } from '../../call-origin';
import type { Db } from '../db';
import { dialectOf } from '../dialect';

export interface AuditEntry {
  at: string;
  userId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  detail?: Record<string, unknown>;
}

/**
 * The next id is one past the highest ever handed out (AUTOINCREMENT's own counter included), so
 * an id is never reused and a removed entry leaves a gap. Inside the caller's transaction when
 * there is one; otherwise its own IMMEDIATE one, so the read of the chain's head and the insert
 * cannot interleave with another connection.
 */
function withOrigin(detail: Record<string, unknown> | undefined): Record<string, unknown> {
  const origin = networkOriginNow();
  if (!origin || (detail && 'origin' in detail)) return detail ?? {};
  return { ...detail, origin };
}

export async function writeAudit(db: Db, e: AuditEntry): Promise<void> {
  const append = async () => {
    const head = (await db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get()) as
      { seq: number; hash: string } | undefined;
    const dialect = dialectOf(db);
    const counter = (await db.prepare(dialect.auditCounterSql).get()) as { seq: number } | undefined;
    const fields = {
      seq: Math.max(head?.seq ?? 0, counter?.seq ?? 0) + 1,
      at: e.at,
      user_id: e.userId,
      action: e.action,
      entity: e.entity,
      entity_id: e.entityId,
      detail_json: JSON.stringify(withOrigin(e.detail)),
      prev_hash: head?.hash ?? GENESIS_HASH,
    };
    await db
      .prepare(
        'INSERT INTO audit_log (seq, at, user_id, action, entity, entity_id, detail_json, prev_hash, hash) VALUES (@seq, @at, @user_id, @action, @entity, @entity_id, @detail_json, @prev_hash, @hash)',
      )
      .run({ ...fields, hash: entryHash(fields) });
    if (dialect.auditCounterWriteSql) await db.prepare(dialect.auditCounterWriteSql).run({ seq: fields.seq, at: e.at });
  };
  if (db.inTransaction) await append();
  else await db.transaction(append);
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

export async function listAudit(db: Db, entity?: string, entityId?: string): Promise<AuditRow[]> {
  const rows = (
    entity
      ? await db
          .prepare(
            'SELECT * FROM audit_log WHERE entity = ? AND (CAST(? AS TEXT) IS NULL OR entity_id = ?) ORDER BY seq',
          )
          .all(entity, entityId ?? null, entityId ?? null)
      : await db.prepare('SELECT * FROM audit_log ORDER BY seq').all()
  ) as {
    seq: number;
    at: string;
    user_id: string | null;
    action: string;
    entity: string;
    entity_id: string | null;
    detail_json: string;
  }[];
  return rows.map((r) => ({
    seq: r.seq,
    at: r.at,
    userId: r.user_id,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    detail: JSON.parse(r.detail_json),
  }));
}
