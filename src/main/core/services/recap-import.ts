/**
 * Import of the office's existing Excel/CSV recap: a preview (suggested mapping and a per-row
 * report), then the confirmed mapping imports every valid row. Parsing and checking the file run
 * in a task worker thread (records/recap-sheet.ts); the main thread asks the store which NIKs it
 * already holds and commits the rows in short transactions of COMMIT_CHUNK rows, yielding between
 * them so other desks are served. All or nothing still: the import record and the audit entry are
 * written with the last chunk, and a failure removes the rows already committed for this import.
 */
import type { ChannelParsed, ChannelResult } from '../../../shared/contract/channels';
import type { ImportPreview, ImportProgress } from '../../../shared/domain/recap';
import type { ServiceContext } from '../context';
import { fail } from '../failure';
import type { ColumnMapping } from '../records/import-mapping';
import type { ValidationResult } from '../records/import-validate';
import { markKnownNiks, readRecapSheet, type RecapSheet, type RecapSheetInput } from '../records/recap-sheet';
import type { Db } from '../store/db';
import { inTransaction } from '../store/db';
import { writeAudit } from '../store/repos/audit';
import { insertHolderImport, insertHolders, niksInRecap } from '../store/repos/holders';
import type { WorkerPool } from '../workers/pool';
import { transferablesOf } from '../workers/protocol';
import { officeToday } from './holders';
import { newId } from './ids';

const MAX_PREVIEW_ISSUES = 500;
const IDLE: ImportProgress = {
  importId: null,
  state: 'idle',
  phase: null,
  processed: 0,
  total: 0,
  imported: 0,
  skipped: 0,
  message: null,
};

/** One import at a time per database; the screen polls this. */
const progressByDb = new WeakMap<Db, ImportProgress>();

/**
 * Rows per commit transaction: short enough that another desk waits milliseconds, not seconds
 * (measured on the volume office: ≈ 60–120 ms per 500 rows on a busy 2-core PC, so 200).
 */
export const COMMIT_CHUNK = 200;
/** NIKs per blind-index lookup batch between yields. */
const LOOKUP_CHUNK = 250;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function decode(dataBase64: string): Buffer {
  const bytes = Buffer.from(dataBase64, 'base64');
  if (bytes.length === 0) fail('FILE_EMPTY');
  return bytes;
}

/** Parses and checks in a worker thread when given the pool; in this thread otherwise (the bench's baseline). */
function parse(workers: WorkerPool | undefined, input: RecapSheetInput): Promise<RecapSheet> {
  if (!workers) return readRecapSheet(input);
  // The bytes move to the worker (no copy); the caller does not use them afterwards.
  return workers.run('recap.readSheet', input, transferablesOf(input.bytes));
}

export async function preview(
  ctx: ServiceContext,
  input: ChannelParsed<'holders.importPreview'>,
): Promise<ChannelResult<'holders.importPreview'>> {
  const sheet = await parse(ctx.workers, {
    bytes: decode(input.dataBase64),
    mapping: input.mapping ?? null,
    requireAll: false,
    now: ctx.clock.now(),
  });
  const { mapping } = sheet;
  const columns = sheet.header.map((h, i) => h || `Kolom ${i + 1}`);
  if (sheet.validation === null) {
    const issues = sheet.missing.map((label) => ({ row: 1, field: null, message: `Kolom ${label} belum dipetakan` }));
    return { columns, mapping, totalRows: sheet.totalRows, validRows: 0, issues, issuesTruncated: false };
  }
  const result = await markKnownNiks(
    sheet.validation,
    async (niks) => await niksInRecap(ctx.db, ctx.dataKey, niks),
    yieldToEventLoop,
    LOOKUP_CHUNK,
  );
  const report: ImportPreview = {
    columns,
    mapping,
    totalRows: result.totalRows,
    validRows: result.valid.length,
    issues: result.issues.slice(0, MAX_PREVIEW_ISSUES),
    issuesTruncated: result.issues.length > MAX_PREVIEW_ISSUES,
  };
  return report;
}

export interface ImportRun {
  db: Db;
  key: Buffer;
  userId: string;
  now: Date;
  fileName: string;
  bytes: Buffer;
  mapping: ColumnMapping;
  /** Where the file is parsed and checked; without it, in this thread (the bench's baseline). */
  workers?: WorkerPool;
  /** Rows per commit transaction (COMMIT_CHUNK); the bench's baseline passes Infinity (one transaction, as before). */
  commitChunk?: number;
  /** Sees every progress change (the service stores it for polling; the bench may log it). */
  onProgress?(p: ImportProgress): void;
}

