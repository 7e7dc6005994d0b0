/**
 * Each migration with rows in it: old rows survive the next migration, new tables take rows, the
 * version stamp is right, a database from a newer app is refused, and the audit log stays append-only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createCore } from '../../src/main/core/app';
import { GENESIS_HASH } from '../../src/main/core/audit/chain';
import { verifyAuditChain } from '../../src/main/core/audit/verify';
import { StaticKeyProvider } from '../../src/main/core/crypto/key-provider';
import { Failure } from '../../src/main/core/failure';
import { openDatabase } from '../../src/main/core/store/db';
import { migrate, MIGRATIONS, SCHEMA_VERSION, schemaVersion } from '../../src/main/core/store/migrations';
import { writeAudit } from '../../src/main/core/store/repos/audit';
import { SqliteStore } from '../../src/main/core/store/sqlite-store';

const AT = '2025-03-10T02:00:00.000Z';

let dir: string;
let dbPath: string;
let db: Database.Database;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'loket-tte-mig-'));
  dbPath = join(dir, 'loket.sqlite');
  db = new Database(dbPath);
  db.pragma('foreign_keys = ON');
});

afterEach(() => {
  if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

function insertV1Rows(target: Database.Database): void {
  target
    .prepare(
      `INSERT INTO office (id, name, regency, address, time_zone, letterhead, sop_template_id, idle_lock_minutes, updated_at)
       VALUES (1, 'Dinas Kominfo', 'Kabupaten Trenggalek', 'Jl. Panglima Sudirman', 'WIB', 'KOP', 'trenggalek-2024', 15, ?)`,
    )
    .run(AT);
  const user = target.prepare(
    `INSERT INTO users (id, username, full_name, nip, role, password_hash, active, created_at) VALUES (?, ?, ?, ?, ?, 'scrypt$x', 1, ?)`,
  );
  user.run('u-admin', 'admin.tte', 'Admin TTE', '198503152010011002', 'admin', AT);
  user.run('u-verif', 'verif.satu', 'Verifikator Satu', '199105052019032007', 'verifikator', AT);
  target
    .prepare(
      `INSERT INTO audit_log (at, user_id, action, entity, entity_id, detail_json) VALUES (?, 'u-admin', 'setup.initialize', 'office', '1', '{}')`,
    )
    .run(AT);
}

function insertV2Rows(target: Database.Database): void {
  target
    .prepare(
      `INSERT INTO applications (id, reference_no, template_id, service_type, status, applicant_name, nik_sealed, nik_index, nik_masked,
         nip, rank, position, agency, phone_sealed, letter_number, letter_date, letter_subject, agenda_number,
         current_step_no, current_step_started_at, created_at, created_by, updated_at)
       VALUES ('a-1', 'TTE-2025-00001-AAAA', 'trenggalek-2024', 'new', 'inProgress', 'Budi', x'01', 'idx', '3503••••••••0001',
         '198506152010011003', 'III/c', 'Analis', 'Dinas Pendidikan', x'02', '800/1', '2025-03-07', 'Permohonan', 'AG-1',
         2, ?, ?, 'u-verif', ?)`,
    )
    .run(AT, AT, AT);
  target
    .prepare(
      `INSERT INTO documents (id, application_id, kind, file_name, mime_type, size, sha256, sealed, uploaded_at, uploaded_by)
       VALUES ('d-1', 'a-1', 'letter', 'surat.pdf', 'application/pdf', 10, 'abc', x'03', ?, 'u-verif')`,
    )
    .run(AT);
  target
    .prepare(
      `INSERT INTO step_events (id, application_id, step_no, kind, actor_id, actor_role, at, started_at, elapsed_minutes, standard_minutes)
       VALUES ('e-1', 'a-1', 1, 'completed', 'u-verif', 'verifikator', ?, ?, 0, 15)`,
    )
    .run(AT, AT);
  target
    .prepare(
      `INSERT INTO holders (id, application_id, name, nik_sealed, nik_index, nik_masked, nip, agency, position, phone_sealed, issued_at, expires_at, bsre_status, created_at)
       VALUES ('h-1', 'a-1', 'Budi', x'04', 'idx', '3503••••••••0001', '198506152010011003', 'Dinas Pendidikan', 'Analis', x'05', '2025-03-10', '2027-03-09', 'ISSUE', ?)`,
    )
    .run(AT);
}

const count = (target: Database.Database, table: string) =>
  (target.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('migrations', () => {
  it('the list is ordered and SCHEMA_VERSION is its last version', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(SCHEMA_VERSION).toBe(MIGRATIONS[MIGRATIONS.length - 1]?.version);
  });

  it('v1 creates office, users and audit_log that take rows, and stamps user_version 1', () => {
    migrate(db, 1);
    expect(schemaVersion(db)).toBe(1);
    insertV1Rows(db);
    expect(count(db, 'office')).toBe(1);
    expect(count(db, 'users')).toBe(2);
    expect(count(db, 'audit_log')).toBe(1);
    expect(() => db.prepare('SELECT 1 FROM applications').get()).toThrow(/no such table/);
  });

  it('v1 rows survive v2, and the v2 tables take rows that reference them', () => {
    migrate(db, 1);
    insertV1Rows(db);
    migrate(db, 2);

    expect(schemaVersion(db)).toBe(2);
    expect(db.prepare('SELECT name, sop_template_id, idle_lock_minutes FROM office').get()).toEqual({
      name: 'Dinas Kominfo',
      sop_template_id: 'trenggalek-2024',
      idle_lock_minutes: 15,
    });
    expect(db.prepare('SELECT username FROM users ORDER BY username').all()).toEqual([
      { username: 'admin.tte' },
      { username: 'verif.satu' },
    ]);
    expect(db.prepare('SELECT action FROM audit_log').all()).toEqual([{ action: 'setup.initialize' }]);

    insertV2Rows(db);
    for (const table of ['applications', 'documents', 'step_events', 'holders']) expect(count(db, table)).toBe(1);
  });

  it('v3 keeps v1/v2 rows, adds the BSrE tables and columns, and an inactive system actor', () => {
    migrate(db, 1);
    insertV1Rows(db);
    migrate(db, 2);
    insertV2Rows(db);
    migrate(db, 3);

    expect(schemaVersion(db)).toBe(3);
    expect(db.prepare('SELECT applicant_name, bsre_status, bsre_next_check_at FROM applications').get()).toEqual({
      applicant_name: 'Budi',
      bsre_status: null,
      bsre_next_check_at: null,
    });
    expect(db.prepare('SELECT bsre_status, bsre_checked_at FROM holders').get()).toEqual({
      bsre_status: 'ISSUE',
      bsre_checked_at: null,
    });
    expect(db.prepare("SELECT role, active, password_hash FROM users WHERE id = 'system-bsre'").get()).toEqual({
      role: 'verifikator',
      active: 0,
      password_hash: '!',
    });

    db.prepare(
      `INSERT INTO bsre_outbox (id, application_id, step_no, operation, payload_sealed, state, next_attempt_at, requested_by, created_at, updated_at)
       VALUES ('o-1', 'a-1', 5, 'registration', x'06', 'pending', ?, 'u-verif', ?, ?)`,
    ).run(AT, AT, AT);
    db.prepare(
      "INSERT INTO bsre_responses (id, application_id, operation, http_status, outcome, sealed, at) VALUES ('r-1', 'a-1', 'status', 200, 'ok', x'07', ?)",
    ).run(AT);
    db.prepare(
      "INSERT INTO bsre_settings (id, mode, base_url, username, api_version, registration_path, updated_at) VALUES (1, 'training', '', '', 'v2', '/api/v2/user/registration', ?)",
    ).run(AT);
    expect(count(db, 'bsre_outbox')).toBe(1);
    expect(() => db.prepare("UPDATE bsre_outbox SET state = 'lost' WHERE id = 'o-1'").run()).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO bsre_settings (id, mode, base_url, username, api_version, registration_path, updated_at) VALUES (2, 'live', '', '', 'v2', '/', ?)",
        )
        .run(AT),
    ).toThrow(/CHECK/);
  });

  it('v4 keeps v1–v3 rows and adds identity_checks, whose rows reference an application, a user and documents', () => {
    migrate(db, 1);
    insertV1Rows(db);
    migrate(db, 2);
    insertV2Rows(db);
    migrate(db, 3);
    db.prepare(
      "INSERT INTO bsre_responses (id, application_id, operation, http_status, outcome, sealed, at) VALUES ('r-1', 'a-1', 'status', 200, 'ok', x'07', ?)",
    ).run(AT);
    expect(() => db.prepare('SELECT 1 FROM identity_checks').get()).toThrow(/no such table/);
    migrate(db, 4);

    expect(schemaVersion(db)).toBe(4);
    for (const table of ['applications', 'documents', 'step_events', 'holders', 'bsre_responses'])
      expect(count(db, table)).toBe(1);
    expect(db.prepare('SELECT applicant_name, status FROM applications').get()).toEqual({
      applicant_name: 'Budi',
      status: 'inProgress',
    });
    expect(count(db, 'users')).toBe(3);

    db.prepare(
      `INSERT INTO documents (id, application_id, kind, file_name, mime_type, size, sha256, sealed, uploaded_at, uploaded_by)
       VALUES ('d-selfie', 'a-1', 'selfie', 'selfie.jpg', 'image/jpeg', 20, 'def', x'09', ?, 'u-verif')`,
    ).run(AT);
    db.prepare(
      `INSERT INTO identity_checks (id, application_id, consent_at, consent_version, consent_recorded_by, ktp_document_id, ocr_sealed,
         confirmed_sealed, confirmed_at, selfie_document_id, face_json, created_at, updated_at)
       VALUES ('ic-1', 'a-1', ?, 'v1', 'u-verif', 'd-1', x'0a', x'0b', ?, 'd-selfie', '{"score":0.91}', ?, ?)`,
    ).run(AT, AT, AT, AT);
    expect(
      db.prepare('SELECT application_id, ktp_document_id, selfie_document_id, face_json FROM identity_checks').get(),
    ).toEqual({
      application_id: 'a-1',
      ktp_document_id: 'd-1',
      selfie_document_id: 'd-selfie',
      face_json: '{"score":0.91}',
    });
    // Consent alone is a row: the KTP, the selfie and the readings come later.
    db.prepare(
      "INSERT INTO identity_checks (id, application_id, consent_at, consent_version, consent_recorded_by, created_at, updated_at) VALUES ('ic-2', 'a-1', ?, 'v1', 'u-verif', ?, ?)",
    ).run(AT, AT, AT);
    expect(count(db, 'identity_checks')).toBe(2);

    const check =
      (id: string, applicationId: string, recordedBy: string, ktp: string | null, selfie: string | null) => () =>
        db
          .prepare(
            `INSERT INTO identity_checks (id, application_id, consent_at, consent_version, consent_recorded_by, ktp_document_id,
             selfie_document_id, created_at, updated_at) VALUES (?, ?, ?, 'v1', ?, ?, ?, ?, ?)`,
          )
          .run(id, applicationId, AT, recordedBy, ktp, selfie, AT, AT);
    expect(check('ic-x1', 'a-x', 'u-verif', null, null)).toThrow(/FOREIGN KEY/);
    expect(check('ic-x2', 'a-1', 'no-such-user', null, null)).toThrow(/FOREIGN KEY/);
    expect(check('ic-x3', 'a-1', 'u-verif', 'd-x', null)).toThrow(/FOREIGN KEY/);
    expect(check('ic-x4', 'a-1', 'u-verif', null, 'd-x')).toThrow(/FOREIGN KEY/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO identity_checks (id, application_id, consent_version, consent_recorded_by, created_at, updated_at) VALUES ('ic-x5', 'a-1', 'v1', 'u-verif', ?, ?)",
        )
        .run(AT, AT),
    ).toThrow(/NOT NULL/);
    expect(count(db, 'identity_checks')).toBe(2);
  });

  it('v5 keeps older rows, indexes the recap names for word search, and takes the office-records rows', () => {
    migrate(db, 1);
    insertV1Rows(db);
    migrate(db, 2);
    insertV2Rows(db);
    migrate(db, 4);
    migrate(db, 5);

    expect(schemaVersion(db)).toBe(5);
    expect(db.prepare('SELECT source, import_id FROM holders').get()).toEqual({
      source: 'application',
      import_id: null,
    });
    // A holder that existed before v5 is found by any word of the name, and new ones follow by trigger.
    const byWord = (word: string) =>
      db.prepare('SELECT rowid FROM holders_name_fts WHERE holders_name_fts MATCH ?').pluck().all(`"${word}"*`).length;
    expect(byWord('bud')).toBe(1);
    db.prepare(
      `INSERT INTO holders (id, application_id, name, nik_sealed, nik_index, nik_masked, nip, agency, position, phone_sealed, issued_at, expires_at, bsre_status, created_at, source)
       VALUES ('h-2', NULL, 'Siti Rahayu Lestari', x'04', 'idx2', '3503••••••••0002', '198506152010012004', 'Bappeda', 'Analis', x'05', '2025-03-10', '2027-03-09', 'ISSUE', ?, 'import')`,
    ).run(AT);
    expect(byWord('lestari')).toBe(1);
    db.prepare("UPDATE holders SET name = 'Siti Wulandari' WHERE id = 'h-2'").run();
    expect(byWord('lestari')).toBe(0);
    expect(byWord('wulan')).toBe(1);
    db.prepare("DELETE FROM holders WHERE id = 'h-2'").run();
    expect(byWord('wulan')).toBe(0);

    db.prepare(
      "INSERT INTO reassignments (id, application_id, from_verifier_id, to_verifier_id, by_user_id, at, note) VALUES ('r-1', 'a-1', NULL, 'u-verif', 'u-admin', ?, '')",
    ).run(AT);
    db.prepare(
      "INSERT INTO holder_imports (id, at, by_user_id, file_name, total_rows, imported, skipped) VALUES ('i-1', ?, 'u-verif', 'rekap.xlsx', 10, 9, 1)",
    ).run(AT);
    db.prepare(
      `INSERT INTO message_log (id, at, template, channel, recipient_sealed, recipient_masked, recipient_name, application_id, via, status, sent_by)
       VALUES ('m-1', ?, 'received', 'whatsapp', x'08', '6281••••890', 'Budi', 'a-1', 'link', 'opened', 'u-verif')`,
    ).run(AT);
    expect(() =>
      db
        .prepare(
          "INSERT INTO message_log (id, at, template, channel, recipient_sealed, recipient_masked, recipient_name, via, status, sent_by) VALUES ('m-2', ?, 'received', 'sms', x'08', '-', 'Budi', 'link', 'opened', 'u-verif')",
        )
        .run(AT),
    ).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO reassignments (id, application_id, to_verifier_id, by_user_id, at) VALUES ('r-2', 'a-x', 'u-verif', 'u-admin', ?)",
        )
        .run(AT),
    ).toThrow(/FOREIGN KEY/);
    for (const table of ['reassignments', 'holder_imports', 'message_log']) expect(count(db, table)).toBe(1);
  });

  it('v2 tables enforce their references to v1 rows', () => {
    migrate(db, 1);
    insertV1Rows(db);
    migrate(db, 2);
    insertV2Rows(db);
    expect(() =>
      db
        .prepare(
          `INSERT INTO step_events (id, application_id, step_no, kind, actor_id, actor_role, at, started_at, elapsed_minutes)
           VALUES ('e-2', 'a-1', 2, 'completed', 'no-such-user', 'kadin', ?, ?, 1)`,
        )
        .run(AT, AT),
    ).toThrow(/FOREIGN KEY/);
  });

  it('migrating to the current version twice is a no-op that keeps the rows', () => {
    migrate(db);
    insertV1Rows(db);
    insertV2Rows(db);
    migrate(db);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(count(db, 'applications')).toBe(1);
    expect(count(db, 'users')).toBe(3); // two staff + the system actor of migration 3
  });

  it('openDatabase brings a fresh file to SCHEMA_VERSION', async () => {
    db.close();
    const opened = openDatabase(dbPath);
    try {
      expect(schemaVersion(opened.sqlite!)).toBe(SCHEMA_VERSION);
      expect(opened.sqlite!.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(opened.sqlite!.pragma('foreign_keys', { simple: true })).toBe(1);
    } finally {
      await opened.close();
    }
  });

  it('openDatabase refuses a database stamped by a newer app with DATABASE_TOO_NEW, and leaves it as it was', async () => {
    migrate(db);
    insertV1Rows(db);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();

    let thrown: unknown;
    try {
      await openDatabase(dbPath).close();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Failure);
    expect((thrown as Failure).code).toBe('DATABASE_TOO_NEW');
    expect((thrown as Failure).message).toMatch(/versi aplikasi yang lebih baru/);

    db = new Database(dbPath);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION + 1);
    expect(count(db, 'users')).toBe(3);
  });

  it('createCore refuses the newer database too', async () => {
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    await expect(createCore({ dbPath, keyProvider: new StaticKeyProvider() })).rejects.toThrow(Failure);
  });

  it('the audit log refuses UPDATE and DELETE', () => {
    migrate(db);
    insertV1Rows(db);
    expect(() => db.prepare("UPDATE audit_log SET action = 'tampered'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(db.prepare('SELECT action FROM audit_log').all()).toEqual([{ action: 'setup.initialize' }]);
    db.prepare(`INSERT INTO audit_log (at, action, entity) VALUES (?, 'auth.login', 'user')`).run(AT);
    expect(count(db, 'audit_log')).toBe(2);
  });

  it('v6 chains the audit entries written before it, keeps the guards, and adds the lockout counters', async () => {
    migrate(db, 5);
    insertV1Rows(db);
    insertV2Rows(db);
    const add = db.prepare(
      `INSERT INTO audit_log (at, user_id, action, entity, entity_id, detail_json) VALUES (?, 'u-verif', ?, 'application', 'a-1', '{}')`,
    );
    add.run(AT, 'application.create');
    add.run(AT, 'application.act');
    migrate(db, 6);

    expect(schemaVersion(db)).toBe(6);
    const rows = db.prepare('SELECT seq, action, prev_hash, hash FROM audit_log ORDER BY seq').all() as {
      seq: number;
      action: string;
      prev_hash: string;
      hash: string;
    }[];
    expect(rows.map((r) => r.action)).toEqual(['setup.initialize', 'application.create', 'application.act']);
    expect(rows[0]?.prev_hash).toBe(GENESIS_HASH);
    expect(rows[1]?.prev_hash).toBe(rows[0]?.hash);
    expect(rows[2]?.prev_hash).toBe(rows[1]?.hash);
    expect(await verifyAuditChain(new SqliteStore(db))).toEqual({
      ok: true,
      checked: 3,
      firstBadId: null,
      problem: null,
    });

    expect(() => db.prepare("UPDATE audit_log SET hash = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    await writeAudit(new SqliteStore(db), {
      at: AT,
      userId: 'u-admin',
      action: 'auth.login',
      entity: 'user',
      entityId: 'u-admin',
    });
    expect(await verifyAuditChain(new SqliteStore(db))).toEqual({
      ok: true,
      checked: 4,
      firstBadId: null,
      problem: null,
    });

    db.prepare(
      "INSERT INTO login_throttle (username, failures, window_started_at, locked_until) VALUES ('admin.tte', 5, ?, ?)",
    ).run(AT, AT);
    expect(() =>
      db
        .prepare("INSERT INTO login_throttle (username, failures, window_started_at) VALUES ('admin.tte', 1, ?)")
        .run(AT),
    ).toThrow(/UNIQUE/);
  });

  it('v7 keeps older rows, back-fills closed_at of closed applications only, and takes the retention and backup rows', () => {
    migrate(db, 1);
    insertV1Rows(db);
    migrate(db, 2);
    insertV2Rows(db);
    migrate(db, 6);
    const application = db.prepare(
      `INSERT INTO applications (id, reference_no, template_id, service_type, status, applicant_name, nik_sealed, nik_index, nik_masked,
         nip, rank, position, agency, phone_sealed, letter_number, letter_date, letter_subject, agenda_number,
         current_step_no, current_step_started_at, created_at, created_by, updated_at)
       VALUES (?, ?, 'trenggalek-2024', 'new', ?, 'Sari', x'01', 'idx', '3503••••••••0002',
         '198506152010011004', 'III/a', 'Pengelola', 'Bappeda', x'02', '800/2', '2025-03-07', 'Permohonan', 'AG-2',
         7, ?, ?, 'u-verif', ?)`,
    );
    application.run('a-done', 'TTE-2025-00002-BBBB', 'completed', AT, AT, '2025-03-12T04:00:00.000Z');
    application.run('a-rej', 'TTE-2025-00003-CCCC', 'rejected', AT, AT, '2025-03-13T05:00:00.000Z');
    application.run('a-ret', 'TTE-2025-00004-DDDD', 'returned', AT, AT, '2025-03-14T06:00:00.000Z');
    migrate(db, 7);

    expect(schemaVersion(db)).toBe(7);
    expect(db.prepare('SELECT id, status, closed_at FROM applications ORDER BY id').all()).toEqual([
      { id: 'a-1', status: 'inProgress', closed_at: null },
      { id: 'a-done', status: 'completed', closed_at: '2025-03-12T04:00:00.000Z' },
      { id: 'a-rej', status: 'rejected', closed_at: '2025-03-13T05:00:00.000Z' },
      { id: 'a-ret', status: 'returned', closed_at: null },
    ]);
    for (const table of ['documents', 'step_events', 'holders']) expect(count(db, table)).toBe(1);
    expect(db.prepare('SELECT action FROM audit_log').all()).toEqual([{ action: 'setup.initialize' }]);

    // A purged document keeps its row: the bytes become x'' and purged_at is set.
    expect(db.prepare('SELECT file_name, purged_at FROM documents').get()).toEqual({
      file_name: 'surat.pdf',
      purged_at: null,
    });
    db.prepare("UPDATE documents SET sealed = x'', purged_at = ? WHERE id = 'd-1'").run(AT);
    expect(db.prepare('SELECT length(sealed) AS bytes, purged_at FROM documents').get()).toEqual({
      bytes: 0,
      purged_at: AT,
    });

    db.prepare(
      "INSERT INTO retention_settings (id, document_days, updated_at, updated_by) VALUES (1, 365, ?, 'u-admin')",
    ).run(AT);
    db.prepare(
      "INSERT INTO purge_log (id, at, reason, application_id, documents, bytes, by_user_id) VALUES ('p-1', ?, 'retention', 'a-done', 3, 1024, NULL)",
    ).run(AT);
    db.prepare(
      "INSERT INTO purge_log (id, at, reason, application_id, documents, bytes, by_user_id) VALUES ('p-2', ?, 'erasure', 'a-rej', 1, 10, 'u-admin')",
    ).run(AT);
    db.prepare(
      "INSERT INTO backup_settings (id, directory, every_hours, keep, updated_at, updated_by) VALUES (1, '/srv/cadangan', 24, 7, ?, 'u-admin')",
    ).run(AT);
    db.prepare(
      `INSERT INTO backup_log (id, at, file_name, bytes, sha256, trigger, status, error, by_user_id)
       VALUES ('b-1', ?, 'loket-2025-03-10.tteb', 4096, 'abc', 'scheduled', 'ok', NULL, NULL)`,
    ).run(AT);
    db.prepare(
      `INSERT INTO backup_log (id, at, file_name, bytes, sha256, trigger, status, error, by_user_id)
       VALUES ('b-2', ?, '-', 0, '', 'manual', 'failed', 'disk full', 'u-admin')`,
    ).run(AT);
    expect(count(db, 'retention_settings')).toBe(1);
    expect(count(db, 'purge_log')).toBe(2);
    expect(count(db, 'backup_settings')).toBe(1);
    expect(count(db, 'backup_log')).toBe(2);

    const refused = (sql: string) => () => db.prepare(sql).run(AT);
    expect(
      refused(
        "INSERT INTO retention_settings (id, document_days, updated_at, updated_by) VALUES (2, 30, ?, 'u-admin')",
      ),
    ).toThrow(/CHECK/);
    expect(
      refused(
        "INSERT INTO purge_log (id, at, reason, application_id, documents, bytes) VALUES ('p-x', ?, 'whim', 'a-done', 0, 0)",
      ),
    ).toThrow(/CHECK/);
    expect(
      refused(
        "INSERT INTO purge_log (id, at, reason, application_id, documents, bytes) VALUES ('p-y', ?, 'retention', 'a-x', 0, 0)",
      ),
    ).toThrow(/FOREIGN KEY/);
    expect(
      refused(
        "INSERT INTO backup_settings (id, directory, every_hours, keep, updated_at, updated_by) VALUES (1, '/x', 1, 1, ?, 'u-admin')",
      ),
    ).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(
      refused(
        "INSERT INTO backup_log (id, at, file_name, bytes, sha256, trigger, status) VALUES ('b-x', ?, 'f', 0, '', 'hourly', 'ok')",
      ),
    ).toThrow(/CHECK/);
    expect(
      refused(
        "INSERT INTO backup_log (id, at, file_name, bytes, sha256, trigger, status, by_user_id) VALUES ('b-y', ?, 'f', 0, '', 'manual', 'ok', 'no-such-user')",
      ),
    ).toThrow(/FOREIGN KEY/);
  });
});
