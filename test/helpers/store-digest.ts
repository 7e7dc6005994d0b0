/** Row counts and a content hash of every table of a SQLite file, to prove two stores hold the same records. */
import { createHash } from 'node:crypto';

import type Database from 'better-sqlite3';

export interface TableDigest {
  rows: number;
  sha256: string;
}

const cell = (v: unknown) => (Buffer.isBuffer(v) ? `x'${v.toString('hex')}'` : JSON.stringify(v));

export function tableDigests(db: Database.Database, skip: readonly string[] = []): Record<string, TableDigest> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  const out: Record<string, TableDigest> = {};
  for (const { name } of tables) {
    if (skip.includes(name)) continue;
    const rows = (db.prepare(`SELECT * FROM "${name}"`).raw().all() as unknown[][])
      .map((r) => r.map(cell).join('|'))
      .sort();
    out[name] = { rows: rows.length, sha256: createHash('sha256').update(rows.join('\n')).digest('hex') };
  }
  return out;
}
