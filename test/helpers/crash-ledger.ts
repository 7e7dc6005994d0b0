/**
 * What the crash-loop test was told (every ok answer, every request sent) and the checks that the
 * SQLite file still holds exactly that after each SIGKILL: integrity, audit chain, acknowledged
 * records present once, nothing duplicated, orphaned or half-written.
 */
import Database from 'better-sqlite3';
import { expect } from 'vitest';

import { verifyAuditChain } from '../../src/main/core/audit/verify';
import { SqliteStore } from '../../src/main/core/store/sqlite-store';

export interface SentIntake {
  letterSha: string;
  shas: string[];
  /** Set when the host answered ok before it died. */
  ack?: { id: string; referenceNo: string };
}

export interface AckedAct {
  applicationId: string;
  stepNo: number;
}

export interface Ledger {
  intakes: SentIntake[];
  acts: AckedAct[];
}

export interface StoredApp {
  id: string;
  status: string;
  currentStepNo: number;
}

const count = (db: Database.Database, sql: string, ...args: unknown[]) =>
  (db.prepare(sql).get(...args) as { n: number }).n;
const rows = <T>(db: Database.Database, sql: string, ...args: unknown[]) => db.prepare(sql).all(...args) as T[];

/** Checks the store against the ledger in one read snapshot; returns the open applications and how many records were checked. */
export async function verifyStore(
  dbPath: string,
  ledger: Ledger,
  registrationStep: number,
  requiredKinds: string[],
): Promise<{ apps: StoredApp[]; checked: number }> {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    db.exec('BEGIN');
    expect(db.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const chain = await verifyAuditChain(new SqliteStore(db));
    expect(chain).toMatchObject({ ok: true, problem: null });

    // Every acknowledged intake: its application once, its documents by sha256, its step-1 event and audit entry once.
    for (const intake of ledger.intakes) {
      expect(count(db, 'SELECT COUNT(*) AS n FROM documents WHERE sha256 = ?', intake.letterSha)).toBeLessThanOrEqual(
        1,
      );
      if (!intake.ack) continue;
      const apps = rows<{ id: string }>(
        db,
        'SELECT id FROM applications WHERE reference_no = ?',
        intake.ack.referenceNo,
      );
      expect(apps).toEqual([{ id: intake.ack.id }]);
      const shas = rows<{ sha256: string }>(
        db,
        'SELECT sha256 FROM documents WHERE application_id = ? ORDER BY sha256',
        intake.ack.id,
      ).map((r) => r.sha256);
      expect(shas).toEqual([...intake.shas].sort());
      expect(
        count(
          db,
          "SELECT COUNT(*) AS n FROM step_events WHERE application_id = ? AND step_no = 1 AND kind = 'completed'",
          intake.ack.id,
        ),
      ).toBe(1);
      expect(
        count(
          db,
          "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'application.create' AND entity_id = ?",
          intake.ack.id,
        ),
      ).toBe(1);
    }
    // Every acknowledged step move: its event once (the registration step: its outbox entry once).
    for (const act of ledger.acts) {
      if (act.stepNo === registrationStep)
        expect(
          count(
            db,
            'SELECT COUNT(*) AS n FROM bsre_outbox WHERE application_id = ? AND step_no = ?',
            act.applicationId,
            act.stepNo,
          ),
        ).toBe(1);
      else
        expect(
          count(
            db,
            "SELECT COUNT(*) AS n FROM step_events WHERE application_id = ? AND step_no = ? AND kind = 'completed'",
            act.applicationId,
            act.stepNo,
          ),
        ).toBe(1);
    }

    // Nothing duplicated, orphaned or half-written anywhere in the file.
    expect(
      rows(
        db,
        "SELECT application_id, step_no FROM step_events WHERE kind = 'completed' GROUP BY application_id, step_no HAVING COUNT(*) > 1",
      ),
    ).toEqual([]);
    expect(
      rows(db, 'SELECT application_id, step_no FROM bsre_outbox GROUP BY application_id, step_no HAVING COUNT(*) > 1'),
    ).toEqual([]);
    expect(rows(db, "SELECT id, last_error FROM bsre_outbox WHERE state = 'failed'")).toEqual([]);
    expect(rows(db, 'SELECT id FROM documents WHERE application_id NOT IN (SELECT id FROM applications)')).toEqual([]);
    expect(
      rows(
        db,
        "SELECT id FROM applications a WHERE NOT EXISTS (SELECT 1 FROM step_events e WHERE e.application_id = a.id AND e.step_no = 1 AND e.kind = 'completed')",
      ),
    ).toEqual([]);
    for (const kind of requiredKinds)
      expect(
        rows(
          db,
          'SELECT id FROM applications a WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.application_id = a.id AND d.kind = ?)',
          kind,
        ),
      ).toEqual([]);
    expect(
      rows(
        db,
        "SELECT id FROM applications a WHERE status = 'inProgress' AND current_step_no <> 1 + (SELECT MAX(step_no) FROM step_events e WHERE e.application_id = a.id AND e.kind = 'completed')",
      ),
    ).toEqual([]);
    expect(count(db, "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'application.create'")).toBe(
      count(db, 'SELECT COUNT(*) AS n FROM applications'),
    );
    expect(count(db, "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'application.step_completed'")).toBe(
      count(db, "SELECT COUNT(*) AS n FROM step_events WHERE kind = 'completed' AND step_no > 1"),
    );
    expect(count(db, "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'bsre.registration_requested'")).toBe(
      count(db, 'SELECT COUNT(*) AS n FROM bsre_outbox'),
    );

    const apps = rows<StoredApp>(
      db,
      'SELECT id, status, current_step_no AS currentStepNo FROM applications ORDER BY created_at',
    );
    const checked =
      apps.length +
      count(db, 'SELECT COUNT(*) AS n FROM documents') +
      count(db, 'SELECT COUNT(*) AS n FROM step_events') +
      count(db, 'SELECT COUNT(*) AS n FROM bsre_outbox') +
      chain.checked;
    db.exec('COMMIT');
    return { apps, checked };
  } finally {
    db.close();
  }
}
