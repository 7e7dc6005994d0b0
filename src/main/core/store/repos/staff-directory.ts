/**
 * The office's staff directory (from its SIASN/SIMPEG export), keyed by NIP: what intake fills in
 * when the verifier types a NIP. HP is sealed; retirement or transfer is kept for the Kasi's list.
 */
import type { EmploymentStatus, StaffEntry, StaffFlag } from '../../../../shared/domain/staff';
import { openText, sealText } from '../../crypto/aead';
import type { Db } from '../db';

interface StaffRow {
  nip: string;
  name: string;
  rank: string;
  position: string;
  agency: string;
  official_email: string | null;
  phone_sealed: Buffer | null;
  employment_status: EmploymentStatus;
  status_note: string;
  updated_at: string;
}

const phoneAd = (nip: string) => `staff:${nip}:phone`;

function toEntry(key: Buffer, r: StaffRow): StaffEntry {
  return {
    nip: r.nip,
    name: r.name,
    rank: r.rank,
    position: r.position,
    agency: r.agency,
    officialEmail: r.official_email,
    phone: r.phone_sealed && r.phone_sealed.length > 0 ? openText(key, r.phone_sealed, phoneAd(r.nip)) : null,
    employmentStatus: r.employment_status,
    statusNote: r.status_note,
    updatedAt: r.updated_at,
  };
}

export async function findStaff(db: Db, key: Buffer, nip: string): Promise<StaffEntry | null> {
  const row = (await db.prepare('SELECT * FROM staff_directory WHERE nip = ?').get(nip)) as StaffRow | undefined;
  return row ? toEntry(key, row) : null;
}

/** Which of these NIPs the directory holds already (a re-import updates them). */
export async function knownNips(db: Db, nips: string[]): Promise<Set<string>> {
  const known = new Set<string>();
  const stmt = db.prepare('SELECT 1 FROM staff_directory WHERE nip = ?').pluck();
  for (const nip of nips) if (await stmt.get(nip)) known.add(nip);
  return known;
}

/** Insert or update by NIP; an empty HP or email in the file keeps the stored one. */
export async function upsertStaff(db: Db, key: Buffer, entries: StaffEntry[], importId: string): Promise<void> {
  const stmt = db.prepare(
    `INSERT INTO staff_directory (nip, name, rank, position, agency, official_email, phone_sealed, employment_status, status_note, import_id, updated_at)
     VALUES (@nip, @name, @rank, @position, @agency, @officialEmail, @phoneSealed, @employmentStatus, @statusNote, @importId, @updatedAt)
     ON CONFLICT (nip) DO UPDATE SET name = excluded.name, rank = excluded.rank, position = excluded.position,
       agency = excluded.agency, official_email = COALESCE(excluded.official_email, staff_directory.official_email),
       phone_sealed = COALESCE(excluded.phone_sealed, staff_directory.phone_sealed),
       employment_status = excluded.employment_status, status_note = excluded.status_note,
       import_id = excluded.import_id, updated_at = excluded.updated_at`,
  );
  for (const e of entries)
    await stmt.run({
      ...e,
      phoneSealed: e.phone ? sealText(key, e.phone, phoneAd(e.nip)) : null,
      importId,
    });
}

export async function insertStaffImport(
  db: Db,
  r: {
    id: string;
    at: string;
    byUserId: string;
    fileName: string;
    totalRows: number;
    inserted: number;
    updated: number;
    skipped: number;
  },
): Promise<void> {
  await db
    .prepare(
      `INSERT INTO staff_imports (id, at, by_user_id, file_name, total_rows, inserted, updated, skipped)
     VALUES (@id, @at, @byUserId, @fileName, @totalRows, @inserted, @updated, @skipped)`,
    )
    .run(r);
}

export async function countStaff(db: Db): Promise<number> {
  return (await db.prepare('SELECT COUNT(*) FROM staff_directory').pluck().get()) as number;
}

/**
 * Holders in the recap whose NIP the directory marks retired, transferred or left, with the holder's
 * certificate still standing (not revoked): the Kasi decides on revocation or a data change.
 */
export async function flaggedHolders(db: Db): Promise<Omit<StaffFlag, 'suggestion'>[]> {
  const rows = (await db
    .prepare(
      `SELECT h.id, h.name, h.nip, h.agency, h.expires_at, h.bsre_status, s.employment_status, s.status_note, s.agency AS directory_agency
         FROM holders h JOIN staff_directory s ON s.nip = h.nip
        WHERE s.employment_status <> 'active' AND h.bsre_status NOT IN ('REVOKE','REVOKED')
        ORDER BY h.name LIMIT 1000`,
    )
    .all()) as {
    id: string;
    name: string;
    nip: string;
    agency: string;
    expires_at: string;
    bsre_status: string;
    employment_status: EmploymentStatus;
    status_note: string;
    directory_agency: string;
  }[];
  return rows.map((r) => ({
    holderId: r.id,
    name: r.name,
    nip: r.nip,
    agency: r.agency,
    expiresAt: r.expires_at,
    bsreStatus: r.bsre_status,
    employmentStatus: r.employment_status,
    statusNote: r.status_note,
    directoryAgency: r.directory_agency,
  }));
}
