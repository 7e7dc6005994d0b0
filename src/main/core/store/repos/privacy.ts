/**
 * Data-subject requests (UU 27/2022) in the store: finding everything held on one NIK through the
 * blind indexes, and erasing an applicant's identifying fields in place (rows stay for the
 * office's statistics; the name, NIK, NIP, phone and email become "[dihapus]" or NULL and the NIK
 * index a fresh random value, so no search by that NIK finds them again). The caller owns the transaction.
 */
import { randomBytes } from 'node:crypto';

import type { ApplicationStatus } from '../../../../shared/domain/application';
import { ERASED_MARK } from '../../../../shared/domain/privacy';
import { blindIndex, sealText } from '../../crypto/aead';
import type { Db } from '../db';

const randomIndex = () => randomBytes(32).toString('hex');

export async function applicationsOfNik(
  db: Db,
  key: Buffer,
  nik: string,
): Promise<{ id: string; status: ApplicationStatus; referenceNo: string }[]> {
  return (await db
    .prepare(
      'SELECT id, status, reference_no AS referenceNo FROM applications WHERE nik_index = ? ORDER BY created_at, rowid',
    )
    .all(blindIndex(key, nik))) as {
    id: string;
    status: ApplicationStatus;
    referenceNo: string;
  }[];
}

export async function holdersOfNik(
  db: Db,
  key: Buffer,
  nik: string,
): Promise<{ id: string; expiresAt: string; bsreStatus: string }[]> {
  return (await db
    .prepare(
      'SELECT id, expires_at AS expiresAt, bsre_status AS bsreStatus FROM holders WHERE nik_index = ? ORDER BY created_at, rowid',
    )
    .all(blindIndex(key, nik))) as {
    id: string;
    expiresAt: string;
    bsreStatus: string;
  }[];
}

/** Message log ids sent about these applications or to these holders. */
export async function messageIdsFor(
  db: Db,
  applicationIds: readonly string[],
  holderIds: readonly string[],
): Promise<string[]> {
  const byApp = db.prepare('SELECT id FROM message_log WHERE application_id = ?').pluck();
  const byHolder = db.prepare('SELECT id FROM message_log WHERE holder_id = ?').pluck();
  const ids = new Set<string>();
  for (const a of applicationIds) for (const id of (await byApp.all(a)) as string[]) ids.add(id);
  for (const h of holderIds) for (const id of (await byHolder.all(h)) as string[]) ids.add(id);
  return [...ids];
}

/** Replaces every occurrence of the given values in text and JSON text (as JSON escapes them). */
function scrubSql(column: string, count: number): string {
  let sql = column;
  for (let i = 0; i < count; i++) sql = `replace(${sql}, ?, '${ERASED_MARK}')`;
  return sql;
}

export interface ErasedIdentity {
  name: string;
  nik: string;
  phone: string;
  nip: string;
}

/** The applicant's fields on the application, and the same values wherever step notes and data repeat them. */
export async function eraseApplicationIdentity(
  db: Db,
  key: Buffer,
  id: string,
  who: ErasedIdentity,
  at: string,
): Promise<void> {
  await db
    .prepare(
      `UPDATE applications SET applicant_name = @mark, nik_sealed = @nikSealed, nik_index = @nikIndex, nik_masked = @mark, nip = @mark,
       official_email = NULL, phone_sealed = @phoneSealed, updated_at = @at WHERE id = @id`,
    )
    .run({
      id,
      at,
      mark: ERASED_MARK,
      nikSealed: sealText(key, ERASED_MARK, `application:${id}:nik`),
      nikIndex: randomIndex(),
      phoneSealed: sealText(key, ERASED_MARK, `application:${id}:phone`),
    });
  const values = [who.name, who.nik, who.phone, who.nip].filter((v) => v.length >= 3);
  const asJson = values.map((v) => JSON.stringify(v).slice(1, -1));
  await db
    .prepare(
      `UPDATE step_events SET note = ${scrubSql('note', values.length)}, data_json = ${scrubSql('data_json', asJson.length)} WHERE application_id = ?`,
    )
    .run(...values, ...asJson, id);
  // Raw BSrE answers kept for support may carry the NIK or email: their bodies go too.
  const responses = (await db
    .prepare('SELECT id, operation, http_status, at FROM bsre_responses WHERE application_id = ?')
    .all(id)) as { id: string; operation: string; http_status: number | null; at: string }[];
  const reseal = db.prepare('UPDATE bsre_responses SET sealed = ? WHERE id = ?');
  for (const r of responses) {
    const raw = {
      operation: r.operation,
      method: '',
      path: '',
      httpStatus: r.http_status,
      contentType: null,
      body: ERASED_MARK,
      at: r.at,
      durationMs: 0,
      attempts: 0,
    };
    await reseal.run(sealText(key, JSON.stringify(raw), `bsre_response:${r.id}`), r.id);
  }
}

export async function eraseHolderIdentity(db: Db, key: Buffer, id: string): Promise<void> {
  await db
    .prepare(
      `UPDATE holders SET name = @mark, nik_sealed = @nikSealed, nik_index = @nikIndex, nik_masked = @mark, nip = @mark, official_email = NULL,
       phone_sealed = @phoneSealed WHERE id = @id`,
    )
    .run({
      id,
      mark: ERASED_MARK,
      nikSealed: sealText(key, ERASED_MARK, `holder:${id}:nik`),
      nikIndex: randomIndex(),
      phoneSealed: sealText(key, ERASED_MARK, `holder:${id}:phone`),
    });
}

export async function eraseMessageRecipient(db: Db, key: Buffer, id: string): Promise<void> {
  await db
    .prepare('UPDATE message_log SET recipient_sealed = ?, recipient_masked = ?, recipient_name = ? WHERE id = ?')
    .run(sealText(key, ERASED_MARK, `message_log:${id}:recipient`), ERASED_MARK, ERASED_MARK, id);
}
