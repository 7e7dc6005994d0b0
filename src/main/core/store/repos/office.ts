/** The single office row: who runs this desk, its time zone, its SOP template. */
import type { Office, TimeZoneLabel } from '../../../../shared/domain/office';
import type { Db } from '../db';

interface OfficeRow {
  name: string;
  regency: string;
  address: string;
  time_zone: string;
  letterhead: string;
  sop_template_id: string;
  idle_lock_minutes: number;
}

const toOffice = (r: OfficeRow): Office => ({
  name: r.name,
  regency: r.regency,
  address: r.address,
  timeZone: r.time_zone as TimeZoneLabel,
  letterhead: r.letterhead,
  sopTemplateId: r.sop_template_id,
  idleLockMinutes: r.idle_lock_minutes,
});

export async function readOffice(db: Db): Promise<Office | null> {
  const row = (await db.prepare('SELECT * FROM office WHERE id = 1').get()) as OfficeRow | undefined;
  return row ? toOffice(row) : null;
}

export async function saveOffice(db: Db, office: Office, at: string): Promise<void> {
  await db
    .prepare(
      `INSERT INTO office (id, name, regency, address, time_zone, letterhead, sop_template_id, idle_lock_minutes, updated_at)
     VALUES (1, @name, @regency, @address, @timeZone, @letterhead, @sopTemplateId, @idleLockMinutes, @at)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, regency = excluded.regency, address = excluded.address,
       time_zone = excluded.time_zone, letterhead = excluded.letterhead, sop_template_id = excluded.sop_template_id,
       idle_lock_minutes = excluded.idle_lock_minutes, updated_at = excluded.updated_at`,
    )
    .run({ ...office, at });
}
