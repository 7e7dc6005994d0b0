/**
 * The staff directory: the Admin imports the office's SIASN/SIMPEG export (preview with a suggested
 * column mapping and a per-row report, then all valid rows in one transaction; a re-import updates
 * by NIP), the desk looks a NIP up at intake, and the Kasi reads which recap holders retired or moved.
 */
import type { ChannelParsed, ChannelResult } from '../../../shared/contract/channels';
import { STAFF_FIELD_LABELS, type StaffFlag } from '../../../shared/domain/staff';
import type { ServiceContext } from '../context';
import { fail } from '../failure';
import { readSpreadsheet, type SheetData, UnreadableSpreadsheet } from '../records/spreadsheet-read';
import { type StaffMapping, suggestStaffMapping } from '../records/staff-mapping';
import { validateStaffSheet } from '../records/staff-validate';
import { inTransaction } from '../store/db';
import { writeAudit } from '../store/repos/audit';
import {
  countStaff,
  findStaff,
  flaggedHolders,
  insertStaffImport,
  knownNips,
  upsertStaff,
} from '../store/repos/staff-directory';
import { newId } from './ids';

const MAX_ISSUES = 500;

async function read(dataBase64: string): Promise<SheetData> {
  const bytes = Buffer.from(dataBase64, 'base64');
  if (bytes.length === 0) fail('FILE_EMPTY');
  try {
    const sheet = await readSpreadsheet(bytes);
    if (sheet.header.length === 0 || sheet.rows.length === 0) fail('IMPORT_EMPTY');
    return sheet;
  } catch (error) {
    if (error instanceof UnreadableSpreadsheet) fail('IMPORT_UNREADABLE');
    throw error;
  }
}

function checkMapping(mapping: StaffMapping, columns: number): void {
  const outside = Object.entries(mapping).filter(([, i]) => i !== undefined && i >= columns);
  if (outside.length)
    fail(
      'VALIDATION_FAILED',
      'Pemetaan kolom menunjuk kolom yang tidak ada di berkas.',
      Object.fromEntries(outside.map(([f]) => [`mapping.${f}`, 'Kolom tidak ada'])),
    );
  const missing = (['nip', 'name'] as const).filter((f) => mapping[f] === undefined);
  if (missing.length)
    fail(
      'VALIDATION_FAILED',
      `Kolom wajib belum dipetakan: ${missing.map((f) => STAFF_FIELD_LABELS[f]).join(', ')}.`,
      Object.fromEntries(missing.map((f) => [`mapping.${f}`, 'Pilih kolom'])),
    );
}

export async function importPreview(
  ctx: ServiceContext,
  input: ChannelParsed<'staff.importPreview'>,
): Promise<ChannelResult<'staff.importPreview'>> {
  const sheet = await read(input.dataBase64);
  const mapping = input.mapping ?? suggestStaffMapping(sheet.header);
  const columns = sheet.header.map((h, i) => h || `Kolom ${i + 1}`);
  if (mapping.nip === undefined || mapping.name === undefined)
    return {
      columns,
      mapping,
      totalRows: sheet.rows.length,
      validRows: 0,
      newRows: 0,
      updatedRows: 0,
      issues: [{ row: 1, field: null, message: 'Kolom NIP dan Nama belum dipetakan' }],
    };
  checkMapping(mapping, sheet.header.length);
  const { valid, issues } = validateStaffSheet(sheet, mapping, ctx.clock.now().toISOString());
  const known = knownNips(
    ctx.db,
    valid.map((v) => v.nip),
  );
  return {
    columns,
    mapping,
    totalRows: sheet.rows.length,
    validRows: valid.length,
    newRows: valid.length - known.size,
    updatedRows: known.size,
    issues: issues.slice(0, MAX_ISSUES),
  };
}

export async function importCommit(
  ctx: ServiceContext,
  input: ChannelParsed<'staff.importCommit'>,
): Promise<ChannelResult<'staff.importCommit'>> {
  const caller = ctx.caller ?? fail('NOT_AUTHENTICATED');
  const sheet = await read(input.dataBase64);
  checkMapping(input.mapping, sheet.header.length);
  const at = ctx.clock.now().toISOString();
  const { valid, issues } = validateStaffSheet(sheet, input.mapping, at);
  if (valid.length === 0) fail('IMPORT_NOTHING_VALID');
  const importId = newId();
  const skipped = sheet.rows.length - valid.length;
  const updated = inTransaction(ctx.db, () => {
    const known = knownNips(
      ctx.db,
      valid.map((v) => v.nip),
    ).size;
    upsertStaff(ctx.db, ctx.dataKey, valid, importId);
    insertStaffImport(ctx.db, {
      id: importId,
      at,
      byUserId: caller.userId,
      fileName: input.fileName,
      totalRows: sheet.rows.length,
      inserted: valid.length - known,
      updated: known,
      skipped,
    });
    writeAudit(ctx.db, {
      at,
      userId: caller.userId,
      action: 'staff.imported',
      entity: 'staff_import',
      entityId: importId,
      detail: {
        fileName: input.fileName,
        totalRows: sheet.rows.length,
        updated: known,
        skipped,
        mapping: input.mapping,
      },
    });
    return known;
  });
  return {
    importId,
    totalRows: sheet.rows.length,
    inserted: valid.length - updated,
    updated,
    skipped,
    issues: issues.slice(0, MAX_ISSUES),
    message: `${valid.length - updated} pegawai baru, ${updated} diperbarui, ${skipped} baris dilewati.`,
  };
}

/** The intake's NIP lookup; the HP it returns is personal data, so each lookup is audited. */
export function lookup(ctx: ServiceContext, input: ChannelParsed<'staff.lookup'>): ChannelResult<'staff.lookup'> {
  const caller = ctx.caller ?? fail('NOT_AUTHENTICATED');
  const found = findStaff(ctx.db, ctx.dataKey, input.nip);
  writeAudit(ctx.db, {
    at: ctx.clock.now().toISOString(),
    userId: caller.userId,
    action: 'staff.lookup',
    entity: 'staff',
    entityId: input.nip,
    detail: { found: Boolean(found) },
  });
  const warning =
    found && found.employmentStatus !== 'active'
      ? `Menurut data kepegawaian, pegawai ini berstatus "${found.statusNote || found.employmentStatus}". Periksa sebelum melanjutkan.`
      : null;
  return { found, warning };
}

export function flags(ctx: ServiceContext): ChannelResult<'staff.flags'> {
  const list: StaffFlag[] = flaggedHolders(ctx.db).map((f) => ({
    ...f,
    suggestion: f.employmentStatus === 'transferred' ? 'dataChange' : 'revocation',
  }));
  return { directorySize: countStaff(ctx.db), flags: list };
}
