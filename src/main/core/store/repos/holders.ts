/** The recap of TTE users (rekap pengguna TTE): every certificate holder the office has served. */
import type { Db } from '../db';
import { blindIndex, openText, sealText } from '../../crypto/aead';
import { maskNik } from '../../../../shared/identity/nik';

export interface HolderRecord {
  id: string;
  applicationId: string | null;
  name: string;
  nik: string;
  nikMasked: string;
  nip: string;
  agency: string;
  position: string;
  officialEmail: string | null;
  phone: string;
  issuedAt: string;
  expiresAt: string;
  bsreStatus: string;
  createdAt: string;
  bsreCheckedAt?: string | null;
  bsreMismatch?: boolean;
}

interface HolderRow {
  id: string;
  application_id: string | null;
  name: string;
  nik_sealed: Buffer;
  nik_masked: string;
  nip: string;
  agency: string;
  position: string;
  official_email: string | null;
  phone_sealed: Buffer;
  issued_at: string;
  expires_at: string;
  bsre_status: string;
  created_at: string;
  bsre_checked_at: string | null;
  bsre_mismatch: number;
}

const nikAd = (id: string) => `holder:${id}:nik`;
const phoneAd = (id: string) => `holder:${id}:phone`;

export function insertHolder(db: Db, key: Buffer, h: Omit<HolderRecord, 'nikMasked'>): void {
  db.prepare(
    `INSERT INTO holders (id, application_id, name, nik_sealed, nik_index, nik_masked, nip, agency, position, official_email,
       phone_sealed, issued_at, expires_at, bsre_status, created_at)
     VALUES (@id, @applicationId, @name, @nikSealed, @nikIndex, @nikMasked, @nip, @agency, @position, @officialEmail,
       @phoneSealed, @issuedAt, @expiresAt, @bsreStatus, @createdAt)`,
  ).run({
    ...h,
    nikSealed: sealText(key, h.nik, nikAd(h.id)),
    nikIndex: blindIndex(key, h.nik),
    nikMasked: maskNik(h.nik),
    phoneSealed: sealText(key, h.phone, phoneAd(h.id)),
  });
}

export function searchHolders(db: Db, key: Buffer, query: string, limit = 200): HolderRecord[] {
  const text = query.trim();
  let where = '1 = 1';
  const params: unknown[] = [];
  if (/^\d{16}$/.test(text)) {
    where = 'nik_index = ?';
    params.push(blindIndex(key, text));
  } else if (text) {
    where = "(name LIKE ? ESCAPE '\\' OR nip LIKE ? ESCAPE '\\' OR agency LIKE ? ESCAPE '\\')";
    const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    params.push(like, like, like);
  }
  const rows = db.prepare(`SELECT * FROM holders WHERE ${where} ORDER BY expires_at LIMIT ?`).all(...params, limit) as HolderRow[];
  return rows.map((r) => ({
    id: r.id,
    applicationId: r.application_id,
    name: r.name,
    nik: openText(key, r.nik_sealed, nikAd(r.id)),
    nikMasked: r.nik_masked,
    nip: r.nip,
    agency: r.agency,
    position: r.position,
    officialEmail: r.official_email,
    phone: openText(key, r.phone_sealed, phoneAd(r.id)),
    issuedAt: r.issued_at,
    expiresAt: r.expires_at,
    bsreStatus: r.bsre_status,
    createdAt: r.created_at,
    bsreCheckedAt: r.bsre_checked_at,
    bsreMismatch: r.bsre_mismatch === 1,
  }));
}

/** Every holder's id, NIK and expiry, for a refresh against BSrE. */
export function listHolderIdentities(db: Db, key: Buffer): { id: string; nik: string; expiresAt: string }[] {
  const rows = db.prepare('SELECT id, nik_sealed, expires_at FROM holders ORDER BY created_at').all() as { id: string; nik_sealed: Buffer; expires_at: string }[];
  return rows.map((r) => ({ id: r.id, nik: openText(key, r.nik_sealed, nikAd(r.id)), expiresAt: r.expires_at }));
}

export function updateHolderBsre(db: Db, id: string, u: { status: string; message: string; checkedAt: string; mismatch: boolean }): void {
  db.prepare('UPDATE holders SET bsre_status = ?, bsre_message = ?, bsre_checked_at = ?, bsre_mismatch = ? WHERE id = ?').run(u.status, u.message, u.checkedAt, u.mismatch ? 1 : 0, id);
}
