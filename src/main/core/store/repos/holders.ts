/**
 * The recap of TTE users (rekap pengguna TTE): every certificate holder the office has served.
 * Built for 100,000 rows: every filter and sort runs on an index, a page is picked by rowid on a
 * covering index first, and only that page's sealed NIK and phone are opened.
 */
import type { HolderSort } from '../../../../shared/domain/recap';
import { maskNik } from '../../../../shared/identity/nik';
import { blindIndex, openText, openTextOrNull, sealText } from '../../crypto/aead';
import type { Db } from '../db';
import { type Dialect, dialectOf } from '../dialect';
import { queryPlan } from '../query-plan';
import type { SqlArg } from '../store';

export interface HolderRecord {
  /** Its sealed values did not open (see toRecord). */
  unreadable?: boolean;
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
  source?: 'application' | 'import';
  importId?: string | null;
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
  source: 'application' | 'import';
  import_id: string | null;
}

const nikAd = (id: string) => `holder:${id}:nik`;
const phoneAd = (id: string) => `holder:${id}:phone`;

const HOLDER_COLUMNS = `id, application_id, name, nik_sealed, nik_index, nik_masked, nip, agency, position,
  official_email, phone_sealed, issued_at, expires_at, bsre_status, created_at, source, import_id`;
const HOLDER_TUPLE = `(${HOLDER_COLUMNS.split(',')
  .map(() => '?')
  .join(', ')})`;
/** Rows per INSERT: a few thousand parameters, well under both engines' limits. */
const INSERT_BATCH = 200;

/** One holder's values in HOLDER_COLUMNS order, NIK and phone sealed. */
function holderValues(key: Buffer, h: Omit<HolderRecord, 'nikMasked'>): SqlArg[] {
  return [
    h.id,
    h.applicationId,
    h.name,
    sealText(key, h.nik, nikAd(h.id)),
    blindIndex(key, h.nik),
    maskNik(h.nik),
    h.nip,
    h.agency,
    h.position,
    h.officialEmail,
    sealText(key, h.phone, phoneAd(h.id)),
    h.issuedAt,
    h.expiresAt,
    h.bsreStatus,
    h.createdAt,
    h.source ?? 'application',
    h.importId ?? null,
  ];
}

export async function insertHolder(db: Db, key: Buffer, h: Omit<HolderRecord, 'nikMasked'>): Promise<void> {
  await insertHolders(db, key, [h]);
}

/**
 * Many holders, a few hundred rows per statement (the caller owns the transaction): an import of
 * 10,000 rows is 50 statements, not 10,000 round trips to PostgreSQL.
 */
export async function insertHolders(
  db: Db,
  key: Buffer,
  holders: readonly Omit<HolderRecord, 'nikMasked'>[],
): Promise<void> {
  for (let at = 0; at < holders.length; at += INSERT_BATCH) {
    const batch = holders.slice(at, at + INSERT_BATCH);
    await db
      .prepare(`INSERT INTO holders (${HOLDER_COLUMNS}) VALUES ${batch.map(() => HOLDER_TUPLE).join(', ')}`)
      .run(...batch.flatMap((h) => holderValues(key, h)));
  }
}

// ── Filters, sorts and pages ──────────────────────────────────────────────────────

export interface HolderFilter {
  /** Full NIK (blind index), NIP prefix (digits) or name prefix. */
  query?: string;
  agency?: string;
  bsreStatus?: string;
  /** Expiry dates within [from, to] (YYYY-MM-DD). */
  expiresBetween?: { from: string; to: string };
  /** Issue dates within [from, to] (YYYY-MM-DD), for exports. */
  issuedBetween?: { from?: string; to?: string };
}

export interface HolderPageQuery extends HolderFilter {
  sort: HolderSort;
  direction: 'asc' | 'desc';
  offset: number;
  limit: number;
}

interface Where {
  sql: string;
  params: unknown[];
}

