/**
 * Applications (permohonan). NIK and phone are sealed with the data key; an HMAC blind index
 * allows exact NIK search and a masked copy serves lists, so plaintext NIK is never stored.
 */
import type { ApplicationStatus, ServiceType } from '../../../../shared/domain/application';
import { maskNik } from '../../../../shared/identity/nik';
import { blindIndex, openText, openTextOrNull, sealText } from '../../crypto/aead';
import type { Db } from '../db';
import { dialectOf } from '../dialect';

export interface ApplicationRecord {
  /** Set by lists when the row's sealed values do not open: shown marked, the rest of the list still answers. */
  unreadable?: boolean;
  id: string;
  referenceNo: string;
  templateId: string;
  serviceType: ServiceType;
  status: ApplicationStatus;
  applicantName: string;
  nik: string;
  nikMasked: string;
  nip: string;
  rank: string;
  position: string;
  agency: string;
  officialEmail: string | null;
  needsOfficialEmail: boolean;
  phone: string;
  letterNumber: string;
  letterDate: string;
  letterSubject: string;
  agendaNumber: string;
  agencyHead: { name: string; nip: string; position: string } | null;
  assignedVerifierId: string | null;
  currentStepNo: number;
  currentStepStartedAt: string;
  returnReason: string | null;
  issuedAt: string | null;
  expiresAt: string | null;
  certificateSerial: string | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  bsre: BsreStatusSnapshot;
  /** The name BSrE registers (titles stripped, see shared/intake/bsre-name); null on older rows. */
  bsreName?: string | null;
  /** Applications made from one collective letter share this id. */
  letterGroupId?: string | null;
}

/** The last status BSrE gave for this applicant, and when the poller should ask again. */
export interface BsreStatusSnapshot {
  status: string | null;
  statusCode: string | null;
  message: string | null;
  checkedAt: string | null;
  nextCheckAt: string | null;
}

export const NO_BSRE_STATUS: BsreStatusSnapshot = {
  status: null,
  statusCode: null,
  message: null,
  checkedAt: null,
  nextCheckAt: null,
};

interface ApplicationRow {
  id: string;
  reference_no: string;
  template_id: string;
  service_type: ServiceType;
  status: ApplicationStatus;
  applicant_name: string;
  nik_sealed: Buffer;
  nik_masked: string;
  nip: string;
  rank: string;
  position: string;
  agency: string;
  official_email: string | null;
  needs_official_email: number;
  phone_sealed: Buffer;
  letter_number: string;
  letter_date: string;
  letter_subject: string;
  agenda_number: string;
  agency_head_name: string | null;
  agency_head_nip: string | null;
  agency_head_position: string | null;
  assigned_verifier_id: string | null;
  current_step_no: number;
  current_step_started_at: string;
  return_reason: string | null;
  issued_at: string | null;
  expires_at: string | null;
  certificate_serial: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
  bsre_status: string | null;
  bsre_status_code: string | null;
  bsre_message: string | null;
  bsre_checked_at: string | null;
  bsre_next_check_at: string | null;
  bsre_name: string | null;
  letter_group_id: string | null;
}

const nikAd = (id: string) => `application:${id}:nik`;
const phoneAd = (id: string) => `application:${id}:phone`;

/** `tolerant` (lists): a row whose sealed values do not open is returned marked `unreadable`, not thrown. */
function toRecord(key: Buffer, r: ApplicationRow, tolerant = false): ApplicationRecord {
  const nik = tolerant ? openTextOrNull(key, r.nik_sealed, nikAd(r.id)) : openText(key, r.nik_sealed, nikAd(r.id));
  const phone = tolerant
    ? openTextOrNull(key, r.phone_sealed, phoneAd(r.id))
    : openText(key, r.phone_sealed, phoneAd(r.id));
  return {
    ...(nik === null || phone === null ? { unreadable: true } : {}),
    id: r.id,
    referenceNo: r.reference_no,
    templateId: r.template_id,
    serviceType: r.service_type,
    status: r.status,
    applicantName: r.applicant_name,
    nik: nik ?? r.nik_masked,
    nikMasked: r.nik_masked,
    nip: r.nip,
    rank: r.rank,
    position: r.position,
    agency: r.agency,
    officialEmail: r.official_email,
    needsOfficialEmail: r.needs_official_email === 1,
    phone: phone ?? '',
    letterNumber: r.letter_number,
    letterDate: r.letter_date,
    letterSubject: r.letter_subject,
    agendaNumber: r.agenda_number,
    agencyHead: r.agency_head_name
      ? { name: r.agency_head_name, nip: r.agency_head_nip ?? '', position: r.agency_head_position ?? '' }
      : null,
    assignedVerifierId: r.assigned_verifier_id,
    currentStepNo: r.current_step_no,
    currentStepStartedAt: r.current_step_started_at,
    returnReason: r.return_reason,
    issuedAt: r.issued_at,
    expiresAt: r.expires_at,
    certificateSerial: r.certificate_serial,
    createdAt: r.created_at,
    createdBy: r.created_by,
    updatedAt: r.updated_at,
    bsre: {
      status: r.bsre_status,
      statusCode: r.bsre_status_code,
      message: r.bsre_message,
      checkedAt: r.bsre_checked_at,
      nextCheckAt: r.bsre_next_check_at,
    },
    bsreName: r.bsre_name,
    letterGroupId: r.letter_group_id,
  };
}

