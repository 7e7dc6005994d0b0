/**
 * Data-key rotation on a real store: after `rotateDataKey` a core opened with the new key reads
 * every sealed value and finds a holder by full NIK (blind index recomputed), while the old key
 * opens nothing; a failure part-way changes nothing; `npm run key:rotate` swaps the key file; and
 * every BLOB column of the schema is either rotated or declared non-secret.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type Core, createCore } from '../../src/main/core/app';
import { verifyAuditChain } from '../../src/main/core/audit/verify';
import { StaticKeyProvider } from '../../src/main/core/crypto/key-provider';
import { checkSealedValues, rotateDataKey } from '../../src/main/core/crypto/rotate-key';
import { BLIND_INDEXES, NON_SECRET_BLOB_TABLES, SEALED_COLUMNS } from '../../src/main/core/crypto/sealed-columns';
import type { Db } from '../../src/main/core/store/db';
import { type IdentityCheckRecord, saveIdentityCheck } from '../../src/main/core/store/repos/identity-checks';
import { saveIntakeKtpReading } from '../../src/main/core/store/repos/intake';
import { SqliteStore } from '../../src/main/core/store/sqlite-store';
import type { SessionInfo } from '../../src/shared/domain/office';
import {
  APPLICANT_NIK,
  APPLICANT_NIP,
  APPLICANT_PHONE,
  auditActions,
  call,
  createApplication,
  makeTempCore,
  pdfBytes,
  readyOffice,
  type Staff,
  STAFF_PASSWORD,
  TEST_PASSWORD_COST,
  type TestCore,
  unwrap,
  validIntake,
  walkToEnd,
} from '../helpers/core-fixture';
import { tableDigests } from '../helpers/store-digest';

let t: TestCore;
let admin: SessionInfo;
let staff: Staff;
let appId: string;
const quiet = { info: () => {}, error: () => {} };

beforeAll(async () => {
  t = await makeTempCore();
  const office = await readyOffice(t.core, 'trenggalek-2024');
  ({ admin, staff } = office);
  // The same person twice: one application done, then (one open application per person) a new one.
  const done = unwrap(
    await call(t.core, 'applications.create', validIntake('trenggalek-2024'), staff.tokens.verifikator),
  );
  await walkToEnd(t.core, staff, done.id, office.template, { clock: t.clock, minutesPerStep: 3 });
  appId = unwrap(
    await call(t.core, 'applications.create', validIntake('trenggalek-2024'), staff.tokens.verifikator),
  ).id;
  // Intake's sealed values: a staff directory row with HP, a draft, the KTP reading kept from intake.
  const directory = ['NIP;Nama;No HP', `${APPLICANT_NIP};Budi Santoso;${APPLICANT_PHONE}`].join('\n');
  const file = { fileName: 'pegawai.csv', dataBase64: Buffer.from(directory).toString('base64') };
  unwrap(await call(t.core, 'staff.importCommit', { ...file, mapping: { nip: 0, name: 1, phone: 2 } }, admin.token));
  unwrap(await call(t.core, 'intake.draftSave', { draft: { nik: APPLICANT_NIK } }, staff.tokens.verifikator));
  const ktpDoc = (await t.core.db
    .prepare('SELECT id FROM documents WHERE application_id = ? LIMIT 1')
    .pluck()
    .get(appId)) as string;
  await saveIntakeKtpReading(t.core.db, t.key, {
    applicationId: appId,
    documentId: ktpDoc,
    ocr: { fields: { nik: { value: APPLICANT_NIK } } } as never,
    at: t.clock.now().toISOString(),
  });
  // With an idempotency key, so its kept (sealed) result is among the values rotated.
  unwrap(
    await t.core.dispatch(
      'messages.send',
      { applicationId: appId, template: 'received', channel: 'whatsapp' },
      { token: staff.tokens.verifikator, idempotencyKey: 'seed-message-0001-abcdef' },
    ),
  );
  unwrap(
    await call(
      t.core,
      'messages.updateSmtp',
      {
        enabled: true,
        host: 'smtp.kantor.go.id',
        port: 587,
        secure: false,
        username: 'tte',
        password: 'SandiSmtp2025',
        from: 'tte@kominfo.go.id',
      },
      admin.token,
    ),
  );
  const at = t.clock.now().toISOString();
  const check: IdentityCheckRecord = {
    id: 'ic-1',
    applicationId: appId,
    consentAt: at,
    consentVersion: 'v1',
    consentRecordedBy: staff.users.verifikator.id,
    ktpDocumentId: null,
    ocr: { nik: APPLICANT_NIK } as unknown as IdentityCheckRecord['ocr'],
    confirmed: { nik: APPLICANT_NIK },
    confirmedAt: at,
    selfieDocumentId: null,
    face: null,
    createdAt: at,
    updatedAt: at,
  };
  await saveIdentityCheck(t.core.db, t.key, check);
});

afterAll(async () => {
  await t.close();
});

const sealedTotal = async (db: Db) => (await checkSealedValues(db, t.key)).opened;

describe('the catalogue of sealed columns', () => {
  it('every column that holds or is declared to hold a BLOB is rotated or declared non-secret; every *_index is recomputed', async () => {
    const db = t.core.db;
    const tables = (
      (await db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all()) as {
        name: string;
      }[]
    ).map((r) => r.name);
    const handled = new Set(SEALED_COLUMNS.map((c) => `${c.table}.${c.column}`));
    const indexes = new Set(BLIND_INDEXES.map((c) => `${c.table}.${c.column}`));
    const blobColumns: string[] = [];
    const unhandled: string[] = [];
    for (const table of tables) {
      const nonSecret = NON_SECRET_BLOB_TABLES.some((re) => re.test(table));
      for (const col of (await db.prepare(`SELECT name, type FROM pragma_table_info(?)`).all(table)) as {
        name: string;
        type: string;
      }[]) {
        const declared = /BLOB/i.test(col.type);
        const holds =
          (
            (await db.prepare(`SELECT COUNT(*) AS n FROM "${table}" WHERE typeof("${col.name}") = 'blob'`).get()) as {
              n: number;
            }
          ).n > 0;
        const named = /sealed/i.test(col.name);
        if (!declared && !holds && !named) continue;
        blobColumns.push(`${table}.${col.name}`);
        if (!handled.has(`${table}.${col.name}`) && !nonSecret) unhandled.push(`${table}.${col.name}`);
      }
      for (const col of (await db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table)) as { name: string }[])
        if (/_index$/.test(col.name) && !indexes.has(`${table}.${col.name}`))
          unhandled.push(`${table}.${col.name} (blind index?)`);
    }
    expect(unhandled).toEqual([]);
    // And nothing listed is stale: each catalogued column exists.
    for (const c of [...SEALED_COLUMNS, ...BLIND_INDEXES])
      expect(blobColumns.concat([...indexes]), `${c.table}.${c.column}`).toContain(`${c.table}.${c.column}`);
    expect(handled.size).toBe(16);
  });

  it("each catalogued row key is its table's primary key (rotation finds each row by it on both engines)", async () => {
    for (const c of SEALED_COLUMNS) {
      const pk = (
        (await t.core.db.prepare('SELECT name, pk FROM pragma_table_info(?) WHERE pk > 0').all(c.table)) as {
          name: string;
          pk: number;
        }[]
      )
        .sort((a, b) => a.pk - b.pk)
        .map((r) => r.name);
      expect(c.key, c.table).toEqual(pk);
    }
  });

  it('the seeded store exercises the columns (so the rotation below is not vacuous)', async () => {
    for (const c of SEALED_COLUMNS) {
      if (c.table.startsWith('bsre_')) continue; // BSrE rows exist only with a connected BSrE (covered by the catalogue test)
      const n = (
        (await t.core.db.prepare(`SELECT COUNT(*) AS n FROM ${c.table} WHERE length(${c.column}) > 0`).get()) as {
          n: number;
        }
      ).n;
      expect(n, `${c.table}.${c.column}`).toBeGreaterThan(0);
    }
  });
});

describe('rotateDataKey', () => {
  it('a failure part-way (one value that does not open) rolls everything back', async () => {
    const db = t.core.db;
    const before = tableDigests(db.sqlite!);
    const doc = (await db.prepare('SELECT rowid AS r, sealed FROM documents ORDER BY rowid DESC LIMIT 1').get()) as {
      r: number;
      sealed: Buffer;
    };
    const broken = Buffer.from(doc.sealed);
    broken[broken.length - 1] = (broken[broken.length - 1] ?? 0) ^ 1;
    await db.prepare('UPDATE documents SET sealed = ? WHERE rowid = ?').run(broken, doc.r);
    const withBroken = tableDigests(db.sqlite!);
    await expect(rotateDataKey(db, t.key, randomBytes(32), { at: t.clock.now().toISOString() })).rejects.toThrow();
    expect(tableDigests(db.sqlite!)).toEqual(withBroken);
    await db.prepare('UPDATE documents SET sealed = ? WHERE rowid = ?').run(doc.sealed, doc.r);
    expect(tableDigests(db.sqlite!)).toEqual(before);
  });

  it('re-seals everything: a core with the new key reads it all, NIK search works, the old key opens nothing', async () => {
    const total = await sealedTotal(t.core.db);
    const newKey = randomBytes(32);
    const report = await rotateDataKey(t.core.db, t.key, newKey, { at: t.clock.now().toISOString() });
    expect(Object.values(report.resealed).reduce((a, b) => a + b, 0)).toBe(total);
    expect(report.reindexed).toEqual({ 'applications.nik_index': 2, 'holders.nik_index': 1 });
    expect(await checkSealedValues(t.core.db, t.key)).toEqual({ opened: 0, failed: total, indexMismatches: 0 });
    expect(await checkSealedValues(t.core.db, newKey)).toEqual({ opened: total, failed: 0, indexMismatches: 0 });
    expect(await auditActions(t.core.db, 'key.rotated')).toHaveLength(1);
    expect((await verifyAuditChain(t.core.db)).ok).toBe(true);
    await t.core.close();

    const core: Core = await createCore({
      dbPath: t.dbPath,
      keyProvider: new StaticKeyProvider(newKey),
      clock: t.clock,
      logger: quiet,
      passwordCost: TEST_PASSWORD_COST,
    });
    try {
      const token = unwrap(
        await call(core, 'auth.login', { username: 'verifikator.satu', password: STAFF_PASSWORD }),
      ).token;
      const app = unwrap(await call(core, 'applications.get', { id: appId }, token));
      expect(app.applicant.nik).toBe(APPLICANT_NIK);
      expect(app.applicant.phone).toBe(APPLICANT_PHONE);
      const doc = unwrap(
        await call(core, 'documents.get', { id: app.documents.find((d) => d.kind === 'letter')?.id ?? '' }, token),
      );
      expect(Buffer.from(doc.dataBase64, 'base64').equals(pdfBytes('Dokumen letter'))).toBe(true);
      const found = unwrap(await call(core, 'holders.list', { query: APPLICANT_NIK }, token));
      expect(found.rows.map((r) => r.nik)).toEqual([APPLICANT_NIK]);
      const apps = unwrap(await call(core, 'applications.list', { query: APPLICANT_NIK, status: 'all' }, token));
      expect(apps.length).toBe(2);
      const adminToken = unwrap(
        await call(core, 'auth.login', { username: 'admin.tte', password: 'RahasiaAdmin2025' }),
      ).token;
      expect(unwrap(await call(core, 'messages.getSmtp', {}, adminToken)).passwordSet).toBe(true);
    } finally {
      await core.close();
    }
  });
});

describe('npm run key:rotate', () => {
  it('swaps data.key for a new key only after the commit, removes the old key copy, and the store opens with the new key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'loket-rotate-'));
    const seed = await makeTempCore();
    try {
      // A web-host data folder: loket-tte.sqlite and its 0600 data.key.
      const { staff: s2 } = await readyOffice(seed.core, 'trenggalek-2024');
      await createApplication(seed.core, s2, 'trenggalek-2024');
      await seed.core.close();
      for (const suffix of ['', '-wal'])
        if (existsSync(seed.dbPath + suffix))
          copyFileSync(seed.dbPath + suffix, join(dir, `loket-tte.sqlite${suffix}`));
      const keyPath = join(dir, 'data.key');
      writeFileSync(keyPath, seed.key.toString('base64'), { mode: 0o600 });
      const copy = new Database(join(dir, 'loket-tte.sqlite'));
      const sealedBefore = (await checkSealedValues(new SqliteStore(copy), seed.key)).opened;
      copy.close();
      expect(sealedBefore).toBeGreaterThan(0);
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/key-rotate.ts', '--data', dir], {
        encoding: 'utf8',
      });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('applications.nik_index');
      const newKey = Buffer.from(readFileSync(keyPath, 'utf8'), 'base64');
      expect(newKey.length).toBe(32);
      expect(newKey.equals(seed.key)).toBe(false);
      if (process.platform !== 'win32') expect(statSync(keyPath).mode & 0o077).toBe(0);
      expect(readdirSync(dir).filter((n) => n.startsWith('data.key'))).toEqual(['data.key']);
      const db = new Database(join(dir, 'loket-tte.sqlite'));
      try {
        const check = await checkSealedValues(new SqliteStore(db), newKey);
        expect(check).toMatchObject({ failed: 0, indexMismatches: 0 });
        expect(check.opened).toBe(sealedBefore);
        expect((await checkSealedValues(new SqliteStore(db), seed.key)).opened).toBe(0);
        expect((await verifyAuditChain(new SqliteStore(db))).ok).toBe(true);
      } finally {
        db.close();
      }
    } finally {
      await seed.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
