/**
 * Requests to BSrE that change something (registration), written in the same transaction as the
 * step that asks for them and sent by a worker. States: pending → sending → done | failed, with
 * `unknown` when a request was sent but no answer came (resolved by a status check, never a blind
 * resend). The payload holds NIK and email, so it is sealed.
 */
import type { RegistrationInput } from '../../bsre/types';
import { openText, sealText } from '../../crypto/aead';
import type { Db } from '../db';

export type OutboxState = 'pending' | 'sending' | 'unknown' | 'done' | 'failed';

export interface OutboxEntry {
  id: string;
  applicationId: string;
  stepNo: number;
  operation: 'registration';
  payload: RegistrationInput;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  requestedBy: string;
  /** What the verifier recorded with the request; the step completes with it once BSrE confirms. */
  stepNote: string;
  stepData: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

interface Row {
  id: string;
  application_id: string;
  step_no: number;
  operation: 'registration';
  payload_sealed: Buffer;
  state: OutboxState;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  requested_by: string;
  step_note: string;
  step_data_json: string;
  created_at: string;
  updated_at: string;
}

const ad = (id: string) => `bsre_outbox:${id}`;

const toEntry = (key: Buffer, r: Row): OutboxEntry => ({
  id: r.id,
  applicationId: r.application_id,
  stepNo: r.step_no,
  operation: r.operation,
  payload: JSON.parse(openText(key, r.payload_sealed, ad(r.id))) as RegistrationInput,
  state: r.state,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error,
  requestedBy: r.requested_by,
  stepNote: r.step_note,
  stepData: JSON.parse(r.step_data_json) as Record<string, unknown>,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function insertOutbox(db: Db, key: Buffer, e: OutboxEntry): Promise<void> {
  await db
    .prepare(
      `INSERT INTO bsre_outbox (id, application_id, step_no, operation, payload_sealed, state, attempts, next_attempt_at, last_error, requested_by,
       step_note, step_data_json, created_at, updated_at)
     VALUES (@id, @applicationId, @stepNo, @operation, @payloadSealed, @state, @attempts, @nextAttemptAt, @lastError, @requestedBy,
       @stepNote, @stepDataJson, @createdAt, @updatedAt)`,
    )
    .run({
      ...e,
      payloadSealed: sealText(key, JSON.stringify(e.payload), ad(e.id)),
      stepDataJson: JSON.stringify(e.stepData),
    });
}

export async function updateOutbox(
  db: Db,
  e: Pick<OutboxEntry, 'id' | 'state' | 'attempts' | 'nextAttemptAt' | 'lastError' | 'updatedAt'>,
): Promise<void> {
  await db
    .prepare(
      'UPDATE bsre_outbox SET state = @state, attempts = @attempts, next_attempt_at = @nextAttemptAt, last_error = @lastError, updated_at = @updatedAt WHERE id = @id',
    )
    .run(e);
}

/** Entries the worker should handle now: pending or unknown and due. */
export async function dueOutbox(db: Db, key: Buffer, nowIso: string, limit = 20): Promise<OutboxEntry[]> {
  const rows = (await db
    .prepare(
      "SELECT * FROM bsre_outbox WHERE state IN ('pending','unknown') AND next_attempt_at <= ? ORDER BY created_at LIMIT ?",
    )
    .all(nowIso, limit)) as Row[];
  return rows.map((r) => toEntry(key, r));
}

/** After a crash, entries left in `sending` may have reached BSrE: they become `unknown`. */
export async function recoverInterruptedSends(db: Db, nowIso: string): Promise<number> {
  return (
    await db.prepare("UPDATE bsre_outbox SET state = 'unknown', updated_at = ? WHERE state = 'sending'").run(nowIso)
  ).changes;
}

export async function latestOutboxFor(db: Db, key: Buffer, applicationId: string): Promise<OutboxEntry | null> {
  const row = (await db
    .prepare('SELECT * FROM bsre_outbox WHERE application_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1')
    .get(applicationId)) as Row | undefined;
  return row ? toEntry(key, row) : null;
}

export async function getOutbox(db: Db, key: Buffer, id: string): Promise<OutboxEntry | null> {
  const row = (await db.prepare('SELECT * FROM bsre_outbox WHERE id = ?').get(id)) as Row | undefined;
  return row ? toEntry(key, row) : null;
}

export async function countOutbox(db: Db, applicationId: string): Promise<number> {
  return (
    (await db.prepare('SELECT COUNT(*) AS n FROM bsre_outbox WHERE application_id = ?').get(applicationId)) as {
      n: number;
    }
  ).n;
}
