/** The step history of an application: who did what at which step, and how long it took. */
import type { StepEventKind } from '../../../../shared/domain/application';
import type { Role } from '../../../../shared/domain/roles';
import type { Db } from '../db';

export interface StepEventRecord {
  id: string;
  applicationId: string;
  stepNo: number;
  kind: StepEventKind;
  actorId: string;
  actorRole: Role;
  actorName?: string;
  at: string;
  startedAt: string;
  elapsedMinutes: number;
  standardMinutes: number | null;
  note: string;
  data: Record<string, unknown>;
}

interface StepEventRow {
  id: string;
  application_id: string;
  step_no: number;
  kind: StepEventKind;
  actor_id: string;
  actor_role: Role;
  actor_name: string | null;
  at: string;
  started_at: string;
  elapsed_minutes: number;
  standard_minutes: number | null;
  note: string;
  data_json: string;
}

export async function insertStepEvent(db: Db, e: StepEventRecord): Promise<void> {
  await db
    .prepare(
      `INSERT INTO step_events (id, application_id, step_no, kind, actor_id, actor_role, at, started_at, elapsed_minutes, standard_minutes, note, data_json)
     VALUES (@id, @applicationId, @stepNo, @kind, @actorId, @actorRole, @at, @startedAt, @elapsedMinutes, @standardMinutes, @note, @dataJson)`,
    )
    .run({ ...e, dataJson: JSON.stringify(e.data) });
}

export async function listStepEvents(db: Db, applicationId: string): Promise<StepEventRecord[]> {
  const rows = (await db
    .prepare(
      `SELECT e.*, u.full_name AS actor_name FROM step_events e LEFT JOIN users u ON u.id = e.actor_id
       WHERE e.application_id = ? ORDER BY e.at, e.rowid`,
    )
    .all(applicationId)) as StepEventRow[];
  return rows.map((r) => ({
    id: r.id,
    applicationId: r.application_id,
    stepNo: r.step_no,
    kind: r.kind,
    actorId: r.actor_id,
    actorRole: r.actor_role,
    actorName: r.actor_name ?? '',
    at: r.at,
    startedAt: r.started_at,
    elapsedMinutes: r.elapsed_minutes,
    standardMinutes: r.standard_minutes,
    note: r.note,
    data: JSON.parse(r.data_json) as Record<string, unknown>,
  }));
}

/** When the application was last returned to the applicant (null if never): older desk evidence does not count. */
export async function lastReturnedAt(db: Db, applicationId: string): Promise<string | null> {
  const row = (await db
    .prepare(`SELECT MAX(at) AS at FROM step_events WHERE application_id = ? AND kind = 'returned'`)
    .get(applicationId)) as { at: string | null } | undefined;
  return row?.at ?? null;
}
