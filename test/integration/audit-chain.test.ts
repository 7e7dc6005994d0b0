/**
 * The audit log as a hash chain: a real workflow writes entries, then an attacker with the file —
 * triggers dropped through a raw connection — edits, deletes, reorders or inserts entries, and
 * verifyAuditChain and `npm run audit:verify` name the first broken entry and what happened to it.
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type ChainedFields, entryHash, GENESIS_HASH } from '../../src/main/core/audit/chain';
import { type ChainReport, verifyAuditChain } from '../../src/main/core/audit/verify';
import { writeAudit } from '../../src/main/core/store/repos/audit';
import { SqliteStore } from '../../src/main/core/store/sqlite-store';
import {
  ADMIN_USERNAME,
  call,
  createApplication,
  errorOf,
  makeTempCore,
  readyOffice,
  type TestCore,
  walkToEnd,
} from '../helpers/core-fixture';

const TEMPLATE = 'trenggalek-2024';
const ROOT = resolve(__dirname, '../..');

let t: TestCore;
let total: number;
let copies = 0;

type Row = ChainedFields & { hash: string };

beforeAll(async () => {
  t = await makeTempCore();
  const { staff, template } = await readyOffice(t.core, TEMPLATE);
  const app = await createApplication(t.core, staff, TEMPLATE);
  await walkToEnd(t.core, staff, app.id, template, { clock: t.clock, minutesPerStep: 7 });
  errorOf(
    await call(t.core, 'auth.login', { username: ADMIN_USERNAME, password: 'BukanSandinya-1' }),
    'INVALID_CREDENTIALS',
  );
  total = ((await t.core.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get()) as { n: number }).n;
});

afterAll(async () => {
  await t.close();
});

/** A copy of the live database, tampered through its own connection the way a thief with the file would. */
async function tampered(tamper: (raw: Database.Database) => void): Promise<string> {
  const path = join(t.dir, `kopi-${++copies}.sqlite`);
  await t.core.db.exec(`VACUUM INTO '${path}'`);
  const raw = new Database(path);
  raw.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  tamper(raw);
  raw.close();
  return path;
}

async function verifyFile(path: string): Promise<ChainReport> {
  const db = new Database(path, { readonly: true });
  try {
    return await verifyAuditChain(new SqliteStore(db));
  } finally {
    db.close();
  }
}

const rowAt = (raw: Database.Database, seq: number) =>
  raw.prepare('SELECT * FROM audit_log WHERE seq = ?').get(seq) as Row;
const CONTENT = ['at', 'user_id', 'action', 'entity', 'entity_id', 'detail_json'] as const;

function overwrite(raw: Database.Database, seq: number, from: Row, columns: readonly string[]): void {
  raw
    .prepare(`UPDATE audit_log SET ${columns.map((c) => `${c} = @${c}`).join(', ')} WHERE seq = @target`)
    .run({ ...from, target: seq });
}

function runCli(path: string): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts', path], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('the chain as written by the app', () => {
  it('every entry of a real workflow is chained to the one before, from the genesis hash', async () => {
    const rows = (await t.core.db.prepare('SELECT * FROM audit_log ORDER BY seq').all()) as Row[];
    expect(rows.length).toBeGreaterThan(15);
    rows.forEach((row, i) => {
      expect(row.seq).toBe(i + 1);
      expect(row.prev_hash).toBe(i === 0 ? GENESIS_HASH : rows[i - 1]?.hash);
      expect(row.hash).toBe(entryHash(row));
    });
    expect(await verifyAuditChain(t.core.db)).toEqual({ ok: true, checked: total, firstBadId: null, problem: null });
  });

  it('an entry written in a transaction that rolls back leaves the chain whole', async () => {
    const before = await verifyAuditChain(t.core.db);
    await expect(
      t.core.db.transaction(async () => {
        await writeAudit(t.core.db, {
          at: t.clock.now().toISOString(),
          userId: null,
          action: 'test.rollback',
          entity: 'office',
          entityId: '1',
        });
        throw new Error('batal');
      }),
    ).rejects.toThrow('batal');
    expect(await verifyAuditChain(t.core.db)).toEqual(before);
  });

  it('the append-only triggers still refuse UPDATE and DELETE after migration 6', async () => {
    await expect(t.core.db.prepare("UPDATE audit_log SET hash = 'x' WHERE seq = 1").run()).rejects.toThrow(
      /append-only/,
    );
    await expect(t.core.db.prepare('DELETE FROM audit_log WHERE seq = 1').run()).rejects.toThrow(/append-only/);
  });
});

