/**
 * Data-key rotation for the store: every sealed value opened with the old key and sealed again
 * with the new one, every blind index recomputed, the store's key-check value switched, and the
 * `key.rotated` audit entry — all in ONE transaction, so the database is either wholly under the old
 * key or wholly under the new one, and says which.
 */
import type { Db } from '../store/db';
import { inTransaction } from '../store/db';
import { writeAudit } from '../store/repos/audit';
import { writeMeta } from '../store/repos/store-meta';
import { blindIndex, open, seal } from './aead';
import { keyCheckOf } from './key-check';
import { BLIND_INDEXES, SEALED_COLUMNS, type SealedColumn } from './sealed-columns';

export interface RotationReport {
  /** Values re-sealed per `table.column`. */
  resealed: Record<string, number>;
  /** Blind index values recomputed per `table.column`. */
  reindexed: Record<string, number>;
}

const label = (c: { table: string; column: string }) => `${c.table}.${c.column}`;

/** The key and the columns a sealed value is bound to, for every non-empty value (purged documents hold x''). */
async function rowsOf(db: Db, c: SealedColumn): Promise<Record<string, unknown>[]> {
  const cols = [...new Set([...c.key, ...c.uses])].join(', ');
  return (await db
    .prepare(`SELECT ${cols} FROM ${c.table} WHERE ${c.column} IS NOT NULL AND length(${c.column}) > 0`)
    .all()) as Record<string, unknown>[];
}

export async function rotateDataKey(
  db: Db,
  oldKey: Buffer,
  newKey: Buffer,
  options: { at: string; userId?: string | null },
): Promise<RotationReport> {
  if (newKey.length !== 32 || oldKey.length !== 32) throw new Error('Kunci data harus 32 byte.');
  if (newKey.equals(oldKey)) throw new Error('Kunci baru sama dengan kunci lama.');
  return await inTransaction(db, async () => {
    const report: RotationReport = { resealed: {}, reindexed: {} };
    for (const c of SEALED_COLUMNS) {
      const byKey = c.key.map((k) => `${k} = ?`).join(' AND ');
      const index = BLIND_INDEXES.find((b) => b.table === c.table && b.from === c.column);
      const read = db.prepare(`SELECT ${c.column} AS v FROM ${c.table} WHERE ${byKey}`);
      const write = db.prepare(
        `UPDATE ${c.table} SET ${c.column} = ?${index ? `, ${index.column} = ?` : ''} WHERE ${byKey}`,
      );
      let n = 0;
      for (const row of await rowsOf(db, c)) {
        const ad = c.ad(row);
        const key = c.key.map((k) => row[k]);
        const plain = open(oldKey, ((await read.get(...key)) as { v: Buffer }).v, ad);
        const sealed = seal(newKey, plain, ad);
        await write.run(...(index ? [sealed, blindIndex(newKey, plain.toString('utf8'))] : [sealed]), ...key);
        n++;
      }
      report.resealed[label(c)] = n;
      if (index) report.reindexed[label(index)] = n;
    }
    // The store records which key is current in the same commit: a restart tells the keys apart.
    await writeMeta(db, 'data_key_check', keyCheckOf(newKey), options.at);
    await writeAudit(db, {
      at: options.at,
      userId: options.userId ?? null,
      action: 'key.rotated',
      entity: 'data_key',
      entityId: null,
      detail: report as unknown as Record<string, unknown>,
    });
    return report;
  });
}

export interface SealedCheck {
  opened: number;
  failed: number;
  /** Blind index values that do not match their sealed value under this key. */
  indexMismatches: number;
}

/** Tries every sealed value (and blind index) under `key`: proves a rotation, or which key a store needs. */
export async function checkSealedValues(db: Db, key: Buffer): Promise<SealedCheck> {
  const result: SealedCheck = { opened: 0, failed: 0, indexMismatches: 0 };
  for (const c of SEALED_COLUMNS) {
    const index = BLIND_INDEXES.find((b) => b.table === c.table && b.from === c.column);
    const cols = [...c.uses, `${c.column} AS _v`, ...(index ? [`${index.column} AS _idx`] : [])].join(', ');
    const stmt = db.prepare(`SELECT ${cols} FROM ${c.table} WHERE ${c.column} IS NOT NULL AND length(${c.column}) > 0`);
    for await (const row of stmt.iterate() as AsyncIterable<Record<string, unknown>>) {
      try {
        const plain = open(key, row._v as Buffer, c.ad(row));
        result.opened++;
        if (index && row._idx !== blindIndex(key, plain.toString('utf8'))) result.indexMismatches++;
      } catch {
        result.failed++;
      }
    }
  }
  return result;
}
