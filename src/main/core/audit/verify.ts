/**
 * Walks the audit log's hash chain and names the first place it breaks, so an auditor (or
 * `npm run audit:verify`) learns whether an entry was edited, deleted, reordered or inserted
 * after it was written. Reads only; works on either engine (a copy of the SQLite file, or PostgreSQL).
 */
import { dialectOf } from '../store/dialect';
import type { Store } from '../store/store';
import { type ChainedFields, entryHash, GENESIS_HASH } from './chain';

export type ChainProblem = 'edited' | 'deleted' | 'reordered' | 'inserted';

export interface ChainReport {
  ok: boolean;
  /** Entries that checked out before the first break (all of them when ok). */
  checked: number;
  /** The first entry id that is wrong or missing; null when ok. */
  firstBadId: number | null;
  problem: ChainProblem | null;
}

interface Stored extends ChainedFields {
  hash: string;
}

const COLUMNS = 'seq, at, user_id, action, entity, entity_id, detail_json, prev_hash, hash';
const HEX64 = /^[0-9a-f]{64}$/;
const selfConsistent = (e: Stored) => entryHash(e) === e.hash;

export async function verifyAuditChain(db: Store): Promise<ChainReport> {
  let prev: Stored | null = null;
  let checked = 0;
  let bad: Stored | null = null;
  for await (const row of db
    .prepare(`SELECT ${COLUMNS} FROM audit_log ORDER BY seq`)
    .iterate() as AsyncIterable<Stored>) {
    const intact =
      selfConsistent(row) && row.prev_hash === (prev?.hash ?? GENESIS_HASH) && row.seq === (prev?.seq ?? 0) + 1;
    if (!intact) {
      bad = row;
      break;
    }
    checked++;
    prev = row;
  }
  if (bad) return { ok: false, checked, ...(await diagnose(db, bad, prev)) };
  // The highest id ever handed out (AUTOINCREMENT's counter; a store_meta mark on PostgreSQL):
  // entries cut from the end leave it behind.
  const counter = (await db.prepare(dialectOf(db).auditCounterSql).get()) as { seq: number } | undefined;
  const last = prev?.seq ?? 0;
  if (counter && counter.seq > last) return { ok: false, checked, firstBadId: last + 1, problem: 'deleted' };
  return { ok: true, checked, firstBadId: null, problem: null };
}

const bySeq = async (db: Store, seq: number) =>
  (await db.prepare(`SELECT ${COLUMNS} FROM audit_log WHERE seq = ?`).get(seq)) as Stored | undefined;

/** The id an entry was written under, if its content hashes correctly under another id. */
async function originalSeq(db: Store, row: Stored): Promise<number | null> {
  const max = ((await db.prepare('SELECT MAX(seq) AS m FROM audit_log').get()) as { m: number }).m;
  for (let s = 1; s <= max + 16; s++) if (s !== row.seq && entryHash({ ...row, seq: s }) === row.hash) return s;
  return null;
}

/** Whether the row's content is what another slot's hash was computed over (contents swapped, hashes left). */
async function contentOfAnotherSlot(db: Store, row: Stored): Promise<boolean> {
  for await (const slot of db
    .prepare(`SELECT ${COLUMNS} FROM audit_log ORDER BY seq`)
    .iterate() as AsyncIterable<Stored>)
    if (slot.seq !== row.seq && entryHash({ ...row, seq: slot.seq, prev_hash: slot.prev_hash }) === slot.hash)
      return true;
  return false;
}

async function diagnose(
  db: Store,
  row: Stored,
  prev: Stored | null,
): Promise<{ firstBadId: number; problem: ChainProblem }> {
  const expectedSeq = (prev?.seq ?? 0) + 1;
  const linked = row.prev_hash === (prev?.hash ?? GENESIS_HASH);
  const consistent = selfConsistent(row);
  // A gap in the ids: entries were removed, unless the row after the gap was never chained at all.
  if (row.seq !== expectedSeq)
    return { firstBadId: expectedSeq, problem: consistent || linked ? 'deleted' : 'inserted' };

  if (!consistent) {
    const origin = await originalSeq(db, row);
    if (origin !== null) {
      const slot = await bySeq(db, origin);
      if (slot && entryHash({ ...slot, seq: row.seq }) === slot.hash)
        return { firstBadId: row.seq, problem: 'reordered' };
      // Entries pulled up to close a gap: the ones between were deleted and the rest renumbered.
      if (origin > row.seq) return { firstBadId: row.seq, problem: 'deleted' };
      // Entries pushed down: something sits in this entry's old place.
      if (slot && selfConsistent(slot)) return { firstBadId: origin, problem: 'inserted' };
      return { firstBadId: row.seq, problem: 'reordered' };
    }
    if (await contentOfAnotherSlot(db, row)) return { firstBadId: row.seq, problem: 'reordered' };
    if (!linked || !HEX64.test(row.hash)) return { firstBadId: row.seq, problem: 'inserted' };
    // In its place and linked, but its content no longer matches its hash: edited — unless the
    // entry after it was not chained to it, which means this one was slipped in between.
    const next = await bySeq(db, row.seq + 1);
    return { firstBadId: row.seq, problem: next && next.prev_hash !== row.hash ? 'inserted' : 'edited' };
  }

  // Intact itself, but chained to something other than its predecessor.
  const target = (await db.prepare('SELECT seq FROM audit_log WHERE hash = ? LIMIT 1').get(row.prev_hash)) as
    { seq: number } | undefined;
  if (target) return { firstBadId: row.seq, problem: 'reordered' };
  // Chained to a hash no entry has any more: the entry before was rewritten with a fresh hash.
  return { firstBadId: prev?.seq ?? row.seq, problem: 'edited' };
}

/** One line for the auditor, in the office's language. */
export function describeChainReport(report: ChainReport): string {
  if (report.ok) return `Rantai audit utuh: ${report.checked} entri diperiksa.`;
  const what: Record<ChainProblem, string> = {
    edited: 'isinya diubah setelah dicatat',
    deleted: 'entri dihapus',
    reordered: 'urutan entri ditukar',
    inserted: 'ada entri sisipan yang tidak dicatat oleh aplikasi',
  };
  return `Rantai audit RUSAK pada entri #${report.firstBadId}: ${what[report.problem ?? 'edited']} (${report.checked} entri sebelumnya utuh).`;
}
