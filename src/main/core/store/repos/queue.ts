/**
 * The queue's store side: open applications read through the status index without opening any
 * sealed column, the verifiers a Kasi may hand work to, and the reassignment history.
 */
import type { ServiceType } from '../../../../shared/domain/application';
import type { ReassignmentView } from '../../../../shared/domain/queue';
import type { Db } from '../db';
import { type Dialect, dialectOf } from '../dialect';
import { SYSTEM_USER_ID } from './users';

export interface OpenApplicationRow {
  id: string;
  referenceNo: string;
  templateId: string;
  serviceType: ServiceType;
  status: 'inProgress' | 'returned';
  applicantName: string;
  agency: string;
  verifierId: string | null;
  verifierName: string | null;
  stepNo: number;
  stepStartedAt: string;
  issued: boolean;
  /** A registration sits in the BSrE outbox (pending, being sent, or awaiting a status check). */
  outboxOpen: boolean;
}

interface Row {
  id: string;
  reference_no: string;
  template_id: string;
  service_type: ServiceType;
  status: 'inProgress' | 'returned';
  applicant_name: string;
  agency: string;
  assigned_verifier_id: string | null;
  verifier_name: string | null;
  current_step_no: number;
  current_step_started_at: string;
  issued: number;
  outbox_open: number;
}

/**
 * The SQL of the queue, exported so tests and the bench can EXPLAIN it. It reads only the partial
 * covering index of open applications (migration 5): an application row carries sealed NIK and
 * phone blobs, and visiting thousands of them was most of the queue's time.
 */
export const openApplicationsSql = (dialect: Dialect): string => `
  SELECT a.id, a.reference_no, a.template_id, a.service_type, a.status, a.applicant_name, a.agency,
         a.assigned_verifier_id, a.current_step_no, a.current_step_started_at, a.issued_at IS NOT NULL AS issued
  FROM applications a ${dialect.indexedBy('applications_open_queue')}
  WHERE a.status IN ('inProgress','returned')`;

/** Applications with a registration still in the BSrE outbox; the outbox is small, one read. */
export const OPEN_OUTBOX_SQL =
  "SELECT DISTINCT application_id FROM bsre_outbox WHERE state IN ('pending','sending','unknown')";

/** Every open application (in progress or returned), the few columns the queue shows. */
export async function listOpenApplications(db: Db): Promise<OpenApplicationRow[]> {
  const outbox = new Set((await db.prepare(OPEN_OUTBOX_SQL).pluck().all()) as string[]);
  const names = new Map(
    ((await db.prepare('SELECT id, full_name FROM users').all()) as { id: string; full_name: string }[]).map((u) => [
      u.id,
      u.full_name,
    ]),
  );
  return (
    (await db.prepare(openApplicationsSql(dialectOf(db))).all()) as Omit<Row, 'verifier_name' | 'outbox_open'>[]
  ).map((r) => ({
    id: r.id,
    referenceNo: r.reference_no,
    templateId: r.template_id,
    serviceType: r.service_type,
    status: r.status,
    applicantName: r.applicant_name,
    agency: r.agency,
    verifierId: r.assigned_verifier_id,
    verifierName: r.assigned_verifier_id ? (names.get(r.assigned_verifier_id) ?? null) : null,
    stepNo: r.current_step_no,
    stepStartedAt: r.current_step_started_at,
    issued: r.issued === 1,
    outboxOpen: outbox.has(r.id),
  }));
}

/** Active verifier accounts (the BSrE system actor is not one), by name. */
export async function activeVerifiers(db: Db): Promise<{ id: string; name: string }[]> {
  return (await db
    .prepare(
      `SELECT id, full_name AS name FROM users WHERE role = 'verifikator' AND active = 1 AND id <> ? ORDER BY ${dialectOf(db).nocase('full_name')}`,
    )
    .all(SYSTEM_USER_ID)) as { id: string; name: string }[];
}

export interface AssignmentState {
  status: string;
  verifierId: string | null;
}

export async function assignmentState(db: Db, applicationId: string): Promise<AssignmentState | null> {
  const row = (await db
    .prepare('SELECT status, assigned_verifier_id FROM applications WHERE id = ?')
    .get(applicationId)) as { status: string; assigned_verifier_id: string | null } | undefined;
  return row ? { status: row.status, verifierId: row.assigned_verifier_id } : null;
}

export interface ReassignmentRecord {
  id: string;
  applicationId: string;
  fromVerifierId: string | null;
  toVerifierId: string;
  byUserId: string;
  at: string;
  note: string;
}

/** Records the move and points the application at the new verifier (call inside a transaction). */
export async function reassignVerifier(db: Db, r: ReassignmentRecord): Promise<void> {
  await db
    .prepare(
      `INSERT INTO reassignments (id, application_id, from_verifier_id, to_verifier_id, by_user_id, at, note)
     VALUES (@id, @applicationId, @fromVerifierId, @toVerifierId, @byUserId, @at, @note)`,
    )
    .run(r);
  await db
    .prepare('UPDATE applications SET assigned_verifier_id = ?, updated_at = ? WHERE id = ?')
    .run(r.toVerifierId, r.at, r.applicationId);
}

export async function listReassignments(db: Db, applicationId: string): Promise<ReassignmentView[]> {
  return (await db
    .prepare(
      `SELECT r.id, r.at, f.full_name AS "from", t.full_name AS "to", b.full_name AS "by", r.note
       FROM reassignments r
       LEFT JOIN users f ON f.id = r.from_verifier_id
       JOIN users t ON t.id = r.to_verifier_id
       JOIN users b ON b.id = r.by_user_id
       WHERE r.application_id = ? ORDER BY r.at, r.rowid`,
    )
    .all(applicationId)) as ReassignmentView[];
}
