/**
 * Intake's own records: the sealed draft of each desk user, the office's intake settings and its
 * agenda counter per year, and the KTP reading made at intake (sealed) that the identity desk uses.
 */
import type { ServiceType } from '../../../../shared/domain/application';
import type { KtpOcrResult } from '../../../../shared/domain/identity';
import type { IntakeSettingsView } from '../../../../shared/domain/staff';
import { DEFAULT_AGENDA_FORMAT } from '../../../../shared/intake/agenda-number';
import { openText, sealText } from '../../crypto/aead';
import type { Db } from '../db';

const draftAd = (userId: string) => `intake_draft:${userId}`;
const readingAd = (applicationId: string) => `intake_ktp:${applicationId}:ocr`;

export async function readDraft(
  db: Db,
  key: Buffer,
  userId: string,
): Promise<{ draft: unknown; updatedAt: string } | null> {
  const row = (await db.prepare('SELECT sealed, updated_at FROM intake_drafts WHERE user_id = ?').get(userId)) as
    { sealed: Buffer; updated_at: string } | undefined;
  if (!row) return null;
  return { draft: JSON.parse(openText(key, row.sealed, draftAd(userId))) as unknown, updatedAt: row.updated_at };
}

export async function saveDraft(db: Db, key: Buffer, userId: string, draft: unknown, at: string): Promise<void> {
  await db
    .prepare(
      `INSERT INTO intake_drafts (user_id, sealed, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (user_id) DO UPDATE SET sealed = excluded.sealed, updated_at = excluded.updated_at`,
    )
    .run(userId, sealText(key, JSON.stringify(draft), draftAd(userId)), at);
}

export async function deleteDraft(db: Db, userId: string): Promise<void> {
  await db.prepare('DELETE FROM intake_drafts WHERE user_id = ?').run(userId);
}

/** The office has not chosen: agenda "{n:4}/TTE/{yyyy}", passphrase help allowed beside another open application. */
export const DEFAULT_PARALLEL_SERVICES: readonly ServiceType[] = ['passphraseHelp'];

export async function readIntakeSettings(db: Db): Promise<IntakeSettingsView> {
  const row = (await db
    .prepare('SELECT agenda_format, parallel_services_json FROM intake_settings WHERE id = 1')
    .get()) as { agenda_format: string; parallel_services_json: string } | undefined;
  if (!row)
    return {
      agendaFormat: DEFAULT_AGENDA_FORMAT,
      parallelServiceTypes: [...DEFAULT_PARALLEL_SERVICES],
      isDefault: true,
    };
  return {
    agendaFormat: row.agenda_format,
    parallelServiceTypes: JSON.parse(row.parallel_services_json) as ServiceType[],
    isDefault: false,
  };
}

export async function saveIntakeSettings(
  db: Db,
  s: { agendaFormat: string; parallelServiceTypes: ServiceType[] },
  at: string,
  userId: string,
): Promise<void> {
  await db
    .prepare(
      `INSERT INTO intake_settings (id, agenda_format, parallel_services_json, updated_at, updated_by) VALUES (1, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET agenda_format = excluded.agenda_format,
       parallel_services_json = excluded.parallel_services_json, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    )
    .run(s.agendaFormat, JSON.stringify(s.parallelServiceTypes), at, userId);
}

export async function lastAgendaSequence(db: Db, year: number): Promise<number> {
  return (
    ((await db.prepare('SELECT last FROM agenda_counters WHERE year = ?').pluck().get(year)) as number | undefined) ?? 0
  );
}

export async function setAgendaSequence(db: Db, year: number, last: number): Promise<void> {
  await db
    .prepare(
      'INSERT INTO agenda_counters (year, last) VALUES (?, ?) ON CONFLICT (year) DO UPDATE SET last = excluded.last',
    )
    .run(year, last);
}

export async function saveIntakeKtpReading(
  db: Db,
  key: Buffer,
  r: { applicationId: string; documentId: string; ocr: KtpOcrResult; at: string },
): Promise<void> {
  await db
    .prepare('INSERT INTO intake_ktp_readings (application_id, document_id, ocr_sealed, read_at) VALUES (?, ?, ?, ?)')
    .run(r.applicationId, r.documentId, sealText(key, JSON.stringify(r.ocr), readingAd(r.applicationId)), r.at);
}

/** The reading made at intake, or null (none made, or purged with the documents). */
export async function readIntakeKtpReading(
  db: Db,
  key: Buffer,
  applicationId: string,
): Promise<{ documentId: string; ocr: KtpOcrResult; readAt: string } | null> {
  const row = (await db
    .prepare('SELECT document_id, ocr_sealed, read_at FROM intake_ktp_readings WHERE application_id = ?')
    .get(applicationId)) as { document_id: string; ocr_sealed: Buffer | null; read_at: string } | undefined;
  if (!row?.ocr_sealed) return null;
  return {
    documentId: row.document_id,
    ocr: JSON.parse(openText(key, row.ocr_sealed, readingAd(applicationId))) as KtpOcrResult,
    readAt: row.read_at,
  };
}