export async function insertApplication(db: Db, key: Buffer, a: ApplicationRecord): Promise<void> {
  await db
    .prepare(
      `INSERT INTO applications (id, reference_no, template_id, service_type, status, applicant_name, nik_sealed, nik_index, nik_masked,
       nip, rank, position, agency, official_email, needs_official_email, phone_sealed, letter_number, letter_date, letter_subject,
       agenda_number, agency_head_name, agency_head_nip, agency_head_position, assigned_verifier_id, current_step_no,
       current_step_started_at, return_reason, issued_at, expires_at, certificate_serial, created_at, created_by, updated_at,
       bsre_name, letter_group_id)
     VALUES (@id, @referenceNo, @templateId, @serviceType, @status, @applicantName, @nikSealed, @nikIndex, @nikMasked,
       @nip, @rank, @position, @agency, @officialEmail, @needsOfficialEmail, @phoneSealed, @letterNumber, @letterDate, @letterSubject,
       @agendaNumber, @agencyHeadName, @agencyHeadNip, @agencyHeadPosition, @assignedVerifierId, @currentStepNo,
       @currentStepStartedAt, @returnReason, @issuedAt, @expiresAt, @certificateSerial, @createdAt, @createdBy, @updatedAt,
       @bsreName, @letterGroupId)`,
    )
    .run({
      ...a,
      nikSealed: sealText(key, a.nik, nikAd(a.id)),
      nikIndex: blindIndex(key, a.nik),
      nikMasked: maskNik(a.nik),
      needsOfficialEmail: a.needsOfficialEmail ? 1 : 0,
      phoneSealed: sealText(key, a.phone, phoneAd(a.id)),
      agencyHeadName: a.agencyHead?.name ?? null,
      agencyHeadNip: a.agencyHead?.nip ?? null,
      agencyHeadPosition: a.agencyHead?.position ?? null,
      bsreName: a.bsreName ?? null,
      letterGroupId: a.letterGroupId ?? null,
    });
}

/** Open applications (in progress or returned) of this NIK, newest first: the duplicate check. */
export async function openApplicationsOfNik(
  db: Db,
  key: Buffer,
  nik: string,
): Promise<{ id: string; referenceNo: string; serviceType: ServiceType; status: ApplicationStatus }[]> {
  return (
    (await db
      .prepare(
        "SELECT id, reference_no, service_type, status FROM applications WHERE nik_index = ? AND status IN ('inProgress','returned') ORDER BY created_at DESC",
      )
      .all(blindIndex(key, nik))) as {
      id: string;
      reference_no: string;
      service_type: ServiceType;
      status: ApplicationStatus;
    }[]
  ).map((r) => ({ id: r.id, referenceNo: r.reference_no, serviceType: r.service_type, status: r.status }));
}

/** Remembers which recap holder a renewal (perpanjangan) application renews. */
export async function setRenewalOfHolder(db: Db, id: string, holderId: string): Promise<void> {
  await db.prepare('UPDATE applications SET renewal_of_holder_id = ? WHERE id = ?').run(holderId, id);
}

export async function renewalOfHolder(db: Db, id: string): Promise<string | null> {
  return (
    ((await db.prepare('SELECT renewal_of_holder_id FROM applications WHERE id = ?').pluck().get(id)) as
      string | null | undefined) ?? null
  );
}

/**
 * Updates the workflow state of an application (the fields a step move changes). Becoming
 * completed or rejected sets closed_at once (the retention clock starts there).
 */
export async function updateApplicationState(
  db: Db,
  a: Pick<
    ApplicationRecord,
    | 'id'
    | 'status'
    | 'assignedVerifierId'
    | 'currentStepNo'
    | 'currentStepStartedAt'
    | 'returnReason'
    | 'issuedAt'
    | 'expiresAt'
    | 'certificateSerial'
    | 'updatedAt'
  >,
): Promise<void> {
  await db
    .prepare(
      `UPDATE applications SET status = @status, assigned_verifier_id = @assignedVerifierId, current_step_no = @currentStepNo,
       current_step_started_at = @currentStepStartedAt, return_reason = @returnReason, issued_at = @issuedAt,
       expires_at = @expiresAt, certificate_serial = @certificateSerial, updated_at = @updatedAt,
       closed_at = CASE WHEN @status IN ('completed','rejected') THEN COALESCE(closed_at, @updatedAt) ELSE NULL END WHERE id = @id`,
    )
    .run(a);
}

export async function updateBsreSnapshot(db: Db, id: string, b: BsreStatusSnapshot): Promise<void> {
  await db
    .prepare(
      `UPDATE applications SET bsre_status = @status, bsre_status_code = @statusCode, bsre_message = @message,
       bsre_checked_at = @checkedAt, bsre_next_check_at = @nextCheckAt WHERE id = @id`,
    )
    .run({ ...b, id });
}