/** Reads and checks one file (worker thread), then commits its valid rows in short transactions. */
export async function runImport(run: ImportRun): Promise<ImportProgress & { validation: ValidationResult }> {
  const importId = newId();
  let progress: ImportProgress = { ...IDLE, importId, state: 'running', phase: 'reading' };
  const report = (p: Partial<ImportProgress>) => {
    progress = { ...progress, ...p };
    run.onProgress?.(progress);
  };
  report({});
  const sheet = await parse(run.workers, { bytes: run.bytes, mapping: run.mapping, requireAll: true, now: run.now });
  const parsed = sheet.validation ?? fail('IMPORT_NOTHING_VALID');
  report({ phase: 'validating', total: sheet.totalRows });
  const validation = await markKnownNiks(
    parsed,
    async (niks) => await niksInRecap(run.db, run.key, niks),
    async (processed) => {
      report({ processed });
      await yieldToEventLoop();
    },
    LOOKUP_CHUNK,
  );
  if (validation.valid.length === 0) fail('IMPORT_NOTHING_VALID');
  report({ phase: 'saving', processed: 0 });
  await yieldToEventLoop();
  const at = run.now.toISOString();
  const today = await officeToday(run.db, run.now);
  let imported = 0;
  const chunk = run.commitChunk ?? COMMIT_CHUNK;
  try {
    for (let start = 0; start < validation.valid.length; start += chunk) {
      const last = start + chunk >= validation.valid.length;
      await inTransaction(run.db, async () => {
        // A handover may have put one of these NIKs into the recap while the file was being checked:
        // the check is repeated inside each transaction, so the same NIK never enters the recap twice.
        let rows = validation.valid.slice(start, start + chunk);
        const arrived = await niksInRecap(
          run.db,
          run.key,
          rows.map((h) => h.nik),
        );
        if (arrived.size > 0) rows = rows.filter((h) => !arrived.has(h.nik));
        await insertHolders(
          run.db,
          run.key,
          rows.map((h) => ({
            id: newId(),
            applicationId: null,
            name: h.name,
            nik: h.nik,
            nip: h.nip,
            agency: h.agency,
            position: h.position,
            officialEmail: h.officialEmail,
            phone: h.phone,
            issuedAt: h.issuedAt,
            expiresAt: h.expiresAt,
            bsreStatus: h.expiresAt < today ? 'EXPIRED' : 'ISSUE',
            createdAt: at,
            source: 'import',
            importId,
          })),
        );
        imported += rows.length;
        if (!last) return;
        if (imported === 0) fail('IMPORT_NOTHING_VALID');
        const skipped = validation.totalRows - imported;
        await insertHolderImport(run.db, {
          id: importId,
          at,
          byUserId: run.userId,
          fileName: run.fileName,
          totalRows: validation.totalRows,
          imported,
          skipped,
        });
        await writeAudit(run.db, {
          at,
          userId: run.userId,
          action: 'holders.imported',
          entity: 'holder_import',
          entityId: importId,
          detail: { fileName: run.fileName, totalRows: validation.totalRows, imported, skipped, mapping: run.mapping },
        });
      });
      if (!last) {
        report({ processed: imported });
        await yieldToEventLoop();
      }
    }
  } catch (error) {
    // All or nothing: the rows committed by earlier chunks of this import are taken out again.
    await inTransaction(
      run.db,
      async () => await run.db.prepare('DELETE FROM holders WHERE import_id = ?').run(importId),
    );
    throw error;
  }
  const skipped = validation.totalRows - imported;
  const message = `${imported} baris diimpor, ${skipped} baris dilewati.`;
  report({
    state: 'done',
    phase: null,
    processed: validation.totalRows,
    imported,
    skipped,
    message,
  });
  return { ...progress, validation };
}

export async function commit(
  ctx: ServiceContext,
  input: ChannelParsed<'holders.importCommit'>,
): Promise<ChannelResult<'holders.importCommit'>> {
  const caller = ctx.caller ?? fail('NOT_AUTHENTICATED');
  if (progressByDb.get(ctx.db)?.state === 'running') fail('IMPORT_RUNNING');
  const bytes = decode(input.dataBase64);
  progressByDb.set(ctx.db, { ...IDLE, state: 'running', phase: 'reading' });
  try {
    const { validation: _validation, ...done } = await runImport({
      db: ctx.db,
      key: ctx.dataKey,
      userId: caller.userId,
      now: ctx.clock.now(),
      fileName: input.fileName,
      bytes,
      mapping: input.mapping,
      workers: ctx.workers,
      onProgress: (p) => progressByDb.set(ctx.db, p),
    });
    return done;
  } catch (error) {
    const last = progressByDb.get(ctx.db) ?? IDLE;
    const message =
      error instanceof Error && 'code' in error ? error.message : 'Impor gagal; tidak ada baris yang disimpan.';
    progressByDb.set(ctx.db, { ...last, state: 'failed', phase: null, imported: 0, message });
    throw error;
  }
}

export function progress(ctx: ServiceContext): ChannelResult<'holders.importProgress'> {
  return progressByDb.get(ctx.db) ?? IDLE;
}
