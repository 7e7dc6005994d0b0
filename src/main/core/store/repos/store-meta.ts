/** Facts about the store itself (the data key's check value, the clock's high-water mark): one row per name. */
import type { Db } from '../db';

export type MetaName = 'data_key_check' | 'clock_seen_at' | 'clock_hold';

export async function readMeta(db: Db, name: MetaName): Promise<string | null> {
  const row = (await db.prepare('SELECT value FROM store_meta WHERE key = ?').get(name)) as
    { value: string } | undefined;
  return row?.value ?? null;
}

export async function writeMeta(db: Db, name: MetaName, value: string, at: string): Promise<void> {
  await db
    .prepare(
      `INSERT INTO store_meta (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    )
    .run(name, value, at);
}

export async function deleteMeta(db: Db, name: MetaName): Promise<void> {
  await db.prepare('DELETE FROM store_meta WHERE key = ?').run(name);
}