/** The verifier confirmed a different name or NIK from the KTP: the application takes them. */
export async function updateApplicantIdentity(
  db: Db,
  key: Buffer,
  id: string,
  u: { nik: string; name: string; at: string },
): Promise<void> {
  await db
    .prepare(
      'UPDATE applications SET applicant_name = ?, nik_sealed = ?, nik_index = ?, nik_masked = ?, updated_at = ? WHERE id = ?',
    )
    .run(u.name, sealText(key, u.nik, nikAd(id)), blindIndex(key, u.nik), maskNik(u.nik), u.at, id);
}

/** Makes every open application of this NIK due for a BSrE check now (after a trainer's move). */
export async function markDueForNik(db: Db, key: Buffer, nik: string, nowIso: string): Promise<number> {
  return (
    await db
      .prepare(
        "UPDATE applications SET bsre_next_check_at = ? WHERE nik_index = ? AND status = 'inProgress' AND bsre_next_check_at IS NOT NULL",
      )
      .run(nowIso, blindIndex(key, nik))
  ).changes;
}

/** Open applications registered at BSrE with this email get their next check now (BSrE keys a registration by email). */
export async function markDueForEmail(db: Db, email: string, nowIso: string): Promise<number> {
  return (
    await db
      .prepare(
        "UPDATE applications SET bsre_next_check_at = ? WHERE lower(official_email) = lower(?) AND status = 'inProgress' AND bsre_next_check_at IS NOT NULL",
      )
      .run(nowIso, email)
  ).changes;
}

/** The newest application that gave BSrE this official email, if any. */
export async function latestApplicationIdForEmail(db: Db, email: string): Promise<string | null> {
  const row = (await db
    .prepare('SELECT id FROM applications WHERE lower(official_email) = lower(?) ORDER BY created_at DESC LIMIT 1')
    .get(email)) as { id: string } | undefined;
  return row?.id ?? null;
}

/** Open applications whose next BSrE check is due (the poller's work list). */
export async function dueForBsreCheck(db: Db, nowIso: string, limit: number): Promise<string[]> {
  return (
    (await db
      .prepare(
        "SELECT id FROM applications WHERE status = 'inProgress' AND bsre_next_check_at IS NOT NULL AND bsre_next_check_at <= ? ORDER BY bsre_next_check_at LIMIT ?",
      )
      .all(nowIso, limit)) as {
      id: string;
    }[]
  ).map((r) => r.id);
}

export async function getApplication(db: Db, key: Buffer, id: string): Promise<ApplicationRecord | null> {
  const row = (await db.prepare('SELECT * FROM applications WHERE id = ?').get(id)) as ApplicationRow | undefined;
  return row ? toRecord(key, row) : null;
}

export interface ApplicationQuery {
  query: string;
  statuses: ApplicationStatus[];
  limit: number;
}

/** Search by name (contains), NIP (prefix) or full NIK (exact, through the blind index). */
export async function searchApplications(db: Db, key: Buffer, q: ApplicationQuery): Promise<ApplicationRecord[]> {
  const where: string[] = [`status IN (${q.statuses.map(() => '?').join(',')})`];
  const params: unknown[] = [...q.statuses];
  const text = q.query.trim();
  if (text) {
    const digits = text.replace(/\s+/g, '');
    if (/^\d{16}$/.test(digits)) {
      where.push('nik_index = ?');
      params.push(blindIndex(key, digits));
    } else if (/^\d{3,18}$/.test(digits)) {
      where.push('nip LIKE ?');
      params.push(`${digits}%`);
    } else {
      const like = dialectOf(db).likeNocase;
      where.push(`(applicant_name ${like} ? ESCAPE '\\' OR reference_no ${like} ? ESCAPE '\\')`);
      const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      params.push(pattern, pattern);
    }
  }
  params.push(q.limit);
  const rows = (await db
    .prepare(`SELECT * FROM applications WHERE ${where.join(' AND ')} ORDER BY created_at DESC LIMIT ?`)
    .all(...params)) as ApplicationRow[];
  return rows.map((r) => toRecord(key, r, true));
}

/** How many reference numbers already carry this prefix (e.g. "TTE-2026-"), for the next number. */
export async function countReferencesWithPrefix(db: Db, prefix: string): Promise<number> {
  return (
    (await db.prepare('SELECT COUNT(*) AS n FROM applications WHERE reference_no LIKE ?').get(`${prefix}%`)) as {
      n: number;
    }
  ).n;
}

/** The applications made from one collective letter, in the order they were made. */
export async function applicationsOfLetterGroup(
  db: Db,
  letterGroupId: string,
): Promise<{ id: string; referenceNo: string; applicantName: string }[]> {
  return (await db
    .prepare(
      'SELECT id, reference_no AS referenceNo, applicant_name AS applicantName FROM applications WHERE letter_group_id = ? ORDER BY reference_no',
    )
    .all(letterGroupId)) as { id: string; referenceNo: string; applicantName: string }[];
}
