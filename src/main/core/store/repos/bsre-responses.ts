/** Every raw BSrE answer, kept with its application for support (sealed: bodies may hold NIK/email). */
import type { RawResponse } from '../../bsre/types';
import { openText, sealText } from '../../crypto/aead';
import type { Db } from '../db';

export interface StoredResponse {
  id: string;
  applicationId: string | null;
  outcome: string;
  raw: RawResponse;
}

export async function insertResponse(db: Db, key: Buffer, r: StoredResponse): Promise<void> {
  await db
    .prepare(
      'INSERT INTO bsre_responses (id, application_id, operation, http_status, outcome, sealed, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    )
    .run(
      r.id,
      r.applicationId,
      r.raw.operation,
      r.raw.httpStatus,
      r.outcome,
      sealText(key, JSON.stringify(r.raw), `bsre_response:${r.id}`),
      r.raw.at,
    );
}

export async function listResponses(db: Db, key: Buffer, applicationId: string, limit = 50): Promise<StoredResponse[]> {
  const rows = (await db
    .prepare(
      'SELECT id, application_id, outcome, sealed FROM bsre_responses WHERE application_id = ? ORDER BY at DESC, rowid DESC LIMIT ?',
    )
    .all(applicationId, limit)) as { id: string; application_id: string | null; outcome: string; sealed: Buffer }[];
  return rows.map((r) => ({
    id: r.id,
    applicationId: r.application_id,
    outcome: r.outcome,
    raw: JSON.parse(openText(key, r.sealed, `bsre_response:${r.id}`)) as RawResponse,
  }));
}