describe('tampering with the file', () => {
  it('an edited entry is found where it was edited', async () => {
    const path = await tampered((raw) =>
      raw.prepare(`UPDATE audit_log SET detail_json = '{"username":"orang.lain"}' WHERE seq = 9`).run(),
    );
    expect(await verifyFile(path)).toEqual({ ok: false, checked: 8, firstBadId: 9, problem: 'edited' });
  });

  it('an edited entry whose own hash was recomputed is still found: the next entry no longer links to it', async () => {
    const path = await tampered((raw) => {
      const row = { ...rowAt(raw, 12), action: 'auth.login' };
      raw.prepare('UPDATE audit_log SET action = ?, hash = ? WHERE seq = 12').run(row.action, entryHash(row));
    });
    expect(await verifyFile(path)).toMatchObject({ ok: false, firstBadId: 12, problem: 'edited' });
  });

  it('a deleted entry leaves a gap that is named', async () => {
    const path = await tampered((raw) => raw.prepare('DELETE FROM audit_log WHERE seq = 7').run());
    expect(await verifyFile(path)).toEqual({ ok: false, checked: 6, firstBadId: 7, problem: 'deleted' });
  });

  it('a deleted entry with the later ones renumbered to close the gap is found too', async () => {
    const path = await tampered((raw) => {
      raw.prepare('DELETE FROM audit_log WHERE seq = 7').run();
      raw.exec('UPDATE audit_log SET seq = -seq WHERE seq > 7; UPDATE audit_log SET seq = -seq - 1 WHERE seq < 0;');
    });
    expect(await verifyFile(path)).toMatchObject({ ok: false, firstBadId: 7, problem: 'deleted' });
  });

  it('entries cut from the end are found through the id counter', async () => {
    const path = await tampered((raw) => raw.prepare('DELETE FROM audit_log WHERE seq > ?').run(total - 2));
    expect(await verifyFile(path)).toEqual({
      ok: false,
      checked: total - 2,
      firstBadId: total - 1,
      problem: 'deleted',
    });
  });

  it('two entries swapped whole (hashes and all) are reordered, found at the earlier one', async () => {
    const path = await tampered((raw) => {
      const a = rowAt(raw, 5);
      const b = rowAt(raw, 15);
      const all = [...CONTENT, 'prev_hash', 'hash'];
      overwrite(raw, 5, b, all);
      overwrite(raw, 15, a, all);
    });
    expect(await verifyFile(path)).toEqual({ ok: false, checked: 4, firstBadId: 5, problem: 'reordered' });
  });

  it('two neighbours with only their content swapped are reordered too', async () => {
    const path = await tampered((raw) => {
      const a = rowAt(raw, 10);
      const b = rowAt(raw, 11);
      overwrite(raw, 10, b, CONTENT);
      overwrite(raw, 11, a, CONTENT);
    });
    expect(await verifyFile(path)).toEqual({ ok: false, checked: 9, firstBadId: 10, problem: 'reordered' });
  });

  it('a forged entry appended by plain SQL, without a hash, is an insertion', async () => {
    const path = await tampered((raw) =>
      raw
        .prepare(
          "INSERT INTO audit_log (at, user_id, action, entity, entity_id, detail_json) VALUES (?, NULL, 'user.update', 'user', 'x', '{}')",
        )
        .run(t.clock.now().toISOString()),
    );
    expect(await verifyFile(path)).toEqual({ ok: false, checked: total, firstBadId: total + 1, problem: 'inserted' });
  });

  it('a forged entry slipped into the middle with a correct hash, later entries renumbered, is an insertion', async () => {
    const path = await tampered((raw) => {
      raw.exec('UPDATE audit_log SET seq = -seq WHERE seq > 8; UPDATE audit_log SET seq = -seq + 1 WHERE seq < 0;');
      const forged = {
        seq: 9,
        at: rowAt(raw, 8).at,
        user_id: null,
        action: 'user.create',
        entity: 'user',
        entity_id: 'palsu',
        detail_json: '{}',
        prev_hash: rowAt(raw, 8).hash,
      };
      raw
        .prepare(
          'INSERT INTO audit_log (seq, at, user_id, action, entity, entity_id, detail_json, prev_hash, hash) VALUES (@seq, @at, @user_id, @action, @entity, @entity_id, @detail_json, @prev_hash, @hash)',
        )
        .run({
          ...forged,
          hash: entryHash(forged),
        });
    });
    expect(await verifyFile(path)).toEqual({ ok: false, checked: 9, firstBadId: 9, problem: 'inserted' });
  });
});

describe('npm run audit:verify', () => {
  it('exits 0 on a clean copy and 1 on a tampered one, naming the entry', async () => {
    const clean = await tampered(() => undefined);
    const ok = runCli(clean);
    expect(ok.stderr).toBe('');
    expect(ok.stdout.trim()).toBe(`Rantai audit utuh: ${total} entri diperiksa.`);
    expect(ok.status).toBe(0);

    const broken = runCli(await tampered((raw) => raw.prepare('DELETE FROM audit_log WHERE seq = 3').run()));
    expect(broken.stdout).toContain('Rantai audit RUSAK pada entri #3: entri dihapus');
    expect(broken.status).toBe(1);
  });

  it('exits 2 with an Indonesian message when no file is given or it does not exist', () => {
    expect(runCli(join(t.dir, 'tidak-ada.sqlite'))).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('Berkas basis data tidak ada'),
    });
  });
});
