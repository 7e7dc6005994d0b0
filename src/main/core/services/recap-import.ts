/**
 * Import of the office's existing Excel/CSV recap: a preview (suggested mapping and a per-row
 * report), then the confirmed mapping imports every valid row in one transaction — all or nothing.
 * Reading and checking run in chunks that yield to the event loop, so progress can be polled.
 */
import type { ChannelParsed, ChannelResult } from '../../../shared/contract/channels';
import {
  IMPORT_FIELD_LABELS,
  type ImportPreview,
  type ImportProgress,
  REQUIRED_IMPORT_FIELDS,
} from '../../../shared/domain/recap';
import type { ServiceContext } from '../context';
import { fail } from '../failure';
import { type ColumnMapping, suggestMapping } from '../records/import-mapping';
import { validateSheet, type ValidationResult } from '../records/import-validate';
import { readSpreadsheet, type SheetData, UnreadableSpreadsheet } from '../records/spreadsheet-read';
import type { Db } from '../store/db';
import { inTransaction } from '../store/db';
import { writeAudit } from '../store/repos/audit';
import { insertHolderImport, insertHolders, niksInRecap } from '../store/repos/holders';
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

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function decode(dataBase64: string): Buffer {
  const bytes = Buffer.from(dataBase64, 'base64');
  if (bytes.length === 0) fail('FILE_EMPTY');
  return bytes;
}

async function read(bytes: Buffer): Promise<SheetData> {
  try {
    const sheet = await readSpreadsheet(bytes);
    if (sheet.header.length === 0 || sheet.rows.length === 0) fail('IMPORT_EMPTY');
    return sheet;
  } catch (error) {
    if (error instanceof UnreadableSpreadsheet) fail('IMPORT_UNREADABLE');
    throw error;
  }
}

function checkMapping(mapping: ColumnMapping, columns: number, requireAll: boolean): string[] {
  const outside = Object.entries(mapping).filter(([, index]) => index !== undefined && index >= columns);
  if (outside.length)
    fail(
      'VALIDATION_FAILED',
      'Pemetaan kolom menunjuk kolom yang tidak ada di berkas.',
      Object.fromEntries(outside.map(([f]) => [`mapping.${f}`, 'Kolom tidak ada'])),
    );
  const missing = REQUIRED_IMPORT_FIELDS.filter((f) => mapping[f] === undefined);
  if (requireAll && missing.length)
    fail(
      'VALIDATION_FAILED',
      `Kolom wajib belum dipetakan: ${missing.map((f) => IMPORT_FIELD_LABELS[f]).join(', ')}.`,
      Object.fromEntries(missing.map((f) => [`mapping.${f}`, 'Pilih kolom'])),
    );
  return missing.map((f) => IMPORT_FIELD_LABELS[f]);
}

export async function preview(
  ctx: ServiceContext,
  input: ChannelParsed<'holders.importPreview'>,
): Promise<ChannelResult<'holders.importPreview'>> {
  const sheet = await read(decode(input.dataBase64));
  const mapping = input.mapping ?? suggestMapping(sheet.header);
  const missing = checkMapping(mapping, sheet.header.length, false);
  const columns = sheet.header.map((h, i) => h || `Kolom ${i + 1}`);
  if (missing.length) {
    const issues = missing.map((label) => ({ row: 1, field: null, message: `Kolom ${label} belum dipetakan` }));
    return { columns, mapping, totalRows: sheet.rows.length, validRows: 0, issues, issuesTruncated: false };
  }
  const result = await validateSheet(sheet, mapping, {
    now: ctx.clock.now(),
    inRecap: (niks) => niksInRecap(ctx.db, ctx.dataKey, niks),
    onProgress: yieldToEventLoop,
  });
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
  /** Sees every progress change (the service stores it for polling; the bench may log it). */
  onProgress?(p: ImportProgress): void;
}

/** Reads, checks and imports one file; the holders, the import record and the audit entry are one transaction. */
export async function runImport(run: ImportRun): Promise<ImportProgress & { validation: ValidationResult }> {
  const importId = newId();
  let progress: ImportProgress = { ...IDLE, importId, state: 'running', phase: 'reading' };
  const report = (p: Partial<ImportProgress>) => {
    progress = { ...progress, ...p };
    run.onProgress?.(progress);
  };
  report({});
  const sheet = await read(run.bytes);
  checkMapping(run.mapping, sheet.header.length, true);
  report({ phase: 'validating', total: sheet.rows.length });
  await yieldToEventLoop();
  const validation = await validateSheet(sheet, run.mapping, {
    now: run.now,
    inRecap: (niks) => niksInRecap(run.db, run.key, niks),
    onProgress: async (processed) => {
      report({ processed });
      await yieldToEventLoop();
    },
  });
  if (validation.valid.length === 0) fail('IMPORT_NOTHING_VALID');
  report({ phase: 'saving' });
  await yieldToEventLoop();
  const at = run.now.toISOString();
  const today = officeToday(run.db, run.now);
  // A handover may have put one of these NIKs into the recap while the file was being checked: the
  // check is repeated inside the transaction, so the same NIK never enters the recap twice.
  let rows = validation.valid;
  inTransaction(run.db, () => {
    const arrived = niksInRecap(
      run.db,
      run.key,
      rows.map((h) => h.nik),
    );
    if (arrived.size > 0) rows = rows.filter((h) => !arrived.has(h.nik));
    if (rows.length === 0) fail('IMPORT_NOTHING_VALID');
    const skipped = validation.totalRows - rows.length;
    insertHolderImport(run.db, {
      id: importId,
      at,
      byUserId: run.userId,
      fileName: run.fileName,
      totalRows: validation.totalRows,
      imported: rows.length,
      skipped,
    });
    insertHolders(
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
    writeAudit(run.db, {
      at,
      userId: run.userId,
      action: 'holders.imported',
      entity: 'holder_import',
      entityId: importId,
      detail: {
        fileName: run.fileName,
        totalRows: validation.totalRows,
        imported: rows.length,
        skipped,
        mapping: run.mapping,
      },
    });
  });
  const skipped = validation.totalRows - rows.length;
  const message = `${rows.length} baris diimpor, ${skipped} baris dilewati.`;
  report({
    state: 'done',
    phase: null,
    processed: validation.totalRows,
    imported: rows.length,
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