/**
 * The words of a name search: every word the user typed must start a word of the name, in any
 * order ("santoso budi" finds "Budi Santoso"). Only letters and digits reach the engine's search syntax.
 */
function nameWords(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 8);
}

/** The WHERE clause of a filter; each condition is one an index can answer. */
export function holderWhere(dialect: Dialect, key: Buffer, f: HolderFilter): Where {
  const parts: string[] = [];
  const params: unknown[] = [];
  const text = (f.query ?? '').trim();
  const digits = text.replace(/\s+/g, '');
  if (/^\d{16}$/.test(digits)) {
    parts.push('(nik_index = ? OR (nip >= ? AND nip < ?))');
    params.push(blindIndex(key, digits), digits, `${digits}:`);
  } else if (/^\d+$/.test(digits)) {
    parts.push('nip >= ? AND nip < ?');
    params.push(digits, `${digits}:`); // ':' sorts right after '9': every NIP starting with the digits
  } else if (nameWords(text).length > 0) {
    parts.push(dialect.holderNameMatch);
    params.push(dialect.nameQuery(nameWords(text)));
  }
  if (f.agency) {
    parts.push('agency = ?');
    params.push(f.agency);
  }
  if (f.bsreStatus) {
    parts.push('bsre_status = ?');
    params.push(f.bsreStatus);
  }
  if (f.expiresBetween) {
    parts.push('expires_at BETWEEN ? AND ?');
    params.push(f.expiresBetween.from, f.expiresBetween.to);
  }
  if (f.issuedBetween?.from) {
    parts.push('issued_at >= ?');
    params.push(f.issuedBetween.from);
  }
  if (f.issuedBetween?.to) {
    parts.push('issued_at <= ?');
    params.push(f.issuedBetween.to);
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

/** ORDER BY for a sort; rowid last so equal keys page in a stable order (the index holds it). */
export function holderOrderBy(dialect: Dialect, sort: HolderSort, direction: 'asc' | 'desc'): string {
  const d = direction === 'desc' ? 'DESC' : 'ASC';
  const keys: Record<HolderSort, string[]> = {
    name: [dialect.nocase('name')],
    agency: ['agency', 'expires_at'],
    issuedAt: ['issued_at'],
    expiresAt: ['expires_at'],
    bsreStatus: ['bsre_status', 'expires_at'],
  };
  return `ORDER BY ${[...keys[sort], 'rowid'].map((k) => `${k} ${d}`).join(', ')}`;
}

function pageSql(dialect: Dialect, key: Buffer, q: HolderPageQuery): Where {
  const where = holderWhere(dialect, key, q);
  return {
    sql: `SELECT rowid AS rid FROM holders ${where.sql} ${holderOrderBy(dialect, q.sort, q.direction)} LIMIT ? OFFSET ?`,
    params: [...where.params, q.limit, q.offset],
  };
}

export async function countHolders(db: Db, key: Buffer, f: HolderFilter): Promise<number> {
  const where = holderWhere(dialectOf(db), key, f);
  return ((await db.prepare(`SELECT COUNT(*) AS n FROM holders ${where.sql}`).get(...where.params)) as { n: number }).n;
}

/**
 * Several counts, one per filter, in one statement: each is its own scalar subquery on its own index
 * range, and the desk pays one round trip to PostgreSQL instead of one per count.
 */
export async function countHoldersEach(db: Db, key: Buffer, filters: readonly HolderFilter[]): Promise<number[]> {
  const dialect = dialectOf(db);
  const wheres = filters.map((f) => holderWhere(dialect, key, f));
  const sql = `SELECT ${wheres.map((w, i) => `(SELECT COUNT(*) FROM holders ${w.sql}) AS c${i}`).join(', ')}`;
  const row = (await db.prepare(sql).get(...wheres.flatMap((w) => w.params))) as Record<string, number>;
  return wheres.map((_, i) => row[`c${i}`] ?? 0);
}

/**
 * The total and the expiry-window counts under one filter in a single pass. Cheaper than four
 * counts when the filter is a name search (each count would look every match up again); for the
 * other filters four index range counts are cheaper, so the caller chooses.
 */
export async function countHoldersByWindows(
  db: Db,
  key: Buffer,
  f: HolderFilter,
  windows: readonly { from: string; to: string }[],
): Promise<{ total: number; windows: number[] }> {
  const where = holderWhere(dialectOf(db), key, f);
  const sums = windows
    .map((_, i) => `SUM(CASE WHEN expires_at BETWEEN @from${i} AND @to${i} THEN 1 ELSE 0 END) AS w${i}`)
    .join(', ');
  const named = Object.fromEntries(
    windows.flatMap((w, i) => [
      [`from${i}`, w.from],
      [`to${i}`, w.to],
    ]),
  );
  const row = (await db
    .prepare(`SELECT COUNT(*) AS total${sums ? `, ${sums}` : ''} FROM holders ${where.sql}`)
    .get(...where.params, named)) as Record<string, number | null>;
  return { total: row.total ?? 0, windows: windows.map((_, i) => row[`w${i}`] ?? 0) };
}

/**
 * A page with its total and one count per expiry window, as one statement (window functions): a name
 * search that matches thousands of holders then looks each match up once instead of five times. The
 * recap uses it on SQLite, where one FTS pass answers all; on PostgreSQL the service reads the page
 * and the counts side by side instead (services/holders.ts) — this one statement would make the
 * planner walk the sort's index testing every row (~100 ms for a common surname).
 */
function countedPageSql(
  dialect: Dialect,
  key: Buffer,
  q: HolderPageQuery,
  windows: readonly { from: string; to: string }[],
): Where {
  const where = holderWhere(dialect, key, q);
  const sums = windows
    .map((_, i) => `, SUM(CASE WHEN expires_at BETWEEN @from${i} AND @to${i} THEN 1 ELSE 0 END) OVER () AS w${i}`)
    .join('');
  const named = Object.fromEntries(
    windows.flatMap((w, i) => [
      [`from${i}`, w.from],
      [`to${i}`, w.to],
    ]),
  );
  const sql = `SELECT rowid AS rid, COUNT(*) OVER () AS total${sums} FROM holders ${where.sql}
    ${holderOrderBy(dialect, q.sort, q.direction)} LIMIT ? OFFSET ?`;
  return { sql, params: [...where.params, q.limit, q.offset, named] };
}

export async function pageHoldersCounted(
  db: Db,
  key: Buffer,
  q: HolderPageQuery,
  windows: readonly { from: string; to: string }[],
  options: { openPersonal: boolean },
): Promise<{ rows: HolderRecord[]; total: number; windows: number[] }> {
  const counted = countedPageSql(dialectOf(db), key, q, windows);
  const page = (await db.prepare(counted.sql).all(...counted.params)) as Record<string, number>[];
  const first = page[0];
  if (!first) return { rows: [], ...(await countHoldersByWindows(db, key, q, windows)) };
  return {
    rows: await readHolders(
      db,
      key,
      page.map((r) => r.rid as number),
      options,
    ),
    total: first.total ?? 0,
    windows: windows.map((_, i) => first[`w${i}`] ?? 0),
  };
}

/** True when the filter's text is a name search (FTS), not a NIK or NIP. */
export function isNameSearch(query: string | undefined): boolean {
  const text = (query ?? '').trim();
  return text !== '' && !/^\d+$/.test(text.replace(/\s+/g, ''));
}

/** One page: rowids from the index, then only those rows are read and opened. */
export async function pageHolders(
  db: Db,
  key: Buffer,
  q: HolderPageQuery,
  options: { openPersonal: boolean },
): Promise<HolderRecord[]> {
  const page = pageSql(dialectOf(db), key, q);
  const ids = ((await db.prepare(page.sql).all(...page.params)) as { rid: number }[]).map((r) => r.rid);
  return await readHolders(db, key, ids, options);
}

/** The holders of these rowids, in this order, opened for the caller. */
async function readHolders(
  db: Db,
  key: Buffer,
  ids: readonly number[],
  options: { openPersonal: boolean },
): Promise<HolderRecord[]> {
  if (ids.length === 0) return [];
  const rows = (await db
    .prepare(`SELECT rowid AS rid, * FROM holders WHERE rowid IN (${ids.map(() => '?').join(',')})`)
    .all(...ids)) as (HolderRow & { rid: number })[];
  const byId = new Map(rows.map((r) => [r.rid, r]));
  return ids.flatMap((rid) => {
    const row = byId.get(rid);
    return row ? [toRecord(key, row, options.openPersonal)] : [];
  });
}

/** The query plan of a page, for tests and the bench (see queryPlan). */
export async function explainHolderPage(db: Db, key: Buffer, q: HolderPageQuery): Promise<string[]> {
  const page = pageSql(dialectOf(db), key, q);
  return await queryPlan(db, page.sql, ...page.params);
}

/** The query plan of a count under a filter. */
export async function explainHolderCount(db: Db, key: Buffer, f: HolderFilter): Promise<string[]> {
  const where = holderWhere(dialectOf(db), key, f);
  return await queryPlan(db, `SELECT COUNT(*) FROM holders ${where.sql}`, ...where.params);
}

/** The query plan of a name search's page with its counts (pageHoldersCounted). */
export async function explainHolderPageCounted(
  db: Db,
  key: Buffer,
  q: HolderPageQuery,
  windows: readonly { from: string; to: string }[],
): Promise<string[]> {
  const counted = countedPageSql(dialectOf(db), key, q, windows);
  return await queryPlan(db, counted.sql, ...counted.params);
}

/**
 * Every OPD in the recap, by skipping along the (agency, expires_at) index: one seek per OPD. SQLite
 * does this for DISTINCT by itself; PostgreSQL has no skip scan and would read all 100k rows, so the
 * skip is spelled out (the same text runs on both).
 */
export async function listAgencies(db: Db): Promise<string[]> {
  return (await db
    .prepare(
      `WITH RECURSIVE opd (agency) AS (
         SELECT MIN(agency) FROM holders
         UNION ALL
         SELECT (SELECT MIN(h.agency) FROM holders h WHERE h.agency > opd.agency) FROM opd WHERE opd.agency IS NOT NULL
       )
       SELECT agency FROM opd WHERE agency IS NOT NULL`,
    )
    .pluck()
    .all()) as string[];
}

export async function getHolder(db: Db, key: Buffer, id: string): Promise<HolderRecord | null> {
  const row = (await db.prepare('SELECT * FROM holders WHERE id = ?').get(id)) as HolderRow | undefined;
  return row ? toRecord(key, row, true) : null;
}

/** Holders for an export, in OPD then name order, opened one at a time. */
export async function* iterateHolders(
  db: Db,
  key: Buffer,
  f: HolderFilter,
  options: { openPersonal: boolean },
): AsyncGenerator<HolderRecord> {
  const where = holderWhere(dialectOf(db), key, f);
  const rows = db
    .prepare(`SELECT * FROM holders ${where.sql} ORDER BY agency, ${dialectOf(db).nocase('name')}, rowid`)
    .iterate(...where.params) as AsyncIterable<HolderRow>;
  for await (const row of rows) yield toRecord(key, row, options.openPersonal);
}

/** Which of these NIKs are already in the recap (blind index lookups, one per NIK). */
/** Blind indexes per lookup query in niksInRecap. */
const LOOKUP_BATCH = 500;

export async function niksInRecap(db: Db, key: Buffer, niks: Iterable<string>): Promise<Set<string>> {
  const byIndex = new Map([...niks].map((nik) => [blindIndex(key, nik), nik]));
  const indexes = [...byIndex.keys()];
  const found = new Set<string>();
  // A few hundred blind indexes per query: one round trip per chunk, each an index lookup per value.
  for (let at = 0; at < indexes.length; at += LOOKUP_BATCH) {
    const chunk = indexes.slice(at, at + LOOKUP_BATCH);
    const hits = (await db
      .prepare(`SELECT DISTINCT nik_index FROM holders WHERE nik_index IN (${chunk.map(() => '?').join(', ')})`)
      .pluck()
      .all(...chunk)) as string[];
    for (const index of hits) found.add(byIndex.get(index) as string);
  }
  return found;
}

export async function searchHolders(db: Db, key: Buffer, query: string, limit = 200): Promise<HolderRecord[]> {
  return await pageHolders(
    db,
    key,
    { query, sort: 'expiresAt', direction: 'asc', offset: 0, limit },
    { openPersonal: true },
  );
}

/** A row whose sealed values do not open is returned marked `unreadable`: one bad row never fails a page. */
function toRecord(key: Buffer, r: HolderRow, openPersonal: boolean): HolderRecord {
  const nik = openPersonal ? openTextOrNull(key, r.nik_sealed, nikAd(r.id)) : r.nik_masked;
  const phone = openTextOrNull(key, r.phone_sealed, phoneAd(r.id));
  return {
    ...(nik === null || phone === null ? { unreadable: true } : {}),
    id: r.id,
    applicationId: r.application_id,
    name: r.name,
    nik: nik ?? r.nik_masked,
    nikMasked: r.nik_masked,
    nip: r.nip,
    agency: r.agency,
    position: r.position,
    officialEmail: r.official_email,
    phone: phone ?? '',
    issuedAt: r.issued_at,
    expiresAt: r.expires_at,
    bsreStatus: r.bsre_status,
    createdAt: r.created_at,
    bsreCheckedAt: r.bsre_checked_at,
    bsreMismatch: r.bsre_mismatch === 1,
    source: r.source,
    importId: r.import_id,
  };
}

/** Every holder's id, NIK and expiry, for a refresh against BSrE. */
export async function listHolderIdentities(
  db: Db,
  key: Buffer,
): Promise<{ id: string; nik: string; expiresAt: string }[]> {
  const rows = (await db.prepare('SELECT id, nik_sealed, expires_at FROM holders ORDER BY created_at').all()) as {
    id: string;
    nik_sealed: Buffer;
    expires_at: string;
  }[];
  return rows.map((r) => ({ id: r.id, nik: openText(key, r.nik_sealed, nikAd(r.id)), expiresAt: r.expires_at }));
}

export async function updateHolderBsre(
  db: Db,
  id: string,
  u: { status: string; message: string; checkedAt: string; mismatch: boolean },
): Promise<void> {
  await db
    .prepare(
      'UPDATE holders SET bsre_status = ?, bsre_message = ?, bsre_checked_at = ?, bsre_mismatch = ? WHERE id = ?',
    )
    .run(u.status, u.message, u.checkedAt, u.mismatch ? 1 : 0, id);
}

// ── Imports ──────────────────────────────────────────────────────────────────────

export interface HolderImportRecord {
  id: string;
  at: string;
  byUserId: string;
  fileName: string;
  totalRows: number;
  imported: number;
  skipped: number;
}

export async function insertHolderImport(db: Db, r: HolderImportRecord): Promise<void> {
  await db
    .prepare(
      'INSERT INTO holder_imports (id, at, by_user_id, file_name, total_rows, imported, skipped) VALUES (?, ?, ?, ?, ?, ?, ?)',
    )
    .run(r.id, r.at, r.byUserId, r.fileName, r.totalRows, r.imported, r.skipped);
}
